import { describe, expect, it } from 'vitest';
import {
  addDays,
  daysBetween,
  formatAmount,
  formatDate,
  formatDateCn,
  formatDateTime,
  formatForeignAmount,
  formatRatio,
  formatWan,
  isValidUscc,
  tierBadges,
  todayInShanghai,
  wanToYuan,
  yuanToWan,
} from '@/shared/format/index.js';

describe('money', () => {
  it('shows 亿元 from one hundred million yuan and 万元 below', () => {
    expect(formatAmount(5_000_000_000)).toBe('50亿元');
    expect(formatAmount(123_456_789)).toBe('1.23亿元');
    expect(formatAmount(99_990_000)).toBe('9,999万元');
    expect(formatAmount(35_000_000)).toBe('3,500万元');
    expect(formatAmount(5_000)).toBe('0.5万元');
  });

  it('reads Long as a number or a numeric string and shows a dash when unknown', () => {
    expect(formatAmount('1000000000')).toBe('10亿元');
    expect(formatAmount(null)).toBe('—');
    expect(formatAmount('abc')).toBe('—');
    expect(formatWan(12_345_678)).toBe('1,234.57');
  });

  it('converts typed 万元 to integer yuan without float noise, and back', () => {
    expect(wanToYuan(1.2345)).toBe(12_345);
    expect(wanToYuan(500_000)).toBe(5_000_000_000);
    expect(wanToYuan(0.07)).toBe(700);
    expect(wanToYuan(null)).toBeNull();
    expect(yuanToWan(35_000_000)).toBe(3_500);
  });

  it('names foreign currencies and computes 资金到位率', () => {
    expect(formatForeignAmount(150_000_000, 'USD')).toBe('15,000万美元');
    expect(formatRatio(30, 120)).toBe('25%');
    expect(formatRatio(1, 0)).toBe('—');
  });
});

describe('dates', () => {
  it('formats calendar dates both ways', () => {
    expect(formatDate('2024-03-05')).toBe('2024-03-05');
    expect(formatDateCn('2024-03-05')).toBe('2024年3月5日');
    expect(formatDate(null)).toBe('—');
    expect(formatDateCn('not a date')).toBe('—');
  });

  it('shows instants in Asia/Shanghai whatever the browser zone', () => {
    expect(formatDateTime('2024-03-04T16:30:00.000Z')).toBe('2024-03-05 00:30');
  });

  it('takes today from Asia/Shanghai: 23:30 UTC is already tomorrow there', () => {
    expect(todayInShanghai(new Date('2024-12-31T16:00:00.000Z'))).toBe('2025-01-01');
    expect(todayInShanghai(new Date('2024-12-31T15:59:59.000Z'))).toBe('2024-12-31');
  });

  it('counts calendar days across month and leap-year ends', () => {
    expect(daysBetween('2024-02-28', '2024-03-01')).toBe(2);
    expect(daysBetween('2024-03-01', '2024-02-28')).toBe(-2);
    expect(addDays('2024-01-31', 30)).toBe('2024-03-01');
  });
});

describe('USCC (GB 32100-2015)', () => {
  it('accepts codes with a correct check character', () => {
    expect(isValidUscc('914403001922038216')).toBe(true);
    expect(isValidUscc('9144030071526726XG')).toBe(true);
    expect(isValidUscc(' 9144030071526726xg ')).toBe(true);
  });

  it('rejects a wrong check character, bad length and letters the standard excludes', () => {
    expect(isValidUscc('914403001922038217')).toBe(false);
    expect(isValidUscc('91440300192203821')).toBe(false);
    expect(isValidUscc('91440300192203821I')).toBe(false);
  });
});

describe('tier badges', () => {
  it('shows only the larger of ≥10亿 and ≥50亿, plus 重大外资', () => {
    expect(tierBadges(['OVER_100M', 'OVER_1B', 'OVER_5B', 'FOREIGN_100M_USD']).map((b) => b.text)).toEqual(['≥50亿', '重大外资']);
    expect(tierBadges(['OVER_100M', 'OVER_1B']).map((b) => b.text)).toEqual(['≥10亿']);
    expect(tierBadges(['OVER_100M'])).toEqual([]);
  });
});
