/**
 * Calendar dates in Asia/Shanghai.
 *
 * A plan date (planned/actual node dates, deadlines, signing dates) is a `CalendarDate`: an ISO
 * string 'YYYY-MM-DD' with no time and no zone. Events (audit entries, uploads) are JS `Date`
 * instants. The only place the two meet is `toCalendarDate(instant)` / `today(now)`, which read
 * the wall-clock date in Asia/Shanghai, and `startOfDayInstant(date)`, its inverse.
 *
 * Why strings: two valid CalendarDates compare correctly with `<`/`===` and sort as text, JSON
 * and GraphQL carry them unchanged, and no server time zone can shift them by a day.
 * Arithmetic runs on epoch-day numbers (days since 1970-01-01 in a zone-free proleptic
 * calendar), so it is exact and DST-free; date-fns + @date-fns/tz are used only where a real
 * time zone is involved.
 *
 * API: isValidCalendarDate, assertCalendarDate, today, toCalendarDate, startOfDayInstant,
 * toUtcMidnight/fromUtcMidnight (storage form), daysBetween, addDays, addMonths, compareDates,
 * yearOf, startOfYear, endOfYear, endOfMonth, isMonthEnd, lastMonthEndOnOrBefore,
 * previousMonthEnd, monthEndsBetween, quarterOf, startOfQuarter, endOfQuarter.
 */
import { format } from 'date-fns';
import { TZDate, tz } from '@date-fns/tz';

/** 'YYYY-MM-DD', a date on the Asia/Shanghai calendar. Validate with isValidCalendarDate. */
export type CalendarDate = string;

export const TIME_ZONE = 'Asia/Shanghai';
export type Quarter = 1 | 2 | 3 | 4;

const MS_PER_DAY = 86_400_000;
const shanghai = tz(TIME_ZONE);

function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

function daysInMonth(y: number, m: number): number {
  return m === 2 ? (isLeapYear(y) ? 29 : 28) : [4, 6, 9, 11].includes(m) ? 30 : 31;
}

/** Digits at [from, to) of `s` as a number, or NaN if any is not a digit. */
function digits(s: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return NaN;
    n = n * 10 + c;
  }
  return n;
}

