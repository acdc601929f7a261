import {
  type ClassificationInForce,
  classificationsInForce,
  decisionsInForce,
  DecisionLike,
  type DecisionsInForce,
  dutiesOwed,
} from '../decisions/decisions-in-force.util';
import type { AnchorEvent, AppliesWhen } from '../regimes/regime-definition';
import type { Hop } from './obligation.util';

/** A decision as the rules need it. */
export interface RuledDecision extends DecisionLike {
  id: string;
  reasoning: string;
  decidedAt: Date;
  /** A classification's: when it took effect, if before it was recorded. */
  effectiveAt?: Date | null;
  decidedByKeyId: string | null;
  decidedByRole: string;
}

/** When a classification took effect: when it says it did, else when it was recorded. */
export function effectiveAtOf(d: Pick<RuledDecision, 'effectiveAt' | 'decidedAt'>): Date {
  return d.effectiveAt ?? d.decidedAt;
}

/**
 * The `yes` a classification's stages run from: of its unbroken run, the one that took effect earliest (a later record
 * may say it took effect before the first was recorded: awareness is a fact, and the deadlines move with it); the first
 * on a tie, so confirming it again does not restart the clock. Null while no `yes` is in force.
 */
export function classificationAnchor(c: ClassificationInForce<RuledDecision>): RuledDecision | null {
  return c.run.reduce<RuledDecision | null>(
    (earliest, d) =>
      earliest === null || effectiveAtOf(d).getTime() < effectiveAtOf(earliest).getTime() ? d : earliest,
    null,
  );
}

/** What the decisions in force require of one (controller, hop). */
export interface Requirement {
  controllerId: string;
  hop: Hop;
  owed: boolean;
  /** The decision in force that lifts it (when not owed), cited in the record. */
  liftedBy: RuledDecision | null;
  /** Where it is owed from when a decision sets its anchor: the data subjects' notice, from the high risk. */
  anchor: { at: Date; reason: string; decisionId: string } | null;
}

const EXCEPTION_CLAUSE: Record<string, string> = {
  unintelligible: 'Art. 34(3)(a)',
  'subsequent-measures': 'Art. 34(3)(b)',
  'disproportionate-effort': 'Art. 34(3)(c)',
};

/** The reasoning an obligation closed by this decision carries: the decision's own, with its legal ground. */
export function closureReasoning(d: RuledDecision): string {
  if (d.kind === 'art34-exception') return `${EXCEPTION_CLAUSE[d.value]} (${d.value}): ${d.reasoning}`;
  if (d.kind === 'not-a-personal-data-breach')
    return `Not a personal data breach (${d.value}): ${d.reasoning}`;
  if (d.kind !== 'risk') return `Classification ${d.kind}: ${d.value}: ${d.reasoning}`;
  return d.reasoning;
}

/**
 * What the decisions in force require of an incident's obligations: one pure function of the decision history, the
 * affected controllers and the incident's facts, applied on every change that can alter its answer (a decision, a
 * reversal, a controller added later, an awareness moved).
 */
export function requirementsOf(input: {
  history: readonly RuledDecision[];
  controllerIds: readonly string[];
}): Requirement[] {
  const inForce = decisionsInForce(input.history);
  const owed = dutiesOwed(inForce);
  const since = inForce.highRiskSince;
  const anchor = since
    ? { at: since.decidedAt, reason: 'High risk established by decision', decisionId: since.id }
    : null;
  return input.controllerIds.flatMap((controllerId) => [
    {
      controllerId,
      hop: 'processor-to-controller' as const,
      owed: owed.controller,
      liftedBy: inForce.notAPersonalDataBreach,
      anchor: null,
    },
    {
      controllerId,
      hop: 'controller-to-authority' as const,
      owed: owed.authority,
      liftedBy: inForce.notAPersonalDataBreach ?? (owed.authority ? null : inForce.risk),
      anchor: null,
    },
    {
      controllerId,
      hop: 'controller-to-data-subjects' as const,
      owed: owed.dataSubjects,
      liftedBy: owed.dataSubjects
        ? null
        : (inForce.notAPersonalDataBreach ?? inForce.art34Exception ?? inForce.risk),
      anchor,
    },
  ]);
}

/** The decisions in force, GDPR's and the regimes' classifications. */
export type InForce = DecisionsInForce<RuledDecision> & {
  classifications: Map<string, ClassificationInForce<RuledDecision>>;
};

export function inForceOf(history: readonly RuledDecision[]): InForce {
  return { ...decisionsInForce(history), classifications: classificationsInForce(history) };
}

/** What the decisions in force require of one stage of another regime. */
export interface StageRequirement {
  owed: boolean;
  /** The decision in force that lifts it (when not owed): a classification `no`, or a risk decision. */
  liftedBy: RuledDecision | null;
}

/**
 * Whether a stage is owed under the decisions in force, by its `appliesWhen`. A stage governed by a classification is
 * owed until a `no` is in force (while undecided it waits for its anchors, so that a clock that also runs from our
 * awareness, like DORA's 24 h, is not lost); a later `yes` re-opens it. Sector conditions were settled when it was made.
 */
export function stageRequirementOf(when: AppliesWhen, inForce: InForce): StageRequirement {
  if (typeof when === 'string' || 'sector' in when || 'notSector' in when)
    return { owed: true, liftedBy: null };
  if ('allOf' in when) {
    const parts = when.allOf.map((w) => stageRequirementOf(w, inForce));
    const lifted = parts.find((p) => !p.owed);
    return lifted ?? { owed: true, liftedBy: null };
  }
  if ('classification' in when) {
    const c = inForce.classifications.get(when.classification);
    return c?.decision.value === 'no'
      ? { owed: false, liftedBy: c.decision }
      : { owed: true, liftedBy: null };
  }
  if (inForce.highRiskSince || !inForce.risk) return { owed: true, liftedBy: null };
  return { owed: false, liftedBy: inForce.risk };
}

/**
 * The events the decisions in force have anchored: each classification `yes` from when it took effect (the earliest of
 * its run, see `classificationAnchor`), high risk from its own decision.
 */
export function decisionAnchors(
  inForce: InForce,
): { event: AnchorEvent; at: Date; decision: RuledDecision }[] {
  const anchors = [...inForce.classifications].flatMap(([id, c]) => {
    const decision = classificationAnchor(c);
    return decision
      ? [{ event: `classification:${id}` as AnchorEvent, at: effectiveAtOf(decision), decision }]
      : [];
  });
  if (inForce.highRiskSince) {
    anchors.push({
      event: 'decision:high-risk',
      at: inForce.highRiskSince.decidedAt,
      decision: inForce.highRiskSince,
    });
  }
  return anchors;
}
