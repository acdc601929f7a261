import { addBusinessDays, instantOf, isBusinessDay, longestBusinessDaysHours } from './business-days.util';

const OSLO = { country: 'NO', timeZone: 'Europe/Oslo' };

describe(addBusinessDays.name, () => {
  it('counts a Friday evening to Monday evening: the weekend is no business day', () => {
    expect(addBusinessDays(new Date('2026-12-04T18:00:00+01:00'), 1, OSLO).toISOString()).toBe(
      '2026-12-07T17:00:00.000Z',
    );
  });

  it('skips Norwegian Easter 2027 (Maundy Thursday to Easter Monday), and keeps the wall-clock time over summer time', () => {
    // Wednesday 24 March 10:00 CET; Thursday 25, Friday 26 and Monday 29 are public holidays; clocks go forward on 28.
    const due = addBusinessDays(new Date('2027-03-24T10:00:00+01:00'), 2, OSLO);
    expect(due.toISOString()).toBe('2027-03-31T08:00:00.000Z'); // Wednesday 31 March 10:00 CEST
  });

  it('skips 17 May in Norway, not in Sweden', () => {
    const friday = new Date('2027-05-14T09:00:00+02:00');
    expect(addBusinessDays(friday, 1, OSLO).toISOString()).toBe('2027-05-18T07:00:00.000Z');
    expect(addBusinessDays(friday, 1, { country: 'SE', timeZone: 'Europe/Stockholm' }).toISOString()).toBe(
      '2027-05-17T07:00:00.000Z',
    );
  });

  it('counts the same wall-clock time over the autumn change: 73 elapsed hours from Friday noon to Monday noon', () => {
    const start = new Date('2026-10-23T12:00:00+02:00');
    const due = addBusinessDays(start, 1, OSLO);
    expect(due.toISOString()).toBe('2026-10-26T11:00:00.000Z');
    expect((due.getTime() - start.getTime()) / 3_600_000).toBe(73);
  });

  it('counts national German holidays only: Epiphany (a state holiday) is a business day', () => {
    const de = { country: 'DE', timeZone: 'Europe/Berlin' };
    expect(addBusinessDays(new Date('2027-01-05T10:00:00+01:00'), 1, de).toISOString()).toBe(
      '2027-01-06T09:00:00.000Z',
    );
    expect(isBusinessDay('2027-10-03', 'DE')).toBe(false); // a Sunday, and German Unity Day
    expect(isBusinessDay('2027-12-24', 'DE')).toBe(true); // Christmas Eve is no national public holiday
  });

  it('starts on a weekend from the next business day at the same time', () => {
    expect(addBusinessDays(new Date('2026-12-05T10:00:00+01:00'), 1, OSLO).toISOString()).toBe(
      '2026-12-07T09:00:00.000Z',
    );
  });

  it('reads the local date in the controller zone: 23:30 Friday in Oslo is still Friday', () => {
    expect(addBusinessDays(new Date('2026-12-04T22:30:00Z'), 1, OSLO).toISOString()).toBe(
      '2026-12-07T22:30:00.000Z',
    );
  });
});

describe(instantOf.name, () => {
  it('moves a wall-clock time in the spring gap past it', () => {
    expect(instantOf({ date: '2027-03-28', time: '02:30:00' }, 'Europe/Oslo').toISOString()).toBe(
      '2027-03-28T01:30:00.000Z',
    );
  });

  it('takes the earlier of a wall-clock time that occurs twice in autumn', () => {
    expect(instantOf({ date: '2026-10-25', time: '02:30:00' }, 'Europe/Oslo').toISOString()).toBe(
      '2026-10-25T00:30:00.000Z',
    );
  });
});

describe(longestBusinessDaysHours.name, () => {
  it('finds Easter the longest stretch of three business days in Norway in 2027', () => {
    const longest = longestBusinessDaysHours(3, OSLO, new Date('2027-01-01T00:00:00+01:00'), 365);
    // From Monday 22 March: Tuesday, Wednesday, then Tuesday after Easter: 8 days, one hour less for summer time.
    expect(longest.hours).toBe(8 * 24 - 1);
    expect(longest.start.toISOString()).toBe('2027-03-21T23:00:00.000Z');
  });
});
