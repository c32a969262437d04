/**
 * When jobs are due, in Asia/Shanghai wall-clock time. Each function maps "now" to the period
 * that is due (the key of the latest scheduled occurrence at or before now), or null when that
 * occurrence is older than the job's allowed lateness (a process started at 07:00 must not send
 * yesterday's reminders; one started at 09:10 still sends today's). Pure: tests pass a clock.
 */
import { addDays, daysBetween, startOfDayInstant, today, type CalendarDate } from '../domain/dates.js';

const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

export type DueFn = (now: Date) => string | null;

/** 'HH:MM' → minutes after midnight. */
export function parseTime(hhmm: string): number {
  const m = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(hhmm);
  if (!m) throw new RangeError(`Not a time of day (HH:MM): ${hhmm}`);
  return Number(m[1]) * 60 + Number(m[2]);
}

/** The instant of HH:MM on a Shanghai calendar date. */
export function occurrence(date: CalendarDate, minutes: number): Date {
  return new Date(startOfDayInstant(date).getTime() + minutes * MINUTE);
}

/** ISO weekday of a calendar date: Monday 1 … Sunday 7 (1970-01-01 was a Thursday). */
export function isoWeekday(date: CalendarDate): number {
  return ((((daysBetween('1970-01-01', date) + 3) % 7) + 7) % 7) + 1;
}

/** Every day at HH:MM; the period is the date. */
export function dailyAt(hhmm: string, lateMs = 12 * HOUR): DueFn {
  const minutes = parseTime(hhmm);
  return (now) => {
    let d = today(now);
    if (now < occurrence(d, minutes)) d = addDays(d, -1);
    return now.getTime() - occurrence(d, minutes).getTime() <= lateMs ? d : null;
  };
}

/** Every week on an ISO weekday at HH:MM; the period is that day's date. */
export function weeklyAt(weekday: number, hhmm: string, lateMs = DAY): DueFn {
  if (!Number.isInteger(weekday) || weekday < 1 || weekday > 7) throw new RangeError(`Not an ISO weekday: ${weekday}`);
  const minutes = parseTime(hhmm);
  return (now) => {
    const t = today(now);
    let d = addDays(t, -((isoWeekday(t) - weekday + 7) % 7));
    if (now < occurrence(d, minutes)) d = addDays(d, -7);
    return now.getTime() - occurrence(d, minutes).getTime() <= lateMs ? d : null;
  };
}

/** On the first of each month at HH:MM, for the month just ended; the period is its last day. */
export function afterMonthEnd(hhmm: string, lateMs = 7 * DAY): DueFn {
  const minutes = parseTime(hhmm);
  return (now) => {
    let first = `${today(now).slice(0, 7)}-01`;
    if (now < occurrence(first, minutes)) first = `${addDays(first, -1).slice(0, 7)}-01`;
    return now.getTime() - occurrence(first, minutes).getTime() <= lateMs ? addDays(first, -1) : null;
  };
}

/** Every `ms` milliseconds; the period is the slot number, zero-padded so that keys sort in time order. */
export function every(ms: number): DueFn {
  if (!(ms > 0)) throw new RangeError(`Interval must be positive: ${ms}`);
  return (now) => `slot-${String(Math.floor(now.getTime() / ms)).padStart(16, '0')}`;
}
