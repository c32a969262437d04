import { describe, expect, it } from 'vitest';
import {
  addDays,
  addMonths,
  assertCalendarDate,
  compareDates,
  daysBetween,
  endOfMonth,
  endOfQuarter,
  endOfYear,
  fromUtcMidnight,
  isMonthEnd,
  isValidCalendarDate,
  lastMonthEndOnOrBefore,
  monthEndsBetween,
  previousMonthEnd,
  quarterOf,
  startOfDayInstant,
  startOfQuarter,
  toCalendarDate,
  today,
  toUtcMidnight,
  yearOf,
} from '../../api/src/domain/dates.js';

describe('today / toCalendarDate in Asia/Shanghai (UTC+8)', () => {
  it('turns the date at 16:00 UTC, which is midnight in Shanghai', () => {
    // 2024-12-31T15:59:59.999Z = 23:59:59.999 on 31 Dec in Shanghai; one ms later it is 1 Jan.
    expect(today(new Date('2024-12-31T15:59:59.999Z'))).toBe('2024-12-31');
    expect(today(new Date('2024-12-31T16:00:00.000Z'))).toBe('2025-01-01');
  });

  it('does not depend on the server time zone', () => {
    const saved = process.env.TZ;
    process.env.TZ = 'America/New_York';
    try {
      // 2025-03-09 is the US DST switch; 12:00Z is 20:00 in Shanghai the same day.
      expect(toCalendarDate(new Date('2025-03-09T12:00:00Z'))).toBe('2025-03-09');
      expect(daysBetween('2025-03-08', '2025-03-10')).toBe(2);
      expect(addDays('2025-03-08', 1)).toBe('2025-03-09');
    } finally {
      if (saved === undefined) delete process.env.TZ;
      else process.env.TZ = saved;
    }
  });

  it('stays right across day ends when the same day is asked for repeatedly', () => {
    // The first call remembers 31 Dec; the instants after it must not be answered from it.
    expect(toCalendarDate(new Date('2024-12-31T08:00:00Z'))).toBe('2024-12-31');
    expect(toCalendarDate(new Date('2024-12-31T15:59:59.999Z'))).toBe('2024-12-31');
    expect(toCalendarDate(new Date('2024-12-31T16:00:00Z'))).toBe('2025-01-01');
    expect(toCalendarDate(new Date('2024-12-30T16:00:00Z'))).toBe('2024-12-31');
    expect(toCalendarDate(new Date('2024-12-30T15:59:59.999Z'))).toBe('2024-12-30');
    // China kept summer time (UTC+9) in 1988: 15:30Z on 1 July was 00:30 on 2 July.
    expect(toCalendarDate(new Date('1988-07-01T10:00:00Z'))).toBe('1988-07-01');
    expect(toCalendarDate(new Date('1988-07-01T15:30:00Z'))).toBe('1988-07-02');
  });

  it('rejects an invalid Date', () => {
    expect(() => toCalendarDate(new Date('nope'))).toThrow(RangeError);
  });

  it('maps a calendar date back to its Shanghai midnight instant', () => {
    // 00:00 on 1 Jan in UTC+8 = 16:00 on 31 Dec UTC.
    expect(startOfDayInstant('2025-01-01').toISOString()).toBe('2024-12-31T16:00:00.000Z');
  });
});

describe('isValidCalendarDate', () => {
  it.each([
    ['2025-02-28', true],
    ['2025-02-29', false], // 2025 is not a leap year
    ['2024-02-29', true], // 2024 is
    ['1900-02-29', false], // divisible by 100, not by 400
    ['2000-02-29', true], // divisible by 400
    ['2025-02-30', false],
    ['2025-04-31', false],
    ['2025-13-01', false],
    ['2025-00-10', false],
    ['2025-1-05', false],
    ['2025-01-05T00:00:00Z', false],
    ['', false],
  ])('%s → %s', (value, valid) => {
    expect(isValidCalendarDate(value)).toBe(valid);
  });

  it('rejects non-strings', () => {
    expect(isValidCalendarDate(new Date())).toBe(false);
    expect(isValidCalendarDate(20250101)).toBe(false);
    expect(() => assertCalendarDate('2025-02-30')).toThrow(RangeError);
  });
});

