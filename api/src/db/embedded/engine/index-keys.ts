/**
 * Index key generation with MongoDB's rules: a missing field is keyed as null; an array
 * (at the end of the path or along it) contributes one key per element, which makes the
 * index multikey; an empty array is keyed as undefined; a compound index may have at most
 * one array field per document ("cannot index parallel arrays").
 */
import type { Document } from 'bson';
import { isPlainObject } from './query-api.js';
import { MoreCodes, mongoError } from './errors-ext.js';

export interface DocKeys {
  /** Key tuples, one value per index field. */
  tuples: unknown[][];
  /** Some field met an array. */
  multikey: boolean;
  /** The field that met an array (at most one may), when one did. */
  arrayField?: number;
  /** Some field is present (sparse indexes skip documents where none is). */
  present: boolean;
}

interface FieldState {
  array: boolean;
}

function arrayIndexOf(part: string): number {
  return /^(0|[1-9]\d{0,14})$/.test(part) ? Number(part) : -1;
}

function collect(v: unknown, parts: readonly string[], i: number, out: unknown[], st: FieldState): void {
  if (i === parts.length) {
    if (Array.isArray(v)) {
      st.array = true;
      if (v.length === 0) out.push(undefined);
      else for (const e of v) out.push(e);
    } else if (v !== undefined) out.push(v);
    return;
  }
  if (Array.isArray(v)) {
    st.array = true;
    const idx = arrayIndexOf(parts[i]);
    if (idx >= 0 && idx < v.length) collect(v[idx], parts, i + 1, out, st);
    for (const e of v) if (isPlainObject(e)) collect(e[parts[i]], parts, i + 1, out, st);
    return;
  }
  if (isPlainObject(v)) collect(v[parts[i]], parts, i + 1, out, st);
}

/** Key tuples of `doc` for an index over the given (split) field paths. */
export function extractKeys(doc: Document, fields: readonly (readonly string[])[]): DocKeys {
  if (fields.length === 1) {
    const parts = fields[0];
    // Fast path: a top-level scalar field.
    if (parts.length === 1) {
      const v = doc[parts[0]];
      if (v === undefined) return { tuples: [[null]], multikey: false, present: false };
      if (!Array.isArray(v)) return { tuples: [[v]], multikey: false, present: true };
    }
    const st: FieldState = { array: false };
    const out: unknown[] = [];
    collect(doc, parts, 0, out, st);
    if (out.length === 0) return { tuples: [[null]], multikey: st.array, present: false, ...(st.array ? { arrayField: 0 } : {}) };
    return { tuples: out.map((v) => [v]), multikey: st.array, present: true, ...(st.array ? { arrayField: 0 } : {}) };
  }
  const perField: unknown[][] = [];
  let arrayField = -1;
  let present = false;
  let multikey = false;
  for (let f = 0; f < fields.length; f++) {
    const st: FieldState = { array: false };
    const out: unknown[] = [];
    collect(doc, fields[f], 0, out, st);
    if (out.length) present = true;
    else out.push(null);
    if (st.array) {
      multikey = true;
      if (arrayField >= 0) {
        throw mongoError(
          MoreCodes.CannotIndexParallelArrays,
          `cannot index parallel arrays [${fields[f].join('.')}] [${fields[arrayField].join('.')}]`,
        );
      }
      arrayField = f;
    }
    perField.push(out);
  }
  let tuples: unknown[][] = [[]];
  for (const values of perField) {
    const next: unknown[][] = [];
    for (const t of tuples) for (const v of values) next.push([...t, v]);
    tuples = next;
  }
  return { tuples, multikey, present, ...(arrayField >= 0 ? { arrayField } : {}) };
}
