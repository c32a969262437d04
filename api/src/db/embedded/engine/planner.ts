/**
 * Chooses how to find the documents a filter can match: an index scan over intervals of an
 * index's leading field (equality, $in, ranges), or a collection scan.
 *
 * The plan only narrows the candidates; the executor still applies the whole filter to each
 * one unless the plan is `exact` (the filter is a single equality/$in on scalar values that
 * the index answers by itself). Predicates are read from the top-level conjunction
 * (including `$and`); `$expr` and the like are left to the filter. A `$or` whose branches can
 * each use an index, when nothing else can, becomes the union of those scans (an OR plan). On a
 * compound index, a point on the first field lets the second field's bounds narrow the scan.
 */
import type { Document } from 'bson';
import { Bound } from './key-order.js';
import type { IndexData } from './index-data.js';
import type { CollectionData } from './collection.js';
import { Bracket, bracketOf, compareBson, isPlainObject } from './query-api.js';

export interface Interval {
  lo: unknown;
  loInc: boolean;
  hi: unknown;
  hiInc: boolean;
  /** Bounds on the index's second field, when this interval pins the first to one value. */
  next?: Interval;
}

export interface Plan {
  /** OR: the union of `branches`, one plan per branch of a `$or` (MongoDB's OR stage). */
  stage: 'COLLSCAN' | 'IXSCAN' | 'OR';
  branches?: Plan[];
  index?: IndexData;
  intervals: Interval[];
  /** 1: ascending (index or natural order), -1: descending. */
  direction: 1 | -1;
  /** Candidates are exactly the matching documents. */
  exact: boolean;
  /** Candidates come out in the requested sort order. */
  sortProvided: boolean;
}

interface FieldPreds {
  points?: unknown[];
  lo?: { v: unknown; inc: boolean };
  hi?: { v: unknown; inc: boolean };
  /** Number of predicates seen on this path. */
  count: number;
}

interface Analysis {
  fields: Map<string, FieldPreds>;
  /** Predicates the planner cannot use ($or, $expr, $ne, regex, ...). */
  others: number;
}

/** Brackets a range bound may stay inside (MongoDB compares $gt/$lt within a type). */
const RANGEABLE = new Set<number>([Bracket.number, Bracket.string, Bracket.objectId, Bracket.date, Bracket.timestamp, Bracket.binData, Bracket.bool]);

function isRegex(v: unknown): boolean {
  return v instanceof RegExp || (typeof v === 'object' && v !== null && (v as { _bsontype?: string })._bsontype === 'BSONRegExp');
}

function isOperatorObject(v: unknown): v is Record<string, unknown> {
  if (!isPlainObject(v)) return false;
  const keys = Object.keys(v);
  return keys.length > 0 && keys[0].startsWith('$');
}

/** A point value the index can look up (not an array: `{a: [1, 2]}` matches whole arrays). */
function pointUsable(v: unknown): boolean {
  return !Array.isArray(v) && !isRegex(v);
}

/** Values whose equality match is exactly "some index key equals it". */
function scalarExact(v: unknown): boolean {
  if (v === null || v === undefined || Array.isArray(v) || isRegex(v)) return false;
  if (isPlainObject(v)) return false;
  const b = bracketOf(v);
  return b !== Bracket.minKey && b !== Bracket.maxKey && b !== Bracket.null;
}

function preds(a: Analysis, path: string): FieldPreds {
  let p = a.fields.get(path);
  if (!p) {
    p = { count: 0 };
    a.fields.set(path, p);
  }
  p.count++;
  return p;
}

function addPoints(p: FieldPreds, values: unknown[]): void {
  if (!p.points) p.points = values;
}

function analyzeField(a: Analysis, path: string, cond: unknown): void {
  if (!isOperatorObject(cond)) {
    if (pointUsable(cond)) addPoints(preds(a, path), [cond]);
    else a.others++;
    return;
  }
  for (const [op, arg] of Object.entries(cond)) {
    switch (op) {
      case '$eq':
        if (pointUsable(arg)) addPoints(preds(a, path), [arg]);
        else a.others++;
        break;
      case '$in':
        if (Array.isArray(arg) && arg.every(pointUsable)) addPoints(preds(a, path), arg);
        else a.others++;
        break;
      case '$gt':
      case '$gte':
      case '$lt':
      case '$lte': {
        if (!RANGEABLE.has(bracketOf(arg))) {
          a.others++;
          break;
        }
        const p = preds(a, path);
        const inc = op.length === 4;
        if (op.startsWith('$g')) {
          if (!p.lo || compareBson(arg, p.lo.v) > 0 || (compareBson(arg, p.lo.v) === 0 && !inc)) p.lo = { v: arg, inc };
        } else if (!p.hi || compareBson(arg, p.hi.v) < 0 || (compareBson(arg, p.hi.v) === 0 && !inc)) p.hi = { v: arg, inc };
        break;
      }
      default:
        a.others++;
    }
  }
}

