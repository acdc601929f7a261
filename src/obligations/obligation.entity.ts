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
import {
  namesNumber,
  processorDeadline,
  processorDueAt,
  type ProcessorLimit,
} from '../agreements/breach-terms.util';
import type { BreachTermsDto } from '../agreements/dto/agreement-profile.dto';
import { DataController } from '../data-controllers/data-controller.entity';
import { Decision } from '../decisions/decision.entity';
import { Incident } from '../incidents/incident.entity';
import type { AnchorEvent, StageRule } from '../regimes/regime-definition';
import { stageDue } from '../regimes/regime-due.util';
import { AlertStage, dueAt, isPastDue, nextStageAt } from './deadline.util';
import {
  type AnchorSource,
  effectiveDueAt,
  type Hop,
  judgeLateness,
  type ObligationBasis,
  type StoredStatus,
} from './obligation.util';
import { ObligationException, ObligationExceptionCode } from './obligations.exception';

/** What a transition implies for the incident's timeline: its kind and particulars. */
export interface ObligationEvent {
  kind:
    'anchor-set' | 'obligation-met' | 'obligation-not-required' | 'obligation-reopened' | 'obligation-opened';
  data: Record<string, unknown>;
}

/** A new anchor: when, why, and on what it rests. */
export interface AnchorInput {
  at: Date;
  reason: string;
  source: AnchorSource;
  /** Reasons for the delay, needed when the move makes a notice already given late. */
  reasonsForDelay?: string | null;
}

/** Who closed an obligation as not required, and why (a decision, or a person by hand). */
export interface Closure {
  reasoning: string;
  decidedAt: Date;
  decidedByKeyId: string | null;
  decidedByRole: string;
  decisionId: string | null;
}

/**
 * A duty to notify someone by a deadline: one per (incident, regime, stage, controller, occurrence). The unit of
 * record of the clock. GDPR's are its three hops (`hop` = `stage`), one per affected controller, under that
 * controller's agreement; another regime's stage is either ours (`appliesTo: us`, no controller: NIS2) or each
 * affected controller's (DORA for a financial entity). The agreement's terms and the regime's stage are copied in when
 * it is made: editing either later changes no obligation.
 */
