/**
 * When jobs are due, in Asia/Shanghai time, with a fixed clock.
 */
import { describe, expect, it } from 'vitest';
import { afterMonthEnd, dailyAt, every, isoWeekday, parseTime, weeklyAt } from '../../api/src/jobs/schedule.js';

const at = (iso: string) => new Date(iso);

describe('schedule', () => {
  it('knows weekdays and times', () => {
    expect(isoWeekday('1970-01-01')).toBe(4);
    expect(isoWeekday('2026-06-01')).toBe(1);
    expect(isoWeekday('2026-05-31')).toBe(7);
    expect(parseTime('08:30')).toBe(510);
    expect(() => parseTime('8:30')).toThrow(RangeError);
    expect(() => parseTime('24:00')).toThrow(RangeError);
  });

  it('runs the daily job from 08:30 Shanghai for that date, late by at most 12 hours', () => {
    const due = dailyAt('08:30');
    expect(due(at('2026-03-10T08:29:59+08:00'))).toBeNull(); // yesterday's 08:30 is more than 12 h ago
    expect(due(at('2026-03-10T08:30:00+08:00'))).toBe('2026-03-10');
    expect(due(at('2026-03-10T20:30:00+08:00'))).toBe('2026-03-10');
    expect(due(at('2026-03-10T20:30:01+08:00'))).toBeNull();
    // 00:30 UTC on the 10th is 08:30 in Shanghai: the server's own zone does not matter.
    expect(due(at('2026-03-10T00:30:00Z'))).toBe('2026-03-10');
    expect(dailyAt('08:30', 24 * 3600_000)(at('2026-03-10T08:29:00+08:00'))).toBe('2026-03-09');
  });

  it('runs the weekly digest on Mondays', () => {
    const due = weeklyAt(1, '08:30');
    expect(due(at('2026-06-01T08:31:00+08:00'))).toBe('2026-06-01');
    expect(due(at('2026-06-02T08:00:00+08:00'))).toBe('2026-06-01');
    expect(due(at('2026-06-02T08:31:00+08:00'))).toBeNull();
    expect(due(at('2026-06-01T08:00:00+08:00'))).toBeNull(); // last Monday's is a week old
    expect(() => weeklyAt(0, '08:30')).toThrow(RangeError);
  });

  it('takes the month-end snapshot on the 1st for the month just ended, up to a week late', () => {
    const due = afterMonthEnd('00:30');
    expect(due(at('2026-03-01T00:29:00+08:00'))).toBeNull();
    expect(due(at('2026-03-01T00:30:00+08:00'))).toBe('2026-02-28');
    expect(due(at('2026-03-08T00:30:00+08:00'))).toBe('2026-02-28');
    expect(due(at('2026-03-08T00:30:01+08:00'))).toBeNull();
    expect(due(at('2025-01-03T12:00:00+08:00'))).toBe('2024-12-31');
  });

  it('slices time into slots', () => {
    const due = every(10_000);
    expect(due(new Date(25_000))).toBe('slot-0000000000000002');
    expect(due(new Date(29_999))).toBe('slot-0000000000000002');
    expect(due(new Date(30_000))).toBe('slot-0000000000000003');
    // Keys sort in time order, across digit counts too.
    expect(due(new Date(90_000))! < due(new Date(100_000))!).toBe(true);
  });
});
