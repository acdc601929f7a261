/**
 * Deadline arithmetic. Pure: every function takes the instants it needs, "now" included.
 * Deadlines are elapsed hours on the UTC time line: a weekend, a public holiday or a daylight-saving change
 * never moves one (GDPR Art. 33(1) counts 72 hours, not business hours).
 */

const HOUR_MS = 3_600_000;

/** The instant `hours` elapsed hours after `anchor`. */
export function dueAt({ anchor, hours }: { anchor: Date; hours: number }): Date {
  return new Date(anchor.getTime() + hours * HOUR_MS);
}

/** Milliseconds left until `due`; negative once it has passed. */
export function remainingMs(due: Date, now: Date): number {
  return due.getTime() - now.getTime();
}

/** True from the due instant on: a notice at exactly the due time is on time, a millisecond later it is late. */
export function isPastDue(due: Date, at: Date): boolean {
  return at.getTime() > due.getTime();
}

/** How much of the window [anchor, due] has been used at `now`: 0 at the anchor, 1 at the due time, above 1 after. */
export function fractionUsed(anchor: Date, due: Date, now: Date): number {
  const window = due.getTime() - anchor.getTime();
  if (window <= 0) return 1;
  return Math.max(0, (now.getTime() - anchor.getTime()) / window);
}

/** "+3h 05m" / "-0h 01m": remaining time for people, rounded towards zero to the minute. */
export function formatRemaining(ms: number): string {
  const sign = ms < 0 ? '-' : '+';
  const minutes = Math.floor(Math.abs(ms) / 60_000);
  return `${sign}${Math.floor(minutes / 60)}h ${String(minutes % 60).padStart(2, '0')}m`;
}

/** The stages at which an open obligation alerts: this share of its window used. */
export const ALERT_STAGES = [50, 80, 100] as const;
export type AlertStage = (typeof ALERT_STAGES)[number];

/** The instant a stage is reached. */
export function stageAt(anchor: Date, due: Date, stage: AlertStage): Date {
  return new Date(anchor.getTime() + ((due.getTime() - anchor.getTime()) * stage) / 100);
}

/** The stages reached at `now` that have not fired yet, lowest first. */
export function stagesDue(anchor: Date, due: Date, now: Date, fired: readonly AlertStage[]): AlertStage[] {
  return ALERT_STAGES.filter((s) => !fired.includes(s) && stageAt(anchor, due, s).getTime() <= now.getTime());
}

/** When the next unfired stage is reached, or null when every stage has fired. */
export function nextStageAt(anchor: Date, due: Date, fired: readonly AlertStage[]): Date | null {
  const next = ALERT_STAGES.find((s) => !fired.includes(s));
  return next === undefined ? null : stageAt(anchor, due, next);
}

/**
 * An instant as a reader in `zone` sees it, with the offset in force there at that instant:
 * 2026-10-25T00:30:00Z in Europe/Oslo is "2026-10-25T02:30:00+02:00", an hour later "2026-10-25T02:30:00+01:00".
 */
export function inZone(instant: Date, zone: string): string {
  // Many obligations share their instants (one breach: one awareness, the same windows), so the text is kept.
  const key = `${zone}\n${instant.getTime()}`;
  let text = shown.get(key);
  if (text === undefined) {
    if (shown.size >= SHOWN_MAX) shown.clear();
    text = formatInZone(instant, zone);
    shown.set(key, text);
  }
  return text;
}

const SHOWN_MAX = 10_000;
const shown = new Map<string, string>();

function formatInZone(instant: Date, zone: string): string {
  const parts = formatterFor(zone).formatToParts(instant);
  const get = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  const offset = get('timeZoneName').replace('GMT', '') || '+00:00';
  return `${get('year')}-${get('month')}-${get('day')}T${get('hour')}:${get('minute')}:${get('second')}${offset}`;
}

/** Building a formatter costs far more than using one: one per zone, kept. */
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(zone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(zone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-CA', {
      timeZone: zone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
      timeZoneName: 'longOffset',
    });
    formatters.set(zone, formatter);
  }
  return formatter;
}
