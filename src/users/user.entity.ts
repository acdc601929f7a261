import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import type { Role } from '../access/roles';
import { DataController } from '../data-controllers/data-controller.entity';
import type { UiLocale } from '../web/i18n/ui-strings';

/**
 * A person who signs in to the pages. Same roles as API keys (a controller user is bound to one controller). The
 * password is kept as an argon2id hash; the TOTP secret sealed with the secret box, bound to its row.
 */
@Entity({ name: 'app_user' })
@Check('ck_app_user_role', `"role" IN ('admin', 'responder', 'dpo', 'controller')`)
@Check('ck_app_user_controller_binding', `("role" = 'controller') = ("controller_id" IS NOT NULL)`)
@Check('ck_app_user_locale', `"locale" IN ('en', 'nb', 'de')`)
export class AppUser {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_app_user' })
  id: string;

  /** Lower-cased; unique. */
  @Index('uq_app_user_email', { unique: true })
  @Column({ type: 'varchar', length: 254 })
  email: string;

  @Column({ type: 'varchar', length: 100 })
  name: string;

  @Column({ type: 'varchar', length: 16 })
  role: Role;

  @Column({ name: 'controller_id', type: 'uuid', nullable: true })
  controllerId: string | null;

  @ManyToOne(() => DataController, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'controller_id', foreignKeyConstraintName: 'fk_app_user_controller' })
  controller?: DataController;

  /** argon2id, PHC string; null until a password is set (through a set-password link). */
  @Column({ name: 'password_hash', type: 'text', nullable: true, select: false })
  passwordHash: string | null;

  /** The confirmed TOTP secret, sealed; null: no second factor. */
  @Column({ name: 'totp_secret', type: 'text', nullable: true, select: false })
  totpSecret: string | null;

  /** A secret being enrolled, sealed: it takes over from totp_secret once a code from it is confirmed. */
  @Column({ name: 'totp_pending_secret', type: 'text', nullable: true, select: false })
  totpPendingSecret: string | null;

  /** The last 30-second step whose code was accepted: a code is good once (RFC 6238 §5.2). */
  @Column({ name: 'totp_last_step', type: 'bigint', nullable: true, select: false })
  totpLastStep: string | null;

  @Column({ type: 'varchar', length: 2, default: 'en' })
  locale: UiLocale;

  /** IANA zone the pages show times in. */
  @Column({ name: 'time_zone', type: 'varchar', length: 64, default: 'UTC' })
  timeZone: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'disabled_at', type: 'timestamptz', nullable: true })
  disabledAt: Date | null;

  /** Whether a second factor is set up (a column read with the row; the secret itself is never selected by default). */
  @Column({ name: 'totp_enabled', type: 'boolean', default: false })
  totpEnabled: boolean;
}
