import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';

export const BREACH_TYPES = ['confidentiality', 'integrity', 'availability'] as const;
export type BreachType = (typeof BREACH_TYPES)[number];

/** A personal data breach as logged by security on-call. */
@Entity({ name: 'incident' })
@Check(
  'ck_incident_breach_types',
  `cardinality("breach_types") >= 1 AND "breach_types" <@ ARRAY['confidentiality', 'integrity', 'availability']::varchar[]`,
)
@Check('ck_incident_awareness_after_discovery', `"processor_aware_at" >= "discovered_at"`)
@Check(
  'ck_incident_occurred_span',
  `"occurred_from" IS NULL OR "occurred_to" IS NULL OR "occurred_from" <= "occurred_to"`,
)
// The order of every incident list (newest discovery first, then reference), and the register's keyset.
@Index('ix_incident_discovered_reference', ['discoveredAt', 'reference'])
export class Incident {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_incident' })
  id: string;

  /** BR-2026-0001: sequential per year of our awareness. */
  @Index('uq_incident_reference', { unique: true })
  @Column({ type: 'varchar', length: 20 })
  reference: string;

  @Column({ type: 'varchar', length: 300 })
  title: string;

  @Column({ type: 'text' })
  description: string;

  @Column({ name: 'discovered_at', type: 'timestamptz' })
  discoveredAt: Date;

  /** When we, the processor, became aware: the anchor of every processor → controller deadline. */
  @Column({ name: 'processor_aware_at', type: 'timestamptz' })
  processorAwareAt: Date;

  /** True when the request left our awareness out and it was taken from the discovery or the sub-processor's notice. */
  @Column({ name: 'processor_aware_at_defaulted', type: 'boolean', default: false })
  processorAwareAtDefaulted: boolean;

  /**
   * When we confirmed that it is a breach (a fact, recorded by a correction). Where an agreement counts the
   * processor's deadline from the confirmation ("within 24 hours of confirming the breach"), a second anchor.
   */
  @Column({ name: 'breach_confirmed_at', type: 'timestamptz', nullable: true })
  breachConfirmedAt: Date | null;

  @Column({ name: 'occurred_from', type: 'timestamptz', nullable: true })
  occurredFrom: Date | null;

  @Column({ name: 'occurred_to', type: 'timestamptz', nullable: true })
  occurredTo: Date | null;

  /** `own-systems`, or the name of the sub-processor where the breach happened. */
  @Column({ type: 'varchar', length: 200 })
  source: string;

  @Column({ name: 'subprocessor_notified_at', type: 'timestamptz', nullable: true })
  subprocessorNotifiedAt: Date | null;

  /** How it was detected. */
  @Column({ type: 'text', nullable: true })
  detection: string | null;

  @Column({ name: 'breach_types', type: 'varchar', array: true })
  breachTypes: BreachType[];

  @Column({ type: 'varchar', array: true, default: () => `'{}'` })
  services: string[];

  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
