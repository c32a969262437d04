/**
 * Project lists and deadline lists. Every filter the API offers maps to an indexed condition;
 * lists page by keyset cursor (sort value + _id), never by skip. A light filter for today reads
 * each project's earliest open deadline (project.openDue); for a past date D it derives the
 * lights from the open-node deadlines as of D (node index {closedOn, plannedDate}). Neither scans
 * every project's nodes.
 */
import { trusted, type Types } from 'mongoose';
import { addDays, startOfDayInstant, today } from '../../domain/dates.js';
import { plannedDateAsOf } from '../../domain/lights.js';
import { projectScopeFilter } from '../../auth/policy.js';
import type { Viewer } from '../../auth/viewer.js';
import { badInput } from '../../graphql/errors.js';
import { isId, oid } from '../../lib/records.js';
import type { Settings } from '../settings/service.js';
import { NodeModel, ProjectModel } from './model.js';
import { findRecords } from '../../lib/raw-read.js';
import { searchRegex } from '../../lib/search.js';
import { projectsWithOverdueProblem } from '../problems/queries.js';
import { nodeFacts, stageOf } from './derive.js';
import type { NodeRecord, ProjectRecord } from './types.js';

export type Sort = 'CODE' | 'SIGNED_ON_DESC' | 'INVESTMENT_DESC' | 'UPDATED_DESC';
/**
 * `unique`: the field alone orders the list (编号 has a unique index), so the sort and the page
 * cursor use it without the `_id` tie-breaker and the `{x: 1, code: 1}` indexes can serve the
 * sort after an equality filter on x; the others break ties by `_id` and have `{field, _id}` indexes.
 */
const SORTS: Record<Sort, { field: string; dir: 1 | -1; unique?: boolean }> = {
  CODE: { field: 'code', dir: 1, unique: true },
  SIGNED_ON_DESC: { field: 'signedOn', dir: -1 },
  INVESTMENT_DESC: { field: 'totalInvestment', dir: -1 },
  UPDATED_DESC: { field: 'updatedAt', dir: -1 },
};

export interface ProjectFilter {
  stage?: string[] | null;
  tier?: string[] | null;
  light?: ('GREEN' | 'YELLOW' | 'RED')[] | null;
  platformId?: string | null;
  unitId?: string | null;
  chainId?: string | null;
  source?: string | null;
  liaisonLeaderId?: string | null;
  text?: string | null;
  mine?: boolean | null;
}

/**
 * "Open as of D": not closed, or closed after D. A node closes on a date no later than the day
 * it is recorded (actual dates cannot be in the future; a skip closes today), so from today on
 * this is "not closed": one range of the {closedOn, plannedDate} index instead of a union of two.
 */
const openAsOf = (d: string): Record<string, unknown> => (d >= today() ? { closedOn: null } : { $or: [{ closedOn: null }, { closedOn: trusted({ $gt: d }) }] });

type OpenAndPlannedBy = (until: string) => Record<string, unknown>;

/**
 * The condition "open as of D and planned on or before `until`" by the plan in force at D, for
 * any `until`: a node whose re-plan was approved after D was still due on its earlier date then
 * (domain/lights.ts plannedDateAsOf). Those few nodes are read once here and dated one by one;
 * every other node's plan at D is its current planned date, which the index answers. From today
 * on there are none.
 */
async function openAndPlannedBy(asOf: string): Promise<OpenAndPlannedBy> {
  const planned = (until: string) => ({ plannedDate: trusted({ $lte: until }) });
  if (asOf >= today()) return (until) => ({ ...openAsOf(asOf), ...planned(until) });
  const movedLater = { replans: trusted({ $elemMatch: { status: 'APPROVED', decidedAt: { $gte: startOfDayInstant(addDays(asOf, 1)) } } }) };
  const moved = await findRecords<NodeRecord>(NodeModel, { $and: [openAsOf(asOf), movedLater] }, { projection: { plannedDate: 1, baselineDate: 1, replans: 1, status: 1, actualDate: 1, closedOn: 1 } });
  const datedThen = moved.map((n) => ({ id: oid(n.id), planned: plannedDateAsOf(nodeFacts(n), asOf) }));
  return (until) => {
    const due = datedThen.filter((n) => n.planned <= until).map((n) => n.id);
    return { $and: [openAsOf(asOf), { $or: [{ $and: [planned(until), { $nor: [movedLater] }] }, { _id: trusted({ $in: due }) }] }] };
  };
}

