/**
 * Ordering of index entries. An entry is the tuple of the document's key values followed
 * by its record id: `[v1, ..., vn, rid]`, each value in MongoDB's BSON order in the direction
 * the index declares for its field (`{a: -1, b: 1}` keeps a descending, b ascending, as
 * MongoDB does, so the index gives that mixed sort), the record id ascending so that equal
 * keys of different documents are distinct entries.
 *
 * Search keys may hold `Bound` sentinels: just below/above every value, or just below/above
 * one type bracket ("every number"), which is how a range like `$gt: 5` stays inside the
 * numbers the way MongoDB's type bracketing wants.
 */
import { bracketOf, compareBson } from './query-api.js';

export class Bound {
  /** side -1: below, +1: above; bracket undefined: every value, else that type bracket. */
  constructor(
    readonly side: -1 | 1,
    readonly bracket?: number,
  ) {}

  position(): number {
    return this.bracket === undefined ? this.side * Infinity : this.bracket + this.side * 0.5;
  }
}

export const MIN = new Bound(-1);
export const MAX = new Bound(1);

function compareToBound(b: Bound, v: unknown): number {
  if (v instanceof Bound) {
    const x = b.position();
    const y = v.position();
    return x === y ? 0 : x < y ? -1 : 1;
  }
  return b.position() < bracketOf(v) ? -1 : 1;
}

interface OidWords {
  i0: number;
  i1: number;
  i2: number;
  i3: number;
}

/**
 * bson 7 keeps an ObjectId as four 24-bit words; comparing them in order is comparing the
 * 12 bytes, without the buffer the public `id` getter allocates on every call. Index
 * searches compare ObjectIds ~20 times per lookup, so this is the hot path of findById.
 */
function compareOids(a: OidWords, b: OidWords): number {
  if (a.i0 !== b.i0) return a.i0 < b.i0 ? -1 : 1;
  if (a.i1 !== b.i1) return a.i1 < b.i1 ? -1 : 1;
  if (a.i2 !== b.i2) return a.i2 < b.i2 ? -1 : 1;
  if (a.i3 !== b.i3) return a.i3 < b.i3 ? -1 : 1;
  return 0;
}

function isOidWords(v: unknown): v is OidWords {
  return typeof (v as OidWords).i3 === 'number' && (v as { _bsontype?: string })._bsontype === 'ObjectId';
}

/** compareBson extended with Bound sentinels. */
export function compareKeyValue(a: unknown, b: unknown): number {
  if (typeof a === 'object' && a !== null && typeof b === 'object' && b !== null) {
    if (a instanceof Bound) return compareToBound(a, b);
    if (b instanceof Bound) return -compareToBound(b, a);
    if (isOidWords(a) && isOidWords(b)) return compareOids(a, b);
  } else {
    if (a instanceof Bound) return compareToBound(a, b);
    if (b instanceof Bound) return -compareToBound(b, a);
  }
  return compareBson(a, b);
}

export type IndexEntry = unknown[];

/** Comparator for entries of an index whose fields have directions `dirs` (1 or -1). */
export function entryComparator(dirs: readonly (1 | -1)[]): (a: IndexEntry, b: IndexEntry) => number {
  const n = dirs.length;
  if (n === 1) {
    const d = dirs[0];
    return (a, b) => {
      const c = compareKeyValue(a[0], b[0]);
      if (c !== 0) return c * d;
      const x = a[1] as number;
      const y = b[1] as number;
      return x === y ? 0 : x < y ? -1 : 1;
    };
  }
  return (a, b) => {
    for (let i = 0; i < n; i++) {
      const c = compareKeyValue(a[i], b[i]);
      if (c !== 0) return c * dirs[i];
    }
    const x = a[n] as number;
    const y = b[n] as number;
    return x === y ? 0 : x < y ? -1 : 1;
  };
}

/** True when two key tuples (without record ids) are equal under BSON order. */
export function sameKey(a: readonly unknown[], b: readonly unknown[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (compareBson(a[i], b[i]) !== 0) return false;
  return true;
}
