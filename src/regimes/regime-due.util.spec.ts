import { addCalendarMonths, stageDue, windowEnd } from './regime-due.util';

const at = (iso: string) => new Date(iso);

describe(addCalendarMonths.name, () => {
  it('takes 31 January to the last day of February at the same wall-clock time', () => {
    expect(addCalendarMonths(at('2027-01-31T14:00:00+01:00'), 1, 'Europe/Oslo')).toEqual(
      at('2027-02-28T14:00:00+01:00'),
    );
  });

  it('lands on the leap day in a leap year (2028), and from it on 29 March', () => {
    expect(addCalendarMonths(at('2028-01-31T09:30:00+01:00'), 1, 'Europe/Oslo')).toEqual(
      at('2028-02-29T09:30:00+01:00'),
    );
    expect(addCalendarMonths(at('2028-02-29T09:30:00+01:00'), 1, 'Europe/Oslo')).toEqual(
      at('2028-03-29T09:30:00+02:00'),
    );
  });

  it('keeps the wall-clock time over the spring change (last Sunday of March): one hour fewer elapsed', () => {
    const from = at('2027-03-10T10:00:00+01:00');
    const due = addCalendarMonths(from, 1, 'Europe/Oslo');
    expect(due).toEqual(at('2027-04-10T10:00:00+02:00'));
    expect((due.getTime() - from.getTime()) / 3_600_000).toBe(31 * 24 - 1);
  });

  it('keeps the wall-clock time over the autumn change (last Sunday of October): one hour more elapsed', () => {
    const from = at('2026-10-05T23:30:00+02:00');
    const due = addCalendarMonths(from, 1, 'Europe/Oslo');
    expect(due).toEqual(at('2026-11-05T23:30:00+01:00'));
    expect((due.getTime() - from.getTime()) / 3_600_000).toBe(31 * 24 + 1);
  });

  it('takes the earlier of a repeated hour, and moves a skipped one forward by the gap', () => {
    // 25 Oct 2026 02:30 happens twice in Oslo; 28 Mar 2027 02:30 never happens.
    expect(addCalendarMonths(at('2026-09-25T02:30:00+02:00'), 1, 'Europe/Oslo')).toEqual(
      at('2026-10-25T02:30:00+02:00'),
    );
    expect(addCalendarMonths(at('2027-02-28T02:30:00+01:00'), 1, 'Europe/Oslo')).toEqual(
      at('2027-03-28T03:30:00+02:00'),
    );
  });

  it('counts in the zone given: the same instant is another wall-clock day elsewhere', () => {
    // 31 Jan 23:30 in Oslo is 31 Jan 22:30 UTC; in Auckland it is already 1 Feb.
    const instant = at('2027-01-31T22:30:00Z');
    expect(addCalendarMonths(instant, 1, 'UTC')).toEqual(at('2027-02-28T22:30:00Z'));
    expect(addCalendarMonths(instant, 1, 'Pacific/Auckland')).toEqual(at('2027-03-01T11:30:00+13:00'));
  });

  it('crosses a year end', () => {
    expect(addCalendarMonths(at('2026-12-15T08:00:00Z'), 2, 'UTC')).toEqual(at('2027-02-15T08:00:00Z'));
  });
});

describe(stageDue.name, () => {
  const dora = [
    { anchor: 'classification:major-ict-incident' as const, window: { hours: 4 } },
    { anchor: 'controller-awareness' as const, window: { hours: 24 } },
  ];
  const ctx = { timeZone: 'Europe/Oslo' };

  it('is unknown while no anchor is known', () => {
    expect(stageDue(dora, {}, ctx)).toBeNull();
  });

  it('is due at the earliest known end: 24 h after awareness until classified', () => {
    expect(stageDue(dora, { 'controller-awareness': at('2026-11-22T08:00:00Z') }, ctx)).toEqual({
      firstAnchorAt: at('2026-11-22T08:00:00Z'),
      dueAt: at('2026-11-23T08:00:00Z'),
    });
  });

  it('then 4 h after the classification, unless the 24 h end first', () => {
    const aware = at('2026-11-22T08:00:00Z');
    expect(
      stageDue(
        dora,
        { 'controller-awareness': aware, 'classification:major-ict-incident': at('2026-11-22T10:00:00Z') },
        ctx,
      ),
    ).toEqual({ firstAnchorAt: aware, dueAt: at('2026-11-22T14:00:00Z') });
    expect(
      stageDue(
        dora,
        { 'controller-awareness': aware, 'classification:major-ict-incident': at('2026-11-23T06:00:00Z') },
        ctx,
      ),
    ).toEqual({ firstAnchorAt: aware, dueAt: at('2026-11-23T08:00:00Z') });
  });
});

describe(windowEnd.name, () => {
  it('takes an agreement or target window from the context, and knows none without it', () => {
    const from = at('2026-11-22T08:00:00Z');
    expect(windowEnd(from, { fromAgreement: true }, { timeZone: 'UTC', agreementHours: 36 })).toEqual(
      at('2026-11-23T20:00:00Z'),
    );
    expect(windowEnd(from, { target: true }, { timeZone: 'UTC' })).toBeNull();
  });
});
