import type { TextLanguage } from '../forms/render.util';
import { humanInstant } from './human-date.util';

describe(humanInstant.name, () => {
  it.each<[string, string, TextLanguage, string]>([
    // The examples: one instant in every language, in Europe/Oslo (CET in December).
    ['2026-12-01T07:51:00Z', 'Europe/Oslo', 'nb', '1. desember 2026 kl. 08.51 (UTC+01:00)'],
    ['2026-12-01T07:51:00Z', 'Europe/Oslo', 'en', '1 December 2026, 08:51 (UTC+01:00)'],
    ['2026-12-01T07:51:00Z', 'Europe/Oslo', 'de', '1. Dezember 2026, 08:51 Uhr (UTC+01:00)'],
    ['2026-12-01T07:51:00Z', 'Europe/Oslo', 'da', '1. december 2026 kl. 08.51 (UTC+01:00)'],
    ['2026-12-01T07:51:00Z', 'Europe/Oslo', 'sv', '1 december 2026 kl. 08.51 (UTC+01:00)'],
    // Spring forward in Europe/Oslo (29 March 2026, 02:00 CET → 03:00 CEST): the last minute before, the minute after.
    ['2026-03-29T00:59:00Z', 'Europe/Oslo', 'nb', '29. mars 2026 kl. 01.59 (UTC+01:00)'],
    ['2026-03-29T01:00:00Z', 'Europe/Oslo', 'nb', '29. mars 2026 kl. 03.00 (UTC+02:00)'],
    // Fall back (25 October 2026): 02:30 happens twice, and only the offset tells them apart.
    ['2026-10-25T00:30:00Z', 'Europe/Oslo', 'en', '25 October 2026, 02:30 (UTC+02:00)'],
    ['2026-10-25T01:30:00Z', 'Europe/Oslo', 'en', '25 October 2026, 02:30 (UTC+01:00)'],
    // UTC itself, and a zone at +00:00 in winter, say +00:00 rather than nothing.
    ['2026-12-01T07:51:00Z', 'UTC', 'en', '1 December 2026, 07:51 (UTC+00:00)'],
    ['2026-01-15T12:00:00Z', 'Europe/London', 'de', '15. Januar 2026, 12:00 Uhr (UTC+00:00)'],
    // The day and month change with the zone; midnight is 00, not 24.
    ['2026-12-31T23:05:00Z', 'Europe/Copenhagen', 'da', '1. januar 2027 kl. 00.05 (UTC+01:00)'],
    ['2026-07-01T22:00:00Z', 'Europe/Stockholm', 'sv', '2 juli 2026 kl. 00.00 (UTC+02:00)'],
    ['2026-03-02T10:00:00Z', 'Europe/Berlin', 'de', '2. März 2026, 11:00 Uhr (UTC+01:00)'],
    // Offsets west of UTC and off the hour.
    ['2026-11-22T14:05:00Z', 'America/New_York', 'en', '22 November 2026, 09:05 (UTC-05:00)'],
    ['2026-11-22T14:05:00Z', 'Asia/Kolkata', 'en', '22 November 2026, 19:35 (UTC+05:30)'],
  ])('%s in %s (%s) is "%s"', (iso, zone, lang, expected) => {
    expect(humanInstant(new Date(iso), zone, lang)).toBe(expected);
  });

  it('never writes ISO 8601', () => {
    for (const lang of ['en', 'nb', 'de', 'da', 'sv'] as const)
      expect(humanInstant(new Date('2026-11-22T08:00:00Z'), 'Europe/Oslo', lang)).not.toMatch(
        /\d{4}-\d{2}-\d{2}T/,
      );
  });
});
