/**
 * Problem lists in the viewer's scope, paged by keyset (deadline, _id), never by skip. Colours
 * and "overdue" are as of a date D and map to conditions on the dated facts (raisedOn,
 * deadline, resolvedOn, escalatedOn), with the same edges as domain/problems.ts problemColour:
 * BLUE deadline ≥ D; YELLOW D − yellowDays ≤ deadline < D; RED earlier, or escalated by D.
 * The conditions read the current deadline; as of a past date, the few problems whose deadline
 * moved since are judged by the domain rule instead (asOfDeadline).
 */
import { trusted, type Types } from 'mongoose';
import { addDays, today, type CalendarDate } from '../../domain/dates.js';
import { isProblemOverdue, problemColour, type ProblemColour, type ProblemStatus, type ProblemTimingFacts } from '../../domain/problems.js';
import { projectScopeFilter } from '../../auth/policy.js';
import type { Viewer } from '../../auth/viewer.js';
import { badInput } from '../../graphql/errors.js';
import { isId, oid } from '../../lib/records.js';
import { ProjectModel } from '../projects/model.js';
import type { Settings } from '../settings/service.js';
import { PROBLEM_TIMING_FIELDS, ProblemModel, type ProblemDoc } from './model.js';
import { toProblem } from './repository.js';
import type { ProblemConnectionRecord } from './types.js';

export interface ProblemFilter {
  projectId?: string | null;
  status?: ProblemStatus[] | null;
  colour?: ProblemColour[] | null;
  unitId?: string | null;
  /** Raised by me, or my unit leads or helps. */
  mine?: boolean | null;
  overdue?: boolean | null;
}

type Cond = Record<string, unknown>;

/** Open as of D: raised by then and not resolved by then. */
export const openAsOf = (d: CalendarDate): Cond => ({ raisedOn: trusted({ $lte: d }), $or: [{ resolvedOn: null }, { resolvedOn: trusted({ $gt: d }) }] });

export function colourCondition(colour: ProblemColour, d: CalendarDate, yellowDays: number): Cond {
  const notEscalated = { $or: [{ escalatedOn: null }, { escalatedOn: trusted({ $gt: d }) }] };
  const redSince = addDays(d, -yellowDays); // deadline before this: overdue beyond the yellow window
  switch (colour) {
    case 'RED':
      return { $and: [openAsOf(d), { $or: [{ escalatedOn: trusted({ $lte: d }) }, { deadline: trusted({ $lt: redSince }) }] }] };
    case 'YELLOW':
      return { $and: [openAsOf(d), notEscalated, { deadline: trusted({ $lt: d, $gte: redSince }) }] };
    case 'BLUE':
      return { $and: [openAsOf(d), notEscalated, { deadline: trusted({ $gte: d }) }] };
  }
}

export const overdueCondition = (d: CalendarDate): Cond => ({ $and: [openAsOf(d), { deadline: trusted({ $lt: d }) }] });

/** Problems whose deadline was moved after D: D saw an earlier one (domain deadlineAsOf). */
const movedAfter = (d: CalendarDate): Cond => ({ deadlineChanges: trusted({ $elemMatch: { on: { $gt: d } } }) });

/**
 * `cond` decides on the stored (current) deadline. From today on that is the deadline in force;
 * as of a past date D it is for every problem but those whose deadline moved after D, which are
 * read (few: open at D and re-dated since) and judged by the domain rule `judge` instead.
 */
export async function asOfDeadline(d: CalendarDate, cond: Cond, judge: (p: ProblemTimingFacts) => boolean): Promise<Cond> {
  if (d >= today()) return cond;
  const moved = (await ProblemModel.find({ $and: [openAsOf(d), movedAfter(d)] }, PROBLEM_TIMING_FIELDS).lean()) as (ProblemTimingFacts & { _id: Types.ObjectId })[];
  const ids = moved.filter(judge).map((p) => p._id);
  return { $or: [{ $and: [{ $nor: [movedAfter(d)] }, cond] }, { _id: trusted({ $in: ids }) }] };
}

/** Open as of D and past the deadline in force at D. */
export const overdueAsOf = (d: CalendarDate): Promise<Cond> => asOfDeadline(d, overdueCondition(d), (p) => isProblemOverdue(p, d));

