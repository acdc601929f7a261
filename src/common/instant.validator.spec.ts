import { isInstant } from './instant.validator';

describe(isInstant.name, () => {
  it.each([
    '2026-11-22T14:05:00+01:00',
    '2026-11-22T13:05:00Z',
    '2026-11-22T13:05Z',
    '2026-11-22T13:05:00.123456789Z',
    '2028-02-29T10:00:00Z',
    '2000-02-29T10:00:00Z',
    '2026-12-31T23:59:59-12:00',
    '2026-04-30T00:00:00+14:00',
  ])('takes %s', (value) => {
    expect(isInstant(value)).toBe(true);
  });

  it.each([
    ['no zone', '2026-11-22T14:05:00'],
    ['a date only', '2026-11-22'],
    ['30 February', '2026-02-30T10:00:00Z'],
    ['29 February of a common year', '2026-02-29T10:00:00Z'],
    ['29 February 1900 (not a leap year)', '1900-02-29T10:00:00Z'],
    ['31 April', '2026-04-31T10:00:00Z'],
    ['day 0', '2026-04-00T10:00:00Z'],
    ['month 13', '2026-13-01T10:00:00Z'],
    ['month 0', '2026-00-01T10:00:00Z'],
    ['hour 24', '2026-02-10T24:00:00Z'],
    ['minute 60', '2026-02-10T10:60:00Z'],
    ['second 60', '2026-02-10T10:00:60Z'],
    ['offset hour 24', '2026-02-10T10:00:00+24:00'],
    ['offset minute 60', '2026-02-10T10:00:00+01:60'],
    ['not a string', 20261122],
    ['null', null],
  ])('refuses %s', (_, value) => {
    expect(isInstant(value)).toBe(false);
  });
});
