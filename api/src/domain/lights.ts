/**
 * Delays and traffic lights as of a date D (DOMAIN.md "Delays and lights").
 *
 * "planned" is the current planned date in force at D: the baseline until a re-plan is approved,
 * then the re-planned date (plannedDateAsOf); slip = current − baseline stays visible.
 * As of D, a node is open unless it was DONE with an actual date ≤ D, or SKIPPED on or before D
 * (a skip with no date counts as always closed). Closed nodes are never overdue or due.
 *
 * - overdue: open and planned < D; overdueDays = D − planned
 * - dueSoon: open and 0 ≤ planned − D ≤ dueSoonDays (15)
 * - late: DONE by D with actual > planned; lateDays = actual − planned
 * - node light: RED if overdueDays > redOverdueDays (30); YELLOW if overdue 1–30 or due soon;
 *   else GREEN
 * - project light: worst light of its open nodes; an overdue open problem lifts it to YELLOW at
 *   least; null before signing or once dropped/terminated (no light to show)
 * - escalation (约谈): YELLOW or worse at two consecutive month-ends
 *
 * API: DEFAULT_LIGHT_CONFIG, plannedDateAsOf, slipDays, nodeDelay, projectLight, worstLight,
 * projectEscalated, escalatedFromSnapshots.
 */
import { daysBetween, lastMonthEndOnOrBefore, previousMonthEnd, type CalendarDate } from './dates.js';
import type { NodeStatus } from './lifecycle.js';
import { isProblemOverdue, type ProblemTimingFacts } from './problems.js';

export type Light = 'GREEN' | 'YELLOW' | 'RED';

export interface LightConfig {
  /** Open nodes due within this many days (inclusive) are due soon. */
  dueSoonDays: number;
  /** Overdue by more than this many days is RED. */
  redOverdueDays: number;
}

export const DEFAULT_LIGHT_CONFIG: LightConfig = { dueSoonDays: 15, redOverdueDays: 30 };

const SEVERITY: Readonly<Record<Light, number>> = { GREEN: 0, YELLOW: 1, RED: 2 };

export function worstLight(lights: Iterable<Light>): Light {
  let worst: Light = 'GREEN';
  for (const light of lights) if (SEVERITY[light] > SEVERITY[worst]) worst = light;
  return worst;
}

export interface Replan {
  /** Day PROMOTION approved the re-plan. */
  approvedOn: CalendarDate;
  plannedDate: CalendarDate;
}

export interface PlannedDates {
  /** Current planned date (after every approved re-plan). */
  plannedDate: CalendarDate;
  /** Null until the baseline is frozen; before that, edits are not re-plans. */
  baselinePlannedDate?: CalendarDate | null;
  /** Approved re-plans in approval order. */
  replans?: readonly Replan[];
}

/**
 * The planned date in force at D. Without a frozen baseline it is the current one. With one,
 * it is the latest re-plan approved on or before D (ties: the later in the list), else the
 * baseline.
 */
export function plannedDateAsOf(node: PlannedDates, asOf: CalendarDate): CalendarDate {
  if (node.baselinePlannedDate == null) return node.plannedDate;
  let inForce: Replan | null = null;
  for (const replan of node.replans ?? []) {
    if (replan.approvedOn <= asOf && (inForce === null || replan.approvedOn >= inForce.approvedOn)) inForce = replan;
  }
  return inForce?.plannedDate ?? node.baselinePlannedDate;
}

/** current planned − baseline, in days (0 before the baseline is frozen). */
export function slipDays(node: PlannedDates): number {
  return node.baselinePlannedDate == null ? 0 : daysBetween(node.baselinePlannedDate, node.plannedDate);
}

export interface NodeDelayFacts extends PlannedDates {
  status: NodeStatus;
  actualDate: CalendarDate | null;
  /** When it was marked SKIPPED; null/absent means closed at any date. */
  skippedOn?: CalendarDate | null;
}

