import { describe, expect, it } from 'vitest';
import { formatWan, formatYi, fromWan, isValidYuan, toWan, toYi, validateYuan } from '../../api/src/domain/money.js';

describe('fromWan (万元 → 元, exact)', () => {
  it('converts decimals exactly', () => {
    expect(fromWan('1234.5678')).toBe(12_345_678); // 1234 × 10,000 + 5678
    expect(fromWan(0.1)).toBe(1_000); // 0.1 × 10,000 in floats would be 1000.0000000000001
    expect(fromWan(10_000)).toBe(100_000_000); // 1万万 = 1亿
    expect(fromWan('1,000.5')).toBe(10_005_000);
    expect(fromWan('12.30000')).toBe(123_000); // trailing zeros are not extra precision
  });

  it('rejects fractions of a yuan, negatives and junk', () => {
    expect(() => fromWan('1.23456')).toThrow(RangeError);
    expect(() => fromWan(-1)).toThrow(RangeError);
    expect(() => fromWan('1e3')).toThrow(RangeError);
    expect(() => fromWan('')).toThrow(RangeError);
    expect(() => fromWan(1e12)).toThrow(RangeError); // 1e16 yuan > MAX_SAFE_INTEGER
  });
});

describe('display', () => {
  it('converts to 万元 and 亿元', () => {
    expect(toWan(12_345_678)).toBe(1234.5678);
    expect(toYi(250_000_000)).toBe(2.5);
  });

  it('formats with half-up rounding and grouping', () => {
    expect(formatWan(12_345_678)).toBe('1,234.57万元'); // 1234.5678 → 1234.57
    expect(formatWan(0)).toBe('0.00万元');
    expect(formatYi(1_000_000_000)).toBe('10.00亿元');
    expect(formatYi(123_456_789)).toBe('1.23亿元');
    expect(formatYi(125_500_000)).toBe('1.26亿元'); // 1.255 rounds up
    expect(formatYi(1_234_560_000_000)).toBe('12,345.60亿元');
    expect(formatYi(150_000_000, 0, false)).toBe('2'); // 1.5 → 2
  });

  it('shows why tiers use yuan: ¥999,999,999 displays as 10.00亿元', () => {
    expect(formatYi(999_999_999)).toBe('10.00亿元');
  });
});

describe('validation', () => {
  it('accepts non-negative safe integers only', () => {
    expect(validateYuan(0)).toBeNull();
    expect(validateYuan(999_999_999)).toBeNull();
    expect(validateYuan(1.5, 'total')).toEqual({ code: 'AMOUNT_NOT_INTEGER', message: '金额须精确到元（整数）', field: 'total' });
    expect(validateYuan(-1)?.code).toBe('AMOUNT_NEGATIVE');
    expect(validateYuan(2 ** 53)?.code).toBe('AMOUNT_TOO_LARGE');
    expect(validateYuan(Number.NaN)?.code).toBe('AMOUNT_NOT_INTEGER');
    expect(isValidYuan(1_000_000_000)).toBe(true);
    expect(isValidYuan('1000')).toBe(false);
  });
});
