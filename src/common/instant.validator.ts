import { ValidationOptions, registerDecorator } from 'class-validator';

/** ISO 8601 date-time with seconds optional and a zone: `Z` or `±hh:mm`. */
const INSTANT =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(?:Z|[+-](\d{2}):(\d{2}))$/;

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/**
 * True for an instant whose calendar date and clock time exist: `Date.parse` alone rolls 2026-02-30 over to
 * 2 March and takes 24:00 as the next midnight, so the fields are checked one by one.
 */
export function isInstant(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const m = INSTANT.exec(value);
  if (!m) return false;
  const [year, month, day, hour, minute, second, offsetHours, offsetMinutes] = m
    .slice(1)
    .map((part) => (part === undefined ? 0 : Number(part)));
  return (
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= daysInMonth(year, month) &&
    hour <= 23 &&
    minute <= 59 &&
    second <= 59 &&
    offsetHours <= 23 &&
    offsetMinutes <= 59 &&
    !Number.isNaN(Date.parse(value))
  );
}

/**
 * An instant must say which zone it is in: "2026-03-29T01:30" alone is ambiguous (and, in Oslo on that
 * day, names a time that never happened). Stays a string; services turn it into a Date.
 */
export function IsInstant(options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'isInstant',
      target: target.constructor,
      propertyName: propertyName as string,
      options: {
        message: `${String(propertyName)} must be an ISO 8601 instant with a zone offset and a date that exists, e.g. 2026-11-22T14:05:00+01:00 or 2026-11-22T13:05:00Z`,
        ...options,
      },
      validator: { validate: isInstant },
    });
}
