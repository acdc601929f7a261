import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { Agreement } from '../agreements/agreement.entity';
import type { Language } from '../agreements/agreement-terms';
import { Authority } from '../authorities/authority.entity';

export interface Contact {
  name: string;
  email: string;
  phone?: string;
}

/** A controller: a customer on whose behalf we process personal data, under one agreement. */
@Entity({ name: 'data_controller' })
@Index('ix_data_controller_name', ['name', 'id'])
@Check('ck_data_controller_language', `"language" IN ('en', 'nb', 'de')`)
@Check(
  'ck_data_controller_webhook_secret_sealed',
  `"webhook_secret" IS NULL OR "webhook_secret" LIKE 'aes-256-gcm:v1:%'`,
)
export class DataController {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_data_controller' })
  id: string;

  @Column({ type: 'varchar', length: 300 })
  name: string;

  @Column({ name: 'organisation_number', type: 'varchar', length: 64, nullable: true })
  organisationNumber: string | null;

  /** ISO 3166-1 alpha-2. */
  @Column({ type: 'char', length: 2 })
  country: string;

  /** The competent supervisory authority: the controller's, not the agreement's. */
  @Column({ name: 'authority_id', type: 'varchar', length: 64 })
  authorityId: string;

  @ManyToOne(() => Authority, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'authority_id', foreignKeyConstraintName: 'fk_data_controller_authority' })
  authority?: Authority;

  /** IANA zone the controller reads instants in. */
  @Column({ name: 'time_zone', type: 'varchar', length: 64 })
  timeZone: string;

  /**
   * The regimes this controller is under besides GDPR, whose duties we support on every incident affecting it (e.g.
   * `dora` for a financial entity). GDPR always applies.
   */
  @Column({ type: 'varchar', length: 64, array: true, default: '{}' })
  regimes: string[];

  @Column({ name: 'agreement_id', type: 'varchar', length: 64 })
  agreementId: string;

  @ManyToOne(() => Agreement, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'agreement_id', foreignKeyConstraintName: 'fk_data_controller_agreement' })
  agreement?: Agreement;

  /** The language version of the agreement this controller signed. */
  @Column({ type: 'varchar', length: 8 })
  language: Language;

  @Column({ name: 'breach_contact', type: 'jsonb' })
  breachContact: Contact;

  @Column({ type: 'jsonb' })
  dpo: Contact;

  @Column({ name: 'webhook_url', type: 'varchar', length: 2000, nullable: true })
  webhookUrl: string | null;

  /**
   * HMAC-SHA256 key for signing webhook deliveries, sealed (AES-256-GCM under SECRETS_KEY, see secret-box.util);
   * the plain secret is shown once when made and never stored. Read it with DataControllersService.webhookSecretOf.
   */
  @Column({ name: 'webhook_secret', type: 'varchar', length: 400, nullable: true, select: false })
  webhookSecret?: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