function analyze(filter: Document, a: Analysis): void {
  for (const [key, cond] of Object.entries(filter)) {
    if (key === '$and' && Array.isArray(cond)) {
      for (const sub of cond) if (isPlainObject(sub)) analyze(sub, a);
    } else if (key === '$comment') {
      continue;
    } else if (key.startsWith('$')) {
      a.others++;
    } else {
      analyzeField(a, key, cond);
    }
  }
}

function pointIntervals(points: unknown[]): Interval[] {
  const sorted = [...points].sort(compareBson);
  const out: Interval[] = [];
  for (const v of sorted) {
    if (out.length && compareBson(out[out.length - 1].lo, v) === 0) continue;
    out.push({ lo: v, loInc: true, hi: v, hiInc: true });
  }
  return out;
}

function rangeInterval(p: FieldPreds, multikey: boolean): Interval {
  // A multikey index cannot intersect bounds: [1, 20] matches {$gt: 5, $lt: 10}.
  const lo = p.lo;
  const hi = multikey && lo ? undefined : p.hi;
  const bracket = bracketOf((lo ?? hi)!.v);
  return {
    lo: lo ? lo.v : new Bound(-1, bracket),
    loInc: lo ? lo.inc : true,
    hi: hi ? hi.v : new Bound(1, bracket),
    hiInc: hi ? hi.inc : true,
  };
}

export interface PlanOptions {
  sort?: Document | null;
  hint?: unknown;
}

function sortDirections(sort: Document | null | undefined): { fields: string[]; dir: 1 | -1 } | null {
  if (!sort) return null;
  const entries = Object.entries(sort);
  if (!entries.length) return null;
  let dir: 1 | -1 | 0 = 0;
  for (const [, v] of entries) {
    if (isPlainObject(v)) return null; // { $meta: ... }
    const d = Number((v as { valueOf(): unknown }).valueOf()) < 0 ? -1 : 1;
    if (dir && d !== dir) return null; // mixed directions: our trees are all ascending
    dir = d;
  }
  return { fields: entries.map(([k]) => k), dir: dir || 1 };
}

function hintName(hint: unknown, indexes: IndexData[]): IndexData | 'natural' | undefined {
  if (typeof hint === 'string') return indexes.find((i) => i.name === hint);
  if (isPlainObject(hint)) {
    if ('$natural' in hint) return 'natural';
    const fields = Object.keys(hint);
    return indexes.find((i) => i.fields.length === fields.length && i.fields.every((f, n) => f === fields[n]));
  }
  return undefined;
}

/** Most intervals a point × point product on two fields may make before it is not worth it. */
const MAX_PRODUCT = 1000;

/**
 * Bounds on a compound index's second field for intervals that pin its first field to points:
 * `{a: 1, b: {$lte: 5}}` on `{a: 1, b: 1}` scans a = 1 from the lowest b to 5, not all of a = 1.
 * Not on multikey indexes (an array field's bounds cannot be intersected).
 */
function withSecondField(ix: IndexData, intervals: Interval[], a: Analysis): Interval[] | null {
  if (ix.fields.length < 2 || ix.multikey) return null;
  const p = a.fields.get(ix.fields[1]);
  if (!p) return null;
  if (p.points) {
    const seconds = pointIntervals(p.points);
    if (intervals.length * seconds.length > MAX_PRODUCT) return null;
    return intervals.flatMap((iv) => seconds.map((next) => ({ ...iv, next })));
  }
  if (p.lo || p.hi) {
    const next = rangeInterval(p, false);
    return intervals.map((iv) => ({ ...iv, next }));
  }
  return null;
}

/** The first `$or` of the top-level conjunction (or of a top-level `$and`), and the filter without it. */
function splitOr(filter: Document): { branches: Document[]; rest: Document } | null {
  const rest: Document = { ...filter };
  if (Array.isArray(filter.$or) && filter.$or.length && filter.$or.every(isPlainObject)) {
    delete rest.$or;
    return { branches: filter.$or as Document[], rest };
  }
  if (Array.isArray(filter.$and)) {
    const i = (filter.$and as unknown[]).findIndex((c) => isPlainObject(c) && Object.keys(c).length === 1 && Array.isArray(c.$or) && c.$or.length && c.$or.every(isPlainObject));
    if (i >= 0) {
      rest.$and = (filter.$and as unknown[]).filter((_, j) => j !== i);
      return { branches: ((filter.$and as Document[])[i].$or as Document[]), rest };
    }
  }
  return null;
}

