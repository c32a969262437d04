/**
 * The document an upsert starts from when nothing matched: the filter's equality conditions
 * (plain values, $eq, single-value $in, also inside $and and single-clause $or), with dotted
 * paths expanded into embedded documents. Ranges, regexes and other operators contribute
 * nothing, as on the server. The update is then applied with `isInsert: true`.
 */
import type { Document } from 'bson';
import { MongoError } from '../errors.js';
import { isPlainObject } from './bsontype.js';
import { isRegexValue } from './regex.js';
import { Draft } from './update-draft.js';
import { splitPath } from './paths.js';

const NotSingleValueField = 54;

function isOperatorObject(v: unknown): v is Record<string, unknown> {
  if (!isPlainObject(v)) return false;
  const k = Object.keys(v)[0];
  return k !== undefined && k.startsWith('$') && k !== '$ref' && k !== '$id' && k !== '$db';
}

function collect(filter: Document, out: [string, unknown][]): void {
  for (const key of Object.keys(filter)) {
    const cond = filter[key];
    if (key === '$and' && Array.isArray(cond)) {
      for (const sub of cond) if (isPlainObject(sub)) collect(sub, out);
      continue;
    }
    if (key === '$or' && Array.isArray(cond) && cond.length === 1 && isPlainObject(cond[0])) {
      collect(cond[0], out);
      continue;
    }
    if (key.startsWith('$')) continue;
    if (isOperatorObject(cond)) {
      if ('$eq' in cond && !isRegexValue(cond.$eq)) out.push([key, cond.$eq]);
      else if (Array.isArray(cond.$in) && cond.$in.length === 1 && !isRegexValue(cond.$in[0])) out.push([key, cond.$in[0]]);
      continue;
    }
    if (isRegexValue(cond)) continue;
    out.push([key, cond]);
  }
}

/** The seed document for an upsert (raw form; `_id` first when the filter fixes it). */
export function upsertSeed(filter: Document): Document {
  const pairs: [string, unknown][] = [];
  collect(filter ?? {}, pairs);
  pairs.sort((a, b) => (a[0] === '_id' ? -1 : b[0] === '_id' ? 1 : 0));
  const draft = new Draft({});
  const seen: string[][] = [];
  for (const [path, value] of pairs) {
    const parts = splitPath(path);
    for (const other of seen) {
      const n = Math.min(other.length, parts.length);
      if (other.slice(0, n).join('\u0000') === parts.slice(0, n).join('\u0000')) {
        throw new MongoError(NotSingleValueField, `cannot infer query fields to set, path '${path}' is matched twice`);
      }
    }
    seen.push(parts);
    Draft.write(draft.slot(parts, true)!, value);
  }
  return draft.root;
}