/** Project ids having a node of `cond` (openAndPlannedBy). */
async function projectsOf(cond: Record<string, unknown>): Promise<Types.ObjectId[]> {
  return (await NodeModel.distinct('projectId', cond)) as Types.ObjectId[];
}

/**
 * Mongo condition for a light filter as of D: RED and YELLOW from the open-node deadlines; an
 * open 督办 problem past its deadline makes a project YELLOW at least (domain/lights.ts).
 */
async function lightCondition(lights: string[], asOf: string, s: Settings): Promise<Record<string, unknown>> {
  if (asOf === today()) return todaysLightCondition(lights, asOf, s);
  const [openBy, problemOverdue] = await Promise.all([openAndPlannedBy(asOf), projectsWithOverdueProblem(asOf)]);
  const [red, nodeRedOrYellow] = await Promise.all([
    projectsOf(openBy(addDays(asOf, -(s.lights.redOverdueDays + 1)))),
    projectsOf(openBy(addDays(asOf, s.lights.dueSoonDays))),
  ]);
  const redOrYellow = [...nodeRedOrYellow, ...problemOverdue];
  const redSet = new Set(red.map(String));
  const yellow = redOrYellow.filter((id) => !redSet.has(String(id)));
  const live = { signedOn: trusted({ $ne: null, $lte: asOf }), $or: [{ terminated: null }, { 'terminated.on': trusted({ $gt: asOf }) }] };
  const ors: Record<string, unknown>[] = [];
  if (lights.includes('RED')) ors.push({ _id: trusted({ $in: red }) });
  if (lights.includes('YELLOW')) ors.push({ _id: trusted({ $in: yellow }) });
  if (lights.includes('GREEN')) ors.push({ _id: trusted({ $nin: redOrYellow }) });
  return { $and: [live, { $or: ors }] };
}

/**
 * The same condition for today, from the projects' own earliest open deadline (project.openDue,
 * kept by every node write; index {openDue}): no node is read. Only the open overdue 督办 problems
 * are still looked up. A node closes on a date no later than the day it is recorded (actual dates
 * cannot be in the future), so "open today" is "not closed", which is what openDue counts.
 */
async function todaysLightCondition(lights: string[], asOf: string, s: Settings): Promise<Record<string, unknown>> {
  const redBy = addDays(asOf, -(s.lights.redOverdueDays + 1));
  const yellowBy = addDays(asOf, s.lights.dueSoonDays);
  const problemOverdue = await projectsWithOverdueProblem(asOf);
  const red = { openDue: trusted({ $lte: redBy }) };
  const notRed = { $or: [{ openDue: null }, { openDue: trusted({ $gt: redBy }) }] };
  const redOrYellow = { $or: [{ openDue: trusted({ $lte: yellowBy }) }, { _id: trusted({ $in: problemOverdue }) }] };
  const live = { signedOn: trusted({ $ne: null, $lte: asOf }), $or: [{ terminated: null }, { 'terminated.on': trusted({ $gt: asOf }) }] };
  const ors: Record<string, unknown>[] = [];
  if (lights.includes('RED')) ors.push(red);
  if (lights.includes('YELLOW')) ors.push({ $and: [notRed, redOrYellow] });
  if (lights.includes('GREEN')) ors.push({ $and: [{ $or: [{ openDue: null }, { openDue: trusted({ $gt: yellowBy }) }] }, { _id: trusted({ $nin: problemOverdue }) }] });
  return { $and: [live, { $or: ors }] };
}

