import { describe, expect, it } from 'vitest';
import { findPossibleDuplicates, nameSimilarity, normalizeProjectName } from '../../api/src/domain/duplicates.js';

describe('normalizeProjectName', () => {
  it('drops width, case, punctuation, legal forms and leading place names', () => {
    expect(normalizeProjectName('浙江ＡＢＣ新材料股份有限公司（年产10万吨）项目')).toBe('abc新材料年产10万吨');
    expect(normalizeProjectName('上虞XX精密机械有限公司 年产5000台数控机床项目')).toBe('xx精密机械年产5000台数控机床');
    expect(normalizeProjectName('绍兴市上虞区  某某集团')).toBe('某某');
  });

  it('keeps a name that is only a place', () => {
    expect(normalizeProjectName('上虞')).toBe('上虞');
  });
});

describe('nameSimilarity (Dice over bigrams)', () => {
  it('scores equal normalised names 1', () => {
    expect(nameSimilarity('上虞XX精密机械有限公司年产5000台数控机床项目', 'XX精密机械年产5000台数控机床')).toBe(1);
  });

  it('scores by shared bigrams', () => {
    // 新材,材料 vs 新材,材料,料二,二期: 2 × 2 ÷ (2 + 4) = 0.667
    expect(nameSimilarity('新材料', '新材料二期')).toBeCloseTo(2 / 3, 12);
    // a新,新材,材料 vs a新,新材,材料,料二,二期: 2 × 3 ÷ (3 + 5) = 0.75
    expect(nameSimilarity('A新材料', 'a新材料二期')).toBe(0.75);
    expect(nameSimilarity('光伏组件', '生物医药')).toBe(0);
    expect(nameSimilarity('', '项目')).toBe(0);
  });
});

describe('findPossibleDuplicates', () => {
  const uscc = '91330100799655058B';
  const mine = { id: 'new', uscc, name: '年产10万吨高分子新材料项目', date: '2025-03-15' };

  it('flags the same USCC with a similar name within 12 months', () => {
    const others = [
      { id: 'same', uscc: '9133 0100 7996 5505 8b', name: '年产10万吨高分子新材料', date: '2024-06-01' },
      { id: 'edge', uscc, name: '年产10万吨高分子新材料项目', date: '2024-03-15' }, // exactly 12 months before
      { id: 'old', uscc, name: '年产10万吨高分子新材料项目', date: '2024-03-14' }, // 12 months + 1 day
      { id: 'other-uscc', uscc: '914403001922038216', name: '年产10万吨高分子新材料项目', date: '2025-01-01' },
      { id: 'different', uscc, name: '研发中心大楼', date: '2025-01-01' },
      { id: 'new', uscc, name: mine.name, date: mine.date }, // itself
    ];
    const found = findPossibleDuplicates(mine, others);
    expect(found.map((f) => f.id).sort()).toEqual(['edge', 'same']);
    // 1 Jun 2024 → 1 Jan 2025: 30 + 31 + 31 + 30 + 31 + 30 + 31 = 214; → 1 Mar: + 31 + 28 = 273;
    // → 15 Mar: + 14 = 287
    expect(found.find((f) => f.id === 'same')).toEqual({ id: 'same', similarity: 1, daysApart: 287 });
  });

  it('looks forward as well and honours the configured threshold', () => {
    const later = { id: 'later', uscc, name: '年产10万吨高分子新材料二期项目', date: '2026-03-15' };
    expect(findPossibleDuplicates(mine, [later]).map((f) => f.id)).toEqual(['later']);
    expect(findPossibleDuplicates(mine, [later], { windowMonths: 12, minSimilarity: 0.95 })).toEqual([]);
  });
});
