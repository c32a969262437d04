/**
 * Read commands: find, getMore, killCursors, count, distinct, explain (of find and count).
 */
import { Long, type Document } from 'bson';
import { ErrorCodes, MongoError } from '../errors.js';
import type { CollectionData } from '../engine/collection.js';
import { newStats, type ExecStats } from '../engine/executor.js';
import { runBestPlan } from '../engine/multi-planner.js';
import { isAll, type Interval, type Plan } from '../engine/planner.js';
import { runFind, type FindSpec } from '../engine/query.js';
import { topLevelProjector } from '../engine/doc-codec.js';
import { compareBson, compileProjection, getPathValues, hashKey } from '../engine/query-api.js';
import { bool, collectionName, num, optDoc, toNumber } from './args.js';
import type { CommandContext, CommandHandler } from './context.js';
import { cursorReply, nextBatchReply } from './cursor-reply.js';

interface ParsedFind {
  name: string;
  spec: FindSpec;
  batchSize?: number;
  singleBatch: boolean;
  noTimeout: boolean;
}

function parseFind(body: Document): ParsedFind {
  const name = collectionName(body, 'find');
  const filter = optDoc(body, 'filter') ?? {};
  const sort = optDoc(body, 'sort') ?? null;
  const projection = optDoc(body, 'projection');
  const skip = num(body, 'skip', 0);
  let limit = num(body, 'limit', 0);
  let singleBatch = bool(body, 'singleBatch');
  if (skip < 0) throw new MongoError(ErrorCodes.BadValue, 'skip value must be non-negative');
  if (limit < 0) {
    // Legacy negative limit: one batch of that many.
    limit = -limit;
    singleBatch = true;
  }
  const batchSize = body.batchSize === undefined ? undefined : num(body, 'batchSize', 0);
  if (batchSize !== undefined && batchSize < 0) throw new MongoError(ErrorCodes.BadValue, 'batchSize value must be non-negative');
  const raw = projection ? topLevelProjector(projection) : null;
  const proj = !raw && projection && Object.keys(projection).length ? compileProjection(projection, filter) : null;
  return {
    name,
    spec: { filter, sort, projection: proj, rawProjection: raw, skip, limit, hint: body.hint },
    batchSize: batchSize === undefined ? undefined : limit && batchSize > limit ? limit : batchSize,
    singleBatch,
    noTimeout: bool(body, 'noCursorTimeout'),
  };
}

function find(ctx: CommandContext): Document {
  ctx.rt.counters.query++;
  const p = parseFind(ctx.body);
  const coll = ctx.view().collection(ctx.db, p.name);
  const { docs } = runFind(coll, p.spec, ctx.engine.stats);
  return cursorReply(ctx, `${ctx.db}.${p.name}`, docs, { batchSize: p.batchSize, singleBatch: p.singleBatch, noTimeout: p.noTimeout });
}

function getMore(ctx: CommandContext): Document {
  ctx.rt.counters.getmore++;
  const id = ctx.body.getMore;
  const collection = ctx.body.collection;
  if (toNumber(id) === undefined) throw new MongoError(ErrorCodes.TypeMismatch, "Field 'getMore' must be of type long");
  const cursor = ctx.rt.cursors.get(id as Long);
  if (!cursor) throw new MongoError(ErrorCodes.CursorNotFound, `cursor id ${String(id)} not found`);
  const ns = `${ctx.db}.${String(collection)}`;
  if (cursor.ns !== ns) {
    throw new MongoError(ErrorCodes.Unauthorized, `Requested getMore on namespace '${ns}', but cursor belongs to a different namespace ${cursor.ns}`);
  }
  const batchSize = num(ctx.body, 'batchSize', 0);
  return nextBatchReply(ctx, cursor, batchSize > 0 ? batchSize : Infinity);
}

function killCursors(ctx: CommandContext): Document {
  const ids = ctx.body.cursors;
  if (!Array.isArray(ids)) throw new MongoError(ErrorCodes.TypeMismatch, "Field 'cursors' must be an array");
  const killed: unknown[] = [];
  const notFound: unknown[] = [];
  for (const id of ids) (ctx.rt.cursors.kill(id as Long) ? killed : notFound).push(id);
  return { cursorsKilled: killed, cursorsNotFound: notFound, cursorsAlive: [], cursorsUnknown: [], ok: 1 };
}

function countMatches(coll: CollectionData | undefined, filter: Document, hint: unknown, stats: ExecStats, skip: number, limit: number): number {
  if (!coll) return 0;
  let n: number;
  if (Object.keys(filter).length === 0) n = coll.size;
  else {
    n = 0;
    for (const _ of runBestPlan(coll, filter, { hint }, stats).stream) n++;
  }
  n = Math.max(0, n - skip);
  return limit > 0 ? Math.min(n, limit) : n;
}

function count(ctx: CommandContext): Document {
  ctx.rt.counters.command++;
  const name = collectionName(ctx.body, 'count');
  const filter = optDoc(ctx.body, 'query') ?? {};
  const skip = num(ctx.body, 'skip', 0);
  const limit = Math.abs(num(ctx.body, 'limit', 0));
  const coll = ctx.view().collection(ctx.db, name);
  return { n: countMatches(coll, filter, ctx.body.hint, ctx.engine.stats, skip, limit), ok: 1 };
}

