/**
 * 履约监管: agreement indicators, capacity reviews (达产复核 / yearly 亩均 evaluations) and flags.
 *
 * Each committed indicator passes when the actual value is within tolerance of the commitment:
 *   higher-is-better:  actual ≥ committed × (1 − tolerance)
 *   lower-is-better:   actual ≤ committed × (1 + tolerance)      (energy per value added)
 * A committed indicator with no actual value fails (未填报). The review is 达标 only when every
 * committed indicator passes; a failed review opens a 整改 item due rectificationDays later.
 * Default tolerance is 0: the contract gives no number, and a commitment is a commitment until
 * an administrator decides otherwise.
 *
 * Flags as of D: review due within 60 days, review overdue, and in breach. In breach means a
 * committed start/completion/capacity date passed before its milestone was DONE (a late
 * milestone stays a breach: it happened), or a rectification is past its deadline and not closed.
 *
 * API: AGREEMENT_INDICATORS, DEFAULT_AGREEMENT_CONFIG, investmentIntensity, evaluateReview,
 * firstReviewDueOn, agreementFlags.
 */
import { addDays, daysBetween, type CalendarDate } from './dates.js';
import type { Yuan } from './money.js';

export const AGREEMENT_INDICATORS = [
  { code: 'INVESTMENT_INTENSITY', name: '固定资产投资强度', unit: '万元/亩', better: 'HIGHER' },
  { code: 'TAX_PER_MU', name: '亩均税收', unit: '万元/亩', better: 'HIGHER' },
  { code: 'OUTPUT_PER_MU', name: '亩均产出', unit: '万元/亩', better: 'HIGHER' },
  { code: 'VALUE_ADDED_PER_MU', name: '亩均增加值', unit: '万元/亩', better: 'HIGHER' },
  { code: 'ENERGY_PER_VALUE_ADDED', name: '单位增加值能耗', unit: '吨标煤/万元', better: 'LOWER' },
  { code: 'RD_RATIO', name: '研发经费占比', unit: '%', better: 'HIGHER' },
] as const;
export type AgreementIndicator = (typeof AGREEMENT_INDICATORS)[number]['code'];

export interface AgreementConfig {
  /** Relative tolerance, e.g. 0.05 = 5 %. */
  tolerance: number;
  reviewDueSoonDays: number;
  /** First review due this many days after the committed capacity date (template CAPACITY→REVIEW). */
  reviewLagDays: number;
  rectificationDays: number;
}

export const DEFAULT_AGREEMENT_CONFIG: AgreementConfig = {
  tolerance: 0,
  reviewDueSoonDays: 60,
  reviewLagDays: 90,
  rectificationDays: 180,
};

/** 投资强度 in 万元/亩 = investment (yuan) ÷ 10,000 ÷ area (亩). */
export function investmentIntensity(investmentYuan: Yuan, landAreaMu: number): number {
  if (!(landAreaMu > 0)) throw new RangeError('Land area must be positive');
  return investmentYuan / 10_000 / landAreaMu;
}

// Float products like 100 × 0.95 can land a hair off; a relative epsilon keeps the boundary inclusive.
const EPSILON = 1e-9;

export interface IndicatorResult {
  code: AgreementIndicator;
  committed: number;
  actual: number | null;
  /** The bound the actual was compared with (commitment adjusted by tolerance). */
  threshold: number;
  passed: boolean;
}

export interface ReviewEvaluation {
  passed: boolean;
  indicators: IndicatorResult[];
  /** Set when the review failed: deadline of the 整改 item to open. */
  rectificationDueOn: CalendarDate | null;
}

/** Evaluates a review's actual values against the agreement's commitments (only committed ones count). */
export function evaluateReview(
  committed: Partial<Record<AgreementIndicator, number | null>>,
  actual: Partial<Record<AgreementIndicator, number | null>>,
  reviewedOn: CalendarDate,
  config: AgreementConfig = DEFAULT_AGREEMENT_CONFIG,
): ReviewEvaluation {
  const indicators: IndicatorResult[] = [];
  for (const def of AGREEMENT_INDICATORS) {
    const commitment = committed[def.code];
    if (commitment == null) continue;
    const value = actual[def.code] ?? null;
    const higher = def.better === 'HIGHER';
    const threshold = higher ? commitment * (1 - config.tolerance) : commitment * (1 + config.tolerance);
    const slack = EPSILON * Math.max(1, Math.abs(threshold));
    const passed = value !== null && (higher ? value >= threshold - slack : value <= threshold + slack);
    indicators.push({ code: def.code, committed: commitment, actual: value, threshold, passed });
  }
  const passed = indicators.every((i) => i.passed);
  return { passed, indicators, rectificationDueOn: passed ? null : addDays(reviewedOn, config.rectificationDays) };
}

/** First 达产复核 due date: committed capacity date + reviewLagDays. */
export function firstReviewDueOn(capacityBy: CalendarDate, config: AgreementConfig = DEFAULT_AGREEMENT_CONFIG): CalendarDate {
  return addDays(capacityBy, config.reviewLagDays);
}

export interface AgreementFlagFacts {
  /** Scheduled reviews; reviewedOn set once carried out. */
  reviews: readonly { dueOn: CalendarDate; reviewedOn?: CalendarDate | null }[];
  /** Committed dates and the actual dates of the matching milestones (START, ACCEPT, CAPACITY). */
  milestones: readonly { kind: 'START' | 'COMPLETION' | 'CAPACITY'; committedBy: CalendarDate; doneOn: CalendarDate | null }[];
  rectifications: readonly { dueOn: CalendarDate; closedOn?: CalendarDate | null }[];
}

export type BreachReason = 'START_LATE' | 'COMPLETION_LATE' | 'CAPACITY_LATE' | 'RECTIFICATION_OVERDUE';

export const BREACH_REASON_LABELS: Readonly<Record<BreachReason, string>> = {
  START_LATE: '未按约定时间开工',
  COMPLETION_LATE: '未按约定时间竣工',
  CAPACITY_LATE: '未按约定时间达产',
  RECTIFICATION_OVERDUE: '整改逾期未完成',
};

export interface AgreementFlags {
  reviewDueSoon: boolean;
  reviewOverdue: boolean;
  inBreach: boolean;
  breachReasons: BreachReason[];
}

export function agreementFlags(facts: AgreementFlagFacts, asOf: CalendarDate, config: AgreementConfig = DEFAULT_AGREEMENT_CONFIG): AgreementFlags {
  const pending = facts.reviews.filter((r) => !(r.reviewedOn != null && r.reviewedOn <= asOf));
  const reviewOverdue = pending.some((r) => r.dueOn < asOf);
  const reviewDueSoon = pending.some((r) => {
    const days = daysBetween(asOf, r.dueOn);
    return days >= 0 && days <= config.reviewDueSoonDays;
  });
  const reasons = new Set<BreachReason>();
  for (const m of facts.milestones) {
    // Breached once the committed day has passed without the milestone (done later or not at all).
    const missed = m.committedBy < asOf && (m.doneOn === null || m.doneOn > m.committedBy);
    if (missed) reasons.add(m.kind === 'START' ? 'START_LATE' : m.kind === 'COMPLETION' ? 'COMPLETION_LATE' : 'CAPACITY_LATE');
  }
  if (facts.rectifications.some((r) => r.dueOn < asOf && !(r.closedOn != null && r.closedOn <= asOf))) {
    reasons.add('RECTIFICATION_OVERDUE');
  }
  const breachReasons = [...reasons];
  return { reviewDueSoon, reviewOverdue, inBreach: breachReasons.length > 0, breachReasons };
}
