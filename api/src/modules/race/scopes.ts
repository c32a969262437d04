/**
 * The competitors of the 赛马 and what belongs to each, as of a date D:
 *   - a platform: its projects (project.platformId), their overdue nodes and problems;
 *   - a unit: the projects it is responsible for (lead unit or any node's unit: the same cut as
 *     the metrics), and the overdue nodes and 督办 problems assigned to the unit itself.
 * Overdue is judged with what was known at D: a node marked DONE after D was still open at D,
 * and the nodes of a project whose signing was entered after D did not exist yet.
 */
import mongoose, { trusted, type Types } from 'mongoose';
import { toCalendarDate, type CalendarDate } from '../../domain/dates.js';
import { isProblemOverdue } from '../../domain/problems.js';
import { PROBLEM_TIMING_FIELDS } from '../problems/model.js';
import { nodeDelay } from '../../domain/lights.js';
import type { ProjectFacts } from '../../domain/metrics.js';
import { oid } from '../../lib/records.js';
import { PlatformModel, UnitModel } from '../org/model.js';
import { NodeModel, ProjectModel, type NodeDoc } from '../projects/model.js';
import { nodeFacts } from '../projects/derive.js';
import { toNode } from '../projects/repository.js';
import type { Settings } from '../settings/service.js';
import type { RaceScopeKind } from './model.js';

export interface RaceScope {
  kind: RaceScopeKind;
  id: string;
  name: string;
}

export async function listScopes(kind: RaceScopeKind): Promise<RaceScope[]> {
  const docs = (kind === 'PLATFORM'
    ? await PlatformModel.find({}, { name: 1 }).sort({ name: 1, _id: 1 }).lean()
    : await UnitModel.find({}, { name: 1 }).sort({ name: 1, _id: 1 }).lean()) as { _id: Types.ObjectId; name: string }[];
  return docs.map((d) => ({ kind, id: d._id.toHexString(), name: d.name }));
}

export function inScope(scope: Pick<RaceScope, 'kind' | 'id'>, p: ProjectFacts): boolean {
  return scope.kind === 'PLATFORM' ? p.platformId === scope.id : (p.unitIds ?? []).includes(scope.id);
}

const key = (kind: RaceScopeKind, id: string) => `${kind}:${id}`;
export const scopeKey = (s: Pick<RaceScope, 'kind' | 'id'>) => key(s.kind, s.id);

/**
 * Projects live and known as of D: signed by D with the signing recorded by D (a project entered
 * later with an earlier signing date did not exist for anyone at D), not terminated by D.
 * id → platform id.
 */
async function liveProjects(ids: Types.ObjectId[], asOf: CalendarDate): Promise<Map<string, string>> {
  if (!ids.length) return new Map();
  const docs = (await ProjectModel.find({ _id: trusted({ $in: ids }) }, { platformId: 1, gates: 1, 'terminated.on': 1 }).lean()) as unknown as {
    _id: Types.ObjectId;
    platformId: Types.ObjectId;
    gates: { code: string; actualDate: string; recordedOn?: string | null }[];
    terminated: { on: string } | null;
  }[];
  const known = (d: (typeof docs)[number]) => {
    const sign = d.gates.find((g) => g.code === 'SIGN');
    return !!sign && sign.actualDate <= asOf && !(sign.recordedOn != null && sign.recordedOn > asOf);
  };
  return new Map(docs.filter((d) => known(d) && !(d.terminated && d.terminated.on <= asOf)).map((d) => [d._id.toHexString(), d.platformId.toHexString()]));
}

export interface OverdueCounts {
  /** Open nodes past their planned date as of D, per scope key. */
  overdue: Map<string, number>;
  /** Of those, overdue by more than `longerThanDays`. */
  longOverdue: Map<string, number>;
}

const bump = (m: Map<string, number>, k: string) => m.set(k, (m.get(k) ?? 0) + 1);

