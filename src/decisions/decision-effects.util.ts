import type { DecisionKind } from './decision.entity';

/**
 * What the decisions in force require, from the whole history (oldest first):
 * - the authority notice (Art. 33(1)) is owed unless the latest risk decision is "no risk";
 * - the data subjects are owed a notice (Art. 34) when the latest risk decision is "high risk", unless an Art. 34(3)
 *   exception was decided after it. A later decision re-opens what an earlier one closed.
 */
export function requirements(decisions: { kind: DecisionKind; value: string }[]): {
  authority: boolean;
  dataSubjects: boolean;
} {
  let risk: string | undefined;
  let exemptAfterRisk = false;
  for (const d of decisions) {
    if (d.kind === 'risk') {
      risk = d.value;
      exemptAfterRisk = false;
    } else {
      exemptAfterRisk = true;
    }
  }
  return { authority: risk !== 'no-risk', dataSubjects: risk === 'high-risk' && !exemptAfterRisk };
}
