/**
 * 月监测: the immutable month-end snapshot of every platform and every unit. Called by the job
 * runner (`takeMonthEndSnapshot(today())` after a month ends) and by ADMIN to fill a missed
 * month. Each scope's figures are computed as of the month-end with what was known then
 * (domain recordedOn rules), written with $setOnInsert under a unique (month, scope) index: a
 * second run for the same month writes nothing and an existing snapshot is never changed.
 */
import {
  addDays,
  lastMonthEndOnOrBefore,
  previousMonthEnd,
  startOfYear,
  today,
  yearOf,
  type CalendarDate,
} from '../../domain/dates.js';
import { milestoneDoneOn, signedOn, type Milestone, type ProjectFacts } from '../../domain/metrics.js';
import { TIER_COUNT_KEYS, tierCounts } from '../../domain/metrics-tiers.js';
import { oid } from '../../lib/records.js';
import { loadFacts } from '../metrics/facts.js';
import { loadSettings } from '../settings/service.js';
import { RaceSnapshotModel, type RaceSnapshotDoc, type SnapshotFiguresDoc } from './model.js';
import { inScope, listScopes, overdueNodeCounts, overdueProblemCounts, scopeKey } from './scopes.js';

export interface SnapshotResult {
  /** 'YYYY-MM' of the month snapshotted. */
  month: string;
  monthEnd: CalendarDate;
  created: number;
  existing: number;
}

/** The month-end a snapshot for `asOf` covers: the last one on or before it that is over. */
export function snapshotMonthEnd(asOf: CalendarDate, now: CalendarDate = today()): CalendarDate {
  const end = lastMonthEndOnOrBefore(asOf);
  return end < now ? end : previousMonthEnd(end);
}

function within(d: CalendarDate | null, from: CalendarDate, to: CalendarDate): boolean {
  return d !== null && d >= from && d <= to;
}

/** The figures of one scope's projects for the month ending `end`. */
export function snapshotFigures(
  facts: readonly ProjectFacts[],
  end: CalendarDate,
  tierConfig: Parameters<typeof tierCounts>[2],
): Omit<SnapshotFiguresDoc, 'overdueNodes' | 'redNodes' | 'overdueProblems'> {
  const monthStart = addDays(previousMonthEnd(end), 1);
  const yearStart = startOfYear(yearOf(end));
  const live = facts.filter((p) => !p.voided && signedOn(p, end) !== null);
  const count = (dateOf: (p: ProjectFacts) => CalendarDate | null, from: CalendarDate) => live.filter((p) => within(dateOf(p), from, end)).length;
  const reached = (m: Milestone) => (p: ProjectFacts) => milestoneDoneOn(p, m, end, end);
  const signed = (p: ProjectFacts) => signedOn(p, end);
  const month = tierCounts(live, { from: monthStart, to: end, asOf: end }, tierConfig);
  const ytd = tierCounts(live, { from: yearStart, to: end, asOf: end }, tierConfig);
  return {
    signings: count(signed, monthStart),
    signingsYtd: count(signed, yearStart),
    tiers: TIER_COUNT_KEYS.map((key) => ({ key, month: month[key].count, ytd: ytd[key].count })),
    landed: count(reached('LANDED'), monthStart),
    landedYtd: count(reached('LANDED'), yearStart),
    started: count(reached('STARTED'), monthStart),
    startedYtd: count(reached('STARTED'), yearStart),
  };
}

export async function takeMonthEndSnapshot(asOf: CalendarDate): Promise<SnapshotResult> {
  const end = snapshotMonthEnd(asOf);
  const month = end.slice(0, 7);
  const s = await loadSettings();
  const [facts, scopes, overdue, problems] = await Promise.all([
    loadFacts({ signedTo: end }),
    Promise.all([listScopes('PLATFORM'), listScopes('UNIT')]).then(([a, b]) => [...a, ...b]),
    overdueNodeCounts(end, s.lights.redOverdueDays, s),
    overdueProblemCounts(end),
  ]);
  const takenAt = new Date();
  const docs: Omit<RaceSnapshotDoc, '_id'>[] = scopes.map((scope) => {
    const k = scopeKey(scope);
    return {
      month,
      monthEnd: end,
      scopeKind: scope.kind,
      scopeId: oid(scope.id),
      scopeName: scope.name,
      ...snapshotFigures(
        facts.filter((p) => inScope(scope, p)),
        end,
        s.tiers,
      ),
      overdueNodes: overdue.overdue.get(k) ?? 0,
      redNodes: overdue.longOverdue.get(k) ?? 0,
      overdueProblems: problems ? (problems.get(k) ?? 0) : null,
      takenAt,
    };
  });
  if (!docs.length) return { month, monthEnd: end, created: 0, existing: 0 };
  let created = 0;
  try {
    const r = await RaceSnapshotModel.collection.bulkWrite(
      docs.map(({ month: m, scopeKind, scopeId, ...rest }) => ({ updateOne: { filter: { month: m, scopeKind, scopeId }, update: { $setOnInsert: rest }, upsert: true } })),
      { ordered: false },
    );
    created = r.upsertedCount;
  } catch (e) {
    // Another runner inserted some of them at the same moment: theirs stand, ours are dropped.
    const err = e as { code?: number; result?: { upsertedCount?: number }; writeErrors?: { code: number }[] };
    if (err.code !== 11000 && !(err.writeErrors ?? []).every((w) => w.code === 11000)) throw e;
    created = err.result?.upsertedCount ?? 0;
  }
  return { month, monthEnd: end, created, existing: docs.length - created };
}
