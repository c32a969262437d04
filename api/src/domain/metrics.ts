/**
 * Cohort metrics over plain project facts (fed by the service from the database).
 *
 * As-of semantics. A figure for date D uses only facts that were true *and known* by D:
 *   - a node counts as DONE by a cutoff C when it is DONE now, its actual date ≤ C, and it was
 *     recorded on or before D (`recordedOn`, optional: absent means "known since its actual
 *     date"). So a landing recorded late does not change an earlier published figure.
 *   - corrections of past facts do change recomputed figures; telling the user that a figure
 *     was recomputed is the snapshot layer's job (compare with the published snapshot).
 *   - voided projects (ADMIN) are excluded at every date: voiding is a correction.
 *   - terminated and confirmed-duplicate projects stay in, as the contract requires.
 *
 * Cohort(Y) as of D = non-voided projects whose SIGN node was DONE with an actual date in Y and
 * ≤ D. Milestone rates (落地率 LANDED via the template's landing gate; 开工率 START; 投产率
 * PRODUCE; 达产率 CAPACITY) for window W:
 *   YEAR          horizon 31 Dec Y      (当年)
 *   TWO_YEARS     horizon 31 Dec Y+1    (两年)
 *   YEAR_TO_DATE  horizon D             (D in Y: members signed by D that reached it by D)
 * cutoff = min(horizon, D); denominator = cohort(Y) signed ≤ cutoff; numerator = those whose
 * own milestone node is DONE by cutoff. A later gate done does not count for an earlier one.
 * `final` says the horizon has passed (D ≥ horizon), i.e. the figure can no longer grow.
 *
 * API: MetricNodeFacts, ProjectFacts, MetricResult, MILESTONES, signedOn, milestoneDoneOn,
 * cohort, milestoneRate, manufacturingShare, factTiers, applyCut. Tier counts and 资金到位率 are in
 * metrics-tiers.ts.
 */
import { endOfYear, yearOf, type CalendarDate } from './dates.js';
import { isManufacturing } from './industry.js';
import type { NodeStatus } from './lifecycle.js';
import type { Yuan } from './money.js';
import type { ProjectSource } from './sources.js';
import { GATE_NODE_CODES } from './templates.js';
import { deriveTiers, type ForeignInvestment, type Tier, type TierConfig, DEFAULT_TIER_CONFIG } from './tiers.js';

export interface MetricNodeFacts {
  code: string;
  status: NodeStatus;
  actualDate: CalendarDate | null;
  /** Asia/Shanghai day the DONE fact was first recorded; absent = known since actualDate. */
  recordedOn?: CalendarDate | null;
}

export interface InvestmentReport {
  /** Period end the reported amount belongs to. */
  reportedOn: CalendarDate;
  /** Amount invested in that period (incremental, not cumulative). */
  amountYuan: Yuan;
  recordedOn?: CalendarDate | null;
}

export interface ProjectFacts {
  id: string;
  /** Voided by ADMIN: excluded from every figure. */
  voided: boolean;
  /** Effective date of DROPPED/TERMINATED; informational: a terminated project stays in its cohort. */
  endedOn?: CalendarDate | null;
  /** The template's landing gate node code (LAND, FILING, LEASE …). */
  landingGateCode: string;
  nodes: readonly MetricNodeFacts[];
  industryCode?: string | null;
  industryChain?: string | null;
  totalInvestmentYuan: Yuan;
  foreign?: ForeignInvestment | null;
  platformId?: string | null;
  /** Units responsible for the project (lead unit and node units), for cuts. */
  unitIds?: readonly string[];
  source?: ProjectSource | null;
  liaisonLeaderId?: string | null;
  leadUnitId?: string | null;
  investmentReports?: readonly InvestmentReport[];
}

export const MILESTONES = ['LANDED', 'STARTED', 'IN_PRODUCTION', 'AT_CAPACITY'] as const;
export type Milestone = (typeof MILESTONES)[number];

export const MILESTONE_RATE_LABELS: Readonly<Record<Milestone, string>> = {
  LANDED: '落地率',
  STARTED: '开工率',
  IN_PRODUCTION: '投产率',
  AT_CAPACITY: '达产率',
};

