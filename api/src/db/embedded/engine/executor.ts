/**
 * Runs a plan: walks index intervals or the whole collection, lazily, and yields the
 * documents that match the filter together with the decoded fields that were needed to
 * decide (and to sort). Lazy iteration is only safe over a frozen collection version; write
 * paths use `collectMatches`, which finishes reading before anything changes.
 */
import type { Document } from 'bson';
import type { CollectionData } from './collection.js';
import { decodeDocument, fieldDecoder, type Stored } from './doc-codec.js';
import type { Plan } from './planner.js';
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
  const ix = plan.index!;
  const n = ix.fields.length;
  const cmp = ix.compare;
  const seen = ix.multikey ? new Set<number>() : null;
  const intervals = plan.direction === 1 ? plan.intervals : [...plan.intervals].reverse();
  for (const iv of intervals) {
    // With `next`, the leading value is one point and the second field is bounded too.
    const low = iv.next ? ix.edgeKey([iv.lo, iv.next.lo], iv.next.loInc ? -1 : 1) : ix.edgeKey([iv.lo], iv.loInc ? -1 : 1);
    const high = iv.next ? ix.edgeKey([iv.hi, iv.next.hi], iv.next.hiInc ? 1 : -1) : ix.edgeKey([iv.hi], iv.hiInc ? 1 : -1);
    if (cmp(low, high) > 0) continue;
    const keys = plan.direction === 1 ? ix.tree.keys(low) : reversedKeys(ix.tree.entriesReversed(high));
    for (const entry of keys) {
      if (plan.direction === 1 ? cmp(entry, high) > 0 : cmp(entry, low) < 0) break;
      stats.keysExamined++;
      const rid = entry[n] as number;
      if (seen) {
        if (seen.has(rid)) continue;
        seen.add(rid);
      }
      const buf = coll.docs.get(rid);
      if (!buf) continue;
      stats.docsExamined++;
      yield [rid, buf];
    }
  }
}

function* reversedKeys<K>(entries: IterableIterator<[K, unknown]>): Generator<K> {
  for (const [k] of entries) yield k;
}

export interface Match {
  rid: number;
  buf: Stored;
  /** The decoded fields (all of them when `full`), or null when nothing was decoded. */
  doc: Document | null;
}

export interface MatchOptions {
  /** Extra top-level fields to decode (e.g. the sort's); null means the whole document. */
  extraFields?: Iterable<string> | null;
  /** Decode whole documents. */
  full?: boolean;
}

/** Lazily yields the documents of `coll` that match `filter`, using `plan`. */
export function* matches(coll: CollectionData, filter: Document, plan: Plan, stats: ExecStats, opts: MatchOptions = {}): Generator<Match> {
  const matcher = plan.exact ? null : compileFilter(filter);
  let fields: Set<string> | null = null;
  let full = opts.full === true || opts.extraFields === null;
  if (!full) {
    fields = plan.exact ? new Set() : filterFields(filter);
    if (!fields) full = true;
    else for (const f of opts.extraFields ?? []) fields.add(f.split('.')[0]);
  }
  const decodeNeeded = full || (fields !== null && fields.size > 0);
  const partial = !full && fields ? fieldDecoder(fields) : null;
  for (const [rid, buf] of candidates(coll, plan, stats)) {
    const doc = !decodeNeeded ? null : partial ? partial(buf) : decodeDocument(buf);
    if (matcher && !matcher(doc ?? {})) continue;
    yield { rid, buf, doc };
  }
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
