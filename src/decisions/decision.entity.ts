import {
  Check,
  Column,
  Entity,
  Generated,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { Incident } from '../incidents/incident.entity';

export const DECISION_KINDS = ['risk', 'art34-exception', 'not-a-personal-data-breach'] as const;
export type DecisionKind = (typeof DECISION_KINDS)[number];
/**
 * A classification decision's kind is the id of a regime's classification (`significant-incident`: NIS2 Art. 23(3);
 * `major-ict-incident`: DORA Art. 18), its value yes or no. Built in: these two; a regime added through the API may
 * declare more.
 */
export const BUILTIN_CLASSIFICATION_KINDS = ['significant-incident', 'major-ict-incident'] as const;
export const CLASSIFICATION_VALUES = ['yes', 'no'] as const;
export type ClassificationValue = (typeof CLASSIFICATION_VALUES)[number];
/** The inputs weighed for a classification (DORA: Delegated Regulation (EU) 2024/1772's criteria), as recorded. */
export type ClassificationCriteria = Record<string, string | number | boolean>;
export const RISK_VALUES = ['no-risk', 'risk', 'high-risk'] as const;
export type RiskValue = (typeof RISK_VALUES)[number];
/** Art. 34(3)(a), (b), (c). */
export const ART34_EXCEPTIONS = ['unintelligible', 'subsequent-measures', 'disproportionate-effort'] as const;
export type Art34Exception = (typeof ART34_EXCEPTIONS)[number];
/**
 * The finding that the incident is not a personal data breach at all (Art. 4(12)): no personal data is involved, or
 * there was no breach of security. `withdrawn` reverses an earlier finding: it is a personal data breach after all.
 */
export const BREACH_FINDINGS = ['no-personal-data', 'no-breach-of-security', 'withdrawn'] as const;
export type BreachFinding = (typeof BREACH_FINDINGS)[number];

export interface PublicCommunication {
  channel: string;
  at: string;
  description: string;
}

/** A person's decision about an incident, with the reasoning. Never changed: a later decision supersedes it. */
@Entity({ name: 'decision' })
@Index('ix_decision_incident', ['incidentId', 'seq'])
@Check('ck_decision_kind', `"kind" ~ '^[a-z][a-z0-9-]*$'`)
@Check(
  'ck_decision_value',
  `("kind" = 'risk' AND "value" IN ('no-risk', 'risk', 'high-risk')) OR ("kind" = 'art34-exception' AND "value" IN ('unintelligible', 'subsequent-measures', 'disproportionate-effort')) OR ("kind" = 'not-a-personal-data-breach' AND "value" IN ('no-personal-data', 'no-breach-of-security', 'withdrawn')) OR ("kind" NOT IN ('risk', 'art34-exception', 'not-a-personal-data-breach') AND "value" IN ('yes', 'no'))`,
)
@Check(
  'ck_decision_criteria',
  `"criteria" IS NULL OR "kind" NOT IN ('risk', 'art34-exception', 'not-a-personal-data-breach')`,
)
@Check(
  'ck_decision_effective_at',
  `"effective_at" IS NULL OR ("kind" NOT IN ('risk', 'art34-exception', 'not-a-personal-data-breach') AND "effective_at" <= "decided_at")`,
)
@Check(
  'ck_decision_public_communication',
  `"value" <> 'disproportionate-effort' OR "public_communication" IS NOT NULL`,
)
export class Decision {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_decision' })
  id: string;

  /** Order of decisions, also within one instant. */
  @Column({ type: 'bigint' })
  @Generated('increment')
  seq: string;

  @Column({ name: 'incident_id', type: 'uuid' })
  incidentId: string;

  @ManyToOne(() => Incident, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'incident_id', foreignKeyConstraintName: 'fk_decision_incident' })
  incident?: Incident;

  /** A GDPR kind, or a regime's classification id. */
  @Column({ type: 'varchar', length: 64 })
  kind: string;

  @Column({ type: 'varchar', length: 32 })
  value: RiskValue | Art34Exception | BreachFinding | ClassificationValue;

  /** A classification's inputs, as weighed (null for GDPR's decisions). */
  @Column({ type: 'jsonb', nullable: true })
  criteria: ClassificationCriteria | null;

  @Column({ type: 'text' })
  reasoning: string;

  @Column({ name: 'public_communication', type: 'jsonb', nullable: true })
  publicCommunication: PublicCommunication | null;

  /** The ENISA score and band when the decision was made (they inform; a person decides). */
  @Column({ name: 'enisa', type: 'jsonb', nullable: true })
  enisa: { score: number; band: string } | null;

  @Column({ name: 'decided_at', type: 'timestamptz' })
  decidedAt: Date;

  /**
   * A classification's: when it really took effect, if before it was recorded (classified on call, recorded later).
   * The stages it governs run from it; null: from `decidedAt`. Which decision is in force still goes by the record.
   */
  @Column({ name: 'effective_at', type: 'timestamptz', nullable: true })
  effectiveAt: Date | null;

  @Column({ name: 'decided_by_key_id', type: 'uuid', nullable: true })
  decidedByKeyId: string | null;

  @Column({ name: 'decided_by_role', type: 'varchar', length: 16 })
  decidedByRole: string;

  /** Who decided, as people know them: the key's label, or the person signed in. */
  @Column({ name: 'decided_by_label', type: 'varchar', length: 200, nullable: true })
  decidedByLabel: string | null;
}
