import { Check, Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * Failed authentications of one client address in its current window, shared by every instance on the database.
 * Written only by AuthFailureLimiter, one upsert per failure.
 */
@Entity({ name: 'auth_failure' })
@Check('ck_auth_failure_failures', `"failures" >= 1`)
export class AuthFailure {
  @PrimaryColumn({ type: 'varchar', length: 100, primaryKeyConstraintName: 'pk_auth_failure' })
  address: string;

  /** The first failure of the window; failures of a window that has run out are forgotten at the next one. */
  @Column({ name: 'window_started_at', type: 'timestamptz' })
  windowStartedAt: Date;

  @Column({ type: 'integer' })
  failures: number;

  /** Past the limit: refused until then, good key or not. */
  @Column({ name: 'blocked_until', type: 'timestamptz', nullable: true })
  blockedUntil: Date | null;
}