/** Project ids with a problem open as of D and past its deadline (for the light filter). */
export async function projectsWithOverdueProblem(asOf: CalendarDate): Promise<Types.ObjectId[]> {
  return (await ProblemModel.distinct('projectId', await overdueAsOf(asOf))) as Types.ObjectId[];
}

/** The viewer's problems: those of projects they may read, plus their unit's; null = none. */
export async function problemScope(v: Viewer | null): Promise<Cond | null> {
  const scope = projectScopeFilter(v);
  if (!v) return null;
  const ors: Cond[] = [];
  if (scope && Object.keys(scope).length === 0) return {};
  if (scope) ors.push({ projectId: trusted({ $in: (await ProjectModel.distinct('_id', scope)) as Types.ObjectId[] }) });
  if (v.unitId && (v.role === 'UNIT' || v.role === 'PROMOTION')) ors.push({ leadUnitId: oid(v.unitId) }, { coUnitIds: oid(v.unitId) });
  return ors.length ? { $or: ors } : null;
}

function encodeCursor(deadline: string, id: string): string {
  return Buffer.from(JSON.stringify([deadline, id])).toString('base64url');
}
function decodeCursor(cursor: string): [string, string] {
  try {
    const [d, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString()) as [unknown, unknown];
    if (typeof d !== 'string' || !isId(id)) throw new Error();
    return [d, id];
  } catch {
    throw badInput('分页游标无效', 'after');
  }
}

const EMPTY: ProblemConnectionRecord = { nodes: [], edges: [], pageInfo: { hasNextPage: false, endCursor: null }, totalCount: async () => 0 };

export async function listProblems(v: Viewer | null, f: ProblemFilter, asOf: CalendarDate, s: Settings, first: number, after: string | null): Promise<ProblemConnectionRecord> {
  const scope = await problemScope(v);
  if (!scope) return EMPTY;
  const and: Cond[] = [];
  if (Object.keys(scope).length) and.push(scope);
  const id = (field: string, value: string) => {
    if (!isId(value)) throw badInput('ID格式不正确', field);
    return oid(value);
  };
  if (f.projectId) and.push({ projectId: id('filter.projectId', f.projectId) });
  if (f.unitId) {
    const u = id('filter.unitId', f.unitId);
    and.push({ $or: [{ leadUnitId: u }, { coUnitIds: u }] });
  }
  if (f.status?.length) and.push({ status: trusted({ $in: f.status }) });
  if (f.colour?.length) {
    const colours = f.colour;
    const yellowDays = s.problems.yellowMaxOverdueDays;
    const cond = { $or: colours.map((c) => colourCondition(c, asOf, yellowDays)) };
    and.push(await asOfDeadline(asOf, cond, (p) => colours.includes(problemColour(p, asOf, { yellowMaxOverdueDays: yellowDays })!)));
  }
  if (f.overdue === true) and.push(await overdueAsOf(asOf));
  if (f.overdue === false) and.push({ $nor: [await overdueAsOf(asOf)] });
  if (f.mine && v) {
    const mine: Cond[] = [{ raisedBy: oid(v.userId) }];
    if (v.unitId && (v.role === 'UNIT' || v.role === 'PROMOTION')) mine.push({ leadUnitId: oid(v.unitId) }, { coUnitIds: oid(v.unitId) });
    and.push({ $or: mine });
  }
  const query: Cond = and.length ? { $and: and } : {};
  const page: Cond = after
    ? (() => {
        const [d, cid] = decodeCursor(after);
        return { $and: [...and, { $or: [{ deadline: trusted({ $gt: d }) }, { deadline: d, _id: trusted({ $gt: oid(cid) }) }] }] };
      })()
    : query;
  const docs = (await ProblemModel.find(page).sort({ deadline: 1, _id: 1 }).limit(first + 1).lean()) as ProblemDoc[];
  const nodes = docs.slice(0, first).map(toProblem);
  const last = nodes[nodes.length - 1];
  return {
    nodes,
    edges: nodes.map((node) => ({ node, cursor: encodeCursor(node.deadline, node.id) })),
    pageInfo: { hasNextPage: docs.length > first, endCursor: last ? encodeCursor(last.deadline, last.id) : null },
    totalCount: () => ProblemModel.countDocuments(query).exec(),
  };
}
