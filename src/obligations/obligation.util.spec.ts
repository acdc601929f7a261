import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AgreementProfileDto } from '../agreements/dto/agreement-profile.dto';
import { completion, planControllerObligations, shownStatus } from './obligation.util';

const profile = (id: string) =>
  JSON.parse(
    readFileSync(join(__dirname, '..', 'agreements', 'profiles', `${id}.json`), 'utf8'),
  ) as AgreementProfileDto;
const aware = new Date('2026-11-22T09:12:00+01:00');

describe(planControllerObligations.name, () => {
  it.each([
    ['videonor', 'target', 24, '2026-11-23T08:12:00.000Z'],
    ['dotnet-internals', 'target', 24, '2026-11-23T08:12:00.000Z'],
    ['decision-beacon', 'contractual', 48, '2026-11-24T08:12:00.000Z'],
    ['alfaview', 'target', 24, '2026-11-23T08:12:00.000Z'],
  ])('%s: processor → controller is %s, %i h from our awareness', (id, basis, hours, due) => {
    const [processor] = planControllerObligations({
      processorAwareAt: aware,
      terms: profile(id).breachTerms,
      defaultTargetHours: 24,
    });
    expect(processor).toEqual({
      hop: 'processor-to-controller',
      anchorAt: aware,
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
      defaultTargetHours: 24,
    });
    expect(authority).toEqual({
      hop: 'controller-to-authority',
      anchorAt: null,
      dueAt: null,
      conservativeDueAt: new Date('2026-11-25T08:12:00.000Z'),
      basis: 'statutory',
      windowHours: 72,
      status: 'awaiting-anchor',
    });
  });

  it('uses the configured default target where a qualitative standard sets none', () => {
    const terms = { ...profile('videonor').breachTerms, hours: null };
    const [processor] = planControllerObligations({ processorAwareAt: aware, terms, defaultTargetHours: 12 });
    expect(processor).toMatchObject({
      basis: 'target',
      windowHours: 12,
      dueAt: new Date('2026-11-22T20:12:00.000Z'),
    });
  });
});

describe(completion.name, () => {
  const due = new Date('2026-11-25T08:12:00Z');

  it('is met up to and at the due instant', () => {
    expect(completion(due, new Date('2026-11-25T08:11:00Z'), undefined)).toEqual({ status: 'met' });
    expect(completion(due, due, undefined)).toEqual({ status: 'met' });
  });

  it('is met late after it, and only with reasons for the delay', () => {
    const late = new Date('2026-11-25T08:13:00Z');
    expect(completion(due, late, undefined)).toEqual({ refused: 'reasons-required' });
    expect(completion(due, late, '   ')).toEqual({ refused: 'reasons-required' });
    expect(completion(due, late, 'Forensics needed to establish scope')).toEqual({ status: 'met-late' });
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