/**
 * A `$or` whose every branch (with the rest of the filter) can use an index: the union of those
 * index scans, as MongoDB plans it. The whole filter is still applied to each candidate.
 */
function orPlan(coll: CollectionData, filter: Document, depth: number): Plan | null {
  if (depth > 2) return null;
  const split = splitOr(filter);
  if (!split) return null;
  const branches: Plan[] = [];
  for (const b of split.branches) {
    const plan = planQuery(coll, Object.keys(split.rest).length ? { $and: [split.rest, b] } : b, {}, depth + 1);
    if (plan.stage === 'COLLSCAN') return null;
    branches.push(plan);
  }
  return { stage: 'OR', branches, intervals: [], direction: 1, exact: false, sortProvided: false };
}

/** Does walking `ix` over `intervals` yield documents in the order of `sort`? */
function providesSort(ix: IndexData, intervals: Interval[] | null, sort: { fields: string[] } | null): boolean {
  if (!sort || ix.multikey || ix.sparse || !ix.plannable) return false;
  // Leading field fixed to one value: the sort may start at the second field.
  const pinned = intervals && intervals.length === 1 && intervals[0].lo === intervals[0].hi ? 1 : 0;
  for (const offset of pinned ? [0, 1] : [0]) {
    if (sort.fields.every((f, i) => ix.fields[offset + i] === f)) return true;
  }
  return false;
}

export function planQuery(coll: CollectionData, filter: Document, opts: PlanOptions = {}, depth = 0): Plan {
  const a: Analysis = { fields: new Map(), others: 0 };
  analyze(filter, a);
  const sort = sortDirections(opts.sort);
  const hinted = opts.hint !== undefined ? hintName(opts.hint, coll.indexes) : undefined;
  const natural = sortDirections(opts.sort)?.fields[0] === '$natural';

  let best: { ix: IndexData; score: number; intervals: Interval[]; p: FieldPreds } | null = null;
  if (hinted !== 'natural') {
    for (const ix of coll.indexes) {
      if (!ix.plannable) continue;
      if (hinted && ix !== hinted) continue;
      const p = a.fields.get(ix.fields[0]);
      if (!p) continue;
      let intervals: Interval[];
      let score: number;
      if (p.points) {
        if (ix.sparse && p.points.some((v) => v === null || v === undefined)) continue;
        intervals = pointIntervals(p.points);
        score = ix.unique && intervals.length === 1 && ix.fields.length === 1 ? 4 : 3;
        const narrowed = withSecondField(ix, intervals, a);
        if (narrowed) {
          intervals = narrowed;
          score += 0.5;
        }
      } else if (p.lo || p.hi) {
        if (ix.sparse && (p.lo ?? p.hi)!.v === null) continue;
        intervals = [rangeInterval(p, ix.multikey)];
        score = p.lo && p.hi && !ix.multikey ? 2 : 1;
      } else continue;
      if (ix.isId) score += 0.5;
      if (providesSort(ix, intervals, sort)) score += 0.25;
      score -= ix.fields.length * 0.01;
      if (!best || score > best.score) best = { ix, score, intervals, p };
    }
  }

  if (best) {
    const { ix, intervals, p } = best;
    const onlyPredicate = a.others === 0 && a.fields.size === 1 && p.count === 1;
    const exact = onlyPredicate && !!p.points && p.points.every(scalarExact) && !ix.paths[0].some((s) => /^\d+$/.test(s));
    const sortProvided = providesSort(ix, intervals, sort);
    return { stage: 'IXSCAN', index: ix, intervals, direction: sortProvided ? sort!.dir : 1, exact, sortProvided };
  }

  if (hinted === undefined && !natural) {
    const or = orPlan(coll, filter, depth);
    if (or) return or;
  }

  // No predicate to use: an index can still provide the sort instead of sorting everything.
  if (sort && !natural && hinted !== 'natural') {
    const candidates = hinted ? [hinted] : coll.indexes;
    for (const ix of candidates) {
      if (!providesSort(ix, null, sort)) continue;
      const all: Interval = { lo: new Bound(-1), loInc: true, hi: new Bound(1), hiInc: true };
      return { stage: 'IXSCAN', index: ix, intervals: [all], direction: sort.dir, exact: Object.keys(filter).length === 0, sortProvided: true };
    }
  }
  const emptyFilter = Object.keys(filter).length === 0;
  return {
    stage: 'COLLSCAN',
    intervals: [],
    direction: natural && sort ? sort.dir : 1,
    exact: emptyFilter,
    sortProvided: natural && !!sort && sort.fields.length === 1,
  };
}
