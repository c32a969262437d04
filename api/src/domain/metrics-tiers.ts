/**
 * Tier counts per period and 资金到位率, over the same ProjectFacts as metrics.ts and with the
 * same as-of rules (facts dated ≤ asOf and recorded by asOf; voided projects excluded).
 *
 * Tier counts: projects signed in [from, to] (and by asOf), by flag, with the combinations the
 * targets name: OVER_1B manufacturing (30 over 2021–2023), OVER_100M with an industry chain
 * (15 a year), FOREIGN_100M_USD manufacturing (2), and OVER_5B under battle-map control (with a
 * liaison leader and a lead unit). Flags use the current contracted amounts.
 *
 * 资金到位率 = Σ actual investment reported for periods ending ≤ asOf ÷ Σ contracted total
 * investment, over projects signed by asOf with a contracted amount > 0. Reports are
 * incremental (each is one period's investment), so the cumulative figure is their sum; a
 * project may exceed 100 %, and the rate is not capped.
 *
 * API: TIER_COUNT_KEYS, tierCounts, fundingRate.
 */
import type { CalendarDate } from './dates.js';
import { isManufacturing } from './industry.js';
import { factTiers, signedOn, sortedIds, type ProjectFacts } from './metrics.js';
import { DEFAULT_TIER_CONFIG, type TierConfig } from './tiers.js';

export const TIER_COUNT_KEYS = [
  'OVER_100M',
  'OVER_100M_WITH_CHAIN',
  'OVER_1B',
  'OVER_1B_MANUFACTURING',
  'OVER_5B',
  'OVER_5B_UNDER_CONTROL',
  'FOREIGN_100M_USD',
  'FOREIGN_100M_USD_MANUFACTURING',
] as const;
export type TierCountKey = (typeof TIER_COUNT_KEYS)[number];

export interface TierCount {
  count: number;
  /** Sorted project ids, for drill-down. */
  ids: string[];
}

export function tierCounts(
  projects: readonly ProjectFacts[],
  period: { from: CalendarDate; to: CalendarDate; asOf: CalendarDate },
  config: TierConfig = DEFAULT_TIER_CONFIG,
): Record<TierCountKey, TierCount> {
  const buckets = Object.fromEntries(TIER_COUNT_KEYS.map((k) => [k, [] as string[]])) as Record<TierCountKey, string[]>;
  for (const p of projects) {
    if (p.voided) continue;
    const signed = signedOn(p, period.asOf);
    if (signed === null || signed < period.from || signed > period.to) continue;
    const tiers = factTiers(p, config);
    const manufacturing = isManufacturing(p.industryCode);
    const add = (key: TierCountKey, when: boolean) => {
      if (when) buckets[key].push(p.id);
    };
    add('OVER_100M', tiers.includes('OVER_100M'));
    add('OVER_100M_WITH_CHAIN', tiers.includes('OVER_100M') && !!p.industryChain);
    add('OVER_1B', tiers.includes('OVER_1B'));
    add('OVER_1B_MANUFACTURING', tiers.includes('OVER_1B') && manufacturing);
    add('OVER_5B', tiers.includes('OVER_5B'));
    add('OVER_5B_UNDER_CONTROL', tiers.includes('OVER_5B') && !!p.liaisonLeaderId && !!p.leadUnitId);
    add('FOREIGN_100M_USD', tiers.includes('FOREIGN_100M_USD'));
    add('FOREIGN_100M_USD_MANUFACTURING', tiers.includes('FOREIGN_100M_USD') && manufacturing);
  }
  return Object.fromEntries(
    TIER_COUNT_KEYS.map((k) => [k, { count: buckets[k].length, ids: sortedIds(buckets[k]) }]),
  ) as Record<TierCountKey, TierCount>;
}

export interface FundingResult {
  /** Σ actual investment (yuan). */
  actualYuan: number;
  /** Σ contracted total investment (yuan). */
  contractedYuan: number;
  rate: number | null;
  /** Projects in the denominator, and those with any actual investment. */
  projectIds: string[];
  fundedProjectIds: string[];
  perProject: { id: string; actualYuan: number; contractedYuan: number; rate: number }[];
  asOf: CalendarDate;
}

export function fundingRate(projects: readonly ProjectFacts[], asOf: CalendarDate): FundingResult {
  const perProject: FundingResult['perProject'] = [];
  for (const p of projects) {
    if (p.voided || p.totalInvestmentYuan <= 0 || signedOn(p, asOf) === null) continue;
    const actual = (p.investmentReports ?? [])
      .filter((r) => r.reportedOn <= asOf && (r.recordedOn == null || r.recordedOn <= asOf))
      .reduce((sum, r) => sum + r.amountYuan, 0);
    perProject.push({ id: p.id, actualYuan: actual, contractedYuan: p.totalInvestmentYuan, rate: actual / p.totalInvestmentYuan });
  }
  perProject.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const actualYuan = perProject.reduce((s, x) => s + x.actualYuan, 0);
  const contractedYuan = perProject.reduce((s, x) => s + x.contractedYuan, 0);
  return {
    actualYuan,
    contractedYuan,
    rate: contractedYuan === 0 ? null : actualYuan / contractedYuan,
    projectIds: perProject.map((x) => x.id),
    fundedProjectIds: perProject.filter((x) => x.actualYuan > 0).map((x) => x.id),
    perProject,
    asOf,
  };
}
