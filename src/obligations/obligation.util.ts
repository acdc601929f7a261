import { processorDeadline, TermsForDeadline } from '../agreements/breach-terms.util';
import { dueAt, isPastDue } from './deadline.util';

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

/** `statutory`: set by the GDPR itself (Art. 33(1): 72 hours). */
export const OBLIGATION_BASES = ['contractual', 'target', 'statutory'] as const;
export type ObligationBasis = (typeof OBLIGATION_BASES)[number];

/** Art. 33(1): the controller notifies the authority within 72 hours of becoming aware. */
export const AUTHORITY_HOURS = 72;

export interface PlannedObligation {
  hop: Hop;
  anchorAt: Date | null;
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
  defaultTargetHours: number;
}): PlannedObligation[] {
  const processor = processorDeadline(input.terms, input.defaultTargetHours);
  return [
    {
      hop: 'processor-to-controller',
      anchorAt: input.processorAwareAt,
      dueAt: dueAt({ anchor: input.processorAwareAt, hours: processor.hours }),
      conservativeDueAt: null,
      basis: processor.basis,
      windowHours: processor.hours,
      status: 'open',
    },
    {
      hop: 'controller-to-authority',
      anchorAt: null,
      dueAt: null,
      conservativeDueAt: dueAt({ anchor: input.processorAwareAt, hours: AUTHORITY_HOURS }),
      basis: 'statutory',
      windowHours: AUTHORITY_HOURS,
      status: 'awaiting-anchor',
    },
  ];
}

/** The status people see: an open obligation past its due time is overdue. */
export function shownStatus(status: StoredStatus, due: Date | null, now: Date): ObligationStatus {
  return status === 'open' && due !== null && isPastDue(due, now) ? 'overdue' : status;
}

/** The due time that orders the on-call view: the real one when known, else the conservative one. */
export function effectiveDueAt(o: { dueAt: Date | null; conservativeDueAt: Date | null }): Date | null {
  return o.dueAt ?? o.conservativeDueAt;
}

export type Completion = { status: 'met' | 'met-late' } | { refused: 'reasons-required' };

/**
 * Marking an obligation met. After its due time it is `met-late`, and only with the reasons for the delay
 * (Art. 33(1): a notification after 72 hours is accompanied by the reasons for the delay).
 */
export function completion(due: Date, metAt: Date, reasonsForDelay: string | undefined): Completion {
  if (!isPastDue(due, metAt)) return { status: 'met' };
  if (!reasonsForDelay?.trim()) return { refused: 'reasons-required' };
  return { status: 'met-late' };
}
