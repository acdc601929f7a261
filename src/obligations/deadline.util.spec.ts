import {
  dueAt,
  formatRemaining,
  fractionUsed,
  inZone,
  isPastDue,
  nextStageAt,
  remainingMs,
  stageAt,
  stagesDue,
} from './deadline.util';

const at = (iso: string) => new Date(iso);
const MINUTE = 60_000;

describe(dueAt.name, () => {
  it('counts 72 elapsed hours across the spring change in Oslo (2026-03-29): the wall clock shows 73', () => {
    // Awareness Saturday 28 March 10:00 in Oslo (+01:00); clocks go forward at 02:00 on the 29th.
    const due = dueAt({ anchor: at('2026-03-28T10:00:00+01:00'), hours: 72 });
    expect(due.toISOString()).toBe('2026-03-31T09:00:00.000Z');
    expect(inZone(due, 'Europe/Oslo')).toBe('2026-03-31T11:00:00+02:00');
  });

  it('counts 72 elapsed hours across the autumn change in Oslo (2026-10-25): the wall clock shows 71', () => {
    const due = dueAt({ anchor: at('2026-10-24T10:00:00+02:00'), hours: 72 });
    expect(due.toISOString()).toBe('2026-10-27T08:00:00.000Z');
    expect(inZone(due, 'Europe/Oslo')).toBe('2026-10-27T09:00:00+01:00');
  });

  it('starts inside the repeated hour of the autumn change and still counts elapsed hours', () => {
    const first = at('2026-10-25T02:30:00+02:00');
    const second = at('2026-10-25T02:30:00+01:00');
    expect(second.getTime() - first.getTime()).toBe(60 * MINUTE);
    expect(dueAt({ anchor: first, hours: 24 }).toISOString()).toBe('2026-10-26T00:30:00.000Z');
    expect(dueAt({ anchor: second, hours: 24 }).toISOString()).toBe('2026-10-26T01:30:00.000Z');
  });

  it('does not skip a weekend: Friday evening + 72 h is Monday evening', () => {
    const due = dueAt({ anchor: at('2026-11-20T18:00:00+01:00'), hours: 72 });
    expect(inZone(due, 'Europe/Oslo')).toBe('2026-11-23T18:00:00+01:00');
  });

  it('counts the leap day 2028-02-29', () => {
    const due = dueAt({ anchor: at('2028-02-28T12:00:00Z'), hours: 48 });
    expect(due.toISOString()).toBe('2028-03-01T12:00:00.000Z');
    expect(dueAt({ anchor: at('2027-02-28T12:00:00Z'), hours: 48 }).toISOString()).toBe(
      '2027-03-02T12:00:00.000Z',
    );
  });

  it('gives the same instant whatever offset the anchor was written in', () => {
    const a = dueAt({ anchor: at('2026-11-22T09:00:00+01:00'), hours: 72 });
    const b = dueAt({ anchor: at('2026-11-22T08:00:00Z'), hours: 72 });
    const c = dueAt({ anchor: at('2026-11-22T03:00:00-05:00'), hours: 72 });
    expect(a).toEqual(b);
    expect(b).toEqual(c);
  });
});

describe(isPastDue.name, () => {
  const due = at('2026-11-25T08:00:00Z');

  it('is on time in the last minute before, and at the due instant itself', () => {
    expect(isPastDue(due, at('2026-11-25T07:59:00Z'))).toBe(false);
    expect(isPastDue(due, at('2026-11-25T07:59:59.999Z'))).toBe(false);
    expect(isPastDue(due, due)).toBe(false);
  });

  it('is late from the first moment after', () => {
    expect(isPastDue(due, at('2026-11-25T08:00:00.001Z'))).toBe(true);
    expect(isPastDue(due, at('2026-11-25T08:01:00Z'))).toBe(true);
  });

  it.each([
    ['Europe/Oslo summer', '2026-03-28T10:00:00+01:00', '2026-03-31T11:00:00+02:00'],
    ['Europe/Oslo winter', '2026-10-24T10:00:00+02:00', '2026-10-27T09:00:00+01:00'],
  ])('holds the boundary across the %s change', (_name, anchor, wallDue) => {
    const d = dueAt({ anchor: at(anchor), hours: 72 });
    expect(d).toEqual(at(wallDue));
    expect(isPastDue(d, new Date(d.getTime() - MINUTE))).toBe(false);
    expect(isPastDue(d, new Date(d.getTime() + MINUTE))).toBe(true);
  });
});

