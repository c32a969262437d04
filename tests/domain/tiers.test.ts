import { describe, expect, it } from 'vitest';
import {
  battleMapControlGaps,
  deriveTiers,
  foreignUsdEquivalent,
  validateForeignInvestment,
  type ForeignInvestment,
} from '../../api/src/domain/tiers.js';

const total = (totalInvestmentYuan: number) => deriveTiers({ totalInvestmentYuan });

describe('yuan tiers (inclusive thresholds)', () => {
  it.each([
    [99_999_999, []],
    [100_000_000, ['OVER_100M']],
    [999_999_999, ['OVER_100M']],
    [1_000_000_000, ['OVER_100M', 'OVER_1B']],
    [4_999_999_999, ['OVER_100M', 'OVER_1B']],
    [5_000_000_000, ['OVER_100M', 'OVER_1B', 'OVER_5B']],
  ])('¥%d → %j', (yuan, tiers) => {
    expect(total(yuan)).toEqual(tiers);
  });

  it('follows configured thresholds', () => {
    const config = { over100MYuan: 50_000_000, over1BYuan: 500_000_000, over5BYuan: 2_000_000_000, foreignUsd: 50_000_000 };
    expect(deriveTiers({ totalInvestmentYuan: 600_000_000 }, config)).toEqual(['OVER_100M', 'OVER_1B']);
  });
});

describe('FOREIGN_100M_USD via rates recorded at signing', () => {
  const usd = (amount: number): ForeignInvestment => ({ amount, currency: 'USD', cnyRate: 7.1 });

  it('compares USD directly', () => {
    expect(deriveTiers({ totalInvestmentYuan: 0, foreign: usd(99_999_999) })).toEqual([]);
    expect(deriveTiers({ totalInvestmentYuan: 0, foreign: usd(100_000_000) })).toEqual(['FOREIGN_100M_USD']);
  });

  it('converts other currencies through CNY, boundary inclusive', () => {
    // 92,000,000 EUR × 7.8 = ¥717,600,000; US$100,000,000 × 7.176 = ¥717,600,000 → equal → flagged
    const eur = { amount: 92_000_000, currency: 'EUR', cnyRate: 7.8, usdCnyRate: 7.176 };
    expect(deriveTiers({ totalInvestmentYuan: 0, foreign: eur })).toEqual(['FOREIGN_100M_USD']);
    // one euro less: ¥717,599,992.2 < ¥717,600,000
    expect(deriveTiers({ totalInvestmentYuan: 0, foreign: { ...eur, amount: 91_999_999 } })).toEqual([]);
    // 800,000,000 HKD × 0.92 = ¥736,000,000 ≥ 100,000,000 × 7.2 = ¥720,000,000
    const hkd = { amount: 800_000_000, currency: 'HKD', cnyRate: 0.92, usdCnyRate: 7.2 };
    expect(deriveTiers({ totalInvestmentYuan: 0, foreign: hkd })).toEqual(['FOREIGN_100M_USD']);
    // ¥736,000,000 ÷ 7.2 = US$102,222,222.2…
    expect(foreignUsdEquivalent(hkd)).toBeCloseTo(102_222_222.22, 1);
  });

  it('cannot decide without the USD rate, and validation says so', () => {
    const eur = { amount: 500_000_000, currency: 'EUR', cnyRate: 7.8 };
    expect(deriveTiers({ totalInvestmentYuan: 0, foreign: eur })).toEqual([]);
    expect(foreignUsdEquivalent(eur)).toBeNull();
    expect(validateForeignInvestment(eur).map((e) => e.code)).toEqual(['FOREIGN_USD_RATE_REQUIRED']);
    expect(validateForeignInvestment(usd(1))).toEqual([]);
    expect(validateForeignInvestment({ amount: 1.5, currency: 'usd', cnyRate: 0 }).map((e) => e.code).sort()).toEqual([
      'FOREIGN_AMOUNT_INVALID',
      'FOREIGN_CURRENCY_INVALID',
      'FOREIGN_RATE_INVALID',
      'FOREIGN_USD_RATE_REQUIRED',
    ]);
  });
});

describe('battle-map control of OVER_5B', () => {
  it('needs a liaison leader and a lead unit', () => {
    expect(battleMapControlGaps({ tiers: ['OVER_100M', 'OVER_1B', 'OVER_5B'] }).map((e) => e.code).sort()).toEqual([
      'OVER_5B_LEAD_UNIT_REQUIRED',
      'OVER_5B_LIAISON_LEADER_REQUIRED',
    ]);
    expect(battleMapControlGaps({ tiers: ['OVER_5B'], liaisonLeaderId: 'l', leadUnitId: 'u' })).toEqual([]);
    expect(battleMapControlGaps({ tiers: ['OVER_1B'] })).toEqual([]);
  });
});
