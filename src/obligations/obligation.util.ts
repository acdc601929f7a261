import { DefaultTargets, processorDeadline, TermsForDeadline } from '../agreements/breach-terms.util';
import type { BreachTermsDto } from '../agreements/dto/agreement-profile.dto';
import { dueAt, isPastDue } from './deadline.util';
import type { Obligation } from './obligation.entity';

/** The hops of the chain that carry a deadline. */
export const HOPS = [
  'processor-to-controller',
  'controller-to-authority',
  'controller-to-data-subjects',
] as const;
export type Hop = (typeof HOPS)[number];

/** What is stored. `overdue` is not stored: it is `open` past its due time, shown as such. */
export const STORED_STATUSES = ['awaiting-anchor', 'open', 'met', 'met-late', 'not-required'] as const;
export type StoredStatus = (typeof STORED_STATUSES)[number];
export const STATUSES = [...STORED_STATUSES, 'overdue'] as const;
export type ObligationStatus = (typeof STATUSES)[number];

/**
 * A GDPR hop: one affected controller's, under its agreement, with its window in hours. The notices, letters, forms
 * and notice jobs speak of these only; another regime's stage has its own reports.
 */
export type GdprObligation = Obligation & {
  hop: Hop;
  controllerId: string;
  agreementId: string;
  agreementVersion: number;
  terms: BreachTermsDto;
  windowHours: number;
};

export function isGdprHop(o: Obligation): o is GdprObligation {
  return o.regime === 'gdpr';
}

/** The regime and stage for people, e.g. "nis2 · early-warning" (with the occurrence of a repeated stage). */
export function obligationLabel(o: Pick<Obligation, 'regime' | 'stage' | 'occurrence'>): string {
  return `${o.regime} · ${o.stage}${o.occurrence > 1 ? ` #${o.occurrence}` : ''}`;
}

/** `statutory`: set by the GDPR itself (Art. 33(1): 72 hours). */
export const OBLIGATION_BASES = ['contractual', 'target', 'statutory'] as const;
export type ObligationBasis = (typeof OBLIGATION_BASES)[number];

/**
 * What an anchor rests on:
 * - `processor-awareness`: our own awareness (the incident's processorAwareAt);
 * - `delivery` / `acknowledgement`: our notice reached the controller, or it confirmed receipt (its awareness);
 * - `manual`: a person set the controller's awareness, with a reason;
 * - `decision`: the decision that established the high risk (Art. 34);
 * - `classification`: another regime's classification decision (NIS2 significant, DORA major);
 * - `submission`: an earlier stage of the same regime submitted (its obligation met).
 */
export const ANCHOR_SOURCES = [
  'processor-awareness',
  'delivery',
  'acknowledgement',
  'manual',
  'decision',
  'classification',
  'submission',
] as const;
export type AnchorSource = (typeof ANCHOR_SOURCES)[number];

/**
 * Art. 33(1): the controller notifies the authority within 72 hours of becoming aware. The service plans with the
 * gdpr regime's own window (`src/regimes/builtin/gdpr.json`); this is the default of the pure functions below.
 */
export const AUTHORITY_HOURS = 72;

export interface PlannedObligation {
  hop: Hop;
  anchorAt: Date | null;
  anchorSource: AnchorSource | null;
  dueAt: Date | null;
  conservativeDueAt: Date | null;
  basis: ObligationBasis;
  windowHours: number;
  status: StoredStatus;
}

/**
 * The obligations a breach sets off for one affected controller, by its agreement's terms.
 * - processor → controller: from our awareness, by the agreement (contractual hours, or our target).
 * - controller → authority: from the controller's awareness, not known yet (set when our notice reaches it, or by hand);
 *   the conservative reading counts the same 72 h from our own awareness, and is always shown beside it.
 * Data-subject obligations open on a high-risk decision, not here.
 */
export function planControllerObligations(input: {
  processorAwareAt: Date;
  terms: TermsForDeadline;
  targets: DefaultTargets;
  /** The authority's window, from the gdpr regime. */
  authorityHours?: number;
}): PlannedObligation[] {
  const authorityHours = input.authorityHours ?? AUTHORITY_HOURS;
  const processor = processorDeadline(input.terms, input.targets);
  return [
    {
      hop: 'processor-to-controller',
      anchorAt: input.processorAwareAt,
      anchorSource: 'processor-awareness',
      dueAt: dueAt({ anchor: input.processorAwareAt, hours: processor.hours }),
      conservativeDueAt: null,
      basis: processor.basis,
      windowHours: processor.hours,
      status: 'open',
    },
    {
      hop: 'controller-to-authority',
      anchorAt: null,
      anchorSource: null,
      dueAt: null,
      conservativeDueAt: conservativeAuthorityDueAt(input.processorAwareAt, authorityHours),
      basis: 'statutory',
      windowHours: authorityHours,
      status: 'awaiting-anchor',
    },
  ];
}

/** The conservative reading: the controller's 72 h counted from our own awareness. */
export function conservativeAuthorityDueAt(processorAwareAt: Date, hours: number = AUTHORITY_HOURS): Date {
  return dueAt({ anchor: processorAwareAt, hours });
}

/** The status people see: an open obligation past its due time is overdue. */
export function shownStatus(status: StoredStatus, due: Date | null, now: Date): ObligationStatus {
  return status === 'open' && due !== null && isPastDue(due, now) ? 'overdue' : status;
}

/** The due time that orders the on-call view: the real one when known, else the conservative one. */
export function effectiveDueAt(o: { dueAt: Date | null; conservativeDueAt: Date | null }): Date | null {
  return o.dueAt ?? o.conservativeDueAt;
}

export type Lateness = { late: false } | { late: true; reasons: string } | { refused: 'reasons-required' };

/**
 * Whether a notice given at `metAt` was late, judged against the due time once known, else against the conservative
 * due time (72 h from our awareness: the controller normally becomes aware after us, so a notice before it is on
 * time, and it is judged again when the controller's awareness is known; if the controller knew before us, its own
 * 72 h decide). Late only with the reasons for the delay (Art. 33(1)).
 * `due` null and `conservativeDue` null: nothing to judge against yet, so not late.
 */
export function judgeLateness(input: {
  metAt: Date;
  due: Date | null;
  conservativeDue: Date | null;
  reasonsForDelay: string | null | undefined;
}): Lateness {
  const against = input.due ?? input.conservativeDue;
  if (against === null || !isPastDue(against, input.metAt)) return { late: false };
  const reasons = input.reasonsForDelay?.trim();
  if (!reasons) return { refused: 'reasons-required' };
  return { late: true, reasons };
}
