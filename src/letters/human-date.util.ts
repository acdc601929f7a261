import type { TextLanguage } from '../forms/render.util';

/**
 * Month names per language, our own rather than Intl's: what a letter says must not change with the ICU build a
 * node binary happens to carry (a small-ICU node falls back to English names; ICU releases have changed
 * abbreviations and punctuation). Intl is used only for what it must know: the wall-clock time and offset in a zone.
 */
const MONTHS: Record<TextLanguage, readonly string[]> = {
  en: [
    'January',
    'February',
    'March',
    'April',
    'May',
    'June',
    'July',
    'August',
    'September',
    'October',
    'November',
    'December',
  ],
  nb: [
    'januar',
    'februar',
    'mars',
    'april',
    'mai',
    'juni',
    'juli',
    'august',
    'september',
    'oktober',
    'november',
    'desember',
  ],
  de: [
    'Januar',
    'Februar',
    'März',
    'April',
    'Mai',
    'Juni',
    'Juli',
    'August',
    'September',
    'Oktober',
    'November',
    'Dezember',
  ],
  da: [
    'januar',
    'februar',
    'marts',
    'april',
    'maj',
    'juni',
    'juli',
    'august',
    'september',
    'oktober',
    'november',
    'december',
  ],
  sv: [
    'januari',
    'februari',
    'mars',
    'april',
    'maj',
    'juni',
    'juli',
    'augusti',
    'september',
    'oktober',
    'november',
    'december',
  ],
};

interface Parts {
  day: number;
  month: string;
  year: number;
  hour: string;
  minute: string;
  /** `+01:00`, `-05:00`, `+00:00`. */
  offset: string;
}

/** How each language writes a date and time; always with the offset, so a reader in another zone is not misled. */
const PATTERNS: Record<TextLanguage, (p: Parts) => string> = {
  en: (p) => `${p.day} ${p.month} ${p.year}, ${p.hour}:${p.minute} (UTC${p.offset})`,
  nb: (p) => `${p.day}. ${p.month} ${p.year} kl. ${p.hour}.${p.minute} (UTC${p.offset})`,
  de: (p) => `${p.day}. ${p.month} ${p.year}, ${p.hour}:${p.minute} Uhr (UTC${p.offset})`,
  da: (p) => `${p.day}. ${p.month} ${p.year} kl. ${p.hour}.${p.minute} (UTC${p.offset})`,
  sv: (p) => `${p.day} ${p.month} ${p.year} kl. ${p.hour}.${p.minute} (UTC${p.offset})`,
};

/**
 * An instant as a person reads it in `lang`, on the wall clock of `zone` (IANA), with the offset in force at that
 * instant: "1. desember 2026 kl. 08.51 (UTC+01:00)". For letters and forms; data (JSON, the API) keeps ISO 8601.
 */
export function humanInstant(instant: Date, zone: string, lang: TextLanguage): string {
  const parts = formatterFor(zone).formatToParts(instant);
  const get = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  // "GMT+01:00"; exactly "GMT" where the offset is zero.
  const offset = get('timeZoneName').replace('GMT', '') || '+00:00';
  return PATTERNS[lang]({
    day: Number(get('day')),
    month: MONTHS[lang][Number(get('month')) - 1],
    year: Number(get('year')),
    hour: get('hour'),
    minute: get('minute'),
    offset,
  });
}

/** One formatter per zone, kept: building one costs far more than using it (bench:letters). */
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(zone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(zone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
      timeZoneName: 'longOffset',
    });
    formatters.set(zone, formatter);
  }
  return formatter;
}