export async function buildProjectQuery(viewer: Viewer | null, f: ProjectFilter, asOf: string, s: Settings): Promise<Record<string, unknown> | null> {
  const scope = projectScopeFilter(viewer);
  if (!scope) return null;
  const and: Record<string, unknown>[] = [];
  if (Object.keys(scope).length) and.push(scope);
  const idField = (field: string, id: string | null | undefined) => {
    if (id == null) return;
    if (!isId(id)) throw badInput('ID格式不正确', field);
    and.push({ [field]: oid(id) });
  };
  idField('platformId', f.platformId);
  idField('unitIds', f.unitId);
  idField('chainId', f.chainId);
  idField('liaisonLeaderId', f.liaisonLeaderId);
  if (f.source) and.push({ source: f.source });
  if (f.tier?.length) and.push({ tiers: trusted({ $in: f.tier }) });
  const re = searchRegex(f.text);
  if (re) and.push({ $or: [{ code: trusted({ $regex: re }) }, { name: trusted({ $regex: re }) }, { investor: trusted({ $regex: re }) }] });
  if (f.mine && viewer) {
    if (viewer.role === 'PROMOTION') and.push({ createdBy: oid(viewer.userId) });
    if (viewer.role === 'UNIT' && viewer.unitId) and.push({ unitIds: oid(viewer.unitId) });
  }
  if (f.light?.length) and.push(await lightCondition(f.light, asOf, s));
  return and.length ? { $and: and } : {};
}

function encodeCursor(value: unknown, id: string): string {
  return Buffer.from(JSON.stringify([value instanceof Date ? { d: value.getTime() } : value, id])).toString('base64url');
}
function decodeCursor(cursor: string): [unknown, string] {
  try {
    const [v, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString()) as [unknown, string];
    if (!isId(id)) throw new Error();
    const value = v && typeof v === 'object' && 'd' in v ? new Date((v as { d: number }).d) : v;
    if (value !== null && typeof value !== 'string' && typeof value !== 'number' && !(value instanceof Date)) throw new Error();
    return [value, id];
  } catch {
    throw badInput('分页游标无效', 'after');
  }
}

export interface ProjectPage {
  nodes: ProjectRecord[];
  hasNextPage: boolean;
  endCursor: string | null;
  totalCount: () => Promise<number>;
  cursorOf: (p: ProjectRecord) => string;
}

export async function listProjects(viewer: Viewer | null, f: ProjectFilter, sort: Sort, first: number, after: string | null, asOf: string, isToday: boolean, s: Settings): Promise<ProjectPage> {
  const base = await buildProjectQuery(viewer, f, asOf, s);
  const { field, dir, unique } = SORTS[sort];
  const cursorOf = (p: ProjectRecord) => encodeCursor((p as unknown as Record<string, unknown>)[field], p.id);
  if (!base) return { nodes: [], hasNextPage: false, endCursor: null, totalCount: async () => 0, cursorOf };

  // Stage as of today is indexed; as of a past date it is derived from the stored gate dates.
  const stageFilter = f.stage?.length ? new Set(f.stage) : null;
  const query: Record<string, unknown> = { ...base };
  if (stageFilter && isToday) query.stage = trusted({ $in: [...stageFilter] });
  const page: Record<string, unknown> = { ...query };
  if (after) {
    const [value, id] = decodeCursor(after);
    const cmp = dir === 1 ? '$gt' : '$lt';
    const next = unique ? { [field]: trusted({ [cmp]: value }) } : { $or: [{ [field]: trusted({ [cmp]: value }) }, { [field]: value, _id: trusted({ $gt: oid(id) }) }] };
    page.$and = [...((query.$and as unknown[]) ?? []), next];
  }
  const sortSpec = (unique ? { [field]: dir } : { [field]: dir, _id: 1 }) as Record<string, 1 | -1>;
  let docs: ProjectRecord[];
  if (stageFilter && !isToday) {
    const all = await findRecords<ProjectRecord>(ProjectModel, page, { sort: sortSpec });
    docs = all.filter((d) => stageFilter.has(stageOf(d, asOf))).slice(0, first + 1);
  } else {
    docs = await findRecords<ProjectRecord>(ProjectModel, page, { sort: sortSpec, limit: first + 1 });
  }
  const nodes = docs.slice(0, first);
  const last = nodes[nodes.length - 1];
  return {
    nodes,
    hasNextPage: docs.length > first,
    endCursor: last ? cursorOf(last) : null,
    cursorOf,
    totalCount: async () => {
      if (stageFilter && !isToday) {
        const all = await findRecords<ProjectRecord>(ProjectModel, query, { projection: { gates: 1, terminated: 1, signedOn: 1 } });
        return all.filter((d) => stageFilter.has(stageOf(d, asOf))).length;
      }
      return ProjectModel.countDocuments(query);
    },
  };
}

