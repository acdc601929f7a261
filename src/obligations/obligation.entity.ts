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
import type { BreachTermsDto } from '../agreements/dto/agreement-profile.dto';
import { DataController } from '../data-controllers/data-controller.entity';
import { Decision } from '../decisions/decision.entity';
import { Incident } from '../incidents/incident.entity';
import type { Hop, ObligationBasis, StoredStatus } from './obligation.util';

/**
 * A duty to notify someone by a deadline: one per (incident, hop, controller). The unit of record of the clock.
 * The agreement's terms are copied in when it is made: editing the agreement later changes no obligation.
 */
@Entity({ name: 'obligation' })
@Index('uq_obligation_hop', ['incidentId', 'hop', 'controllerId'], { unique: true })
@Index('ix_obligation_next_alert', ['nextAlertAt'], { where: `"next_alert_at" IS NOT NULL` })
@Index('ix_obligation_pending_due', ['effectiveDueAt'], { where: `"status" IN ('open', 'awaiting-anchor')` })
@Index('ix_obligation_controller', ['controllerId'])
@Check(
  'ck_obligation_hop',
  `"hop" IN ('processor-to-controller', 'controller-to-authority', 'controller-to-data-subjects')`,
)
@Check('ck_obligation_status', `"status" IN ('awaiting-anchor', 'open', 'met', 'met-late', 'not-required')`)
@Check('ck_obligation_basis', `"basis" IN ('contractual', 'target', 'statutory')`)
@Check('ck_obligation_awaiting_has_no_anchor', `"status" <> 'awaiting-anchor' OR "anchor_at" IS NULL`)
@Check(
  'ck_obligation_running_has_anchor',
  `"status" NOT IN ('open', 'met', 'met-late') OR "anchor_at" IS NOT NULL`,
)
@Check('ck_obligation_due_with_anchor', `("anchor_at" IS NULL) = ("due_at" IS NULL)`)
@Check('ck_obligation_met', `("status" IN ('met', 'met-late')) = ("met_at" IS NOT NULL)`)
@Check('ck_obligation_late_has_reasons', `"status" <> 'met-late' OR "reasons_for_delay" IS NOT NULL`)
@Check(
  'ck_obligation_not_required_reasoned',
  `"status" <> 'not-required' OR ("not_required_reasoning" IS NOT NULL AND "decided_by_role" IS NOT NULL)`,
)
export class Obligation {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_obligation' })
  id: string;

  @Column({ name: 'incident_id', type: 'uuid' })
  incidentId: string;

  @ManyToOne(() => Incident, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'incident_id', foreignKeyConstraintName: 'fk_obligation_incident' })
  incident?: Incident;

  @Column({ type: 'varchar', length: 32 })
  hop: Hop;

  @Column({ name: 'controller_id', type: 'uuid' })
  controllerId: string;

  @ManyToOne(() => DataController, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'controller_id', foreignKeyConstraintName: 'fk_obligation_controller' })
  controller?: DataController;

  /** The authority, for the controller → authority hop (the controller's competent one when it was made). */
  @Column({ name: 'authority_id', type: 'varchar', length: 64, nullable: true })
  authorityId: string | null;

  @Column({ name: 'anchor_at', type: 'timestamptz', nullable: true })
  anchorAt: Date | null;

  /** Why the anchor is what it is, where a person set it. */
  @Column({ name: 'anchor_reason', type: 'text', nullable: true })
  anchorReason: string | null;

  @Column({ name: 'due_at', type: 'timestamptz', nullable: true })
  dueAt: Date | null;

  /** Controller → authority only: 72 h from our own awareness (the conservative reading). */
  @Column({ name: 'conservative_due_at', type: 'timestamptz', nullable: true })
  conservativeDueAt: Date | null;

  /** due_at, else conservative_due_at: what the on-call view orders by, through a partial index. */
  @Column({ name: 'effective_due_at', type: 'timestamptz', nullable: true })
  effectiveDueAt: Date | null;

  @Column({ name: 'window_hours', type: 'int' })
  windowHours: number;

  @Column({ type: 'varchar', length: 16 })
  basis: ObligationBasis;

  @Column({ type: 'varchar', length: 16 })
  status: StoredStatus;

  @Column({ name: 'met_at', type: 'timestamptz', nullable: true })
  metAt: Date | null;

  @Column({ name: 'reasons_for_delay', type: 'text', nullable: true })
  reasonsForDelay: string | null;

  @Column({ name: 'not_required_reasoning', type: 'text', nullable: true })
  notRequiredReasoning: string | null;

  @Column({ name: 'decided_by_key_id', type: 'uuid', nullable: true })
  decidedByKeyId: string | null;

  @Column({ name: 'decided_by_role', type: 'varchar', length: 16, nullable: true })
  decidedByRole: string | null;

  @Column({ name: 'decided_at', type: 'timestamptz', nullable: true })
  decidedAt: Date | null;

  /** The decision that closed it (not-required); a later decision may open it again. Null when closed by hand. */
  @Column({ name: 'closed_by_decision_id', type: 'uuid', nullable: true })
  closedByDecisionId: string | null;

  @ManyToOne(() => Decision, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'closed_by_decision_id', foreignKeyConstraintName: 'fk_obligation_closed_by_decision' })
  closedByDecision?: Decision;

  @Column({ name: 'agreement_id', type: 'varchar', length: 64 })
  agreementId: string;

  @Column({ name: 'agreement_version', type: 'int' })
  agreementVersion: number;

  /** The agreement's breach terms as they were when this obligation was made. */
  @Column({ name: 'terms', type: 'jsonb' })
  terms: BreachTermsDto;

  /** When the next alert stage (50/80/100 % of the window) is reached; null when none is left or not open. */
  @Column({ name: 'next_alert_at', type: 'timestamptz', nullable: true })
  nextAlertAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
