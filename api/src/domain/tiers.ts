/**
 * Tier flags from contracted investment. Derived, never typed in.
 *
 * OVER_100M / OVER_1B / OVER_5B compare the contracted total investment (integer yuan) with the
 * thresholds, inclusive (≥).
 *
 * FOREIGN_100M_USD compares the contracted foreign investment with US$100,000,000, using only
 * rates recorded at signing, so the flag never moves with the market:
 *   - in USD: amount ≥ 100,000,000 (no rate involved);
 *   - in another currency C: amount × rate(C→CNY) ≥ 100,000,000 × rate(USD→CNY), i.e. the CNY
 *     value at signing compared with the USD threshold's CNY value at signing. Both rates are
 *     recorded on the project; without the USD rate the flag cannot be decided, and
 *     validateForeignInvestment rejects such input.
 * Rates are compared as integers scaled by 10^6 (PBOC central parities have 4 decimals), so
 * the boundary is exact.
 *
 * API: TIERS, TIER_LABELS, DEFAULT_TIER_CONFIG, deriveTiers, hasTier, foreignUsdEquivalent,
 * validateForeignInvestment, battleMapControlGaps.
 */
import type { DomainError } from './errors.js';
import type { Yuan } from './money.js';

export const TIERS = ['OVER_100M', 'OVER_1B', 'OVER_5B', 'FOREIGN_100M_USD'] as const;
export type Tier = (typeof TIERS)[number];

export const TIER_LABELS: Readonly<Record<Tier, string>> = {
  OVER_100M: '亿元以上',
  OVER_1B: '10亿元以上',
  OVER_5B: '50亿元以上',
  FOREIGN_100M_USD: '重大外资（1亿美元以上）',
};

export interface TierConfig {
  over100MYuan: Yuan;
  over1BYuan: Yuan;
  over5BYuan: Yuan;
  /** In US dollars. */
  foreignUsd: number;
}

export const DEFAULT_TIER_CONFIG: TierConfig = {
  over100MYuan: 100_000_000,
  over1BYuan: 1_000_000_000,
  over5BYuan: 5_000_000_000,
  foreignUsd: 100_000_000,
};

export interface ForeignInvestment {
  /** Whole units of `currency`. */
  amount: number;
  /** ISO 4217 code, e.g. 'USD', 'EUR', 'HKD'. */
  currency: string;
  /** CNY per 1 unit of `currency`, recorded at signing. */
  cnyRate: number;
  /** CNY per 1 USD, recorded at signing; required unless currency is USD. */
  usdCnyRate?: number | null;
}

export interface InvestmentFacts {
  totalInvestmentYuan: Yuan;
  foreign?: ForeignInvestment | null;
}

const RATE_SCALE = 1_000_000;

function scaledRate(rate: number): bigint {
  return BigInt(Math.round(rate * RATE_SCALE));
}

function meetsUsd(foreign: ForeignInvestment, thresholdUsd: number): boolean {
  if (foreign.currency === 'USD') return foreign.amount >= thresholdUsd;
  if (foreign.usdCnyRate == null || !(foreign.usdCnyRate > 0) || !(foreign.cnyRate > 0)) return false;
  return BigInt(foreign.amount) * scaledRate(foreign.cnyRate) >= BigInt(thresholdUsd) * scaledRate(foreign.usdCnyRate);
}

/** The flags a project carries, in TIERS order. */
export function deriveTiers(facts: InvestmentFacts, config: TierConfig = DEFAULT_TIER_CONFIG): Tier[] {
  const tiers: Tier[] = [];
  const total = facts.totalInvestmentYuan;
  if (total >= config.over100MYuan) tiers.push('OVER_100M');
  if (total >= config.over1BYuan) tiers.push('OVER_1B');
  if (total >= config.over5BYuan) tiers.push('OVER_5B');
  if (facts.foreign && meetsUsd(facts.foreign, config.foreignUsd)) tiers.push('FOREIGN_100M_USD');
  return tiers;
}

export function hasTier(facts: InvestmentFacts, tier: Tier, config: TierConfig = DEFAULT_TIER_CONFIG): boolean {
  return deriveTiers(facts, config).includes(tier);
}

/** USD value at the recorded rates, for display (null when undecidable). */
export function foreignUsdEquivalent(foreign: ForeignInvestment): number | null {
  if (foreign.currency === 'USD') return foreign.amount;
  if (foreign.usdCnyRate == null || !(foreign.usdCnyRate > 0)) return null;
  return (foreign.amount * foreign.cnyRate) / foreign.usdCnyRate;
}

export type ForeignInvestmentErrorCode =
  | 'FOREIGN_AMOUNT_INVALID'
  | 'FOREIGN_CURRENCY_INVALID'
  | 'FOREIGN_RATE_INVALID'
  | 'FOREIGN_USD_RATE_REQUIRED';

export function validateForeignInvestment(foreign: ForeignInvestment): DomainError<ForeignInvestmentErrorCode>[] {
  const errors: DomainError<ForeignInvestmentErrorCode>[] = [];
  if (!Number.isSafeInteger(foreign.amount) || foreign.amount < 0) {
    errors.push({ code: 'FOREIGN_AMOUNT_INVALID', message: '外资金额须为非负整数', field: 'foreign.amount' });
  }
  if (!/^[A-Z]{3}$/.test(foreign.currency)) {
    errors.push({ code: 'FOREIGN_CURRENCY_INVALID', message: '币种须为三位字母代码（如USD）', field: 'foreign.currency' });
  }
  if (!(Number.isFinite(foreign.cnyRate) && foreign.cnyRate > 0)) {
    errors.push({ code: 'FOREIGN_RATE_INVALID', message: '签约时汇率须为正数', field: 'foreign.cnyRate' });
  }
  if (foreign.currency !== 'USD' && !(foreign.usdCnyRate != null && Number.isFinite(foreign.usdCnyRate) && foreign.usdCnyRate > 0)) {
    errors.push({ code: 'FOREIGN_USD_RATE_REQUIRED', message: '非美元外资须记录签约时美元兑人民币汇率', field: 'foreign.usdCnyRate' });
  }
  return errors;
}

export type BattleMapErrorCode = 'OVER_5B_LIAISON_LEADER_REQUIRED' | 'OVER_5B_LEAD_UNIT_REQUIRED';

/** OVER_5B projects must have a liaison leader and a lead unit (挂图作战). */
export function battleMapControlGaps(project: {
  tiers: readonly Tier[];
  liaisonLeaderId?: string | null;
  leadUnitId?: string | null;
}): DomainError<BattleMapErrorCode>[] {
  if (!project.tiers.includes('OVER_5B')) return [];
  const errors: DomainError<BattleMapErrorCode>[] = [];
  if (!project.liaisonLeaderId) {
    errors.push({ code: 'OVER_5B_LIAISON_LEADER_REQUIRED', message: '50亿元以上项目须落实包联领导', field: 'liaisonLeaderId' });
  }
  if (!project.leadUnitId) errors.push({ code: 'OVER_5B_LEAD_UNIT_REQUIRED', message: '50亿元以上项目须落实牵头责任单位', field: 'leadUnitId' });
  return errors;
}
