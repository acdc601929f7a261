import { ValidationOptions, registerDecorator } from 'class-validator';

/** ISO 8601 date-time with seconds optional and a zone: `Z` or `±hh:mm`. */
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2})$/;

export function isInstant(value: unknown): value is string {
  return typeof value === 'string' && INSTANT.test(value) && !Number.isNaN(Date.parse(value));
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
        message: `${String(propertyName)} must be an ISO 8601 instant with a zone offset, e.g. 2026-11-22T14:05:00+01:00 or 2026-11-22T13:05:00Z`,
        ...options,
      },
      validator: { validate: isInstant },
    });
}
