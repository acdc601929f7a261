import { Basis, Standard } from './agreement-terms';
import { addBusinessDays, BusinessCalendar } from './business-days.util';

const HOUR_MS = 3_600_000;

/** The controller's Art. 33(1) window, in elapsed hours. */
export const CONTROLLER_HOURS = 72;

/** The least the controller should have left of its 72 h after the processor's own deadline. */
export const MIN_CONTROLLER_MARGIN_HOURS = 24;

export interface TermsForDeadline {
  standard: Standard;
  hours?: number | null;
  basis: Basis;
  /** within-business-days: the number of business days, counted in the controller's calendar. */
  businessDays?: number | null;
  /** A firm limit in hours beside a qualitative standard: "without undue delay and in any event within 36 hours". */
  backstopHours?: number | null;
  /** A second anchor: "within 24 hours of confirming the breach". */
  confirmationHours?: number | null;
  /** False for a number the agreement names as an aim: "if possible within 48 hours". Absent: firm. */
  firm?: boolean;
}

/**
 * Our targets for the standards that name no number. Our choice, not the law's: "immediately" ("straks", Videonor 5.6)
 * is tighter than "without undue delay", so it gets a shorter default. A profile's own target wins over both.
 */
export interface DefaultTargets {
  immediately: number;
  withoutUndueDelay: number;
}

export interface ProcessorDeadline {
  /** Hours from our awareness; for within-business-days the nominal days × 24 (the calendar decides the instant). */
  hours: number;
  basis: Basis;
  /** True when no target is set in the profile and the configured default target is used. */
  defaulted: boolean;
  businessDays?: number;
  backstopHours?: number;
  confirmationHours?: number;
}

/**
 * The processor → controller window that an agreement sets. "Immediately" and "without undue delay" name no number:
 * they become a target (the profile's, else the configured default), always marked as a target, never as contractual.
 */
export function processorDeadline(terms: TermsForDeadline, targets: DefaultTargets): ProcessorDeadline {
  return { ...awarenessWindow(terms, targets), ...secondLimits(terms) };
}

function awarenessWindow(terms: TermsForDeadline, targets: DefaultTargets): ProcessorDeadline {
  if (terms.standard === 'within-hours') {
    if (terms.hours == null) throw new Error('A within-hours standard needs its hours');
    return { hours: terms.hours, basis: 'contractual', defaulted: false };
  }
  if (terms.standard === 'within-business-days') {
    if (terms.businessDays == null) throw new Error('A within-business-days standard needs its businessDays');
    return {
      hours: terms.businessDays * 24,
      basis: 'contractual',
      defaulted: false,
      businessDays: terms.businessDays,
    };
  }
  if (terms.hours == null) {
    const hours = terms.standard === 'immediately' ? targets.immediately : targets.withoutUndueDelay;
    return { hours, basis: 'target', defaulted: true };
  }
  return { hours: terms.hours, basis: 'target', defaulted: false };
}

function secondLimits(terms: TermsForDeadline): Partial<ProcessorDeadline> {
  return {
    ...(terms.backstopHours != null ? { backstopHours: terms.backstopHours } : {}),
    ...(terms.confirmationHours != null ? { confirmationHours: terms.confirmationHours } : {}),
  };
}

/** Which of the agreement's limits sets the due time. */
export const PROCESSOR_LIMITS = ['hours', 'business-days', 'backstop', 'confirmation'] as const;
export type ProcessorLimit = (typeof PROCESSOR_LIMITS)[number];

/** What the processor's due time runs from: our awareness, the breach's confirmation once recorded, the calendar. */
export interface ProcessorAnchors {
  awareAt: Date;
  confirmedAt: Date | null;
  /** The controller's country and zone; needed for business days only. */
  calendar: BusinessCalendar | null;
}

export interface ProcessorDue {
  dueAt: Date;
  basis: Basis;
  limit: ProcessorLimit;
}

/**
 * The processor → controller due time: the earliest of the limits that apply. Our awareness + the hours (contractual,
 * or our target for a standard with no number); or + the business days in the controller's calendar; the backstop's
 * hours from our awareness; and, once the breach's confirmation is recorded, its hours from the confirmation. Until
 * then the other limits decide: a confirmation cannot come before our awareness, so it only ever moves a due time
 * earlier when its hours are shorter. Ties go to the first listed (the standard's own limit).
 */
export function processorDueAt(window: ProcessorDeadline, at: ProcessorAnchors): ProcessorDue {
  const after = (from: Date, hours: number) => new Date(from.getTime() + hours * HOUR_MS);
  const candidates: ProcessorDue[] = [];
  if (window.businessDays !== undefined) {
    if (!at.calendar)
      throw new Error('Business days are counted in a calendar: the controller country and zone');
    candidates.push({
      dueAt: addBusinessDays(at.awareAt, window.businessDays, at.calendar),
      basis: window.basis,
      limit: 'business-days',
    });
  } else {
    candidates.push({ dueAt: after(at.awareAt, window.hours), basis: window.basis, limit: 'hours' });
  }
  if (window.backstopHours !== undefined) {
    candidates.push({
      dueAt: after(at.awareAt, window.backstopHours),
      basis: 'contractual',
      limit: 'backstop',
    });
  }
  if (window.confirmationHours !== undefined && at.confirmedAt) {
    candidates.push({
      dueAt: after(at.confirmedAt, window.confirmationHours),
      basis: 'contractual',
      limit: 'confirmation',
    });
  }
  return candidates.reduce((a, b) => (b.dueAt.getTime() < a.dueAt.getTime() ? b : a));
}

export interface TermsProblem {
  field: string;
  messages: string[];
}

/** Whether the standard is a number written in the agreement (hours or business days), not a qualitative word. */
export function namesNumber(standard: Standard): boolean {
  return standard === 'within-hours' || standard === 'within-business-days';
}

/** Rules between fields that a single-field validator cannot see. */
export function termsProblems(
  terms: TermsForDeadline & { requiredContent: { item: string }[] },
): TermsProblem[] {
  const problems: TermsProblem[] = [];
  const add = (field: string, message: string) =>
    problems.push({ field: `breachTerms.${field}`, messages: [message] });
  if (terms.standard === 'within-hours' && terms.hours == null) {
    add('hours', 'a within-hours standard needs the number of hours');
  }
  if (terms.standard === 'within-business-days') {
    if (terms.businessDays == null)
      add('businessDays', 'a within-business-days standard needs the number of days');
    if (terms.hours != null) {
      add(
        'hours',
        'a within-business-days standard counts days, not hours: give businessDays and leave hours empty',
      );
    }
  } else if (terms.businessDays != null) {
    add('businessDays', 'business days go with the standard "within-business-days"');
  }
  if (namesNumber(terms.standard)) {
    if (terms.basis !== 'contractual') {
      add(
        'basis',
        `a ${terms.standard} standard is a number written in the agreement: its basis is contractual`,
      );
    }
  } else {
    if (terms.basis !== 'target') {
      add('basis', `"${terms.standard}" names no number: its hours can only be our target (basis "target")`);
    }
    if (terms.firm === false) {
      add('firm', `"${terms.standard}" names no number: only a number can be "if possible" (firm: false)`);
    }
  }
  if (terms.standard === 'within-hours' && terms.backstopHours != null) {
    add(
      'backstopHours',
      'a within-hours standard is already a number: a backstop stands beside a standard with none',
    );
  }
  const items = terms.requiredContent.map((r) => r.item);
  if (new Set(items).size !== items.length) {
    problems.push({
      field: 'breachTerms.requiredContent',
      messages: ['each Art. 33(3) item may be listed once'],
    });
  }
  return problems;
}