describe('time left and window used', () => {
  const anchor = at('2026-11-22T08:00:00Z');
  const due = dueAt({ anchor, hours: 48 });

  it('reports what is left, negative once passed', () => {
    expect(remainingMs(due, at('2026-11-24T07:00:00Z'))).toBe(60 * MINUTE);
    expect(remainingMs(due, at('2026-11-24T09:00:00Z'))).toBe(-60 * MINUTE);
    expect(formatRemaining(3 * 3_600_000 + 5 * MINUTE + 59_000)).toBe('+3h 05m');
    expect(formatRemaining(-61 * MINUTE)).toBe('-1h 01m');
  });

  it('reports the share of the window used', () => {
    expect(fractionUsed(anchor, due, anchor)).toBe(0);
    expect(fractionUsed(anchor, due, at('2026-11-23T08:00:00Z'))).toBe(0.5);
    expect(fractionUsed(anchor, due, due)).toBe(1);
    expect(fractionUsed(anchor, due, at('2026-11-25T08:00:00Z'))).toBe(1.5);
  });
});

describe('alert stages', () => {
  const anchor = at('2026-11-22T08:00:00Z');
  const due = dueAt({ anchor, hours: 24 });

  it('places 50, 80 and 100 % on the elapsed-hour line', () => {
    expect(stageAt(anchor, due, 50).toISOString()).toBe('2026-11-22T20:00:00.000Z');
    expect(stageAt(anchor, due, 80).toISOString()).toBe('2026-11-23T03:12:00.000Z');
    expect(stageAt(anchor, due, 100)).toEqual(due);
  });

  it('is due from the stage instant on, not a minute before', () => {
    expect(stagesDue(anchor, due, at('2026-11-22T19:59:00Z'), [])).toEqual([]);
    expect(stagesDue(anchor, due, at('2026-11-22T20:00:00Z'), [])).toEqual([50]);
  });

  it('gives every stage passed and not fired, lowest first', () => {
    expect(stagesDue(anchor, due, at('2026-11-24T00:00:00Z'), [])).toEqual([50, 80, 100]);
    expect(stagesDue(anchor, due, at('2026-11-24T00:00:00Z'), [50])).toEqual([80, 100]);
    expect(stagesDue(anchor, due, at('2026-11-24T00:00:00Z'), [50, 80, 100])).toEqual([]);
  });

  it('knows when the next stage falls, or that none is left', () => {
    expect(nextStageAt(anchor, due, [])).toEqual(stageAt(anchor, due, 50));
    expect(nextStageAt(anchor, due, [50])).toEqual(stageAt(anchor, due, 80));
    expect(nextStageAt(anchor, due, [50, 80, 100])).toBeNull();
  });
});

describe(inZone.name, () => {
  it('shows the offset in force in the zone at that instant', () => {
    expect(inZone(at('2026-10-25T00:30:00Z'), 'Europe/Oslo')).toBe('2026-10-25T02:30:00+02:00');
    expect(inZone(at('2026-10-25T01:30:00Z'), 'Europe/Oslo')).toBe('2026-10-25T02:30:00+01:00');
    expect(inZone(at('2026-06-01T12:00:00Z'), 'Europe/Berlin')).toBe('2026-06-01T14:00:00+02:00');
    expect(inZone(at('2026-06-01T12:00:00Z'), 'UTC')).toBe('2026-06-01T12:00:00+00:00');
  });
});