function distinct(ctx: CommandContext): Document {
  const name = collectionName(ctx.body, 'distinct');
  const key = ctx.body.key;
  if (typeof key !== 'string') throw new MongoError(ErrorCodes.TypeMismatch, "Field 'key' must be a string");
  const filter = optDoc(ctx.body, 'query') ?? {};
  const coll = ctx.view().collection(ctx.db, name);
  const values = new Map<string, unknown>();
  if (coll) {
    const { stream } = runBestPlan(coll, filter, { hint: ctx.body.hint, matchOptions: () => ({ extraFields: [key] }) }, ctx.engine.stats);
    for (const m of stream) {
      for (const v of getPathValues(m.doc, key)) {
        const h = hashKey(v);
        if (!values.has(h)) values.set(h, v);
      }
    }
  }
  return { values: [...values.values()].sort(compareBson), ok: 1 };
}

// ---- explain ----

function bounds(iv: Interval): string {
  return `${iv.loInc ? '[' : '('}${fmt(iv.lo)}, ${fmt(iv.hi)}${iv.hiInc ? ']' : ')'}`;
}

/** The access part of a plan, in the shape of MongoDB's explain stages. */
function describeAccess(plan: Plan): Document {
  if (plan.stage === 'COLLSCAN') return { stage: 'COLLSCAN', direction: plan.direction === 1 ? 'forward' : 'backward' };
  if (plan.stage === 'OR') return { stage: 'FETCH', inputStage: { stage: 'OR', inputStages: plan.branches!.map((b) => describeAccess(b)) } };
  const ix = plan.index!;
  // MongoDB lists a descending field's intervals from high to low.
  const indexBounds: Document = {};
  ix.fields.forEach((f, i) => {
    const ivs = plan.bounds![i];
    indexBounds[f] = ix.dirs[i] < 0 && !isAll(ivs) ? [...ivs].reverse().map((iv) => bounds({ lo: iv.hi, loInc: iv.hiInc, hi: iv.lo, hiInc: iv.loInc })) : ivs.map(bounds);
  });
  return {
    stage: 'FETCH',
    inputStage: {
      stage: 'IXSCAN',
      keyPattern: ix.spec.key,
      indexName: ix.name,
      isMultiKey: ix.multikey,
      isUnique: ix.unique,
      isSparse: ix.sparse,
      direction: plan.direction === 1 ? 'forward' : 'backward',
      indexBounds,
    },
  };
}

function describePlan(plan: Plan | null, spec: FindSpec): Document {
  let stage: Document = plan ? describeAccess(plan) : { stage: 'EOF' };
  if (spec.sort && Object.keys(spec.sort).length && plan && !plan.sortProvided) stage = { stage: 'SORT', sortPattern: spec.sort, inputStage: stage };
  if (spec.rawProjection) stage = { stage: 'PROJECTION_SIMPLE', inputStage: stage };
  else if (spec.projection) stage = { stage: 'PROJECTION_DEFAULT', inputStage: stage };
  if (spec.skip) stage = { stage: 'SKIP', skipAmount: spec.skip, inputStage: stage };
  if (spec.limit) stage = { stage: 'LIMIT', limitAmount: spec.limit, inputStage: stage };
  return stage;
}

function fmt(v: unknown): string {
  if (v && typeof v === 'object' && 'side' in (v as object)) return (v as { side: number }).side < 0 ? 'MinKey' : 'MaxKey';
  return typeof v === 'string' ? JSON.stringify(v) : String(v);
}

function explain(ctx: CommandContext): Document {
  const inner = optDoc(ctx.body, 'explain');
  if (!inner) throw new MongoError(ErrorCodes.BadValue, 'explain must be a document');
  const verb = Object.keys(inner)[0];
  const started = Date.now();
  const stats = newStats();
  let spec: FindSpec;
  let name: string;
  if (verb === 'find') {
    const p = parseFind(inner);
    spec = p.spec;
    name = p.name;
  } else if (verb === 'count') {
    name = collectionName(inner, 'count');
    spec = { filter: optDoc(inner, 'query') ?? {}, hint: inner.hint };
  } else {
    throw new MongoError(ErrorCodes.IllegalOperation, `explain is supported for find and count, not '${verb}'`);
  }
  const coll = ctx.view().collection(ctx.db, name);
  const { plan, rejected, docs } = runFind(coll, spec, stats);
  let nReturned = 0;
  for (let r = docs.next(); !r.done; r = docs.next()) nReturned++;
  const winningPlan = describePlan(plan, spec);
  return {
    queryPlanner: { namespace: `${ctx.db}.${name}`, parsedQuery: spec.filter, winningPlan, rejectedPlans: rejected.map((p) => describePlan(p, spec)) },
    executionStats: {
      executionSuccess: true,
      nReturned,
      executionTimeMillis: Date.now() - started,
      totalKeysExamined: stats.keysExamined,
      totalDocsExamined: stats.docsExamined,
      executionStages: winningPlan,
    },
    command: inner,
    ok: 1,
  };
}

export const readCommands: Record<string, CommandHandler> = { find, getMore, killCursors, count, distinct, explain };
