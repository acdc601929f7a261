/** What a rule needs of a decision to know whether it is in force. */
export interface DecisionLike {
  /** A GDPR kind (risk, art34-exception, not-a-personal-data-breach) or a regime's classification id. */
  kind: string;
  value: string;
}

/** A classification decision in force (NIS2 significant incident, DORA major ICT-related incident, …). */
export interface ClassificationInForce<D extends DecisionLike> {
  /** The latest decision of its kind: `yes` or `no`. */
  decision: D;
  /**
   * While `yes` is in force: every `yes` of the unbroken run, oldest first (empty under a `no`). Confirming it again does
   * not restart the clock, and a later one may say the classification took effect earlier than the first was recorded
   * (`effectiveAt`): the anchor is the earliest of them (`classificationAnchor`).
   */
  run: D[];
}

/**
 * The decisions in force on an incident, from its whole history (oldest first). This is the one place that says
 * which decision is in force: the clock, the forms, the letters, the register and the DTOs all ask here.
 * - risk: the latest risk decision (a later one supersedes it, in either direction);
 * - art34Exception: an Art. 34(3) exception made after that risk decision while it is "high risk"; a new risk
 *   decision supersedes it (a reversed exception re-opens the data subjects' notice);
 * - notAPersonalDataBreach: the latest finding that the incident is not a personal data breach at all (no personal
 *   data, or no breach of security), unless a later one withdrew it.
 * A regime's classifications (`classificationsInForce`) are in force by the same rule: the latest of each kind.
 */
export interface DecisionsInForce<D extends DecisionLike> {
  risk: D | null;
  art34Exception: D | null;
  notAPersonalDataBreach: D | null;
  /**
   * While "high risk" is in force: the decision that established it, the first of the unbroken run of high-risk
   * decisions (Art. 34 runs from when the high risk is established; confirming it again does not restart it).
   */
  highRiskSince: D | null;
  /** Every decision no longer in force, oldest first: kept in the record, relied on by nothing sent. */
  superseded: D[];
}

const GDPR_KINDS = ['risk', 'art34-exception', 'not-a-personal-data-breach'];

export function decisionsInForce<D extends DecisionLike>(history: readonly D[]): DecisionsInForce<D> {
  let risk: D | null = null;
  let art34Exception: D | null = null;
  let finding: D | null = null;
  let highRiskSince: D | null = null;
  const classifications = classificationsInForce(history);
  for (const d of history) {
    if (!GDPR_KINDS.includes(d.kind)) continue;
    if (d.kind === 'risk') {
      if (d.value !== 'high-risk') highRiskSince = null;
      else if (risk?.value !== 'high-risk' || art34Exception !== null || highRiskSince === null)
        highRiskSince = d;
      risk = d;
      art34Exception = null;
    } else if (d.kind === 'art34-exception') {
      if (risk?.value === 'high-risk') art34Exception = d;
    } else {
      finding = d;
    }
  }
  const notAPersonalDataBreach = finding && finding.value !== 'withdrawn' ? finding : null;
  // The latest finding is in force also when it is a withdrawal: it is what stands (a personal data breach after all).
  const inForce = new Set<D>(
    [risk, art34Exception, finding, ...[...classifications.values()].map((c) => c.decision)].filter(
      (d): d is D => d !== null,
    ),
  );
  return {
    risk,
    art34Exception,
    notAPersonalDataBreach,
    highRiskSince: risk?.value === 'high-risk' ? highRiskSince : null,
    superseded: history.filter((d) => !inForce.has(d)),
  };
}

/**
 * The classification decisions in force (NIS2's significant incident, DORA's major ICT-related incident, …), by
 * classification id: the latest of each kind, `yes` or `no` (a later one reclassifies), and while `yes` the first `yes`
 * of its unbroken run, which the stages it governs are anchored on.
 */
export function classificationsInForce<D extends DecisionLike>(
  history: readonly D[],
): Map<string, ClassificationInForce<D>> {
  const classifications = new Map<string, ClassificationInForce<D>>();
  for (const d of history.filter((x) => !GDPR_KINDS.includes(x.kind))) {
    const before = classifications.get(d.kind);
    const run = d.value !== 'yes' ? [] : [...(before?.run ?? []), d];
    classifications.set(d.kind, { decision: d, run });
  }
  return classifications;
}

/** Whether this decision is one of those in force. */
export function isInForce<D extends DecisionLike>(d: D, history: readonly D[]): boolean {
  const f = decisionsInForce(history);
  return !f.superseded.includes(d);
}

/**
 * Which duties the decisions in force leave owed, for every controller alike:
 * - the processor's notice to the controller (Art. 33(2)) knows no risk threshold: only a finding that this is not
 *   a personal data breach lifts it;
 * - the authority (Art. 33(1)) is owed unless the risk decision in force is "no risk" (or there is no breach);
 * - the data subjects (Art. 34) are owed while "high risk" is in force and no Art. 34(3) exception.
 */
export function dutiesOwed(f: DecisionsInForce<DecisionLike>): {
  controller: boolean;
  authority: boolean;
  dataSubjects: boolean;
} {
  const breach = f.notAPersonalDataBreach === null;
  return {
    controller: breach,
    authority: breach && f.risk?.value !== 'no-risk',
    dataSubjects: breach && f.risk?.value === 'high-risk' && f.art34Exception === null,
  };
}
