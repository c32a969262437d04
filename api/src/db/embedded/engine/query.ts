/**
 * A find over one frozen collection version: plan (racing candidate plans), match, sort, skip, limit, project,
 * yielding encoded documents ready to be spliced into a reply. Without a projection the
 * stored bytes go out untouched (no decode, no encode); a projection of whole top-level fields
 * copies the kept elements' bytes.
 */
import type { Document } from 'bson';
import type { CollectionData } from './collection.js';
import { decodeDocument, encodeDocument, type Stored } from './doc-codec.js';
import type { ExecStats, Match } from './executor.js';
import { runBestPlan } from './multi-planner.js';
import type { Plan } from './planner.js';
import { compileSort } from './query-api.js';

export interface FindSpec {
  filter: Document;
  sort?: Document | null;
  projection?: ((doc: Document) => Document) | null;
  /** A projection done on the stored bytes (doc-codec topLevelProjector); wins over `projection`. */
  rawProjection?: ((doc: Stored) => Stored) | null;
  skip?: number;
  /** 0 or undefined: no limit. */
  limit?: number;
  hint?: unknown;
}

export interface FindResult {
  plan: Plan | null;
  /** The candidate plans that lost the trial (explain's rejectedPlans). */
  rejected: Plan[];
  docs: Iterator<Stored>;
}

function sortFields(sort: Document): string[] {
  return Object.keys(sort).filter((k) => k !== '$natural');
}

function* limited<T>(source: Iterable<T>, skip: number, limit: number): Generator<T> {
  let skipped = 0;
  let n = 0;
  if (limit <= 0) limit = Infinity;
  for (const item of source) {
    if (skipped < skip) {
      skipped++;
      continue;
    }
    if (n >= limit) return;
    n++;
    yield item;
    if (n >= limit) return;
  }
}

function* encoded(source: Iterable<Match>, projection: ((doc: Document) => Document) | null | undefined, raw: ((doc: Stored) => Stored) | null | undefined): Generator<Stored> {
  for (const m of source) {
    if (raw) yield raw(m.buf);
    else if (!projection) yield m.buf;
    else yield encodeDocument(projection(decodeDocument(m.buf)), 'projected document');
  }
}

/** Largest `skip + limit` kept with a bounded insertion buffer instead of a full sort. */
const TOP_K_MAX = 1000;

function sortedMatches(stream: Iterable<Match>, sort: Document, keep: number): Match[] {
  const cmp = compileSort(sort);
  const order = (a: Match, b: Match) => cmp(a.doc ?? {}, b.doc ?? {});
  if (keep <= 0 || keep > TOP_K_MAX) return [...stream].sort(order);
  // Top-k: the page of a sorted query over many documents without a usable index.
  const top: Match[] = [];
  for (const m of stream) {
    if (top.length === keep && order(m, top[keep - 1]) >= 0) continue;
    let lo = 0;
    let hi = top.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (order(top[mid], m) <= 0) lo = mid + 1;
      else hi = mid;
    }
    top.splice(lo, 0, m);
    if (top.length > keep) top.pop();
  }
  return top;
}

/** Lazily evaluated find; `coll` must be frozen (or not changed while iterating). */
export function runFind(coll: CollectionData | undefined, spec: FindSpec, stats: ExecStats): FindResult {
  if (!coll) return { plan: null, rejected: [], docs: [][Symbol.iterator]() };
  const sort = spec.sort && Object.keys(spec.sort).length ? spec.sort : null;
  const keep = spec.limit ? (spec.skip ?? 0) + spec.limit : 0;
  const { plan, rejected, stream } = runBestPlan(coll, spec.filter, {
    sort,
    hint: spec.hint,
    want: keep,
    matchOptions: (p) => (sort && !p.sortProvided ? { extraFields: sortFields(sort) } : {}),
  }, stats);
  const ordered: Iterable<Match> = sort && !plan.sortProvided ? sortedMatches(stream, sort, keep) : stream;
  const page = limited(ordered, spec.skip ?? 0, spec.limit ?? 0);
  return { plan, rejected, docs: encoded(page, spec.projection, spec.rawProjection) };
}
