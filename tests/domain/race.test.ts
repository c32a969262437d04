import { describe, expect, it } from 'vitest';
import {
  DEFAULT_RACE_CONFIG,
  assessYear,
  quarterScore,
  rankScores,
  timeProportionalTarget,
  validateRaceConfig,
  type ScoreInput,
} from '../../api/src/domain/race.js';

const targets = {
  SIGNED_OVER_100M: 16, // per year
  SIGNED_OVER_1B_MANUFACTURING: 10,
  LANDING_RATE: 0.4,
  START_RATE: 0.3,
  MANUFACTURING_SHARE: 2 / 3,
};

const q2: ScoreInput = {
  quarter: 2,
  actuals: { SIGNED_OVER_100M: 12, SIGNED_OVER_1B_MANUFACTURING: 4, LANDING_RATE: 0.3, START_RATE: 0.3, MANUFACTURING_SHARE: 0.8 },
  targets,
  overdueNodes: 0,
  penalisedRecords: 0,
};

describe('time-proportional target', () => {
  it('grows by quarter for counts and stays for rates', () => {
    expect(timeProportionalTarget(16, 1, true)).toBe(4);
    expect(timeProportionalTarget(16, 2, true)).toBe(8);
    expect(timeProportionalTarget(15, 3, true)).toBe(11.25);
    expect(timeProportionalTarget(16, 4, true)).toBe(16);
    expect(timeProportionalTarget(0.4, 2, false)).toBe(0.4);
  });
});

describe('quarterScore', () => {
  it('applies weights and the 1.2 cap', () => {
    // SIGNED_OVER_100M:      12 ÷ (16 × 2/4 = 8) = 1.5 → capped 1.2; × 0.3  = 0.36
    // SIGNED_OVER_1B_MANUF:   4 ÷ (10 × 2/4 = 5) = 0.8;              × 0.2  = 0.16
    // LANDING_RATE:         0.3 ÷ 0.4 = 0.75;                         × 0.2  = 0.15
    // START_RATE:           0.3 ÷ 0.3 = 1;                            × 0.15 = 0.15
    // MANUFACTURING_SHARE:  0.8 ÷ 2/3 = 1.2 (at the cap);             × 0.15 = 0.18
    // Σ = 0.36 + 0.16 + 0.15 + 0.15 + 0.18 = 1.00 (uncapped it would be 0.45 for the first: 1.09)
    const r = quarterScore(q2);
    expect(r.score).toBe(1);
    const first = r.parts.find((p) => p.code === 'SIGNED_OVER_100M');
    expect(first).toMatchObject({ actual: 12, target: 8, ratio: 1.2 });
    expect(first?.weighted).toBeCloseTo(0.36, 12);
  });

  it('caps just above 1.2 but not at or below it', () => {
    // 9.6 ÷ 8 = 1.2 exactly → 1.2; 9.7 ÷ 8 = 1.2125 → 1.2; 9.5 ÷ 8 = 1.1875 stays
    const ratio = (actual: number) =>
      quarterScore({ ...q2, actuals: { ...q2.actuals, SIGNED_OVER_100M: actual } }).parts.find((p) => p.code === 'SIGNED_OVER_100M')!.ratio;
    expect(ratio(9.6)).toBe(1.2);
    expect(ratio(9.7)).toBe(1.2);
    expect(ratio(9.5)).toBe(1.1875);
  });

  it('deducts 0.1 per node overdue > 30 days and 0.2 per confirmed duplicate/falsified record', () => {
    // 1.00 − 2 × 0.1 − 1 × 0.2 = 0.60
    expect(quarterScore({ ...q2, overdueNodes: 2, penalisedRecords: 1 }).score).toBe(0.6);
    // 1.00 − 3 × 0.1 = 0.7 (0.1 × 3 is 0.30000000000000004 in floats; the score is rounded)
    expect(quarterScore({ ...q2, overdueNodes: 3 }).score).toBe(0.7);
    // penalties can take it below zero: 1.00 − 6 × 0.2 = −0.2
    expect(quarterScore({ ...q2, penalisedRecords: 6 }).score).toBe(-0.2);
  });

  it('scores zero actuals as zero and a missing actual as zero', () => {
    expect(quarterScore({ ...q2, actuals: {} }).score).toBe(0);
  });

  it('refuses a missing or non-positive target', () => {
    expect(() => quarterScore({ ...q2, targets: { ...targets, LANDING_RATE: 0 } })).toThrow(RangeError);
    const { START_RATE: _omit, ...partial } = targets;
    expect(() => quarterScore({ ...q2, targets: partial })).toThrow(/START_RATE/);
  });

  it('uses configured weights and cap', () => {
    const config = { ...DEFAULT_RACE_CONFIG, cap: 1.5, indicators: [{ code: 'SIGNED_OVER_100M', name: 'x', weight: 1, proportional: true }] };
    // 12 ÷ 8 = 1.5 ≤ cap 1.5 → 1.5 × 1
    expect(quarterScore(q2, config).score).toBe(1.5);
  });
});

describe('assessYear', () => {
  it('sums the quarters and the year-end score', () => {
    // 0.6 + 0.8 + 1.0 + 1.1 = 3.5; + 1.05 = 4.55
    expect(assessYear([0.6, 0.8, 1.0, 1.1], 1.05)).toBe(4.55);
    expect(assessYear([0.6, 0.8, 1.0, 1.1], 1.05, { ...DEFAULT_RACE_CONFIG, quarterWeight: 0.5, yearEndWeight: 2 })).toBe(3.85); // 1.75 + 2.1
    expect(() => assessYear([1, 1, 1], 1)).toThrow(RangeError);
  });
});

describe('rankScores', () => {
  it('gives equal scores the same rank and skips the next', () => {
    const ranked = rankScores([
      { id: 'a', score: 0.9 },
      { id: 'b', score: 1.0 },
      { id: 'c', score: 0.9 },
      { id: 'd', score: 0.8 },
    ]);
    const rankOf = Object.fromEntries(ranked.map((r) => [r.item.id, r.rank]));
    expect(rankOf).toEqual({ b: 1, a: 2, c: 2, d: 4 });
  });

  it('treats float noise as a tie', () => {
    const ranked = rankScores([
      { id: 'x', score: 0.1 + 0.2 }, // 0.30000000000000004
      { id: 'y', score: 0.3 },
    ]);
    expect(ranked.map((r) => r.rank)).toEqual([1, 1]);
  });
});

describe('validateRaceConfig', () => {
  it('accepts the defaults and rejects bad weights', () => {
    expect(validateRaceConfig(DEFAULT_RACE_CONFIG)).toEqual([]);
    const bad = { ...DEFAULT_RACE_CONFIG, cap: -1, indicators: [...DEFAULT_RACE_CONFIG.indicators, { code: 'LANDING_RATE', name: '落地率', weight: -0.1, proportional: false }] };
    expect(validateRaceConfig(bad).map((e) => e.code).sort()).toEqual(['RACE_INDICATOR_DUPLICATE', 'RACE_PARAMETER_INVALID', 'RACE_WEIGHT_INVALID']);
  });

  it('default weights sum to 1 so that full marks are 1.0', () => {
    expect(DEFAULT_RACE_CONFIG.indicators.reduce((s, i) => s + i.weight, 0)).toBeCloseTo(1, 12);
  });
});
