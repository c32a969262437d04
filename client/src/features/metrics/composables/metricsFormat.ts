/**
 * How the dashboard groups and prints the API's figures. Rates are 0–1 on the wire and read
 * as percentages; a target is 达标 once met, 未达标 when its period is over, otherwise 进行中.
 */
import type { MetricCutBy, MetricFigureFieldsFragment, MetricFilter, MetricIndicator, MetricKind } from '@/gql/graphql';

export interface RateFamily {
  label: string;
  current: MetricIndicator;
  twoYears: MetricIndicator;
  ytd: MetricIndicator;
}

/** 当年 / 两年 / 年内 of each stage rate, in the order the office reports them. */
export const RATE_FAMILIES: readonly RateFamily[] = [
  { label: '落地率', current: 'LANDING_RATE', twoYears: 'LANDING_RATE_TWO_YEARS', ytd: 'LANDING_RATE_YTD' },
  { label: '开工率', current: 'START_RATE', twoYears: 'START_RATE_TWO_YEARS', ytd: 'START_RATE_YTD' },
  { label: '投产率', current: 'PRODUCTION_RATE', twoYears: 'PRODUCTION_RATE_TWO_YEARS', ytd: 'PRODUCTION_RATE_YTD' },
  { label: '达产率', current: 'CAPACITY_RATE', twoYears: 'CAPACITY_RATE_TWO_YEARS', ytd: 'CAPACITY_RATE_YTD' },
];

const FAMILY_INDICATORS = new Set<MetricIndicator>(RATE_FAMILIES.flatMap((f) => [f.current, f.twoYears, f.ytd]));

export const CUT_LABELS: Record<MetricCutBy, string> = {
  PLATFORM: '按平台',
  UNIT: '按责任单位',
  INDUSTRY_CHAIN: '按产业链',
  TIER: '按规模',
  SOURCE: '按来源',
};

/** Indicators a cut chart can show: the headline rates and the shares. */
export const CHART_INDICATORS: readonly { value: MetricIndicator; label: string }[] = [
  { value: 'LANDING_RATE', label: '当年落地率' },
  { value: 'LANDING_RATE_YTD', label: '年内落地率' },
  { value: 'START_RATE', label: '当年开工率' },
  { value: 'PRODUCTION_RATE', label: '当年投产率' },
  { value: 'CAPACITY_RATE', label: '当年达产率' },
  { value: 'MANUFACTURING_SHARE', label: '制造业占比' },
  { value: 'FUNDING_RATE', label: '资金到位率' },
  { value: 'SIGNED_OVER_100M', label: '亿元以上签约数' },
  { value: 'SIGNED_OVER_1B_MANUFACTURING', label: '10亿元以上制造业' },
];

export function formatPercent(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  return `${(value * 100).toLocaleString('zh-CN', { maximumFractionDigits: 1 })}%`;
}

export function formatMetricValue(kind: MetricKind, value: number | null | undefined): string {
  if (kind === 'RATE') return formatPercent(value);
  return value === null || value === undefined ? '—' : `${value.toLocaleString('zh-CN')} 个`;
}

export type TargetState = 'met' | 'missed' | 'pending' | 'none';

export function targetState(figure: Pick<MetricFigureFieldsFragment, 'target'>): TargetState {
  const t = figure.target;
  if (!t) return 'none';
  if (t.met) return 'met';
  return t.final ? 'missed' : 'pending';
}

export const TARGET_STATE_LABELS: Record<Exclude<TargetState, 'none'>, string> = { met: '达标', missed: '未达标', pending: '未达标（进行中）' };

/** The target as people say it: "≥ 40%" or "≥ 15 个". */
export function formatTarget(kind: MetricKind, value: number): string {
  return `≥ ${formatMetricValue(kind, value)}`;
}

export interface GroupedFigures {
  families: { family: RateFamily; current?: MetricFigureFieldsFragment; twoYears?: MetricFigureFieldsFragment; ytd?: MetricFigureFieldsFragment }[];
  /** Rates outside the families: 制造业占比, 资金到位率. */
  shares: MetricFigureFieldsFragment[];
  /** Tier counts. */
  counts: MetricFigureFieldsFragment[];
}

export function groupFigures(figures: readonly MetricFigureFieldsFragment[]): GroupedFigures {
  const by = new Map(figures.map((f) => [f.indicator, f]));
  return {
    families: RATE_FAMILIES.map((family) => ({ family, current: by.get(family.current), twoYears: by.get(family.twoYears), ytd: by.get(family.ytd) })),
    shares: figures.filter((f) => f.kind === 'RATE' && !FAMILY_INDICATORS.has(f.indicator)),
    counts: figures.filter((f) => f.kind === 'COUNT'),
  };
}

/** The slice a cut row stands for, to ask for the projects behind its figure. */
export function cutRowFilter(row: {
  platform?: { id: string } | null;
  unit?: { id: string } | null;
  chain?: { id: string } | null;
  tier?: MetricFilter['tier'];
  source?: MetricFilter['source'];
}): MetricFilter {
  const filter: MetricFilter = {};
  if (row.platform) filter.platformId = row.platform.id;
  if (row.unit) filter.unitId = row.unit.id;
  if (row.chain) filter.chainId = row.chain.id;
  if (row.tier) filter.tier = row.tier;
  if (row.source) filter.source = row.source;
  return filter;
}
