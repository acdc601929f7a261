import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AgreementProfileDto } from '../agreements/dto/agreement-profile.dto';
import { judgeLateness, planControllerObligations, shownStatus } from './obligation.util';

const profile = (id: string) =>
  JSON.parse(
    readFileSync(join(__dirname, '..', 'agreements', 'profiles', `${id}.json`), 'utf8'),
  ) as AgreementProfileDto;
const aware = new Date('2026-11-22T09:12:00+01:00');

describe(planControllerObligations.name, () => {
  it.each([
    ['videonor', 'target', 4, '2026-11-22T12:12:00.000Z'],
    ['dotnet-internals', 'target', 24, '2026-11-23T08:12:00.000Z'],
    ['decision-beacon', 'contractual', 48, '2026-11-24T08:12:00.000Z'],
    ['alfaview', 'target', 24, '2026-11-23T08:12:00.000Z'],
  ])('%s: processor → controller is %s, %i h from our awareness', (id, basis, hours, due) => {
    const [processor] = planControllerObligations({
      processorAwareAt: aware,
      terms: profile(id).breachTerms,
      targets: { immediately: 4, withoutUndueDelay: 24 },
    });
    expect(processor).toEqual({
      hop: 'processor-to-controller',
      anchorAt: aware,
      anchorSource: 'processor-awareness',
      dueAt: new Date(due),
      conservativeDueAt: null,
      basis,
      windowHours: hours,
      status: 'open',
    });
  });

  it('opens controller → authority awaiting its anchor, with the conservative 72 h from our awareness', () => {
    const [, authority] = planControllerObligations({
      processorAwareAt: aware,
      terms: profile('decision-beacon').breachTerms,
      targets: { immediately: 4, withoutUndueDelay: 24 },
    });
    expect(authority).toEqual({
      hop: 'controller-to-authority',
      anchorAt: null,
      anchorSource: null,
      dueAt: null,
      conservativeDueAt: new Date('2026-11-25T08:12:00.000Z'),
      basis: 'statutory',
      windowHours: 72,
      status: 'awaiting-anchor',
    });
  });

  it('uses the configured default target of its standard where a qualitative standard sets none', () => {
    const targets = { immediately: 3, withoutUndueDelay: 12 };
    const immediately = { ...profile('videonor').breachTerms, hours: null };
    const undue = { ...profile('alfaview').breachTerms, hours: null };
    expect(
      planControllerObligations({ processorAwareAt: aware, terms: immediately, targets })[0],
    ).toMatchObject({
      basis: 'target',
      windowHours: 3,
      dueAt: new Date('2026-11-22T11:12:00.000Z'),
    });
    expect(planControllerObligations({ processorAwareAt: aware, terms: undue, targets })[0]).toMatchObject({
      windowHours: 12,
    });
  });
});

describe(judgeLateness.name, () => {
  const due = new Date('2026-11-25T08:12:00Z');
  const judge = (
    metAt: Date,
    reasonsForDelay?: string,
    d: Date | null = due,
    conservativeDue: Date | null = null,
  ) => judgeLateness({ metAt, due: d, conservativeDue, reasonsForDelay });

  it('is on time up to and at the due instant', () => {
    expect(judge(new Date('2026-11-25T08:11:00Z'))).toEqual({ late: false });
    expect(judge(due)).toEqual({ late: false });
  });

  it('is late a millisecond after it, and only with reasons for the delay', () => {
    const late = new Date(due.getTime() + 1);
    expect(judge(late)).toEqual({ refused: 'reasons-required' });
    expect(judge(late, '   ')).toEqual({ refused: 'reasons-required' });
    expect(judge(late, ' Forensics needed to establish scope ')).toEqual({
      late: true,
      reasons: 'Forensics needed to establish scope',
    });
  });

  it('judges against the conservative due time while the anchor is not known', () => {
    expect(judge(due, undefined, null, due)).toEqual({ late: false });
    expect(judge(new Date(due.getTime() + 1), undefined, null, due)).toEqual({ refused: 'reasons-required' });
    expect(judge(new Date(due.getTime() + 1), undefined, null, null)).toEqual({ late: false });
  });
});

describe(shownStatus.name, () => {
  const due = new Date('2026-11-25T08:12:00Z');
  it('shows an open obligation past its due time as overdue, and only that', () => {
    expect(shownStatus('open', due, new Date('2026-11-25T08:12:00Z'))).toBe('open');
    expect(shownStatus('open', due, new Date('2026-11-25T08:13:00Z'))).toBe('overdue');
    expect(shownStatus('met', due, new Date('2026-11-26T00:00:00Z'))).toBe('met');
    expect(shownStatus('awaiting-anchor', null, new Date('2026-11-26T00:00:00Z'))).toBe('awaiting-anchor');
  });
});