export interface NodeDelay {
  open: boolean;
  /** Planned date in force at D. */
  plannedDate: CalendarDate;
  overdue: boolean;
  overdueDays: number;
  dueSoon: boolean;
  /** planned − D for open nodes (negative when overdue), null for closed ones. */
  daysToDue: number | null;
  late: boolean;
  lateDays: number;
  light: Light;
}

function isOpenAsOf(node: NodeDelayFacts, asOf: CalendarDate): boolean {
  switch (node.status) {
    case 'DONE':
      return node.actualDate === null || node.actualDate > asOf;
    case 'SKIPPED':
      return node.skippedOn != null && node.skippedOn > asOf;
    default:
      return true;
  }
}

/** Delay facts and light of one node as of D. */
export function nodeDelay(node: NodeDelayFacts, asOf: CalendarDate, config: LightConfig = DEFAULT_LIGHT_CONFIG): NodeDelay {
  const plannedDate = plannedDateAsOf(node, asOf);
  const open = isOpenAsOf(node, asOf);
  if (!open) {
    const lateDays = node.status === 'DONE' && node.actualDate !== null ? Math.max(0, daysBetween(plannedDate, node.actualDate)) : 0;
    return { open, plannedDate, overdue: false, overdueDays: 0, dueSoon: false, daysToDue: null, late: lateDays > 0, lateDays, light: 'GREEN' };
  }
  const daysToDue = daysBetween(asOf, plannedDate);
  const overdueDays = Math.max(0, -daysToDue);
  const dueSoon = daysToDue >= 0 && daysToDue <= config.dueSoonDays;
  const light: Light = overdueDays > config.redOverdueDays ? 'RED' : overdueDays > 0 || dueSoon ? 'YELLOW' : 'GREEN';
  return { open, plannedDate, overdue: overdueDays > 0, overdueDays, dueSoon, daysToDue, late: false, lateDays: 0, light };
}

export interface ProjectLightFacts {
  /** SIGN's actual date; no light before it. */
  signedOn: CalendarDate | null;
  /** Effective date of DROPPED/TERMINATED; no light from then on. */
  endedOn?: CalendarDate | null;
  nodes: readonly NodeDelayFacts[];
  problems?: readonly ProblemTimingFacts[];
}

/** Worst light of the open nodes, at least YELLOW with an overdue open problem; null when not live. */
export function projectLight(project: ProjectLightFacts, asOf: CalendarDate, config: LightConfig = DEFAULT_LIGHT_CONFIG): Light | null {
  if (project.signedOn === null || project.signedOn > asOf) return null;
  if (project.endedOn != null && project.endedOn <= asOf) return null;
  const nodeLights = project.nodes.map((n) => nodeDelay(n, asOf, config)).filter((d) => d.open).map((d) => d.light);
  const problemOverdue = (project.problems ?? []).some((p) => isProblemOverdue(p, asOf));
  return worstLight(problemOverdue ? [...nodeLights, 'YELLOW'] : nodeLights);
}

/** YELLOW-or-worse at both of two consecutive month-end snapshots (null = no light). */
export function escalatedFromSnapshots(earlier: Light | null, later: Light | null): boolean {
  const bad = (l: Light | null) => l === 'YELLOW' || l === 'RED';
  return bad(earlier) && bad(later);
}

/**
 * Escalation as of D, recomputed from dated facts: the lights at the last month-end on or
 * before D and at the month-end before it. Prefer escalatedFromSnapshots when the month-end
 * snapshots exist, since a published snapshot does not change.
 */
export function projectEscalated(project: ProjectLightFacts, asOf: CalendarDate, config: LightConfig = DEFAULT_LIGHT_CONFIG): boolean {
  const later = lastMonthEndOnOrBefore(asOf);
  const earlier = previousMonthEnd(later);
  return escalatedFromSnapshots(projectLight(project, earlier, config), projectLight(project, later, config));
}