export interface OverdueFilter {
  platformId?: string | null;
  unitId?: string | null;
  tier?: string | null;
  minDays?: number | null;
}

/** Open nodes past their planned date as of D, most overdue first, in the viewer's scope. */
export async function listOverdueNodes(viewer: Viewer | null, f: OverdueFilter, asOf: string, first: number, after: string | null) {
  const scope = projectScopeFilter(viewer);
  if (!scope) return { nodes: [] as NodeRecord[], hasNextPage: false, endCursor: null, totalCount: 0 };
  const projectConds: Record<string, unknown>[] = [];
  if (Object.keys(scope).length) projectConds.push(scope);
  if (f.platformId) {
    if (!isId(f.platformId)) throw badInput('ID格式不正确', 'platformId');
    projectConds.push({ platformId: oid(f.platformId) });
  }
  if (f.tier) projectConds.push({ tiers: f.tier });
  const latest = addDays(asOf, -Math.max(1, f.minDays ?? 1));
  const q: Record<string, unknown> = { ...(await openAndPlannedBy(asOf))(latest), projectId: await liveProjects(projectConds) };
  if (f.unitId) {
    if (!isId(f.unitId)) throw badInput('ID格式不正确', 'unitId');
    q.unitId = oid(f.unitId);
  }
  const page = { ...q };
  if (after) {
    const [value, id] = decodeCursor(after);
    page.$and = [...((q.$and as unknown[]) ?? []), { $or: [{ plannedDate: trusted({ $gt: value }) }, { plannedDate: value, _id: trusted({ $gt: oid(id) }) }] }];
  }
  const [docs, totalCount] = await Promise.all([
    findRecords<NodeRecord>(NodeModel, page, { sort: { plannedDate: 1, _id: 1 }, limit: first + 1 }),
    NodeModel.countDocuments(q),
  ]);
  const nodes = docs.slice(0, first);
  const last = nodes[nodes.length - 1];
  return { nodes, hasNextPage: docs.length > first, endCursor: last ? encodeCursor(last.plannedDate, last.id) : null, totalCount };
}

/**
 * The `projectId` condition for nodes of live (not terminated: no deadlines left) projects
 * matching `conds`. With no condition beyond liveness (the district view, a unit's own nodes),
 * it excludes the few terminated projects instead of listing the thousands of live ones: the
 * node query then runs on the open-node index, not on a 10,000-id `$in`.
 */
async function liveProjects(conds: Record<string, unknown>[]): Promise<unknown> {
  if (!conds.length) return trusted({ $nin: (await ProjectModel.distinct('_id', { 'terminated.on': trusted({ $gt: '' }) })) as Types.ObjectId[] });
  return trusted({ $in: (await ProjectModel.distinct('_id', { $and: [...conds, { terminated: null }] })) as Types.ObjectId[] });
}

/** The viewer's open nodes: their unit's (UNIT) or their projects' (OWNER), soonest first. */
export async function listMyNodes(viewer: Viewer, asOf: string, first: number, after: string | null): Promise<NodeRecord[]> {
  const q: Record<string, unknown> = { ...openAsOf(asOf) };
  // A unit's node belongs to a project the unit is on, so only liveness narrows the projects.
  if (viewer.role === 'UNIT' && viewer.unitId) {
    q.unitId = oid(viewer.unitId);
    q.projectId = await liveProjects([]);
  } else if (viewer.role === 'OWNER') q.projectId = await liveProjects([{ ownerUserIds: oid(viewer.userId) }]);
  else return [];
  if (after) {
    const [value, id] = decodeCursor(after);
    q.$and = [{ $or: [{ plannedDate: trusted({ $gt: value }) }, { plannedDate: value, _id: trusted({ $gt: oid(id) }) }] }];
  }
  return findRecords<NodeRecord>(NodeModel, q, { sort: { plannedDate: 1, _id: 1 }, limit: first });
}
