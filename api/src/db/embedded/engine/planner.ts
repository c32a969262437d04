/**
 * Chooses how to find the documents a filter can match: index scans (bounds on an index's
 * fields from equality, $in and ranges), the union of index scans for a `$or`, or a
 * collection scan.
 *
 * A plan only narrows the candidates; the executor still applies the whole filter to each
 * one unless the plan is `exact` (the filter is a single equality/$in on scalar values that
 * the index answers by itself). Predicates are read from the top-level conjunction
 * (including `$and`); `$expr` and the like are left to the filter.
 *
 * `planCandidates` lists the plans worth racing (multi-planner.ts decides between them, as
 * MongoDB's multi-planner does): the best-scored index plans, the union of index scans for a
 * `$or` whose branches can each use an index, and an index walk that provides the sort.
 * `planQuery` is the first candidate, for callers that do not race (writes, TTL).
 *
 * Bounds are MongoDB's: one list of intervals per index field. Leading fields fixed to points
 * and the first range narrow the walk; bounds on later fields are checked on each key before
 * the document is fetched.
 */
import type { Document } from 'bson';
import { Bound, MAX, MIN } from './key-order.js';
import type { IndexData } from './index-data.js';
import type { CollectionData } from './collection.js';
import { Bracket, bracketOf, compareBson, isPlainObject } from './query-api.js';

export interface Interval {
  lo: unknown;
  loInc: boolean;
  hi: unknown;
  hiInc: boolean;
}

