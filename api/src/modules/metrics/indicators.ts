/**
 * The catalogue of figures the dashboard, the targets and the 赛马 share, each mapped onto a
 * domain function (../../domain/metrics*.ts): nothing is re-implemented here, only named.
 *
 *   <M>_RATE            cohort(Y) milestone rate, 当年 window (horizon 31 Dec Y)
 *   <M>_RATE_TWO_YEARS  the same with horizon 31 Dec Y+1 (两年)
 *   <M>_RATE_YTD        year to date (members signed by asOf that reached it by asOf)
 *   MANUFACTURING_SHARE 制造业占比 of cohort(Y)
 *   SIGNED_* / OVER_5B_UNDER_CONTROL  tier counts of projects signed in Y (or a target's period)
 *   FUNDING_RATE        资金到位率 of cohort(Y): Σ reported ÷ Σ contracted, as of asOf
 *
 * `computeFigure` works on facts already cut to the slice asked for; one `FigureMemo` per slice
 * computes the shared tier counts once.
 */
import { endOfYear, startOfYear, type CalendarDate } from '../../domain/dates.js';
import { cohort, manufacturingShare, milestoneRate, type MetricResult, type Milestone, type ProjectFacts, type RateWindow } from '../../domain/metrics.js';
import { fundingRate, tierCounts, type TierCountKey } from '../../domain/metrics-tiers.js';
import type { TierConfig } from '../../domain/tiers.js';

const RATE_DEFS = {
  LANDING_RATE: ['LANDED', 'YEAR', '当年落地率'],
  LANDING_RATE_TWO_YEARS: ['LANDED', 'TWO_YEARS', '两年落地率'],
  LANDING_RATE_YTD: ['LANDED', 'YEAR_TO_DATE', '年内累计落地率'],
  START_RATE: ['STARTED', 'YEAR', '当年开工率'],
  START_RATE_TWO_YEARS: ['STARTED', 'TWO_YEARS', '两年开工率'],
  START_RATE_YTD: ['STARTED', 'YEAR_TO_DATE', '年内累计开工率'],
  PRODUCTION_RATE: ['IN_PRODUCTION', 'YEAR', '当年投产率'],
  PRODUCTION_RATE_TWO_YEARS: ['IN_PRODUCTION', 'TWO_YEARS', '两年投产率'],
  PRODUCTION_RATE_YTD: ['IN_PRODUCTION', 'YEAR_TO_DATE', '年内累计投产率'],
  CAPACITY_RATE: ['AT_CAPACITY', 'YEAR', '当年达产率'],
  CAPACITY_RATE_TWO_YEARS: ['AT_CAPACITY', 'TWO_YEARS', '两年达产率'],
  CAPACITY_RATE_YTD: ['AT_CAPACITY', 'YEAR_TO_DATE', '年内累计达产率'],
} as const satisfies Record<string, readonly [Milestone, RateWindow, string]>;

const COUNT_DEFS = {
  SIGNED_OVER_100M: ['OVER_100M', '亿元以上项目签约数'],
  SIGNED_OVER_100M_WITH_CHAIN: ['OVER_100M_WITH_CHAIN', '亿元以上产业链项目签约数'],
  SIGNED_OVER_1B: ['OVER_1B', '10亿元以上项目签约数'],
  SIGNED_OVER_1B_MANUFACTURING: ['OVER_1B_MANUFACTURING', '10亿元以上制造业项目签约数'],
  SIGNED_OVER_5B: ['OVER_5B', '50亿元以上项目签约数'],
  OVER_5B_UNDER_CONTROL: ['OVER_5B_UNDER_CONTROL', '50亿元以上项目挂图作战数'],
  SIGNED_FOREIGN_100M_USD: ['FOREIGN_100M_USD', '重大外资项目签约数'],
  SIGNED_FOREIGN_100M_USD_MANUFACTURING: ['FOREIGN_100M_USD_MANUFACTURING', '重大制造业外资项目签约数'],
} as const satisfies Record<string, readonly [TierCountKey, string]>;

export type RateIndicator = keyof typeof RATE_DEFS;
export type CountIndicator = keyof typeof COUNT_DEFS;
export type MetricIndicator = RateIndicator | 'MANUFACTURING_SHARE' | CountIndicator | 'FUNDING_RATE';

export const METRIC_INDICATORS: readonly MetricIndicator[] = [
  ...(Object.keys(RATE_DEFS) as RateIndicator[]),
  'MANUFACTURING_SHARE',
  ...(Object.keys(COUNT_DEFS) as CountIndicator[]),
  'FUNDING_RATE',
];

export const INDICATOR_LABELS: Readonly<Record<MetricIndicator, string>> = {
  ...(Object.fromEntries(Object.entries(RATE_DEFS).map(([k, v]) => [k, v[2]])) as Record<RateIndicator, string>),
  MANUFACTURING_SHARE: '制造业项目占比',
  ...(Object.fromEntries(Object.entries(COUNT_DEFS).map(([k, v]) => [k, v[1]])) as Record<CountIndicator, string>),
  FUNDING_RATE: '资金到位率',
};

export function isCountIndicator(i: MetricIndicator): i is CountIndicator {
  return i in COUNT_DEFS;
}

export function isMetricIndicator(value: unknown): value is MetricIndicator {
  return typeof value === 'string' && (METRIC_INDICATORS as readonly string[]).includes(value);
}