describe('arithmetic', () => {
  it('counts calendar days', () => {
    expect(daysBetween('2025-01-01', '2025-01-31')).toBe(30);
    expect(daysBetween('2025-01-31', '2025-01-01')).toBe(-30);
    expect(daysBetween('2024-12-31', '2025-01-01')).toBe(1);
    expect(daysBetween('2024-02-28', '2024-03-01')).toBe(2); // via 29 Feb
    expect(daysBetween('2025-02-28', '2025-03-01')).toBe(1);
    expect(daysBetween('2024-01-01', '2025-01-01')).toBe(366);
  });

  it('adds days across month and year ends', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2024-12-31', 1)).toBe('2025-01-01');
    expect(addDays('2025-03-01', -1)).toBe('2025-02-28');
    expect(() => addDays('2025-02-30', 1)).toThrow(RangeError);
    expect(() => addDays('2025-01-01', 1.5)).toThrow(RangeError);
  });

  it('adds months clamping to the month end', () => {
    expect(addMonths('2024-02-29', -12)).toBe('2023-02-28');
    expect(addMonths('2025-01-31', 1)).toBe('2025-02-28');
    expect(addMonths('2024-11-30', 3)).toBe('2025-02-28');
    expect(addMonths('2025-06-15', -18)).toBe('2023-12-15');
  });

  it('compares', () => {
    expect(compareDates('2025-01-02', '2025-01-10')).toBe(-1);
    expect(compareDates('2025-01-10', '2025-01-10')).toBe(0);
    expect(compareDates('2026-01-01', '2025-12-31')).toBe(1);
  });
});

describe('years, months and quarters', () => {
  it('year bounds', () => {
    expect(endOfYear(2025)).toBe('2025-12-31');
    expect(yearOf('2024-12-31')).toBe(2024);
  });

  it('month ends', () => {
    expect(endOfMonth('2024-02-10')).toBe('2024-02-29');
    expect(isMonthEnd('2025-04-30')).toBe(true);
    expect(isMonthEnd('2025-04-29')).toBe(false);
    expect(previousMonthEnd('2025-03-31')).toBe('2025-02-28');
    expect(lastMonthEndOnOrBefore('2025-03-31')).toBe('2025-03-31');
    expect(lastMonthEndOnOrBefore('2025-03-30')).toBe('2025-02-28');
    expect(lastMonthEndOnOrBefore('2025-01-01')).toBe('2024-12-31');
    expect(monthEndsBetween('2024-11-15', '2025-02-28')).toEqual(['2024-11-30', '2024-12-31', '2025-01-31', '2025-02-28']);
    expect(monthEndsBetween('2024-11-15', '2024-11-29')).toEqual([]);
  });

  it('quarters', () => {
    expect(quarterOf('2025-03-31')).toBe(1);
    expect(quarterOf('2025-04-01')).toBe(2);
    expect(quarterOf('2025-12-31')).toBe(4);
    expect(startOfQuarter(2025, 3)).toBe('2025-07-01');
    expect(endOfQuarter(2025, 2)).toBe('2025-06-30');
    expect(endOfQuarter(2025, 4)).toBe('2025-12-31');
  });
});

describe('storage form (UTC midnight)', () => {
  it('round-trips', () => {
    expect(toUtcMidnight('2025-01-01').toISOString()).toBe('2025-01-01T00:00:00.000Z');
    expect(fromUtcMidnight(new Date('2024-02-29T00:00:00Z'))).toBe('2024-02-29');
  });

  it('refuses an instant that is not a UTC midnight', () => {
    expect(() => fromUtcMidnight(new Date('2024-12-31T16:00:00Z'))).toThrow(RangeError);
  });
});
