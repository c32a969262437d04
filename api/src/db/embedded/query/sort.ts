/**
 * Sort specifications ({a: 1, 'b.c': -1}) compiled into comparators over raw documents.
 *
 * MongoDB's array rule: an ascending sort uses the smallest element of an array field (or of
 * all values a dotted path reaches through arrays), a descending sort the largest; an empty
 * array sorts before null; a missing field sorts as null. Ties are left to the caller: MongoDB
 * does not promise a stable order either.
 */
import type { Document } from 'bson';
import { ErrorCodes, MongoError } from '../errors.js';
import { isNumeric, isPlainObject } from './bsontype.js';
import { Bracket, bracketOf, compareBson, compareStrings, smallNumber } from './compare.js';
import { toJsNumber } from './numeric.js';
import { arrayIndexOf, splitPath } from './paths.js';

/** Sort key of an empty array: below null, above MinKey. */
const EMPTY_ARRAY = Symbol('emptyArray');

export interface SortField {
  path: string;
  direction: 1 | -1;
}

/** Validate a sort specification; throws BadValue the way MongoDB words it. */
export function parseSortSpec(spec: Document): SortField[] {
  if (!isPlainObject(spec)) throw new MongoError(ErrorCodes.BadValue, 'sort specification must be an object');
  return Object.keys(spec).map((path) => {
    const v = spec[path];
    if (path === '' || path.split('.').some((p) => p === '')) throw new MongoError(ErrorCodes.BadValue, `Invalid sort key: '${path}'`);
    if (isPlainObject(v)) {
      if ('$meta' in v) throw new MongoError(ErrorCodes.BadValue, `$meta sort by '${String(v.$meta)}' is not supported by the embedded server`);
      throw new MongoError(ErrorCodes.BadValue, `Illegal key in $sort specification: ${path}: ${JSON.stringify(v)}`);
    }
    const n = isNumeric(v) ? toJsNumber(v) : NaN;
    if (n !== 1 && n !== -1) throw new MongoError(ErrorCodes.BadValue, '$sort key ordering must be 1 (for ascending) or -1 (for descending)');
    return { path, direction: n as 1 | -1 };
  });
}

function collectAll(v: unknown, parts: string[], i: number, out: unknown[]): void {
  if (i === parts.length) {
    out.push(v);
    return;
  }
  if (Array.isArray(v)) {
    const before = out.length;
    const idx = arrayIndexOf(parts[i]);
    if (idx >= 0 && idx < v.length) collectAll(v[idx], parts, i + 1, out);
    for (const e of v) if (isPlainObject(e)) collectAll(e[parts[i]], parts, i + 1, out);
    if (out.length === before) out.push(undefined); // nothing below: the path is missing
    return;
  }
  if (isPlainObject(v)) collectAll(v[parts[i]], parts, i + 1, out);
  else out.push(undefined);
}

function pick(values: unknown[], descending: boolean): unknown {
  let best: unknown = EMPTY_ARRAY;
  let seen = false;
  for (const raw of values) {
    const candidates = Array.isArray(raw) ? raw : [raw === undefined ? null : raw];
    for (const c of candidates) {
      if (!seen || (descending ? compareBson(c, best) > 0 : compareBson(c, best) < 0)) best = c;
      seen = true;
    }
  }
  return best;
}

/** The value a document sorts by for one field and direction. */
export function sortKey(doc: unknown, path: string, direction: 1 | -1): unknown {
  const parts = splitPath(path);
  if (parts.length === 1 && isPlainObject(doc)) {
    const v = doc[path];
    if (!Array.isArray(v)) return v === undefined ? null : v;
    return pick([v], direction < 0);
  }
  const values: unknown[] = [];
  collectAll(doc, parts, 0, values);
  return pick(values, direction < 0);
}

function compareKeys(a: unknown, b: unknown): number {
  if (a === EMPTY_ARRAY || b === EMPTY_ARRAY) {
    if (a === b) return 0;
    const other = a === EMPTY_ARRAY ? b : a;
    const sign = a === EMPTY_ARRAY ? -1 : 1;
    return (other as { _bsontype?: string } | null)?._bsontype === 'MinKey' ? -sign : sign;
  }
  return compareBson(a, b);
}

/** Comparator for a sort specification; an empty specification keeps everything equal. */
export function compileSort(spec: Document): (a: Document, b: Document) => number {
  const fields = parseSortSpec(spec);
  if (fields.length === 0) return () => 0;
  if (fields.length === 1) {
    const { path, direction } = fields[0];
    return (a, b) => direction * compareKeys(sortKey(a, path, direction), sortKey(b, path, direction));
  }
  return (a, b) => {
    for (const { path, direction } of fields) {
      const c = compareKeys(sortKey(a, path, direction), sortKey(b, path, direction));
      if (c !== 0) return direction * c;
    }
    return 0;
  };
}

/**
 * A sort key prepared for fast comparison: its bracket, and for the common cases (numbers
 * exact as doubles, strings) a JS primitive that compares the same way.
 */
interface PreparedKey {
  bracket: number;
  prim: number | string | undefined;
  value: unknown;
}

function prepare(value: unknown): PreparedKey {
  if (value === EMPTY_ARRAY) return { bracket: 0.5, prim: undefined, value };
  const bracket = bracketOf(value);
  let prim: number | string | undefined;
  if (typeof value === 'string') prim = value;
  else if (bracket === Bracket.number) {
    const n = smallNumber(value);
    if (n !== undefined && !Number.isNaN(n)) prim = n;
  }
  return { bracket, prim, value };
}

function comparePrepared(a: PreparedKey, b: PreparedKey): number {
  if (a.bracket !== b.bracket) return a.bracket < b.bracket ? -1 : 1;
  const x = a.prim;
  const y = b.prim;
  if (typeof x === 'number' && typeof y === 'number') return x < y ? -1 : x > y ? 1 : 0;
  if (typeof x === 'string' && typeof y === 'string') return compareStrings(x, y);
  return compareKeys(a.value, b.value);
}

/**
 * Sort documents, computing each document's keys once (decorate-sort-undecorate): the
 * comparator form recomputes keys per comparison, which dominates large sorts.
 */
export function sortDocuments<T extends Document>(docs: T[], spec: Document): T[] {
  const fields = parseSortSpec(spec);
  if (fields.length === 0) return docs.slice();
  const decorated = docs.map((doc) => ({ doc, keys: fields.map((f) => prepare(sortKey(doc, f.path, f.direction))) }));
  decorated.sort((x, y) => {
    for (let i = 0; i < fields.length; i++) {
      const c = comparePrepared(x.keys[i], y.keys[i]);
      if (c !== 0) return fields[i].direction * c;
    }
    return 0;
  });
  return decorated.map((d) => d.doc);
}
