/**
 * Runs a plan: walks index intervals or the whole collection, lazily, and yields the
 * documents that match the filter together with the decoded fields that were needed to
 * decide (and to sort). Lazy iteration is only safe over a frozen collection version; write
 * paths use `collectMatches`, which finishes reading before anything changes.
 */
import type { Document } from 'bson';
import type { CollectionData } from './collection.js';
import { cachedFieldDecoder, decodeDocument, type Stored } from './doc-codec.js';
import type { IndexData } from './index-data.js';
import { compareKeyValue, type IndexEntry } from './key-order.js';
import { isAll, isPoint, type Interval, type Plan } from './planner.js';
import { compileFilter } from './query-api.js';

export interface ExecStats {
  keysExamined: number;
  docsExamined: number;
}

export function newStats(): ExecStats {
  return { keysExamined: 0, docsExamined: 0 };
}

/**
 * The top-level fields a filter reads, or null when it may read anything ($expr, $where,
 * $text, $jsonSchema): a filter gives the same answer on a document holding just these.
 */
export function filterFields(filter: Document, out: Set<string> = new Set()): Set<string> | null {
  for (const [k, v] of Object.entries(filter)) {
    if (k === '$and' || k === '$or' || k === '$nor') {
      if (!Array.isArray(v)) return null;
      for (const sub of v) if (typeof sub !== 'object' || sub === null || !filterFields(sub as Document, out)) return null;
    } else if (k === '$comment') {
      continue;
    } else if (k.startsWith('$')) {
      return null;
    } else {
      const dot = k.indexOf('.');
      out.add(dot < 0 ? k : k.slice(0, dot));
    }
  }
  return out;
}

/** Most key ranges a walk enumerates for the point × point products of leading fields. */
const MAX_RANGES = 1000;

interface Walk {
  /** [low, high] search keys of each key range, in the order walked. */
  ranges: [IndexEntry, IndexEntry][];
  /** Fields whose bounds are checked on each key of the ranges. */
  checked: number[];
}

/**
 * The key ranges of an index scan: the product of the leading fields fixed to points, each
 * with the intervals of the next field (in the index's order, which is reversed on a
 * descending field); bounds on later fields are checked on the keys. A field whose product
 * would exceed MAX_RANGES is walked as one interval spanning its bounds and checked too.
 */
function walkOf(ix: IndexData, bounds: Interval[][], direction: 1 | -1): Walk {
  const n = ix.fields.length;
  let prefixes: unknown[][] = [[]];
  const ranges: [IndexEntry, IndexEntry][] = [];
  const checked: number[] = [];
  for (let i = 0; i < n; i++) {
    let ivs = bounds[i];
    if (i > 0 && prefixes.length * ivs.length > MAX_RANGES) {
      ivs = [{ lo: ivs[0].lo, loInc: ivs[0].loInc, hi: ivs[ivs.length - 1].hi, hiInc: ivs[ivs.length - 1].hiInc }];
      checked.push(i);
    }
    if (ix.dirs[i] < 0) ivs = [...ivs].reverse();
    if (i < n - 1 && ivs.every(isPoint)) {
      prefixes = prefixes.flatMap((p) => ivs.map((iv) => [...p, iv.lo]));
      continue;
    }
    const up = ix.dirs[i] > 0;
    for (const p of prefixes) {
      for (const iv of ivs) {
        const [first, firstInc, last, lastInc] = up ? [iv.lo, iv.loInc, iv.hi, iv.hiInc] : [iv.hi, iv.hiInc, iv.lo, iv.loInc];
        ranges.push([ix.edgeKey([...p, first], firstInc ? -1 : 1), ix.edgeKey([...p, last], lastInc ? 1 : -1)]);
      }
    }
    for (let j = i + 1; j < n; j++) if (!isAll(bounds[j])) checked.push(j);
    break;
  }
  if (direction < 0) ranges.reverse();
  return { ranges, checked };
}

function inBounds(v: unknown, ivs: Interval[]): boolean {
  for (const iv of ivs) {
    const lo = compareKeyValue(v, iv.lo);
    if (lo < 0 || (lo === 0 && !iv.loInc)) continue;
    const hi = compareKeyValue(v, iv.hi);
    if (hi < 0 || (hi === 0 && iv.hiInc)) return true;
  }
  return false;
}

