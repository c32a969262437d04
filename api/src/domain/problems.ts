/**
 * 督办 problems: categories, statuses, who may move a problem where, and its colour as of a date.
 *
 * Flow: OPEN 待签收 → ACCEPTED 已签收 → RESPONDED 已答复 → RESOLVED 已销号, with ESCALATED 已升级
 * reachable from any open status. The lead unit signs for and answers a problem; PROMOTION or
 * the person who raised it closes it (with evidence) or sends an answer back; PROMOTION (or the
 * reminder job, as SYSTEM) escalates it. An escalated problem is still answered by the lead unit.
 * Leaders write 批示 but never move a problem (no data edits).
 *
 * Colour as of D: BLUE within the deadline, YELLOW 1–15 days overdue, RED beyond that or once
 * escalated (escalation is not undone by a later answer); null when not open as of D. The
 * deadline is the one in force at D: a deadline moved after D does not recolour D.
 *
 * API: PROBLEM_CATEGORIES, PROBLEM_STATUSES, PROBLEM_STATUS_LABELS, allowedProblemTransitions,
 * validateProblemTransition, problemColour, isProblemOverdue, deadlineAsOf, DEFAULT_PROBLEM_CONFIG.
 */
import { daysBetween, type CalendarDate } from './dates.js';
import { toValidation, type DomainError, type Validation } from './errors.js';
import type { Role } from './roles.js';

export const PROBLEM_CATEGORIES = [
  { code: 'LAND', name: '用地' },
  { code: 'APPROVAL', name: '审批' },
  { code: 'FUNDING', name: '资金' },
  { code: 'UTILITIES', name: '水电气要素' },
  { code: 'TALENT', name: '人才' },
  { code: 'POLICY', name: '政策' },
  { code: 'OTHER', name: '其他' },
] as const;
export type ProblemCategory = (typeof PROBLEM_CATEGORIES)[number]['code'];

export const PROBLEM_STATUSES = ['OPEN', 'ACCEPTED', 'RESPONDED', 'RESOLVED', 'ESCALATED'] as const;
export type ProblemStatus = (typeof PROBLEM_STATUSES)[number];

export const PROBLEM_STATUS_LABELS: Readonly<Record<ProblemStatus, string>> = {
  OPEN: '待签收',
  ACCEPTED: '已签收',
  RESPONDED: '已答复',
  RESOLVED: '已销号',
  ESCALATED: '已升级',
};

/** Who acts, and how they relate to this problem (computed by the service from scope). */
export interface ProblemActor {
  role: Role | 'SYSTEM';
  /** The actor belongs to the problem's lead unit. */
  isLeadUnit: boolean;
  /** The actor raised the problem. */
  isRaiser: boolean;
}

type Party = 'LEAD_UNIT' | 'PROMOTION' | 'RAISER' | 'SYSTEM';

interface TransitionRule {
  from: readonly ProblemStatus[];
  to: ProblemStatus;
  by: readonly Party[];
  needsEvidence?: boolean;
  needsReason?: boolean;
}

const RULES: readonly TransitionRule[] = [
  { from: ['OPEN'], to: 'ACCEPTED', by: ['LEAD_UNIT'] },
  { from: ['ACCEPTED', 'ESCALATED'], to: 'RESPONDED', by: ['LEAD_UNIT'] },
  { from: ['RESPONDED'], to: 'RESOLVED', by: ['PROMOTION', 'RAISER'], needsEvidence: true },
  { from: ['RESPONDED'], to: 'ACCEPTED', by: ['PROMOTION', 'RAISER'], needsReason: true }, // 退回重办
  { from: ['OPEN', 'ACCEPTED', 'RESPONDED'], to: 'ESCALATED', by: ['PROMOTION', 'SYSTEM'], needsReason: true },
];

function plays(actor: ProblemActor, party: Party): boolean {
  switch (party) {
    case 'LEAD_UNIT':
      return actor.isLeadUnit && (actor.role === 'UNIT' || actor.role === 'PROMOTION');
    case 'PROMOTION':
      return actor.role === 'PROMOTION';
    case 'RAISER':
      return actor.isRaiser && actor.role !== 'LEADER' && actor.role !== 'SYSTEM';
    case 'SYSTEM':
      return actor.role === 'SYSTEM';
  }
}

/** Statuses this actor may move the problem to now (for `viewerCan`). */
export function allowedProblemTransitions(from: ProblemStatus, actor: ProblemActor): ProblemStatus[] {
  return RULES.filter((r) => r.from.includes(from) && r.by.some((p) => plays(actor, p))).map((r) => r.to);
}

