/**
 * Dotted field paths over raw documents.
 *
 * Three different MongoDB semantics live here because each caller needs a different one:
 *  - query/index semantics (getPathValues): arrays along the path are traversed implicitly,
 *    a numeric component also indexes into an array, terminal arrays expand into elements;
 *  - aggregation semantics (getAggPath): `$a.b` over an array of documents yields the array
 *    of their `b`s, numeric components are plain field names;
 *  - exact lookup (getExact): objects and array positions only, for updates and projection.
 */
import { hashKey } from './compare.js';
import { isPlainObject } from './bsontype.js';

const splitCache = new Map<string, string[]>();

/** Split a dotted path (memoised: the same few paths are used for every document). */
export function splitPath(path: string): string[] {
  let parts = splitCache.get(path);
  if (!parts) {
    parts = path.split('.');
    if (splitCache.size > 10_000) splitCache.clear();
    splitCache.set(path, parts);
  }
  return parts;
}

/** A path component usable as an array position ("0", "12"; not "01" or "-1"). */
export function arrayIndexOf(part: string): number {
  const c = part.charCodeAt(0);
  if (c < 48 || c > 57) return -1;
  if (part.length > 1 && c === 48) return -1;
  for (let i = 1; i < part.length; i++) {
    const d = part.charCodeAt(i);
    if (d < 48 || d > 57) return -1;
  }
  return part.length > 15 ? -1 : Number(part);
}

function collect(v: unknown, parts: string[], i: number, out: unknown[]): void {
  if (i === parts.length) {
    if (Array.isArray(v)) for (const e of v) out.push(e);
    else out.push(v);
    return;
  }
  const part = parts[i];
  if (Array.isArray(v)) {
    const idx = arrayIndexOf(part);
    if (idx >= 0 && idx < v.length) collect(v[idx], parts, i + 1, out);
    for (const e of v) {
      if (isPlainObject(e) && e[part] !== undefined) collect(e[part], parts, i + 1, out);
    }
    return;
  }
  if (isPlainObject(v)) {
    const c = v[part];
    if (c !== undefined) collect(c, parts, i + 1, out);
  }
}

/**
 * Every value at `path`, the way MongoDB derives index keys: arrays along the path are
 * traversed, numeric components also select an array position, and an array at the end
 * contributes its elements. A missing path gives [] (an index stores null for it); an empty
 * terminal array also gives []. Duplicates are removed.
 */
export function getPathValues(doc: unknown, path: string): unknown[] {
  const parts = splitPath(path);
  const out: unknown[] = [];
  collect(doc, parts, 0, out);
  if (out.length < 2) return out;
  const seen = new Set<string>();
  return out.filter((v) => {
    const k = hashKey(v);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

function aggArray(arr: unknown[], parts: string[], i: number): unknown[] {
  const out: unknown[] = [];
  for (const e of arr) {
    if (Array.isArray(e)) out.push(aggArray(e, parts, i));
    else if (isPlainObject(e)) {
      const r = aggFrom(e, parts, i);
      if (r !== undefined) out.push(r);
    }
  }
  return out;
}

function aggFrom(obj: Record<string, unknown>, parts: string[], i: number): unknown {
  const v = obj[parts[i]];
  if (i === parts.length - 1) return v;
  if (Array.isArray(v)) return aggArray(v, parts, i + 1);
  if (isPlainObject(v)) return aggFrom(v, parts, i + 1);
  return undefined;
}

/** Aggregation field path `$a.b.c` (parts already split); undefined when missing. */
export function getAggPath(value: unknown, parts: string[]): unknown {
  if (parts.length === 0) return value;
  if (Array.isArray(value)) return aggArray(value, parts, 0);
  if (!isPlainObject(value)) return undefined;
  return aggFrom(value, parts, 0);
}

/** Exact lookup: documents by field, arrays by numeric position; undefined when missing. */
export function getExact(doc: unknown, parts: readonly string[], from = 0, to = parts.length): unknown {
  let v: unknown = doc;
  for (let i = from; i < to; i++) {
    if (Array.isArray(v)) {
      const idx = arrayIndexOf(parts[i]);
      if (idx < 0) return undefined;
      v = v[idx];
    } else if (isPlainObject(v)) {
      v = v[parts[i]];
    } else return undefined;
  }
  return v;
}
