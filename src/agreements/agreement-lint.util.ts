import { Basis, Standard } from './agreement-terms';
import {
  CONTROLLER_HOURS,
  DefaultTargets,
  MIN_CONTROLLER_MARGIN_HOURS,
  namesNumber,
  processorDeadline,
} from './breach-terms.util';
import { BusinessCalendar, longestBusinessDaysHours } from './business-days.util';

export type LintCode =
  | 'qualitative-standard-without-target'
  | 'controller-margin-below-24h'
  | 'subprocessor-chain-exceeds-72h'
  | 'business-days-exceed-72h'
  | 'backstop-beyond-standard'
  | 'confirmation-without-backstop';

/**
 * The calendars business days are checked in when no controller's is given: the countries whose authorities we file
 * with, each in its capital's zone.
 */
export const LINT_CALENDARS: readonly BusinessCalendar[] = [
  { country: 'NO', timeZone: 'Europe/Oslo' },
  { country: 'DK', timeZone: 'Europe/Copenhagen' },
  { country: 'SE', timeZone: 'Europe/Stockholm' },
  { country: 'DE', timeZone: 'Europe/Berlin' },
];

/** Where business days are looked at: these calendars over the year from `from`. */
export interface LintCalendars {
  calendars: readonly BusinessCalendar[];
  from: Date;
}

export interface LintWarning {
  code: LintCode;
  message: string;
  /** The numbers behind the warning. */
  figures: Record<string, number | string>;
}

export interface LintableProfile {
  clauses: { breachNotice: string };
  breachTerms: {
    standard: Standard;
    hours?: number | null;
    basis: Basis;
    coversSubprocessors: boolean;
    businessDays?: number | null;
    backstopHours?: number | null;
    confirmationHours?: number | null;
  };
  subprocessors?: { name: string; noticeHours?: number | null }[];
}

/**
 * Warnings about an agreement itself, before any breach happens. Uses the conservative reading:
 * the controller's 72 h counted from the processor's awareness.
 */
export function lintAgreement(
  profile: LintableProfile,
  targets: DefaultTargets,
  calendars?: LintCalendars,
): LintWarning[] {
  const warnings: LintWarning[] = [...deadlineShapeWarnings(profile, targets, calendars)];
  const clause = profile.clauses.breachNotice;
  const deadline = processorDeadline(profile.breachTerms, targets);

  if (deadline.defaulted) {
    warnings.push({
      code: 'qualitative-standard-without-target',
      message:
        `Clause ${clause} says "${profile.breachTerms.standard}" and names no number, and this profile sets no ` +
        `target: the default target of ${deadline.hours} h is used. Set breachTerms.hours to the target you hold.`,
      figures: { defaultTargetHours: deadline.hours },
    });
  }

  const margin = CONTROLLER_HOURS - deadline.hours;
  if (margin < MIN_CONTROLLER_MARGIN_HOURS) {
    warnings.push({
      code: 'controller-margin-below-24h',
      message:
        `The processor may take ${deadline.hours} h (${deadline.basis}, clause ${clause}); counted from the ` +
        `processor's awareness that leaves the controller ${Math.max(margin, 0)} h of its ${CONTROLLER_HOURS} h, ` +
        `less than ${MIN_CONTROLLER_MARGIN_HOURS} h.`,
      figures: { processorHours: deadline.hours, controllerHoursLeft: margin },
    });
  }

  for (const sub of profile.subprocessors ?? []) {
    if (sub.noticeHours == null) continue;
    const chain = sub.noticeHours + deadline.hours;
    if (chain > CONTROLLER_HOURS) {
      warnings.push({
        code: 'subprocessor-chain-exceeds-72h',
        message:
          `A breach at ${sub.name} may take ${sub.noticeHours} h to reach the processor and ${deadline.hours} h ` +
          `more to reach the controller: ${chain} h, past the controller's ${CONTROLLER_HOURS} h under the ` +
          `conservative reading. That deadline cannot be met through this chain.`,
        figures: {
          subprocessor: sub.name,
          subprocessorHours: sub.noticeHours,
          processorHours: deadline.hours,
          chainHours: chain,
        },
      });
    }
  }
  return warnings;
}

/** Warnings about business days, a backstop and a confirmation anchor: the deadlines real DPAs use. */
function deadlineShapeWarnings(
  profile: LintableProfile,
  targets: DefaultTargets,
  calendars?: LintCalendars,
): LintWarning[] {
  const warnings: LintWarning[] = [];
  const terms = profile.breachTerms;
  const clause = profile.clauses.breachNotice;
  const deadline = processorDeadline(terms, targets);

  if (deadline.businessDays !== undefined && calendars) {
    const worst = calendars.calendars
      .map((calendar) => ({
        calendar,
        ...longestBusinessDaysHours(deadline.businessDays!, calendar, calendars.from),
      }))
      .reduce((a, b) => (b.hours > a.hours ? b : a));
    if (worst.hours > CONTROLLER_HOURS - MIN_CONTROLLER_MARGIN_HOURS) {
      warnings.push({
        code: 'business-days-exceed-72h',
        message:
          `Clause ${clause} gives ${deadline.businessDays} business day(s): over a holiday weekend in ` +
          `${worst.calendar.country} (from ${worst.start.toISOString()}) that is ${worst.hours} elapsed hours, ` +
          `${worst.hours > CONTROLLER_HOURS ? `past the controller's ${CONTROLLER_HOURS} h` : `leaving the controller less than ${MIN_CONTROLLER_MARGIN_HOURS} h of its ${CONTROLLER_HOURS} h`} ` +
          `under the conservative reading. A backstop in hours would bound it.`,
        figures: {
          businessDays: deadline.businessDays,
          longestHours: worst.hours,
          country: worst.calendar.country,
          from: worst.start.toISOString(),
        },
      });
    }
  }

  if (
    deadline.backstopHours !== undefined &&
    !namesNumber(terms.standard) &&
    deadline.backstopHours > deadline.hours
  ) {
    warnings.push({
      code: 'backstop-beyond-standard',
      message:
        `Clause ${clause} sets a backstop of ${deadline.backstopHours} h beside "${terms.standard}", longer than the ` +
        `${deadline.hours} h we hold "${terms.standard}" to (${deadline.defaulted ? 'the default target' : 'the target'}): ` +
        `the standard, not the backstop, sets the due time; a backstop that long is no "${terms.standard}".`,
      figures: { backstopHours: deadline.backstopHours, targetHours: deadline.hours },
    });
  }

  if (
    deadline.confirmationHours !== undefined &&
    deadline.backstopHours === undefined &&
    !namesNumber(terms.standard)
  ) {
    warnings.push({
      code: 'confirmation-without-backstop',
      message:
        `Clause ${clause} counts ${deadline.confirmationHours} h from confirming the breach and sets no firm limit ` +
        `from our awareness: until the confirmation is recorded only our target of ${deadline.hours} h runs, and ` +
        `nothing in the agreement bounds how long confirming may take.`,
      figures: { confirmationHours: deadline.confirmationHours, targetHours: deadline.hours },
    });
  }
  return warnings;
}
