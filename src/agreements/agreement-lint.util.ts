import { Basis, Standard } from './agreement-terms';
import {
  CONTROLLER_HOURS,
  DefaultTargets,
  MIN_CONTROLLER_MARGIN_HOURS,
  processorDeadline,
} from './breach-terms.util';

export type LintCode =
  'qualitative-standard-without-target' | 'controller-margin-below-24h' | 'subprocessor-chain-exceeds-72h';

export interface LintWarning {
  code: LintCode;
  message: string;
  /** The numbers behind the warning. */
  figures: Record<string, number | string>;
}

export interface LintableProfile {
  clauses: { breachNotice: string };
  breachTerms: { standard: Standard; hours?: number | null; basis: Basis; coversSubprocessors: boolean };
  subprocessors?: { name: string; noticeHours?: number | null }[];
}

/**
 * Warnings about an agreement itself, before any breach happens. Uses the conservative reading:
 * the controller's 72 h counted from the processor's awareness.
 */
export function lintAgreement(profile: LintableProfile, targets: DefaultTargets): LintWarning[] {
  const warnings: LintWarning[] = [];
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