export interface Plan {
  /** OR: the union of `branches`, one plan per branch of a `$or` (MongoDB's OR stage). */
  stage: 'COLLSCAN' | 'IXSCAN' | 'OR';
  branches?: Plan[];
  /** OR: per branch, its candidate index plans (the first is in `branches` until one is picked). */
  branchOptions?: { plans: Plan[] }[];
  index?: IndexData;
  /** IXSCAN: per index field, disjoint intervals in ascending value order. */
  bounds?: Interval[][];
  /** IXSCAN: 1 walks the index in its declared order, -1 backward; COLLSCAN: natural order. */
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
  // A multikey field cannot intersect bounds: [1, 20] matches {$gt: 5, $lt: 10}.
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

/** Every value of a field: [MinKey, MaxKey]. */
export const ALL: Interval = { lo: MIN, loInc: true, hi: MAX, hiInc: true };

export function isPoint(iv: Interval): boolean {
  return iv.lo === iv.hi && iv.loInc && iv.hiInc && !(iv.lo instanceof Bound);
}

export function isAll(ivs: Interval[]): boolean {
  return ivs.length === 1 && ivs[0].lo === MIN && ivs[0].hi === MAX;
}

export interface PlanOptions {
  sort?: Document | null;
  hint?: unknown;
}

interface SortSpec {
  fields: string[];
  dirs: (1 | -1)[];
}

function sortSpec(sort: Document | null | undefined): SortSpec | null {
  if (!sort) return null;
  const entries = Object.entries(sort);
  if (!entries.length) return null;
  const dirs: (1 | -1)[] = [];
  for (const [, v] of entries) {
    if (isPlainObject(v)) return null; // { $meta: ... }
    dirs.push(Number((v as { valueOf(): unknown }).valueOf()) < 0 ? -1 : 1);
  }
  return { fields: entries.map(([k]) => k), dirs };
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

/**
 * Bounds on every field of `ix` from the analysed predicates, or null when its leading field
 * has none (or a sparse index would miss documents a null point matches).
 */
function boundsFor(ix: IndexData, a: Analysis, leadingRequired: boolean): Interval[][] | null {
  const bounds: Interval[][] = [];
  for (let i = 0; i < ix.fields.length; i++) {
    const p = a.fields.get(ix.fields[i]);
    if (p?.points) {
      if (i === 0 && ix.sparse && p.points.some((v) => v === null || v === undefined)) return null;
      bounds.push(pointIntervals(p.points));
    } else if (p && (p.lo || p.hi)) {
      bounds.push([rangeInterval(p, ix.isMultikeyField(i))]);
    } else {
      if (i === 0 && leadingRequired) return null;
      bounds.push([ALL]);
    }
  }
  return bounds;
}

/**
 * How far bounds narrow the walk: leading point fields and the first range count 1 each,
 * bounds checked on the keys a little (they save fetches, not key reads).
 */
function narrowing(bounds: Interval[][]): number {
  let n = 0;
  let i = 0;
  for (; i < bounds.length && !isAll(bounds[i]); i++) {
    n += 1;
    if (!bounds[i].every(isPoint)) {
      i++;
      break;
    }
  }
  for (; i < bounds.length; i++) if (!isAll(bounds[i])) n += 0.2;
  return n;
}

/** How far a plan narrows its candidates (an OR plan: its least narrowed branch). */
export function planNarrowing(plan: Plan): number {
  if (plan.stage === 'IXSCAN') return narrowing(plan.bounds!);
  if (plan.stage === 'OR') return Math.min(...plan.branches!.map(planNarrowing));
  return 0;
}

/**
 * The direction (1: index order, -1: backward) in which walking `ix` within `bounds` yields
 * documents in the order of `sort`, or 0 when it does not: the sort must follow the index's
 * fields after leading ones fixed to a single value, in the declared directions or all
 * reversed, on fields that are not multikey.
 */
function sortDirection(ix: IndexData, bounds: Interval[][], sort: SortSpec | null): 1 | -1 | 0 {
  if (!sort || ix.sparse || !ix.plannable) return 0;
  for (let offset = 0; offset + sort.fields.length <= ix.fields.length; offset++) {
    if (offset > 0 && !(bounds[offset - 1].length === 1 && isPoint(bounds[offset - 1][0]))) break;
    let dir: 1 | -1 | 0 = 0;
    let ok = true;
    for (let i = 0; i < sort.fields.length && ok; i++) {
      const f = offset + i;
      const d = (sort.dirs[i] * ix.dirs[f]) as 1 | -1;
      ok = ix.fields[f] === sort.fields[i] && !ix.isMultikeyField(f) && (dir === 0 || d === dir);
      dir = d;
    }
    if (ok && dir) return dir;
  }
  return 0;
}

function ixscan(ix: IndexData, bounds: Interval[][], sort: SortSpec | null, exact: boolean): Plan {
  const dir = sortDirection(ix, bounds, sort);
  return { stage: 'IXSCAN', index: ix, bounds, direction: dir || 1, exact, sortProvided: dir !== 0 };
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
  const branchOptions: { plans: Plan[] }[] = [];
  for (const b of split.branches) {
    const branchFilter = Object.keys(split.rest).length ? { $and: [split.rest, b] } : b;
    const plans = indexPlans(coll, analysis(branchFilter), null, undefined).slice(0, MAX_BRANCH_OPTIONS).map((c) => c.plan);
    if (!plans.length) {
      const nested = orPlan(coll, branchFilter, depth + 1);
      if (!nested) return null;
      plans.push(nested);
    }
    branchOptions.push({ plans });
  }
  return { stage: 'OR', branches: branchOptions.map((o) => o.plans[0]), branchOptions, direction: 1, exact: false, sortProvided: false };
}

/** Index plans an OR branch chooses from (by a short trial, see multi-planner.ts). */
const MAX_BRANCH_OPTIONS = 3;

/** An index plan for each index the predicates can use, best-scored first. */
function indexPlans(coll: CollectionData, a: Analysis, sort: SortSpec | null, hinted: IndexData | undefined): { plan: Plan; score: number }[] {
  const out: { plan: Plan; score: number }[] = [];
  for (const ix of coll.indexes) {
    if (!ix.plannable) continue;
    if (hinted && ix !== hinted) continue;
    const bounds = boundsFor(ix, a, true);
    if (!bounds) continue;
    const p = a.fields.get(ix.fields[0])!;
    let score: number;
    if (p.points) score = ix.unique && bounds[0].length === 1 && ix.fields.length === 1 ? 4 : 3;
    else score = p.lo && p.hi && !ix.isMultikeyField(0) ? 2 : 1;
    score += (narrowing(bounds) - 1) * 0.5;
    if (ix.isId) score += 0.5;
    if (sortDirection(ix, bounds, sort)) score += 0.25;
    score -= ix.fields.length * 0.01;
    const onlyPredicate = a.others === 0 && a.fields.size === 1 && p.count === 1;
    const exact = onlyPredicate && !!p.points && p.points.every(scalarExact) && !ix.paths[0].some((s) => /^\d+$/.test(s));
    out.push({ plan: ixscan(ix, bounds, sort, exact), score });
  }
  // Stable: equal scores keep the catalog's order.
  return out.sort((x, y) => y.score - x.score);
}

/**
 * An index walk that yields documents in the sort order, within whatever bounds the
 * predicates give it (the whole index when none): with a limit it may stop early.
 */
function sortPlan(coll: CollectionData, a: Analysis, sort: SortSpec, candidates: IndexData[], emptyFilter: boolean): Plan | null {
  let best: { plan: Plan; n: number } | null = null;
  for (const ix of candidates) {
    if (!ix.plannable) continue;
    const bounds = boundsFor(ix, a, false)!;
    if (!sortDirection(ix, bounds, sort)) continue;
    const n = narrowing(bounds);
    if (!best || n > best.n) best = { plan: ixscan(ix, bounds, sort, emptyFilter), n };
  }
  return best?.plan ?? null;
}

function analysis(filter: Document): Analysis {
  const a: Analysis = { fields: new Map(), others: 0 };
  analyze(filter, a);
  return a;
}

/** Index plans of the predicates that race (the best-scored ones). */
const MAX_INDEX_CANDIDATES = 3;

/**
 * The plans worth racing, best guess first; never empty. A unique point lookup or a hinted
 * plan is the only candidate.
 */
export function planCandidates(coll: CollectionData, filter: Document, opts: PlanOptions = {}, depth = 0): Plan[] {
  const a = analysis(filter);
  const sort = sortSpec(opts.sort);
  const hinted = opts.hint !== undefined ? hintName(opts.hint, coll.indexes) : undefined;
  const natural = sort?.fields[0] === '$natural';
  const emptyFilter = Object.keys(filter).length === 0;
  const collscan: Plan = {
    stage: 'COLLSCAN',
    direction: natural ? sort!.dirs[0] : 1,
    exact: emptyFilter,
    sortProvided: natural && sort!.fields.length === 1,
  };
  if (hinted === 'natural' || natural) return [collscan];

  const scored = indexPlans(coll, a, sort, hinted);
  const single = scored[0] ?? null;
  if (hinted) {
    const bySort = !single && sort ? sortPlan(coll, a, sort, [hinted], emptyFilter) : null;
    return [single?.plan ?? bySort ?? collscan];
  }
  if (single && single.score >= 4) return [single.plan];
  const out: Plan[] = scored.slice(0, MAX_INDEX_CANDIDATES).map((c) => c.plan);
  const or = orPlan(coll, filter, depth);
  if (or) out.push(or);
  if (sort && !out.some((p) => p.sortProvided)) {
    const bySort = sortPlan(coll, a, sort, coll.indexes, emptyFilter);
    if (bySort) out.push(bySort);
  }
  return out.length ? out : [collscan];
}

/** The first candidate: the plan for callers that do not race plans. */
export function planQuery(coll: CollectionData, filter: Document, opts: PlanOptions = {}, depth = 0): Plan {
  return planCandidates(coll, filter, opts, depth)[0];
}