/** Overdue nodes as of D per platform and per (node's) unit, as known on D. */
export async function overdueNodeCounts(asOf: CalendarDate, longerThanDays: number, s: Settings): Promise<OverdueCounts> {
  // Candidates: open at D as known then, and some planned date in force at D could be before D.
  const docs = (await NodeModel.find({
    $and: [
      { $or: [{ closedOn: null }, { closedOn: trusted({ $gt: asOf }) }, { doneRecordedOn: trusted({ $gt: asOf }) }] },
      { $or: [{ plannedDate: trusted({ $lt: asOf }) }, { baselineDate: trusted({ $lt: asOf }) }, { 'replans.toDate': trusted({ $lt: asOf }) }] },
    ],
  })
    .select({ projectId: 1, unitId: 1, status: 1, actualDate: 1, plannedDate: 1, baselineDate: 1, replans: 1, closedOn: 1, doneRecordedOn: 1 })
    .lean()) as NodeDoc[];
  const projects = await liveProjects([...new Set(docs.map((d) => d.projectId.toHexString()))].map(oid), asOf);
  const out: OverdueCounts = { overdue: new Map(), longOverdue: new Map() };
  for (const d of docs) {
    const platformId = projects.get(d.projectId.toHexString());
    if (!platformId) continue;
    const n = toNode(d);
    // DONE recorded after D: at D it was still open.
    const known = n.status === 'DONE' && n.doneRecordedOn !== null && n.doneRecordedOn > asOf ? { ...n, status: 'IN_PROGRESS' as const, actualDate: null } : n;
    const delay = nodeDelay(nodeFacts(known), asOf, s.lights);
    if (!delay.overdue) continue;
    const scopes = [key('PLATFORM', platformId), ...(n.unitId ? [key('UNIT', n.unitId)] : [])];
    for (const k of scopes) {
      bump(out.overdue, k);
      if (delay.overdueDays > longerThanDays) bump(out.longOverdue, k);
    }
  }
  return out;
}

interface ProblemFactsDoc {
  projectId: Types.ObjectId;
  status?: string;
  leadUnitId?: Types.ObjectId | null;
  deadline?: string | Date | null;
  deadlineChanges?: { on: string; from: string }[] | null;
  raisedOn?: string | null;
  createdAt?: Date | null;
  resolvedOn?: string | Date | null;
}

const asDate = (v: string | Date | null | undefined): string | null => (v == null ? null : typeof v === 'string' ? v : toCalendarDate(v));

/**
 * Open 督办 problems past their deadline as of D, per platform and per lead unit; null when the
 * problems collection does not exist (no problem was ever raised, or the module is absent).
 */
export async function overdueProblemCounts(asOf: CalendarDate): Promise<Map<string, number> | null> {
  const db = mongoose.connection.db!;
  const exists = (await db.listCollections({ name: 'problems' }, { nameOnly: true }).toArray()).length > 0;
  if (!exists) return null;
  const docs = (await db
    .collection('problems')
    // A district has hundreds of problems: filter in memory, whatever type the dates were stored as.
    .find({}, { projection: { projectId: 1, leadUnitId: 1, status: 1, createdAt: 1, ...PROBLEM_TIMING_FIELDS } })
    .toArray()) as unknown as ProblemFactsDoc[];
  const projects = await liveProjects([...new Set(docs.map((d) => d.projectId.toHexString()))].map(oid), asOf);
  const out = new Map<string, number>();
  for (const d of docs) {
    const platformId = projects.get(d.projectId.toHexString());
    const deadline = asDate(d.deadline);
    const raisedOn = d.raisedOn ?? asDate(d.createdAt);
    if (!platformId || !deadline || !raisedOn) continue;
    // Resolved without a recorded day: the day is unknown, so it cannot be counted as open.
    if (d.status === 'RESOLVED' && d.resolvedOn == null) continue;
    if (!isProblemOverdue({ raisedOn, deadline, deadlineChanges: d.deadlineChanges, resolvedOn: asDate(d.resolvedOn) }, asOf)) continue;
    bump(out, key('PLATFORM', platformId));
    if (d.leadUnitId) bump(out, key('UNIT', d.leadUnitId.toHexString()));
  }
  return out;
}