/** Record ids and stored documents of a plan's candidates, in plan order. */
export function* candidates(coll: CollectionData, plan: Plan, stats: ExecStats): Generator<[number, Stored]> {
  if (plan.stage === 'OR') {
    // The union of the branches' candidates, each document once.
    const seen = new Set<number>();
    for (const branch of plan.branches!) {
      for (const c of candidates(coll, branch, stats)) {
        if (seen.has(c[0])) continue;
        seen.add(c[0]);
        yield c;
      }
    }
    return;
  }
  if (plan.stage === 'COLLSCAN') {
    const it = plan.direction === 1 ? coll.docs.entries() : coll.docs.entriesReversed();
    for (const [rid, buf] of it) {
      stats.docsExamined++;
      yield [rid, buf];
    }
    return;
  }
  for (const rid of indexScan(plan, stats)) {
    const buf = coll.docs.get(rid);
    if (!buf) continue;
    stats.docsExamined++;
    yield [rid, buf];
  }
}

/** The record ids an IXSCAN plan reads from its index, in order, each once. */
export function* indexScan(plan: Plan, stats: ExecStats): Generator<number> {
  const ix = plan.index!;
  const bounds = plan.bounds!;
  const n = ix.fields.length;
  const cmp = ix.compare;
  const seen = ix.multikey ? new Set<number>() : null;
  const { ranges, checked } = walkOf(ix, bounds, plan.direction);
  for (const [low, high] of ranges) {
    if (cmp(low, high) > 0) continue;
    const keys = plan.direction === 1 ? ix.tree.keys(low) : reversedKeys(ix.tree.entriesReversed(high));
    for (const entry of keys) {
      if (plan.direction === 1 ? cmp(entry, high) > 0 : cmp(entry, low) < 0) break;
      stats.keysExamined++;
      if (checked.length && !checked.every((f) => inBounds(entry[f], bounds[f]))) continue;
      const rid = entry[n] as number;
      if (seen) {
        if (seen.has(rid)) continue;
        seen.add(rid);
      }
      yield rid;
    }
  }
}

function* reversedKeys<K>(entries: IterableIterator<[K, unknown]>): Generator<K> {
  for (const [k] of entries) yield k;
}

export interface Match {
  rid: number;
  buf: Stored;
  /**
   * The decoded fields (all of them when `full`), or null when nothing was decoded. Partial
   * decodes come from the shared cache (doc-codec cachedFieldDecoder): read, never modify.
   */
  doc: Document | null;
}

export interface MatchOptions {
  /** Extra top-level fields to decode (e.g. the sort's); null means the whole document. */
  extraFields?: Iterable<string> | null;
  /** Decode whole documents. */
  full?: boolean;
}

/**
 * Lazily yields, for each candidate of `plan`, its match or null when the filter rejects it:
 * one step of work, which is what the multi-planner counts.
 */
export function* matchSteps(coll: CollectionData, filter: Document, plan: Plan, stats: ExecStats, opts: MatchOptions = {}): Generator<Match | null> {
  const matcher = plan.exact ? null : compileFilter(filter);
  let fields: Set<string> | null = null;
  let full = opts.full === true || opts.extraFields === null;
  if (!full) {
    fields = plan.exact ? new Set() : filterFields(filter);
    if (!fields) full = true;
    else for (const f of opts.extraFields ?? []) fields.add(f.split('.')[0]);
  }
  const decodeNeeded = full || (fields !== null && fields.size > 0);
  const partial = !full && fields ? cachedFieldDecoder(fields) : null;
  for (const [rid, buf] of candidates(coll, plan, stats)) {
    const doc = !decodeNeeded ? null : partial ? partial(buf) : decodeDocument(buf);
    yield matcher && !matcher(doc ?? {}) ? null : { rid, buf, doc };
  }
}

/** Lazily yields the documents of `coll` that match `filter`, using `plan`. */
export function* matches(coll: CollectionData, filter: Document, plan: Plan, stats: ExecStats, opts: MatchOptions = {}): Generator<Match> {
  for (const m of matchSteps(coll, filter, plan, stats, opts)) if (m) yield m;
}

/** All matches, read completely before the caller changes anything (write paths). */
export function collectMatches(coll: CollectionData, filter: Document, plan: Plan, stats: ExecStats, limit = Infinity): Match[] {
  const out: Match[] = [];
  if (limit <= 0) return out;
  for (const m of matches(coll, filter, plan, stats)) {
    out.push(m);
    if (out.length >= limit) break;
  }
  return out;
}