export type RateWindow = 'YEAR' | 'TWO_YEARS' | 'YEAR_TO_DATE';

export interface MetricResult {
  numerator: number;
  denominator: number;
  /** numerator ÷ denominator, null when the denominator is 0. */
  rate: number | null;
  /** Sorted ids behind each figure, for drill-down. */
  numeratorIds: string[];
  denominatorIds: string[];
  asOf: CalendarDate;
  /** Last event date that counts (min of horizon and asOf). */
  cutoff: CalendarDate;
  /** The horizon has passed: later events cannot change the figure. */
  final: boolean;
}

function milestoneCode(project: ProjectFacts, milestone: Milestone | 'SIGNED'): string {
  switch (milestone) {
    case 'SIGNED':
      return GATE_NODE_CODES.SIGNED;
    case 'LANDED':
      return project.landingGateCode;
    case 'STARTED':
      return GATE_NODE_CODES.UNDER_CONSTRUCTION;
    case 'IN_PRODUCTION':
      return GATE_NODE_CODES.IN_PRODUCTION;
    case 'AT_CAPACITY':
      return GATE_NODE_CODES.AT_CAPACITY;
  }
}

/** Actual date of the node if it is DONE with actual ≤ cutoff and was known by asOf, else null. */
function doneOn(project: ProjectFacts, code: string, cutoff: CalendarDate, asOf: CalendarDate): CalendarDate | null {
  const node = project.nodes.find((n) => n.code === code);
  if (!node || node.status !== 'DONE' || node.actualDate === null || node.actualDate > cutoff) return null;
  if (node.recordedOn != null && node.recordedOn > asOf) return null;
  return node.actualDate;
}

/** Signing date as known on asOf (null when not signed by then). */
export function signedOn(project: ProjectFacts, asOf: CalendarDate): CalendarDate | null {
  return doneOn(project, milestoneCode(project, 'SIGNED'), asOf, asOf);
}

/** Date the milestone's own node was DONE, if by cutoff and known by asOf (asOf defaults to cutoff). */
export function milestoneDoneOn(project: ProjectFacts, milestone: Milestone, cutoff: CalendarDate, asOf: CalendarDate = cutoff): CalendarDate | null {
  return doneOn(project, milestoneCode(project, milestone), cutoff, asOf);
}

function minDate(a: CalendarDate, b: CalendarDate): CalendarDate {
  return a < b ? a : b;
}

/**
 * A sorted copy of `ids`. Facts usually arrive sorted by id (the service sorts them once), and
 * every filter keeps that order, so the check spares a dashboard a few hundred string sorts.
 */
export function sortedIds(ids: readonly string[]): string[] {
  for (let i = 1; i < ids.length; i++) if (ids[i - 1] > ids[i]) return [...ids].sort();
  return ids.slice();
}

/** `ids` in order, sorted in place if need be: for arrays the caller has just built. */
function inOrder(ids: string[]): string[] {
  for (let i = 1; i < ids.length; i++) if (ids[i - 1] > ids[i]) return ids.sort();
  return ids;
}

/** A figure from id lists built for it (they are ordered in place, not copied). */
function result(numeratorIds: string[], denominatorIds: string[], asOf: CalendarDate, cutoff: CalendarDate, horizon: CalendarDate): MetricResult {
  const sort = inOrder;
  return {
    numerator: numeratorIds.length,
    denominator: denominatorIds.length,
    rate: denominatorIds.length === 0 ? null : numeratorIds.length / denominatorIds.length,
    numeratorIds: sort(numeratorIds),
    denominatorIds: sort(denominatorIds),
    asOf,
    cutoff,
    final: asOf >= horizon,
  };
}

/**
 * Cohorts already computed for a list of facts, by year, cutoff and asOf: a dashboard asks for
 * the same cohort once per rate and window (a dozen times per cut). Keyed weakly by the list,
 * which callers never mutate once built, so each request's lists and their memo die together.
 */
const cohortMemo = new WeakMap<readonly ProjectFacts[], Map<string, readonly ProjectFacts[]>>();

