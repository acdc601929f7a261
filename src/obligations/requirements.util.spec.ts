import { decisionAnchors, inForceOf, type RuledDecision } from './requirements.util';

let seq = 0;
const decision = (kind: string, value: string, decidedAt: string, effectiveAt?: string): RuledDecision => ({
  id: `d${++seq}`,
  kind,
  value,
  reasoning: 'why',
  decidedAt: new Date(decidedAt),
  effectiveAt: effectiveAt ? new Date(effectiveAt) : null,
  decidedByKeyId: null,
  decidedByRole: 'admin',
});
const major = (value: string, decidedAt: string, effectiveAt?: string) =>
  decision('major-ict-incident', value, decidedAt, effectiveAt);
const anchors = (...history: RuledDecision[]) =>
  decisionAnchors(inForceOf(history)).map((a) => ({
    event: a.event,
    at: a.at.toISOString(),
    decision: a.decision.id,
  }));

describe(decisionAnchors.name, () => {
  it('anchors a classification on when it was recorded when it says nothing of when it took effect', () => {
    const yes = major('yes', '2026-03-10T12:00:00Z');
    expect(anchors(yes)).toEqual([
      { event: 'classification:major-ict-incident', at: '2026-03-10T12:00:00.000Z', decision: yes.id },
    ]);
  });

  it('anchors it on when it took effect, recorded 3 h later', () => {
    const yes = major('yes', '2026-03-10T12:00:00Z', '2026-03-10T10:00:00+01:00');
    expect(anchors(yes)).toEqual([
      { event: 'classification:major-ict-incident', at: '2026-03-10T09:00:00.000Z', decision: yes.id },
    ]);
  });

  it('moves the anchor earlier when a later "yes" of the run says it took effect before the first was recorded', () => {
    const first = major('yes', '2026-03-10T12:00:00Z');
    const correction = major('yes', '2026-03-10T13:00:00Z', '2026-03-10T08:00:00Z');
    expect(anchors(first, correction)).toEqual([
      { event: 'classification:major-ict-incident', at: '2026-03-10T08:00:00.000Z', decision: correction.id },
    ]);
  });

  it('keeps the first "yes" when a confirmation took effect later, or at the same instant', () => {
    const first = major('yes', '2026-03-10T12:00:00Z', '2026-03-10T11:00:00Z');
    const later = major('yes', '2026-03-10T14:00:00Z', '2026-03-10T13:00:00Z');
    const same = major('yes', '2026-03-10T15:00:00Z', '2026-03-10T11:00:00Z');
    expect(anchors(first, later, same)).toEqual([
      { event: 'classification:major-ict-incident', at: '2026-03-10T11:00:00.000Z', decision: first.id },
    ]);
  });

  it('anchors nothing while "no" is in force, and a "yes" after it starts afresh from its own effect', () => {
    const no = major('no', '2026-03-10T13:00:00Z', '2026-03-10T12:30:00Z');
    const again = major('yes', '2026-03-10T16:00:00Z', '2026-03-10T14:00:00Z');
    expect(anchors(major('yes', '2026-03-10T12:00:00Z', '2026-03-10T09:00:00Z'), no)).toEqual([]);
    expect(anchors(major('yes', '2026-03-10T12:00:00Z', '2026-03-10T09:00:00Z'), no, again)).toEqual([
      { event: 'classification:major-ict-incident', at: '2026-03-10T14:00:00.000Z', decision: again.id },
    ]);
  });

  it('keeps each classification to its own run, and high risk on its own decision', () => {
    const significant = decision(
      'significant-incident',
      'yes',
      '2026-03-10T12:00:00Z',
      '2026-03-10T06:00:00Z',
    );
    const highRisk = decision('risk', 'high-risk', '2026-03-10T13:00:00Z');
    const yes = major('yes', '2026-03-10T14:00:00Z');
    expect(anchors(significant, highRisk, yes)).toEqual([
      {
        event: 'classification:significant-incident',
        at: '2026-03-10T06:00:00.000Z',
        decision: significant.id,
      },
      { event: 'classification:major-ict-incident', at: '2026-03-10T14:00:00.000Z', decision: yes.id },
      { event: 'decision:high-risk', at: '2026-03-10T13:00:00.000Z', decision: highRisk.id },
    ]);
  });
});
