import { Basis, Standard } from './agreement-terms';

/** The controller's Art. 33(1) window, in elapsed hours. */
export const CONTROLLER_HOURS = 72;

/** The least the controller should have left of its 72 h after the processor's own deadline. */
export const MIN_CONTROLLER_MARGIN_HOURS = 24;

export interface TermsForDeadline {
  standard: Standard;
  hours?: number | null;
  basis: Basis;
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
  hours: number;
  basis: Basis;
  /** True when no target is set in the profile and the configured default target is used. */
  defaulted: boolean;
}

/**
 * The processor → controller window that an agreement sets. "Immediately" and "without undue delay" name no number:
 * they become a target (the profile's, else the configured default), always marked as a target, never as contractual.
 */
export function processorDeadline(terms: TermsForDeadline, targets: DefaultTargets): ProcessorDeadline {
  if (terms.standard === 'within-hours') {
    if (terms.hours == null) throw new Error('A within-hours standard needs its hours');
    return { hours: terms.hours, basis: 'contractual', defaulted: false };
  }
  if (terms.hours == null) {
    const hours = terms.standard === 'immediately' ? targets.immediately : targets.withoutUndueDelay;
    return { hours, basis: 'target', defaulted: true };
  }
  return { hours: terms.hours, basis: 'target', defaulted: false };
}

export interface TermsProblem {
  field: string;
  messages: string[];
}

/** Rules between fields that a single-field validator cannot see. */
export function termsProblems(
  terms: TermsForDeadline & { requiredContent: { item: string }[] },
): TermsProblem[] {
  const problems: TermsProblem[] = [];
  if (terms.standard === 'within-hours') {
    if (terms.hours == null) {
      problems.push({
        field: 'breachTerms.hours',
        messages: ['a within-hours standard needs the number of hours'],
      });
    }
    if (terms.basis !== 'contractual') {
      problems.push({
        field: 'breachTerms.basis',
        messages: ['a within-hours standard is a number written in the agreement: its basis is contractual'],
      });
    }
  } else if (terms.basis !== 'target') {
    problems.push({
      field: 'breachTerms.basis',
      messages: [`"${terms.standard}" names no number: its hours can only be our target (basis "target")`],
    });
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