// Parsed by hand rather than with a regular expression: lights parse two dates per node of every
// listed project.
function parts(date: CalendarDate): [number, number, number] {
  const ok = typeof date === 'string' && date.length === 10 && date.charCodeAt(4) === 45 && date.charCodeAt(7) === 45;
  const y = ok ? digits(date, 0, 4) : NaN;
  const m = ok ? digits(date, 5, 7) : NaN;
  const d = ok ? digits(date, 8, 10) : NaN;
  if (Number.isNaN(y + m + d)) throw new RangeError(`Not a calendar date: ${JSON.stringify(date)}`);
  if (y < 1000 || m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) {
    throw new RangeError(`Not a calendar date: ${JSON.stringify(date)}`);
  }
  return [y, m, d];
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

function fromParts(y: number, m: number, d: number): CalendarDate {
  return `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`;
}

/** Days since 1970-01-01 in the proleptic Gregorian calendar (H. Hinnant's days_from_civil). */
function toEpochDay(date: CalendarDate): number {
  const [y0, m, d] = parts(date);
  const y = m <= 2 ? y0 - 1 : y0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

function fromEpochDay(day: number): CalendarDate {
  const utc = new Date(day * MS_PER_DAY);
  return fromParts(utc.getUTCFullYear(), utc.getUTCMonth() + 1, utc.getUTCDate());
}

/** True for a real date written 'YYYY-MM-DD' (years 1000–9999); rejects '2025-02-30'. */
export function isValidCalendarDate(value: unknown): value is CalendarDate {
  if (typeof value !== 'string') return false;
  try {
    parts(value);
    return true;
  } catch {
    return false;
  }
}

/** Returns the value as a CalendarDate or throws RangeError (for already-validated input). */
export function assertCalendarDate(value: unknown): CalendarDate {
  if (!isValidCalendarDate(value)) throw new RangeError(`Not a calendar date: ${JSON.stringify(value)}`);
  return value;
}

/**
 * The last day looked up, as the half-open span of instants [from, to) it covers. Reading the
 * zone's rules costs microseconds and `today()` runs once per derived field, so a request that
 * derives thousands of lights would spend a fifth of its time there; the span is computed from
 * the zone itself (not a fixed +08:00), so it stays right for any rules the zone ever had.
 */
let lastDay: { from: number; to: number; date: CalendarDate } | null = null;

/** The Asia/Shanghai calendar date of an instant. */
export function toCalendarDate(instant: Date): CalendarDate {
  const ms = instant.getTime();
  if (Number.isNaN(ms)) throw new RangeError('Invalid Date');
  if (lastDay && ms >= lastDay.from && ms < lastDay.to) return lastDay.date;
  const date = format(instant, 'yyyy-MM-dd', { in: shanghai });
  const [y, m, d] = parts(date);
  const from = new TZDate(y, m - 1, d, TIME_ZONE).getTime();
  const to = new TZDate(y, m - 1, d + 1, TIME_ZONE).getTime();
  // A span that does not contain the instant would mean the zone lookup disagreed with itself.
  if (ms >= from && ms < to) lastDay = { from, to, date };
  return date;
}

/** Today in Asia/Shanghai (pass `now` to make it deterministic). */
export function today(now: Date = new Date()): CalendarDate {
  return toCalendarDate(now);
}

/** The instant at which `date` begins in Asia/Shanghai (00:00 local). */
export function startOfDayInstant(date: CalendarDate): Date {
  const [y, m, d] = parts(date);
  return new Date(new TZDate(y, m - 1, d, TIME_ZONE).getTime());
}

/**
 * Storage form: the UTC-midnight `Date` that GraphQL `Date` scalars (graphql-scalars) and BSON
 * dates use for a zone-less date. Not the Shanghai start of day; never show it as an instant.
 */
export function toUtcMidnight(date: CalendarDate): Date {
  return new Date(toEpochDay(date) * MS_PER_DAY);
}

/** Inverse of toUtcMidnight; throws if the Date is not exactly a UTC midnight. */
export function fromUtcMidnight(value: Date): CalendarDate {
  const ms = value.getTime();
  if (!Number.isFinite(ms) || ms % MS_PER_DAY !== 0) {
    throw new RangeError(`Not a UTC-midnight date: ${String(value)}`);
  }
  return fromEpochDay(ms / MS_PER_DAY);
}

/** Calendar days from `a` to `b` (positive when b is later): daysBetween('2025-01-01','2025-01-31') = 30. */
export function daysBetween(a: CalendarDate, b: CalendarDate): number {
  return toEpochDay(b) - toEpochDay(a);
}

export function addDays(date: CalendarDate, days: number): CalendarDate {
  if (!Number.isInteger(days)) throw new RangeError(`Days must be an integer: ${days}`);
  return fromEpochDay(toEpochDay(date) + days);
}

/** Adds whole months, clamping to the month's last day: 2024-02-29 − 12 months = 2023-02-28. */
export function addMonths(date: CalendarDate, months: number): CalendarDate {
  if (!Number.isInteger(months)) throw new RangeError(`Months must be an integer: ${months}`);
  const [y, m, d] = parts(date);
  const index = y * 12 + (m - 1) + months;
  const ny = Math.floor(index / 12);
  const nm = index - ny * 12 + 1;
  return fromParts(ny, nm, Math.min(d, daysInMonth(ny, nm)));
}

/** Comparator for sorting; valid CalendarDates also compare correctly as strings. */
export function compareDates(a: CalendarDate, b: CalendarDate): -1 | 0 | 1 {
  const diff = daysBetween(b, a);
  return diff < 0 ? -1 : diff > 0 ? 1 : 0;
}

export function yearOf(date: CalendarDate): number {
  return parts(date)[0];
}

export function startOfYear(year: number): CalendarDate {
  return fromParts(year, 1, 1);
}

export function endOfYear(year: number): CalendarDate {
  return fromParts(year, 12, 31);
}

/** Last day of the month containing `date`. */
export function endOfMonth(date: CalendarDate): CalendarDate {
  const [y, m] = parts(date);
  return fromParts(y, m, daysInMonth(y, m));
}

export function isMonthEnd(date: CalendarDate): boolean {
  return endOfMonth(date) === date;
}

/** The month-end of the month before the one containing `date`. */
export function previousMonthEnd(date: CalendarDate): CalendarDate {
  const [y, m] = parts(date);
  return addDays(fromParts(y, m, 1), -1);
}

/** `date` itself when it is a month-end, else the previous month-end. */
export function lastMonthEndOnOrBefore(date: CalendarDate): CalendarDate {
  return isMonthEnd(date) ? date : previousMonthEnd(date);
}

/** Every month-end in [from, to], oldest first. */
export function monthEndsBetween(from: CalendarDate, to: CalendarDate): CalendarDate[] {
  const result: CalendarDate[] = [];
  for (let end = endOfMonth(from); end <= to; end = endOfMonth(addDays(end, 1))) result.push(end);
  return result;
}

export function quarterOf(date: CalendarDate): Quarter {
  return (Math.floor((parts(date)[1] - 1) / 3) + 1) as Quarter;
}

export function startOfQuarter(year: number, quarter: Quarter): CalendarDate {
  return fromParts(year, (quarter - 1) * 3 + 1, 1);
}

export function endOfQuarter(year: number, quarter: Quarter): CalendarDate {
  const month = quarter * 3;
  return fromParts(year, month, daysInMonth(year, month));
}
