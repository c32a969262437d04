/**
 * 赛马: quarterly score (季评价), yearly assessment (年考核) and ranking of units/platforms.
 *
 *   score = Σ weight × min(actual ÷ target_q, cap) − overduePenalty × (nodes overdue > N days)
 *           − recordPenalty × (confirmed duplicate or falsified records)
 *   defaults: cap 1.2, overduePenalty 0.1, N = 30, recordPenalty 0.2
 *
 * target_q is the time-proportional target at the end of quarter q: annual target × q ÷ 4 for
 * cumulative indicators (counts: actual is the year-to-date figure), and the annual target
 * itself for ratio indicators (rates and shares are already time-independent). Quarters rather
 * than elapsed days: "时间过半、任务过半" is how the office reads it.
 * Scores are rounded to 4 decimals so that equal work gives equal scores whatever the float
 * path; equal scores share a rank (1, 2, 2, 4). A score may go below zero.
 * The year = Σ quarterly scores + the year-end score (the same formula on year-end figures
 * against full-year targets), each part weighted (default 1).
 * Published scores are stored by the service and never recomputed.
 *
 * API: RaceIndicator, RaceConfig, DEFAULT_RACE_CONFIG, validateRaceConfig, timeProportionalTarget,
 * quarterScore, assessYear, rankScores.
 */
import type { Quarter } from './dates.js';
import type { DomainError } from './errors.js';

export interface RaceIndicator {
  code: string;
  name: string;
  weight: number;
  /** Cumulative (count) indicator: its target grows with the quarter. */
  proportional: boolean;
}

export interface RaceConfig {
  indicators: readonly RaceIndicator[];
  cap: number;
  overdueNodeDays: number;
  overdueNodePenalty: number;
  recordPenalty: number;
  quarterWeight: number;
  yearEndWeight: number;
}

export const DEFAULT_RACE_CONFIG: RaceConfig = {
  indicators: [
    { code: 'SIGNED_OVER_100M', name: '亿元以上项目签约', weight: 0.3, proportional: true },
    { code: 'SIGNED_OVER_1B_MANUFACTURING', name: '10亿元以上制造业项目签约', weight: 0.2, proportional: true },
    { code: 'LANDING_RATE', name: '落地率', weight: 0.2, proportional: false },
    { code: 'START_RATE', name: '开工率', weight: 0.15, proportional: false },
    { code: 'MANUFACTURING_SHARE', name: '制造业占比', weight: 0.15, proportional: false },
  ],
  cap: 1.2,
  overdueNodeDays: 30,
  overdueNodePenalty: 0.1,
  recordPenalty: 0.2,
  quarterWeight: 1,
  yearEndWeight: 1,
};

export type RaceConfigErrorCode = 'RACE_INDICATOR_DUPLICATE' | 'RACE_WEIGHT_INVALID' | 'RACE_PARAMETER_INVALID';

export function validateRaceConfig(config: RaceConfig): DomainError<RaceConfigErrorCode>[] {
  const errors: DomainError<RaceConfigErrorCode>[] = [];
  const codes = new Set<string>();
  for (const ind of config.indicators) {
    if (codes.has(ind.code)) errors.push({ code: 'RACE_INDICATOR_DUPLICATE', message: `考核指标“${ind.name}”重复` });
    codes.add(ind.code);
    if (!(Number.isFinite(ind.weight) && ind.weight >= 0)) {
      errors.push({ code: 'RACE_WEIGHT_INVALID', message: `考核指标“${ind.name}”的权重须为非负数` });
    }
  }
  const params: [keyof RaceConfig, string][] = [
    ['cap', '得分上限'],
    ['overdueNodeDays', '超期天数'],
    ['overdueNodePenalty', '超期节点扣分'],
    ['recordPenalty', '重复/虚假记录扣分'],
    ['quarterWeight', '季度得分权重'],
    ['yearEndWeight', '年末得分权重'],
  ];
  for (const [key, label] of params) {
    const v = config[key] as number;
    if (!(Number.isFinite(v) && v >= 0)) errors.push({ code: 'RACE_PARAMETER_INVALID', message: `${label}须为非负数` });
  }
  return errors;
}

/** annual × q ÷ 4 for proportional indicators, else annual. */
export function timeProportionalTarget(annualTarget: number, quarter: Quarter, proportional: boolean): number {
  return proportional ? (annualTarget * quarter) / 4 : annualTarget;
}

export interface ScoreInput {
  quarter: Quarter;
  /** Indicator code → year-to-date actual (counts) or current value (rates). */
  actuals: Readonly<Record<string, number>>;
  /** Indicator code → annual target (> 0) for the scope. */
  targets: Readonly<Record<string, number>>;
  /** Nodes of the scope's projects overdue by more than config.overdueNodeDays at quarter end. */
  overdueNodes: number;
  /** Duplicate signings or falsified records confirmed in the period. */
  penalisedRecords: number;
}

export interface ScoreBreakdown {
  score: number;
  parts: { code: string; actual: number; target: number; ratio: number; weighted: number }[];
  overduePenalty: number;
  recordPenalty: number;
}

const round4 = (x: number) => Math.round(x * 10_000) / 10_000;

/** The quarter's score with its breakdown; throws RangeError on a missing or non-positive target. */
export function quarterScore(input: ScoreInput, config: RaceConfig = DEFAULT_RACE_CONFIG): ScoreBreakdown {
  const parts = config.indicators.map((ind) => {
    const annual = input.targets[ind.code];
    if (!(typeof annual === 'number' && annual > 0)) throw new RangeError(`Race target for ${ind.code} must be > 0`);
    const target = timeProportionalTarget(annual, input.quarter, ind.proportional);
    const actual = input.actuals[ind.code] ?? 0;
    const ratio = Math.min(actual / target, config.cap);
    return { code: ind.code, actual, target, ratio, weighted: ind.weight * ratio };
  });
  const overduePenalty = config.overdueNodePenalty * input.overdueNodes;
  const recordPenalty = config.recordPenalty * input.penalisedRecords;
  const score = round4(parts.reduce((s, p) => s + p.weighted, 0) - overduePenalty - recordPenalty);
  return { score, parts, overduePenalty, recordPenalty };
}

/** 年考核: weighted sum of the four published quarterly scores and the year-end score. */
export function assessYear(quarterScores: readonly number[], yearEndScore: number, config: RaceConfig = DEFAULT_RACE_CONFIG): number {
  if (quarterScores.length !== 4) throw new RangeError(`A year needs 4 quarterly scores, got ${quarterScores.length}`);
  const quarters = quarterScores.reduce((s, x) => s + x, 0);
  return round4(config.quarterWeight * quarters + config.yearEndWeight * yearEndScore);
}

export interface Ranked<T> {
  item: T;
  score: number;
  /** Competition rank: equal scores share a rank, the next rank skips (1, 2, 2, 4). */
  rank: number;
}

/** Ranks by score, highest first; ties share a rank and are listed by `id`. */
export function rankScores<T extends { id: string; score: number }>(items: readonly T[]): Ranked<T>[] {
  const sorted = [...items].sort((a, b) => round4(b.score) - round4(a.score) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const ranked: Ranked<T>[] = [];
  sorted.forEach((item, i) => {
    const score = round4(item.score);
    const rank = i > 0 && ranked[i - 1].score === score ? ranked[i - 1].rank : i + 1;
    ranked.push({ item, score, rank });
  });
  return ranked;
}