export interface Figure {
  indicator: MetricIndicator;
  kind: 'RATE' | 'COUNT';
  /** Rate 0–1 (null when nothing to divide by) or a count. */
  value: number | null;
  numeratorIds: string[];
  /** Null for counts. */
  denominatorIds: string[] | null;
  /** 资金到位率 only. */
  actualYuan: number | null;
  contractedYuan: number | null;
  cutoff: CalendarDate;
  /** The figure can no longer grow (its horizon or period has passed). */
  final: boolean;
}

/** Per-slice memo: tier counts are one pass over the slice for all eight count indicators. */
export class FigureMemo {
  private readonly figures = new Map<MetricIndicator, Figure>();
  private readonly counts = new Map<string, ReturnType<typeof tierCounts>>();

  constructor(
    readonly facts: readonly ProjectFacts[],
    readonly year: number,
    readonly asOf: CalendarDate,
    readonly tierConfig: TierConfig,
  ) {}

  private cohort: ProjectFacts[] | null = null;

  /** Members of cohort(year) as known on asOf. */
  cohortFacts(): ProjectFacts[] {
    if (!this.cohort) {
      const ids = new Set(cohort(this.facts, this.year, this.asOf));
      this.cohort = this.facts.filter((p) => ids.has(p.id));
    }
    return this.cohort;
  }

  /** Tier counts of projects signed in [from, to] as known on asOf. */
  countsFor(from: CalendarDate, to: CalendarDate): ReturnType<typeof tierCounts> {
    const key = `${from}|${to}`;
    let c = this.counts.get(key);
    if (!c) {
      c = tierCounts(this.facts, { from, to, asOf: this.asOf }, this.tierConfig);
      this.counts.set(key, c);
    }
    return c;
  }

  private readonly rates = new Map<string, MetricResult>();

  /**
   * domain milestoneRate, computed once per distinct cutoff. The windows differ only in their
   * horizon: 当年 and year-to-date always share cutoff min(31 Dec Y, asOf), and 两年 shares it
   * while asOf ≤ 31 Dec Y; the counts are then equal and only `final` (asOf ≥ horizon) differs.
   * This halves the dashboard's work; tests/api/metrics.test.ts checks it against the domain.
   */
  rate(milestone: Milestone, window: RateWindow): MetricResult {
    const key = `${milestone}|${window}`;
    let r = this.rates.get(key);
    if (r) return r;
    const yearEnd = endOfYear(this.year);
    const shared = window === 'YEAR_TO_DATE' || (window === 'TWO_YEARS' && this.asOf <= yearEnd);
    if (shared) {
      const horizon = window === 'YEAR_TO_DATE' ? (this.asOf < yearEnd ? this.asOf : yearEnd) : endOfYear(this.year + 1);
      r = { ...this.rate(milestone, 'YEAR'), final: this.asOf >= horizon };
    } else {
      r = milestoneRate(this.facts, { year: this.year, milestone, window, asOf: this.asOf });
    }
    this.rates.set(key, r);
    return r;
  }

  figure(indicator: MetricIndicator): Figure {
    let f = this.figures.get(indicator);
    if (!f) {
      f = computeFigure(this, indicator);
      this.figures.set(indicator, f);
    }
    return f;
  }
}

const minDate = (a: CalendarDate, b: CalendarDate) => (a < b ? a : b);

function computeFigure(m: FigureMemo, indicator: MetricIndicator): Figure {
  const { year, asOf } = m;
  const base = { indicator, actualYuan: null, contractedYuan: null };
  if (indicator in RATE_DEFS) {
    const [milestone, window] = RATE_DEFS[indicator as RateIndicator];
    const r = m.rate(milestone, window);
    return { ...base, kind: 'RATE', value: r.rate, numeratorIds: r.numeratorIds, denominatorIds: r.denominatorIds, cutoff: r.cutoff, final: r.final };
  }
  if (indicator === 'MANUFACTURING_SHARE') {
    const r = manufacturingShare(m.facts, year, asOf);
    return { ...base, kind: 'RATE', value: r.rate, numeratorIds: r.numeratorIds, denominatorIds: r.denominatorIds, cutoff: r.cutoff, final: r.final };
  }
  if (indicator === 'FUNDING_RATE') {
    // 资金到位率 of the year's cohort (projects signed in Y by asOf), like every other figure of
    // the year; the district's all-time figure is the sum of the cohorts' amounts.
    const r = fundingRate(m.cohortFacts(), asOf);
    // Cumulative over every signed project: it never becomes final.
    return { ...base, kind: 'RATE', value: r.rate, numeratorIds: r.fundedProjectIds, denominatorIds: r.projectIds, actualYuan: r.actualYuan, contractedYuan: r.contractedYuan, cutoff: asOf, final: false };
  }
  const [key] = COUNT_DEFS[indicator as CountIndicator];
  const end = endOfYear(year);
  const c = m.countsFor(startOfYear(year), end)[key];
  return { ...base, kind: 'COUNT', value: c.count, numeratorIds: c.ids, denominatorIds: null, cutoff: minDate(end, asOf), final: asOf >= end };
}

/** A count over a multi-year period [fromYear, toYear] as of the memo's asOf (cumulative targets). */
export function periodCount(m: FigureMemo, indicator: CountIndicator, fromYear: number, toYear: number): { count: number; ids: string[]; final: boolean } {
  const [key] = COUNT_DEFS[indicator];
  const end = endOfYear(toYear);
  const c = m.countsFor(startOfYear(fromYear), end)[key];
  return { count: c.count, ids: c.ids, final: m.asOf >= end };
}