@Entity({ name: 'obligation' })
@Index('uq_obligation_hop', ['incidentId', 'hop', 'controllerId'], { unique: true })
@Index('uq_obligation_stage_controller', ['incidentId', 'regime', 'stage', 'controllerId', 'occurrence'], {
  unique: true,
  where: `"controller_id" IS NOT NULL`,
})
@Index('uq_obligation_stage_ours', ['incidentId', 'regime', 'stage', 'occurrence'], {
  unique: true,
  where: `"controller_id" IS NULL`,
})
@Index('ix_obligation_next_alert', ['nextAlertAt'], { where: `"next_alert_at" IS NOT NULL` })
@Index('ix_obligation_pending_due', ['effectiveDueAt'], { where: `"status" IN ('open', 'awaiting-anchor')` })
@Index('ix_obligation_controller', ['controllerId'])
@Index('ix_obligation_status_due', ['status', 'dueAt'])
@Index('ix_obligation_controller_pending_due', ['controllerId', 'effectiveDueAt'], {
  where: `"status" IN ('open', 'awaiting-anchor')`,
})
@Check(
  'ck_obligation_hop',
  `"hop" IN ('processor-to-controller', 'controller-to-authority', 'controller-to-data-subjects')`,
)
@Check('ck_obligation_status', `"status" IN ('awaiting-anchor', 'open', 'met', 'met-late', 'not-required')`)
@Check('ck_obligation_basis', `"basis" IN ('contractual', 'target', 'statutory')`)
@Check('ck_obligation_awaiting_has_no_anchor', `"status" <> 'awaiting-anchor' OR "anchor_at" IS NULL`)
@Check(
  'ck_obligation_anchor_source',
  `"anchor_source" IS NULL OR "anchor_source" IN ('processor-awareness', 'delivery', 'acknowledgement', 'manual', 'decision', 'classification', 'submission')`,
)
@Check(
  'ck_obligation_gdpr_hop',
  `"regime" <> 'gdpr' OR ("hop" IS NOT NULL AND "stage" = "hop" AND "controller_id" IS NOT NULL AND "agreement_id" IS NOT NULL AND "agreement_version" IS NOT NULL AND "terms" IS NOT NULL AND "window_hours" IS NOT NULL)`,
)
@Check('ck_obligation_regime_hop', `"regime" = 'gdpr' OR "hop" IS NULL`)
@Check('ck_obligation_occurrence', '"occurrence" >= 1')
@Check('ck_obligation_open_has_anchor', `"status" <> 'open' OR "anchor_at" IS NOT NULL`)
@Check(
  'ck_obligation_met_has_anchor',
  `"status" NOT IN ('met', 'met-late') OR "anchor_at" IS NOT NULL OR "hop" = 'controller-to-authority'`,
)
@Check('ck_obligation_calendar', `("calendar_country" IS NULL) = ("calendar_zone" IS NULL)`)
@Check(
  'ck_obligation_due_limit',
  `"due_limit" IS NULL OR "due_limit" IN ('hours', 'business-days', 'backstop', 'confirmation')`,
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

  /** GDPR's hop; null for another regime's stage. */
  @Column({ type: 'varchar', length: 32, nullable: true })
  hop: Hop | null;

  /** The regime this duty is under (`gdpr`, `nis2`, `dora`, …) and the version it was made under. */
  @Column({ type: 'varchar', length: 64, default: 'gdpr' })
  regime: string;

  @Column({ name: 'regime_version', type: 'int' })
  regimeVersion: number;

  /** The regime's stage (for GDPR, the hop). */
  @Column({ type: 'varchar', length: 64 })
  stage: string;

  /** 1, 2, … for a repeatable stage opened again (an intermediate report); 1 otherwise. */
  @Column({ type: 'int', default: 1 })
  occurrence: number;

  /** The stage as it was when this obligation was made (null only on rows made before regimes were data). */
  @Column({ type: 'jsonb', nullable: true })
  rule: StageRule | null;

  /** Another regime's stage: the instant of each event it runs from, as far as known (ISO instants). */
  @Column({ type: 'jsonb', default: {} })
  anchors: Partial<Record<AnchorEvent, string>>;

  /** The affected controller; null for a duty of ours (a regime that applies to us: NIS2). */
  @Column({ name: 'controller_id', type: 'uuid', nullable: true })
  controllerId: string | null;

  @ManyToOne(() => DataController, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'controller_id', foreignKeyConstraintName: 'fk_obligation_controller' })
  controller?: DataController;

  /** The authority, for the controller → authority hop (the controller's competent one when it was made). */
  @Column({ name: 'authority_id', type: 'varchar', length: 64, nullable: true })
  authorityId: string | null;

  @Column({ name: 'anchor_at', type: 'timestamptz', nullable: true })
  anchorAt: Date | null;

  /** Why the anchor is what it is. */
  @Column({ name: 'anchor_reason', type: 'text', nullable: true })
  anchorReason: string | null;

  /** What the anchor rests on: our awareness, our notice reaching the controller, a person, a decision. */
  @Column({ name: 'anchor_source', type: 'varchar', length: 32, nullable: true })
  anchorSource: AnchorSource | null;

  /**
   * Controller → authority: the first time our notice reached the controller (delivered, or acknowledged), and which
   * filing. The controller was aware by then at the latest: an anchor set by hand may be earlier, never later.
   */
  @Column({ name: 'notice_reached_at', type: 'timestamptz', nullable: true })
  noticeReachedAt: Date | null;

  @Column({ name: 'notice_filing_id', type: 'uuid', nullable: true })
  noticeFilingId: string | null;

  @Column({ name: 'due_at', type: 'timestamptz', nullable: true })
  dueAt: Date | null;

  /** Controller → authority only: 72 h from our own awareness (the conservative reading). */
  @Column({ name: 'conservative_due_at', type: 'timestamptz', nullable: true })
  conservativeDueAt: Date | null;

  /** due_at, else conservative_due_at: what the on-call view orders by, through a partial index. */
  @Column({ name: 'effective_due_at', type: 'timestamptz', nullable: true })
  effectiveDueAt: Date | null;

  /** Elapsed hours of the window; null for a regime stage whose window is calendar months or several anchors. */
  @Column({ name: 'window_hours', type: 'int', nullable: true })
  windowHours: number | null;

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

  /** The controller's agreement (GDPR); null for another regime's stage. */
  @Column({ name: 'agreement_id', type: 'varchar', length: 64, nullable: true })
  agreementId: string | null;

  @Column({ name: 'agreement_version', type: 'int', nullable: true })
  agreementVersion: number | null;

  /** The agreement's breach terms as they were when this obligation was made. */
  @Column({ name: 'terms', type: 'jsonb', nullable: true })
  terms: BreachTermsDto | null;

  /**
   * Processor → controller: when the breach was confirmed (the incident's breachConfirmedAt), a second anchor where the
   * agreement counts hours from the confirmation (breachTerms.confirmationHours). Null until recorded.
   */
  @Column({ name: 'confirmed_at', type: 'timestamptz', nullable: true })
  confirmedAt: Date | null;

  /**
   * Processor → controller: the controller's country and zone when this was made, the calendar its business days are
   * counted in (national public holidays and weekends). Null on other hops.
   */
  @Column({ name: 'calendar_country', type: 'char', length: 2, nullable: true })
  calendarCountry: string | null;

  @Column({ name: 'calendar_zone', type: 'varchar', length: 64, nullable: true })
  calendarZone: string | null;

  /** Processor → controller: which of the agreement's limits sets the due time; null on other hops and before it. */
  @Column({ name: 'due_limit', type: 'varchar', length: 16, nullable: true })
  dueLimit: ProcessorLimit | null;

  /** When the next alert stage (50/80/100 % of the window) is reached; null when none is left or not open. */
  @Column({ name: 'next_alert_at', type: 'timestamptz', nullable: true })
  nextAlertAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;

  /** True while the obligation still runs (open, or waiting for its anchor). */
  get pending(): boolean {
    return this.status === 'open' || this.status === 'awaiting-anchor';
  }

  get met(): boolean {
    return this.status === 'met' || this.status === 'met-late';
  }

  /**
   * Whether a notice given now can meet it: while it runs, and also once closed as not required, because a notice
   * given all the same (to the authority under a no-risk decision, say) is a fact the record must show. Not before
   * the anchor, except the authority's (judged against the conservative due time until it is known).
   */
  get meetable(): boolean {
    if (this.status === 'awaiting-anchor') return this.hop === 'controller-to-authority';
    return this.status === 'open' || this.status === 'not-required';
  }

  /**
   * Sets or moves the anchor, and everything that follows from it: the due time, the alerts, and for a notice already
   * given its lateness, judged again (a move that makes it late needs the reasons for the delay). A closed obligation
   * keeps the anchor too, so that it is there if a later decision re-opens it.
   */
  anchor(input: AnchorInput, fired: readonly AlertStage[]): ObligationEvent {
    return this.setDue(input.at, this.dueFrom(input.at), input, fired);
  }

  /**
   * Another regime's stage: an event it runs from happened at `input.at` (or was corrected). It is due at the earliest
   * end over the anchors known so far (`regime-due.util.ts`); its alerts run from the earliest of them. Null when
   * nothing is due yet (the event alone does not start any window, e.g. a target not set).
   */
  anchorEvent(event: AnchorEvent, input: AnchorInput, fired: readonly AlertStage[]): ObligationEvent | null {
    const rule = this.rule!;
    const anchors = { ...this.anchors, [event]: input.at.toISOString() };
    const known = Object.fromEntries(Object.entries(anchors).map(([e, iso]) => [e, new Date(iso)]));
    const due = stageDue(rule.due?.earliestOf ?? [], known, {
      timeZone: rule.timeZone,
      targetHours: rule.targetHours,
    });
    if (due && this.met)
      this.judgedAgain(
        due.dueAt,
        input.reasonsForDelay,
        `with ${event} at ${input.at.toISOString()} it is due ${due.dueAt.toISOString()}`,
      );
    this.anchors = anchors;
    if (!due) return null;
    if (
      due.firstAnchorAt.getTime() === this.anchorAt?.getTime() &&
      due.dueAt.getTime() === this.dueAt?.getTime()
    )
      return null;
    return this.setDue(due.firstAnchorAt, due.dueAt, input, fired);
  }

  /** A stage opened by hand (on the recipient's request): its window runs from now to the date asked for. */
  openByHand(input: { at: Date; dueAt: Date; reason: string }): ObligationEvent {
    if (!isPastDue(input.at, input.dueAt)) {
      throw new ObligationException(ObligationExceptionCode.INVALID_INSTANT, 'dueAt is not after now', [
        { field: 'dueAt', messages: ['the date asked for must be after the stage is opened'] },
      ]);
    }
    this.setDue(input.at, input.dueAt, { at: input.at, reason: input.reason, source: 'manual' }, []);
    return {
      kind: 'obligation-opened',
      data: { hop: null, ...this.label, dueAt: input.dueAt.toISOString(), reason: input.reason },
    };
  }

  /** Labels an event of another regime's stage with its regime and stage (GDPR's keep the hop alone, as ever). */
  get label(): { regime?: string; stage?: string; occurrence?: number } {
    return this.regime === 'gdpr'
      ? {}
      : { regime: this.regime, stage: this.stage, occurrence: this.occurrence };
  }

  private setDue(
    anchorAt: Date,
    due: Date,
    input: AnchorInput,
    fired: readonly AlertStage[],
  ): ObligationEvent {
    const before = this.anchorAt;
    const judged = this.met
      ? this.judgedAgain(
          due,
          input.reasonsForDelay,
          `with the anchor at ${anchorAt.toISOString()} it is due ${due.toISOString()}`,
        )
      : undefined;
    this.anchorAt = anchorAt;
    this.anchorReason = input.reason;
    this.anchorSource = input.source;
    this.dueAt = due;
    if (this.status === 'awaiting-anchor') this.status = 'open';
    if (judged) {
      this.status = judged.status;
      this.reasonsForDelay = judged.reasons;
    }
    this.refreshAlerts(fired);
    return {
      kind: 'anchor-set',
      data: {
        hop: this.hop,
        ...this.label,
        anchorAt: anchorAt.toISOString(),
        previousAnchorAt: before ? before.toISOString() : null,
        reason: input.reason,
        source: input.source,
        dueAt: due.toISOString(),
        status: this.status,
      },
    };
  }

  /**
   * The due time counted from an anchor. Processor → controller: the earliest of the agreement's limits
   * (`processorDueAt`), which also says its basis (a backstop is contractual beside a target) and which limit it was.
   * The hours are those resolved when the obligation was made (`windowHours`: the target then in force). Without its
   * terms (an obligation built in memory by a test), its window hours.
   */
  private dueFrom(anchorAt: Date): Date {
    // A GDPR hop: it always has its window (only other regimes' stages have none).
    const windowHours = this.windowHours!;
    if (this.hop !== 'processor-to-controller' || !this.terms) {
      return dueAt({ anchor: anchorAt, hours: windowHours });
    }
    const hours = namesNumber(this.terms.standard) ? this.terms.hours : windowHours;
    const window = processorDeadline(
      { ...this.terms, hours },
      { immediately: windowHours, withoutUndueDelay: windowHours },
    );
    const due = processorDueAt(window, {
      awareAt: anchorAt,
      confirmedAt: this.confirmedAt ?? null,
      calendar:
        this.calendarCountry && this.calendarZone
          ? { country: this.calendarCountry, timeZone: this.calendarZone }
          : null,
    });
    this.basis = due.basis;
    this.dueLimit = due.limit;
    return due.dueAt;
  }

  /**
   * The conservative due time moved with our awareness (controller → authority). An authority notification met before
   * the controller's awareness is known is judged against it, so it is judged again; the event, when that changed it.
   */
  moveConservativeDue(
    conservativeDueAt: Date,
    fired: readonly AlertStage[],
    reasonsForDelay?: string | null,
  ): ObligationEvent | null {
    const judged =
      this.met && this.anchorAt === null
        ? this.judgedAgain(
            null,
            reasonsForDelay,
            `judged against the conservative due time ${conservativeDueAt.toISOString()}`,
            conservativeDueAt,
          )
        : undefined;
    this.conservativeDueAt = conservativeDueAt;
    this.refreshAlerts(fired);
    if (!judged || judged.status === this.status) return null;
    this.status = judged.status;
    this.reasonsForDelay = judged.reasons;
    return { kind: 'obligation-met', data: { hop: this.hop, ...this.label, status: this.status } };
  }

  /**
   * A notice already given, judged again against a new due time (a moved anchor or conservative due). Reasons it
   * already gave stay: they are what the notice said; new ones are for a notice the move makes late.
   */
  private judgedAgain(
    due: Date | null,
    newReasons: string | null | undefined,
    because: string,
    conservativeDue: Date | null = this.conservativeDueAt,
  ): { status: StoredStatus; reasons: string | null } {
    const outcome = judgeLateness({
      metAt: this.metAt!,
      due,
      conservativeDue,
      reasonsForDelay: this.status === 'met-late' ? this.reasonsForDelay : newReasons,
    });
    if ('refused' in outcome) {
      throw new ObligationException(
        ObligationExceptionCode.REASONS_FOR_DELAY_REQUIRED,
        `Obligation ${this.id} (${this.hop}) was met at ${this.metAt!.toISOString()}: ${because}, so it was late; ` +
          'the reasons for the delay are required',
        [
          {
            field: 'reasonsForDelay',
            messages: [`required: obligation ${this.id} becomes late (Art. 33(1))`],
          },
        ],
      );
    }
    return outcome.late ? { status: 'met-late', reasons: outcome.reasons } : { status: 'met', reasons: null };
  }

  /**
   * The notice was given at `at`. On time up to the due instant itself; later only with the reasons for the delay.
   * An authority notification may be recorded before the controller's awareness is known: it is then judged against
   * the conservative due time, and again when the anchor arrives.
   */
  meet(input: { at: Date; reasonsForDelay?: string | null; filingId?: string | null }): ObligationEvent {
    if (this.status === 'awaiting-anchor' && this.hop !== 'controller-to-authority') {
      throw new ObligationException(ObligationExceptionCode.WRONG_STATE, 'Set the anchor first');
    }
    if (!this.meetable) {
      throw new ObligationException(
        ObligationExceptionCode.WRONG_STATE,
        `The obligation is already ${this.status}`,
      );
    }
    const outcome = judgeLateness({
      metAt: input.at,
      due: this.dueAt,
      conservativeDue: this.conservativeDueAt,
      reasonsForDelay: input.reasonsForDelay,
    });
    if ('refused' in outcome) {
      const due = (this.dueAt ?? this.conservativeDueAt)!;
      throw new ObligationException(
        ObligationExceptionCode.REASONS_FOR_DELAY_REQUIRED,
        `Met after its due time (${due.toISOString()}): the reasons for the delay are required`,
        [
          {
            field: 'reasonsForDelay',
            messages: ['required when the notice is given after its due time (Art. 33(1))'],
          },
        ],
      );
    }
    this.status = outcome.late ? 'met-late' : 'met';
    this.metAt = input.at;
    this.reasonsForDelay = outcome.late ? outcome.reasons : null;
    this.notRequiredReasoning = null;
    this.decidedByKeyId = null;
    this.decidedByRole = null;
    this.decidedAt = null;
    this.closedByDecisionId = null;
    this.nextAlertAt = null;
    this.effectiveDueAt = effectiveDueAt(this);
    return {
      kind: 'obligation-met',
      data: {
        hop: this.hop,
        ...this.label,
        status: this.status,
        metAt: input.at.toISOString(),
        reasonsForDelay: this.reasonsForDelay,
        ...(input.filingId ? { filingId: input.filingId } : {}),
        ...(this.anchorAt ? {} : { judgedAgainst: 'conservative-due' }),
      },
    };
  }

  /** Not owed: closed with the reasoning and who decided (a decision, or a person). */
  closeNotRequired(closure: Closure): ObligationEvent {
    if (!this.pending && !(this.status === 'not-required' && closure.decisionId)) {
      throw new ObligationException(
        ObligationExceptionCode.WRONG_STATE,
        `The obligation is already ${this.status}`,
      );
    }
    this.status = 'not-required';
    this.notRequiredReasoning = closure.reasoning;
    this.decidedByKeyId = closure.decidedByKeyId;
    this.decidedByRole = closure.decidedByRole;
    this.decidedAt = closure.decidedAt;
    this.closedByDecisionId = closure.decisionId;
    this.nextAlertAt = null;
    return {
      kind: 'obligation-not-required',
      data: {
        hop: this.hop,
        ...this.label,
        reasoning: closure.reasoning,
        ...(closure.decisionId ? { decisionId: closure.decisionId } : {}),
      },
    };
  }

  /** Owed again: a later decision superseded the one that closed it. The anchor it had (if any) still holds. */
  reopen(decisionId: string | null, fired: readonly AlertStage[]): ObligationEvent {
    if (this.status !== 'not-required' || this.closedByDecisionId === null) {
      throw new ObligationException(
        ObligationExceptionCode.WRONG_STATE,
        `Only an obligation closed by a decision is re-opened; this one is ${this.status}`,
      );
    }
    this.status = this.anchorAt ? 'open' : 'awaiting-anchor';
    this.notRequiredReasoning = null;
    this.decidedByKeyId = null;
    this.decidedByRole = null;
    this.decidedAt = null;
    this.closedByDecisionId = null;
    this.refreshAlerts(fired);
    return {
      kind: 'obligation-reopened',
      data: { hop: this.hop, ...this.label, status: this.status, ...(decisionId ? { decisionId } : {}) },
    };
  }

  /** The next alert stage, for an open obligation; none for anything else. */
  private refreshAlerts(fired: readonly AlertStage[]): void {
    this.effectiveDueAt = effectiveDueAt(this);
    this.nextAlertAt =
      this.status === 'open' && this.anchorAt && this.dueAt
        ? nextStageAt(this.anchorAt, this.dueAt, fired)
        : null;
  }
}
