import Holidays from 'date-holidays';
import { instantOfWallClock } from '../common/wall-clock.util';
import { inZone } from '../obligations/deadline.util';

/**
 * The calendar business days are counted in: the controller's country (ISO 3166-1 alpha-2) for its public holidays,
 * and its IANA zone for where a day starts and ends. National public holidays only: a state's or region's own
 * holidays (Bavaria's Epiphany, say) are not counted, because an agreement names a country, not a state.
 */
export interface BusinessCalendar {
  country: string;
  timeZone: string;
}

const DAY_MS = 86_400_000;

/** The public holidays of a country in a year, as local dates (YYYY-MM-DD). Built once per country and year. */
const holidaysByYear = new Map<string, ReadonlySet<string>>();

function publicHolidays(country: string, year: number): ReadonlySet<string> {
  const key = `${country}:${year}`;
  let dates = holidaysByYear.get(key);
  if (!dates) {
    const list = new Holidays(country).getHolidays(year) || [];
    dates = new Set(list.filter((h) => h.type === 'public').map((h) => h.date.slice(0, 10)));
    holidaysByYear.set(key, dates);
  }
  return dates;
}

/** Whether the library knows the country's holidays: a profile's calendar must be one it can count in. */
export function knowsHolidaysOf(country: string): boolean {
  return Object.keys(new Holidays().getCountries()).includes(country.toUpperCase());
}

/** A business day: Monday to Friday, and not a national public holiday of the country. */
export function isBusinessDay(localDate: string, country: string): boolean {
  const weekday = new Date(`${localDate}T00:00:00Z`).getUTCDay();
  if (weekday === 0 || weekday === 6) return false;
  return !publicHolidays(country.toUpperCase(), Number(localDate.slice(0, 4))).has(localDate);
}

interface WallTime {
  date: string;
  time: string;
}

function wallTime(instant: Date, zone: string): WallTime {
  const shown = inZone(instant, zone);
  return { date: shown.slice(0, 10), time: shown.slice(11, 19) };
}

function nextDate(localDate: string): string {
  return new Date(new Date(`${localDate}T00:00:00Z`).getTime() + DAY_MS).toISOString().slice(0, 10);
}

/**
 * The instant a wall-clock time on a date has in `zone` (see instantOfWallClock: the earlier of a repeated hour, a
 * skipped one moved forward by the gap: 02:30 on the night clocks go forward from 02:00 to 03:00 is 03:30).
 */
export function instantOf(wall: WallTime, zone: string): Date {
  const [year, month, day] = wall.date.split('-').map(Number);
  const [hour, minute, second] = wall.time.split(':').map(Number);
  return instantOfWallClock({ year, month, day, hour, minute, second, millisecond: 0 }, zone);
}

/**
 * `days` business days after `start`: the same wall-clock time in the controller's zone on the `days`-th business day
 * after the local date of `start`. Our reading, chosen so that a business day is a whole day of work: aware on a Friday
 * at 18:00, one business day is Monday at 18:00 (Tuesday if Monday is a holiday); aware on a Saturday, it is Monday at
 * the same time. The result is an instant on the UTC line; a daylight-saving change between the two moves the elapsed
 * hours, not the wall-clock time.
 */
export function addBusinessDays(start: Date, days: number, calendar: BusinessCalendar): Date {
  const { date, time } = wallTime(start, calendar.timeZone);
  let day = date;
  for (let counted = 0; counted < days;) {
    day = nextDate(day);
    if (isBusinessDay(day, calendar.country)) counted++;
  }
  return instantOf({ date: day, time }, calendar.timeZone);
}

/**
 * The most elapsed hours `days` business days can take, over every start at midnight and noon of the local days in
 * [from, from + spanDays): what a holiday weekend (Easter, Christmas) stretches them to.
 */
export function longestBusinessDaysHours(
  days: number,
  calendar: BusinessCalendar,
  from: Date,
  spanDays = 366,
): { hours: number; start: Date } {
  let longest = { hours: 0, start: from };
  let date = wallTime(from, calendar.timeZone).date;
  for (let i = 0; i < spanDays; i++, date = nextDate(date)) {
    for (const time of ['00:00:00', '12:00:00']) {
      const start = instantOf({ date, time }, calendar.timeZone);
      const hours = (addBusinessDays(start, days, calendar).getTime() - start.getTime()) / 3_600_000;
      if (hours > longest.hours) longest = { hours, start };
    }
  }
  return longest;
}
