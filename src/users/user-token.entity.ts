import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { AppUser } from './user.entity';

export const TOKEN_PURPOSES = ['first-run', 'set-password'] as const;
export type TokenPurpose = (typeof TOKEN_PURPOSES)[number];

/**
 * A one-time link: `first-run` (creates the first admin; no user yet) or `set-password` (for one user). Only its sha256
 * is kept; it is good once and until it expires.
 */
@Entity({ name: 'user_token' })
@Check('ck_user_token_purpose', `"purpose" IN ('first-run', 'set-password')`)
@Check('ck_user_token_user', `("purpose" = 'set-password') = ("user_id" IS NOT NULL)`)
export class UserToken {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_user_token' })
  id: string;

  @Column({ type: 'varchar', length: 16 })
  purpose: TokenPurpose;

  @Column({ name: 'user_id', type: 'uuid', nullable: true })
  userId: string | null;

  @ManyToOne(() => AppUser, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'fk_user_token_user' })
  user?: AppUser;

  @Index('uq_user_token_hash', { unique: true })
  @Column({ name: 'token_hash', type: 'char', length: 64 })
  tokenHash: string;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt: Date;

  /** Used, or superseded by a newer link: no longer good. */
  @Column({ name: 'used_at', type: 'timestamptz', nullable: true })
  usedAt: Date | null;
}
