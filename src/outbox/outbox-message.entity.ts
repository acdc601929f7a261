import { Check, Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

/** `job`: not sent anywhere, run in the service by its handler (OutboxHandler.run). */
export const OUTBOX_CHANNELS = ['webhook', 'email', 'job'] as const;
export type OutboxChannel = (typeof OUTBOX_CHANNELS)[number];
export const OUTBOX_STATUSES = ['pending', 'sending', 'delivered', 'failed'] as const;
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];

/**
 * One message the service sends, on one channel: written in the same transaction as the event that causes it, then
 * claimed, sent and retried by the outbox worker of any instance. Its id is the delivery id every try carries (an
 * HTTP header and a body field, the e-mail's Message-ID), so a receiver drops the duplicates a crash can cause.
 */
@Entity({ name: 'outbox_message' })
@Index('ix_outbox_message_due', ['nextAttemptAt'], { where: `"status" = 'pending'` })
@Index('ix_outbox_message_lease', ['leaseUntil'], { where: `"status" = 'sending'` })
@Index('ix_outbox_message_failed_obligation', ['obligationId'], { where: `"status" = 'failed'` })
@Index('ix_outbox_message_incident', ['incidentId'])
@Check('ck_outbox_message_channel', `"channel" IN ('webhook', 'email', 'job')`)
@Check('ck_outbox_message_status', `"status" IN ('pending', 'sending', 'delivered', 'failed')`)
@Check('ck_outbox_message_lease', `"status" <> 'sending' OR "lease_until" IS NOT NULL`)
export class OutboxMessage {
  /** The delivery id. */
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_outbox_message' })
  id: string;

  /** What it is, and so which handler builds and settles it: `breach-notice`, `deadline-alert`. */
  @Column({ type: 'varchar', length: 32 })
  kind: string;

  @Column({ type: 'varchar', length: 16 })
  channel: OutboxChannel;

  /** The URL or the e-mail address(es) it goes to, as people should see it. */
  @Column({ type: 'varchar', length: 2000 })
  target: string;

  @Column({ name: 'incident_id', type: 'uuid', nullable: true })
  incidentId: string | null;

  @Column({ name: 'obligation_id', type: 'uuid', nullable: true })
  obligationId: string | null;

  /** The controller it concerns, when it is a notice to one (a controller key sees only its own). */
  @Column({ name: 'controller_id', type: 'uuid', nullable: true })
  controllerId: string | null;

  /** What the handler needs to build the message (e.g. the filing id, or the alert itself). */
  @Column({ type: 'jsonb' })
  payload: Record<string, unknown>;

  @Column({ type: 'varchar', length: 16 })
  status: OutboxStatus;

  @Column({ type: 'int', default: 0 })
  attempts: number;

  @Column({ name: 'next_attempt_at', type: 'timestamptz' })
  nextAttemptAt: Date;

  @Column({ name: 'lease_until', type: 'timestamptz', nullable: true })
  leaseUntil: Date | null;

  /** The instance holding the lease. */
  @Column({ name: 'leased_by', type: 'varchar', length: 64, nullable: true })
  leasedBy: string | null;

  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'delivered_at', type: 'timestamptz', nullable: true })
  deliveredAt: Date | null;

  @Column({ name: 'failed_at', type: 'timestamptz', nullable: true })
  failedAt: Date | null;
}
