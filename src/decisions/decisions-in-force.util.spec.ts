import { DecisionKind } from './decision.entity';
import { classificationsInForce, decisionsInForce, dutiesOwed } from './decisions-in-force.util';

const risk = (value: string) => ({ kind: 'risk' as DecisionKind, value });
const exception = (value: string) => ({ kind: 'art34-exception' as DecisionKind, value });
const finding = (value: string) => ({ kind: 'not-a-personal-data-breach' as DecisionKind, value });
const owed = (...history: { kind: DecisionKind; value: string }[]) => dutiesOwed(decisionsInForce(history));

describe(decisionsInForce.name, () => {
  it('owes the controller and the authority, not yet the data subjects, before anyone decides', () => {
    expect(owed()).toEqual({ controller: true, authority: true, dataSubjects: false });
  });

  it('owes nobody but the controller on no risk, the authority on risk, all three on high risk', () => {
    expect(owed(risk('no-risk'))).toEqual({ controller: true, authority: false, dataSubjects: false });
    expect(owed(risk('risk'))).toEqual({ controller: true, authority: true, dataSubjects: false });
    expect(owed(risk('high-risk'))).toEqual({ controller: true, authority: true, dataSubjects: true });
  });

  it('lifts the data-subject notice on an Art. 34(3) exception after the high-risk decision', () => {
    expect(owed(risk('high-risk'), exception('unintelligible'))).toEqual({
      controller: true,
      authority: true,
      dataSubjects: false,
    });
  });

  it('lets a later decision re-open what an earlier one closed', () => {
    expect(owed(risk('no-risk'), risk('high-risk')).dataSubjects).toBe(true);
    expect(owed(risk('high-risk'), exception('subsequent-measures'), risk('high-risk')).dataSubjects).toBe(
      true,
    );
    expect(owed(risk('high-risk'), risk('no-risk'))).toEqual({
      controller: true,
      authority: false,
      dataSubjects: false,
    });
  });

  it('keeps a superseded exception out of force, and says it is superseded', () => {
    const high = risk('high-risk');
    const ex = exception('unintelligible');
    const again = risk('high-risk');
    const f = decisionsInForce([high, ex, again]);
    expect(f).toEqual({
      risk: again,
      art34Exception: null,
      notAPersonalDataBreach: null,
      highRiskSince: again,
      superseded: [high, ex],
    });
  });

  it('dates the high risk from the decision that established it, not from one that only confirmed it', () => {
    const first = risk('high-risk');
    const confirmed = risk('high-risk');
    expect(decisionsInForce([risk('risk'), first, confirmed]).highRiskSince).toBe(first);
    expect(decisionsInForce([first, risk('risk')]).highRiskSince).toBeNull();
  });

  it('keeps a withdrawal in force and the finding it withdrew superseded', () => {
    const found = finding('no-personal-data');
    const withdrawn = finding('withdrawn');
    const f = decisionsInForce([found, withdrawn]);
    expect(f.notAPersonalDataBreach).toBeNull();
    expect(f.superseded).toEqual([found]);
  });

  it('closes every duty on a finding that it is not a personal data breach, until that is withdrawn', () => {
    expect(owed(risk('high-risk'), finding('no-personal-data'))).toEqual({
      controller: false,
      authority: false,
      dataSubjects: false,
    });
    expect(owed(risk('high-risk'), finding('no-personal-data'), finding('withdrawn'))).toEqual({
      controller: true,
      authority: true,
      dataSubjects: true,
    });
  });
});

describe('classifications in force', () => {
  const c = (value: string, at: string) => ({ kind: 'significant-incident', value, at });
  const inForce = (...history: ReturnType<typeof c>[]) =>
    classificationsInForce(history).get('significant-incident');

  it('is the latest of its kind; a "yes" runs from the first of an unbroken run of "yes"', () => {
    const first = c('yes', 't1');
    const again = c('yes', 't2');
    expect(inForce(first, again)).toEqual({ decision: again, run: [first, again] });
  });

  it('is reclassified by a later decision: "no" stands with no run; a later "yes" starts a new one', () => {
    const no = c('no', 't2');
    const yes = c('yes', 't3');
    expect(inForce(c('yes', 't1'), no)).toEqual({ decision: no, run: [] });
    expect(inForce(c('yes', 't1'), no, yes)).toEqual({ decision: yes, run: [yes] });
  });

  it('supersedes the earlier classifications, and leaves the GDPR decisions alone', () => {
    const risk = { kind: 'risk', value: 'high-risk', at: 't0' };
    const older = c('yes', 't1');
    const f = decisionsInForce([risk, older, c('no', 't2')]);
    expect(f.superseded).toEqual([older]);
    expect(f.risk).toBe(risk);
  });
});