function cohortMembers(projects: readonly ProjectFacts[], year: number, cutoff: CalendarDate, asOf: CalendarDate): readonly ProjectFacts[] {
  let memo = cohortMemo.get(projects);
  if (!memo) cohortMemo.set(projects, (memo = new Map()));
  const key = `${year}|${cutoff}|${asOf}`;
  const hit = memo.get(key);
  if (hit) return hit;
  const members = projects.filter((p) => {
    if (p.voided) return false;
    const signed = doneOn(p, milestoneCode(p, 'SIGNED'), cutoff, asOf);
    return signed !== null && yearOf(signed) === year;
  });
  memo.set(key, members);
  return members;
}

/** Ids of cohort(Y) as of asOf: signed in Y by asOf, not voided. */
export function cohort(projects: readonly ProjectFacts[], year: number, asOf: CalendarDate): string[] {
  return sortedIds(cohortMembers(projects, year, asOf, asOf).map((p) => p.id));
}

/** 落地率 / 开工率 / 投产率 / 达产率 of cohort(year) for a window, as of asOf. */
export function milestoneRate(
  projects: readonly ProjectFacts[],
  options: { year: number; milestone: Milestone; window: RateWindow; asOf: CalendarDate },
): MetricResult {
  const { year, milestone, window, asOf } = options;
  const horizon = window === 'YEAR' ? endOfYear(year) : window === 'TWO_YEARS' ? endOfYear(year + 1) : minDate(asOf, endOfYear(year));
  const cutoff = minDate(horizon, asOf);
  const members = cohortMembers(projects, year, cutoff, asOf);
  const reached = members.filter((p) => doneOn(p, milestoneCode(p, milestone), cutoff, asOf) !== null);
  return result(
    reached.map((p) => p.id),
    members.map((p) => p.id),
    asOf,
    cutoff,
    horizon,
  );
}

/** 制造业占比(Y): manufacturing (GB/T 4754 section C) members of cohort(Y) ÷ |cohort(Y)|. */
export function manufacturingShare(projects: readonly ProjectFacts[], year: number, asOf: CalendarDate): MetricResult {
  const horizon = endOfYear(year);
  const cutoff = minDate(horizon, asOf);
  const members = cohortMembers(projects, year, cutoff, asOf);
  return result(
    members.filter((p) => isManufacturing(p.industryCode)).map((p) => p.id),
    members.map((p) => p.id),
    asOf,
    cutoff,
    horizon,
  );
}

/**
 * A project's tiers under a config, computed once per facts object and config: the total, every
 * cut and the tier counts of a dashboard ask for each project's tiers several times. Keyed
 * weakly by the facts, which are never mutated (the API keeps them across requests until their
 * project is written), and checked against the config, which a request reads afresh.
 */
const tiersMemo = new WeakMap<ProjectFacts, { config: TierConfig; tiers: readonly Tier[] }>();

export function factTiers(p: ProjectFacts, config: TierConfig): readonly Tier[] {
  const hit = tiersMemo.get(p);
  if (hit && hit.config === config) return hit.tiers;
  const tiers = deriveTiers(p, config);
  tiersMemo.set(p, { config, tiers });
  return tiers;
}

/** A slice of the portfolio; every given criterion must match. */
export interface MetricCut {
  platformId?: string;
  unitId?: string;
  industryChain?: string;
  tier?: Tier;
  source?: ProjectSource;
}

export function applyCut(projects: readonly ProjectFacts[], cut: MetricCut, tierConfig: TierConfig = DEFAULT_TIER_CONFIG): ProjectFacts[] {
  return projects.filter(
    (p) =>
      (cut.platformId === undefined || p.platformId === cut.platformId) &&
      (cut.unitId === undefined || (p.unitIds ?? []).includes(cut.unitId)) &&
      (cut.industryChain === undefined || p.industryChain === cut.industryChain) &&
      (cut.source === undefined || p.source === cut.source) &&
      (cut.tier === undefined || factTiers(p, tierConfig).includes(cut.tier)),
  );
}
