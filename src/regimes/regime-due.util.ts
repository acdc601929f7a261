/**
 * Due arithmetic of regime stages. Pure: every instant comes in as an argument.
 * - Hours are elapsed hours on the UTC time line (a daylight-saving change or a weekend moves nothing).
 * - Calendar months are counted on the recipient's wall clock: 31 Jan + 1 month is the last day of February at the
 *   same wall-clock time, and a daylight-saving change in between keeps the wall-clock time (so the elapsed hours
 *   differ by one).
 * - A stage due at the earliest of several anchors is due at the earliest end over the anchors known so far.
 */
import { instantOfWallClock, wallClockAt } from '../common/wall-clock.util';
import { dueAt } from '../obligations/deadline.util';
import type { AnchorEvent, DueTerm, Window } from './regime-definition';

/** What a window needs beyond its anchor: the zone months are counted in, and the hours a window takes elsewhere. */
export interface WindowContext {
  timeZone: string;
  /** The controller's agreement (GDPR's processor hop). */
  agreementHours?: number;
  /** Our configured target, for a duty that names no number. */
  targetHours?: number;
}

/** The instant the window that starts at `anchor` ends, or null when the context lacks what the window needs. */
export function windowEnd(anchor: Date, window: Window, ctx: WindowContext): Date | null {
  if ('hours' in window) return dueAt({ anchor, hours: window.hours });
  if ('months' in window) return addCalendarMonths(anchor, window.months, ctx.timeZone);
  const hours = 'fromAgreement' in window ? ctx.agreementHours : ctx.targetHours;
  return hours === undefined ? null : dueAt({ anchor, hours });
}

/** The hours a window names, where it names them (a months window has none: its length depends on the calendar). */
export function windowHours(window: Window, ctx: Omit<WindowContext, 'timeZone'>): number | null {
  if ('hours' in window) return window.hours;
  if ('months' in window) return null;
  return ('fromAgreement' in window ? ctx.agreementHours : ctx.targetHours) ?? null;
}

/**
 * When a stage is due, from the anchors known so far: the earliest end over its terms whose anchor is known, and the
 * earliest of those anchors (the start of the window the 50 / 80 / 100 % alerts run over). Null while none is known.
 */
export function stageDue(
  terms: readonly DueTerm[],
  anchors: Partial<Record<AnchorEvent, Date>>,
  ctx: WindowContext,
): { firstAnchorAt: Date; dueAt: Date } | null {
  let first: Date | null = null;
  let due: Date | null = null;
  for (const term of terms) {
    const at = anchors[term.anchor];
    if (!at) continue;
    const end = windowEnd(at, term.window, ctx);
    if (!end) continue;
    if (!first || at < first) first = at;
    if (!due || end < due) due = end;
  }
  return first && due ? { firstAnchorAt: first, dueAt: due } : null;
}

/**
 * `months` calendar months after `instant`, on the wall clock of `zone`: the same day of the month (or the month's
 * last day when it has fewer: 31 Jan → 28/29 Feb), the same wall-clock time. A wall-clock time that does not exist
 * that day (skipped by a daylight-saving change) is taken forward by the gap, as clocks do.
 */
export function addCalendarMonths(instant: Date, months: number, zone: string): Date {
  const wall = wallClockAt(instant, zone);
  const monthIndex = wall.month - 1 + months;
  const year = wall.year + Math.floor(monthIndex / 12);
  const month = (((monthIndex % 12) + 12) % 12) + 1;
  const day = Math.min(wall.day, daysInMonth(year, month));
  return instantOfWallClock({ ...wall, year, month, day }, zone);
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}
