import { inZone } from '../obligations/deadline.util';

/**
 * Wall-clock times in a zone, for the deadlines counted on a calendar (calendar months, business days) rather than in
 * elapsed hours. One place, so that every such deadline reads a daylight-saving change the same way.
 */
export interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
}

/** What a clock in `zone` shows at `instant`. */
export function wallClockAt(instant: Date, zone: string): WallClock {
  // inZone: "2026-10-25T02:30:00+02:00", from one kept formatter per zone.
  const shown = inZone(instant, zone);
  return {
    year: Number(shown.slice(0, 4)),
    month: Number(shown.slice(5, 7)),
    day: Number(shown.slice(8, 10)),
    hour: Number(shown.slice(11, 13)),
    minute: Number(shown.slice(14, 16)),
    second: Number(shown.slice(17, 19)),
    millisecond: instant.getUTCMilliseconds(),
  };
}

/** The zone's offset from UTC at `instant`, in milliseconds (wall clock minus UTC). */
function offsetAt(instant: Date, zone: string): number {
  const w = wallClockAt(instant, zone);
  return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second, w.millisecond) - instant.getTime();
}

/**
 * The instant a wall-clock time in `zone` names. Of two (the hour repeated when clocks go back), the earlier, the
 * stricter deadline; of none (the hour skipped when they go forward), the time read with the offset from before the
 * change, which is the same time moved forward by the gap (02:30 on a spring-forward night in Oslo is 03:30).
 */
export function instantOfWallClock(w: WallClock, zone: string): Date {
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second, w.millisecond);
  const before = offsetAt(new Date(asUtc - 86_400_000), zone);
  const after = offsetAt(new Date(asUtc + 86_400_000), zone);
  const candidates = [...new Set([before, after])]
    .map((offset) => new Date(asUtc - offset))
    .filter((d) => offsetAt(d, zone) === asUtc - d.getTime())
    .sort((a, b) => a.getTime() - b.getTime());
  return candidates[0] ?? new Date(asUtc - before);
}