export type ProblemTransitionErrorCode =
  | 'PROBLEM_TRANSITION_NOT_ALLOWED'
  | 'PROBLEM_ACTOR_NOT_ALLOWED'
  | 'PROBLEM_EVIDENCE_REQUIRED'
  | 'PROBLEM_REASON_REQUIRED';

export interface ProblemTransitionInput {
  from: ProblemStatus;
  to: ProblemStatus;
  actor: ProblemActor;
  /** Evidence files attached (after this change); needed to resolve. */
  evidenceCount?: number;
  /** Needed to escalate or to send an answer back. */
  reason?: string | null;
}

export function validateProblemTransition(input: ProblemTransitionInput): Validation<ProblemTransitionErrorCode> {
  const errors: DomainError<ProblemTransitionErrorCode>[] = [];
  const rule = RULES.find((r) => r.from.includes(input.from) && r.to === input.to);
  if (!rule) {
    errors.push({
      code: 'PROBLEM_TRANSITION_NOT_ALLOWED',
      message: `督办问题不能从“${PROBLEM_STATUS_LABELS[input.from]}”改为“${PROBLEM_STATUS_LABELS[input.to]}”`,
    });
    return toValidation(errors);
  }
  if (!rule.by.some((p) => plays(input.actor, p))) {
    errors.push({ code: 'PROBLEM_ACTOR_NOT_ALLOWED', message: `您无权将该问题改为“${PROBLEM_STATUS_LABELS[input.to]}”` });
  }
  if (rule.needsEvidence && (input.evidenceCount ?? 0) < 1) {
    errors.push({ code: 'PROBLEM_EVIDENCE_REQUIRED', message: '销号须上传办结佐证材料', field: 'evidence' });
  }
  if (rule.needsReason && (input.reason ?? '').trim() === '') {
    errors.push({ code: 'PROBLEM_REASON_REQUIRED', message: input.to === 'ESCALATED' ? '升级须说明原因' : '退回须说明原因', field: 'reason' });
  }
  return toValidation(errors);
}

export interface ProblemConfig {
  /** Overdue by at most this many days is YELLOW; beyond it RED. */
  yellowMaxOverdueDays: number;
}

export const DEFAULT_PROBLEM_CONFIG: ProblemConfig = { yellowMaxOverdueDays: 15 };

/** A deadline moved on `on`: before that day the problem was due on `from`. */
export interface DeadlineChange {
  on: CalendarDate;
  from: CalendarDate;
}

/** The dated facts of a problem that decide its colour as of a date. */
export interface ProblemTimingFacts {
  raisedOn: CalendarDate;
  /** The current deadline. */
  deadline: CalendarDate;
  /** Earlier deadlines, in the order they were changed. */
  deadlineChanges?: readonly DeadlineChange[] | null;
  resolvedOn?: CalendarDate | null;
  escalatedOn?: CalendarDate | null;
}

/**
 * The deadline in force at D: the one the first change made after D replaced (a change made on
 * D counts from D), else the current one.
 */
export function deadlineAsOf(p: Pick<ProblemTimingFacts, 'deadline' | 'deadlineChanges'>, asOf: CalendarDate): CalendarDate {
  let first: DeadlineChange | null = null;
  for (const c of p.deadlineChanges ?? []) if (c.on > asOf && (first === null || c.on < first.on)) first = c;
  return first ? first.from : p.deadline;
}

export type ProblemColour = 'BLUE' | 'YELLOW' | 'RED';

function openAsOf(p: ProblemTimingFacts, asOf: CalendarDate): boolean {
  return p.raisedOn <= asOf && !(p.resolvedOn != null && p.resolvedOn <= asOf);
}

/** Open as of D and past its deadline. */
export function isProblemOverdue(p: ProblemTimingFacts, asOf: CalendarDate): boolean {
  return openAsOf(p, asOf) && deadlineAsOf(p, asOf) < asOf;
}

/** BLUE / YELLOW / RED as of D, or null when the problem is not open as of D. */
export function problemColour(p: ProblemTimingFacts, asOf: CalendarDate, config: ProblemConfig = DEFAULT_PROBLEM_CONFIG): ProblemColour | null {
  if (!openAsOf(p, asOf)) return null;
  if (p.escalatedOn != null && p.escalatedOn <= asOf) return 'RED';
  const overdueDays = daysBetween(deadlineAsOf(p, asOf), asOf);
  if (overdueDays <= 0) return 'BLUE';
  return overdueDays <= config.yellowMaxOverdueDays ? 'YELLOW' : 'RED';
}
