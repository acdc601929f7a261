import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
} from 'typeorm';
import { Obligation } from '../obligations/obligation.entity';
import type { NoticeKind, NoticePhase } from '../letters/notice-context.util';

export const CHANNELS = ['email', 'webhook', 'manual'] as const;
export type Channel = (typeof CHANNELS)[number];
export const FILING_STATUSES = ['pending', 'delivered', 'failed'] as const;
export type FilingStatus = (typeof FILING_STATUSES)[number];

/**
 * A notice as filed: what was sent, to whom, how, and what became of it. Its documents are kept exactly as sent
 * (filing_document, append-only); only the delivery outcome and the acknowledgement are filled in later.
 */
@Entity({ name: 'filing' })
@Index('ix_filing_obligation', ['obligationId', 'createdAt'])
@Index('ix_filing_incident', ['incidentId', 'createdAt', 'id'])
@Check('ck_filing_channel', `"channel" IN ('email', 'webhook', 'manual')`)
@Check('ck_filing_status', `"status" IN ('pending', 'delivered', 'failed')`)
@Check('ck_filing_phase', `"phase" IN ('initial', 'follow-up', 'final')`)
@Check('ck_filing_manual_named', `"channel" <> 'manual' OR ("sent_by" IS NOT NULL AND "via" IS NOT NULL)`)
@Check('ck_filing_delivered_at', `("status" = 'delivered') = ("delivered_at" IS NOT NULL)`)
export class Filing {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_filing' })
  id: string;

  @Column({ name: 'incident_id', type: 'uuid' })
  incidentId: string;

  @Column({ name: 'obligation_id', type: 'uuid' })
  obligationId: string;

  @ManyToOne(() => Obligation, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'obligation_id', foreignKeyConstraintName: 'fk_filing_obligation' })
  obligation?: Obligation;

  @Column({ name: 'controller_id', type: 'uuid' })
  controllerId: string;

  @Column({ type: 'varchar', length: 32 })
  kind: NoticeKind;

  @Column({ type: 'varchar', length: 16 })
  phase: NoticePhase;

  @Column({ type: 'varchar', length: 8 })
  language: string;

  @Column({ type: 'varchar', length: 16 })
  channel: Channel;

  /** The e-mail address or webhook URL it went to; for a manual filing, `via`. */
  @Column({ type: 'varchar', length: 2000 })
  recipient: string;

  @Column({ name: 'sent_by', type: 'varchar', length: 200, nullable: true })
  sentBy: string | null;

  /** Manual filings: phone, post, portal … */
  @Column({ type: 'varchar', length: 200, nullable: true })
  via: string | null;

  @Column({ name: 'reasons_for_delay', type: 'text', nullable: true })
  reasonsForDelay: string | null;

  /** Whether this notice, once it reaches its recipient, meets its obligation (see filing-rules.util.ts). */
  @Column({ name: 'meets_obligation', type: 'boolean', default: true })
  meetsObligation: boolean;

  /** Why not, when it does not (a phone call where the agreement asks for writing …). */
  @Column({ name: 'not_meeting_reason', type: 'text', nullable: true })
  notMeetingReason: string | null;

  @Column({ type: 'varchar', length: 16 })
  status: FilingStatus;

  @Column({ name: 'delivered_at', type: 'timestamptz', nullable: true })
  deliveredAt: Date | null;

  @Column({ name: 'acknowledged_at', type: 'timestamptz', nullable: true })
  acknowledgedAt: Date | null;

  @Column({ name: 'acknowledged_by_key_id', type: 'uuid', nullable: true })
  acknowledgedByKeyId: string | null;

  /** The text of each field as sent, so that the next notice can list what changed. */
  @Column({ name: 'field_texts', type: 'jsonb' })
  fieldTexts: Record<string, string>;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'issued_at', type: 'timestamptz' })
  issuedAt: Date;

  @Column({ name: 'created_by_key_id', type: 'uuid', nullable: true })
  createdByKeyId: string | null;

  @Column({ name: 'created_by_role', type: 'varchar', length: 16 })
  createdByRole: string;
}
