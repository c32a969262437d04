/**
 * MongoDB's total order over BSON values (the order of sorts, indexes, $gt/$lt, $min/$max).
 *
 * Values of different types compare by their type bracket first; inside a bracket numbers
 * compare by value across Int32/Long/Double/Decimal128 (exactly), strings by UTF-8 bytes
 * (i.e. by code point, which JS's UTF-16 comparison gets wrong for astral characters),
 * documents field by field (type, then name, then value) and arrays element by element.
 */
import type { Binary, BSONRegExp, ObjectId, Timestamp } from 'bson';
import { compareNumeric, numericKey } from './numeric.js';

/** Canonical type brackets, in MongoDB's order. Missing/undefined sorts with null. */
export const Bracket = {
  minKey: 0,
  null: 1,
  number: 2,
  string: 3,
  object: 4,
  array: 5,
  binData: 6,
  objectId: 7,
  bool: 8,
  date: 9,
  timestamp: 10,
  regex: 11,
  dbPointer: 12,
  code: 13,
  codeWithScope: 14,
  maxKey: 15,
} as const;

export function bracketOf(v: unknown): number {
  switch (typeof v) {
    case 'string':
      return Bracket.string;
    case 'number':
    case 'bigint':
      return Bracket.number;
    case 'boolean':
      return Bracket.bool;
    case 'undefined':
      return Bracket.null;
    case 'object':
      break;
    default:
      return Bracket.code;
  }
  if (v === null) return Bracket.null;
  if (Array.isArray(v)) return Bracket.array;
  if (v instanceof Date) return Bracket.date;
  if (v instanceof RegExp) return Bracket.regex;
  switch ((v as { _bsontype?: string })._bsontype) {
    case undefined:
    case 'DBRef':
      return Bracket.object;
    case 'Int32':
    case 'Double':
    case 'Long':
    case 'Decimal128':
      return Bracket.number;
    case 'ObjectId':
      return Bracket.objectId;
    case 'Binary':
      return Bracket.binData;
    case 'Timestamp':
      return Bracket.timestamp;
    case 'BSONRegExp':
      return Bracket.regex;
    case 'MinKey':
      return Bracket.minKey;
    case 'MaxKey':
      return Bracket.maxKey;
    case 'BSONSymbol':
      return Bracket.string;
    case 'Code':
      return (v as { scope?: unknown }).scope ? Bracket.codeWithScope : Bracket.code;
    default:
      return Bracket.object;
  }
}

/** Compare strings by Unicode code point (= UTF-8 byte order). */
export function compareStrings(a: string, b: string): number {
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    let x = a.charCodeAt(i);
    let y = b.charCodeAt(i);
    if (x === y) continue;
    // Surrogates (D800-DFFF) encode code points above FFFF: move them above E000-FFFF.
    if (x >= 0xd800 && y >= 0xd800) {
      x = x >= 0xe000 ? x - 0x800 : x + 0x2000;
      y = y >= 0xe000 ? y - 0x800 : y + 0x2000;
    }
    return x < y ? -1 : 1;
  }
  return a.length === b.length ? 0 : a.length < b.length ? -1 : 1;
}

function stringOf(v: unknown): string {
  return typeof v === 'string' ? v : String((v as { value: unknown }).value);
}

function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return a[i] < b[i] ? -1 : 1;
  return a.length === b.length ? 0 : a.length < b.length ? -1 : 1;
}

interface OidWords {
  i0?: number;
  i1: number;
  i2: number;
  i3: number;
}

/**
 * ObjectId order. bson 7 keeps an id as four 24-bit words and allocates a fresh buffer for
 * every `.id` read, so compare the words when both ids have them.
 */
export function compareObjectIds(a: ObjectId, b: ObjectId): number {
  const x = a as unknown as OidWords;
  const y = b as unknown as OidWords;
  if (typeof x.i0 === 'number' && typeof y.i0 === 'number') {
    if (x.i0 !== y.i0) return x.i0 < y.i0 ? -1 : 1;
    if (x.i1 !== y.i1) return x.i1 < y.i1 ? -1 : 1;
    if (x.i2 !== y.i2) return x.i2 < y.i2 ? -1 : 1;
    return x.i3 === y.i3 ? 0 : x.i3 < y.i3 ? -1 : 1;
  }
  return compareBytes(a.id, b.id);
}

function binBytes(b: Binary): Uint8Array {
  return b.buffer.subarray(0, b.position);
}

/** A DBRef class instance compares as the document it is stored as. */
function asDocument(v: object): Record<string, unknown> {
  if ((v as { _bsontype?: string })._bsontype !== 'DBRef') return v as Record<string, unknown>;
  const r = v as { collection: string; oid: unknown; db?: string; fields?: Record<string, unknown> };
  return { $ref: r.collection, $id: r.oid, ...(r.db ? { $db: r.db } : {}), ...(r.fields ?? {}) };
}

function compareDocuments(a: Record<string, unknown>, b: Record<string, unknown>): number {
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  const n = Math.min(ka.length, kb.length);
  for (let i = 0; i < n; i++) {
    const va = a[ka[i]];
    const vb = b[kb[i]];
    const ta = bracketOf(va);
    const tb = bracketOf(vb);
    if (ta !== tb) return ta < tb ? -1 : 1;
    const c = compareStrings(ka[i], kb[i]);
    if (c !== 0) return c;
    const v = compareSameBracket(va, vb, ta);
    if (v !== 0) return v;
  }
  return ka.length === kb.length ? 0 : ka.length < kb.length ? -1 : 1;
}

function compareArrays(a: unknown[], b: unknown[]): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const c = compareBson(a[i], b[i]);
    if (c !== 0) return c;
  }
  return a.length === b.length ? 0 : a.length < b.length ? -1 : 1;
}

function regexParts(v: unknown): [string, string] {
  if (v instanceof RegExp) return [v.source, v.flags];
  const r = v as BSONRegExp;
  return [r.pattern, r.options];
}

function compareSameBracket(a: unknown, b: unknown, bracket: number): number {
  switch (bracket) {
    case Bracket.minKey:
    case Bracket.null:
    case Bracket.maxKey:
      return 0;
    case Bracket.number:
      return compareNumeric(a, b);
    case Bracket.string:
      return compareStrings(stringOf(a), stringOf(b));
    case Bracket.object:
      return compareDocuments(asDocument(a as object), asDocument(b as object));
    case Bracket.array:
      return compareArrays(a as unknown[], b as unknown[]);
    case Bracket.binData: {
      const x = a as Binary;
      const y = b as Binary;
      if (x.position !== y.position) return x.position < y.position ? -1 : 1;
      if (x.sub_type !== y.sub_type) return x.sub_type < y.sub_type ? -1 : 1;
      return compareBytes(binBytes(x), binBytes(y));
    }
    case Bracket.objectId:
      return compareObjectIds(a as ObjectId, b as ObjectId);
    case Bracket.bool:
      return a === b ? 0 : a ? 1 : -1;
    case Bracket.date: {
      const x = (a as Date).getTime();
      const y = (b as Date).getTime();
      return x === y ? 0 : x < y ? -1 : 1;
    }
    case Bracket.timestamp: {
      const x = a as Timestamp;
      const y = b as Timestamp;
      if (x.t !== y.t) return x.t < y.t ? -1 : 1;
      return x.i === y.i ? 0 : x.i < y.i ? -1 : 1;
    }
    case Bracket.regex: {
      const [pa, fa] = regexParts(a);
      const [pb, fb] = regexParts(b);
      return compareStrings(pa, pb) || compareStrings(fa, fb);
    }
    default: {
      const x = String((a as { code?: unknown }).code ?? a);
      const y = String((b as { code?: unknown }).code ?? b);
      return compareStrings(x, y);
    }
  }
}

/** MongoDB's total order: negative, zero or positive (always -1, 0 or 1). */
export function compareBson(a: unknown, b: unknown): number {
  if (typeof a === 'string' && typeof b === 'string') return compareStrings(a, b);
  const ta = bracketOf(a);
  const tb = bracketOf(b);
  if (ta !== tb) return ta < tb ? -1 : 1;
  return compareSameBracket(a, b, ta);
}

/** Equality under MongoDB's order (1 == 1.0 == NumberLong(1); field order matters in documents). */
export function bsonEquals(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a === 'string' || typeof b === 'string') {
    if (typeof a === 'string' && typeof b === 'string') return false;
  }
  return compareBson(a, b) === 0;
}

/**
 * A string key equal for exactly the values bsonEquals considers equal; used for hashing
 * ($group, $addToSet, $in sets, distinct).
 */
export function hashKey(v: unknown): string {
  switch (typeof v) {
    case 'string':
      return `s${v}`;
    case 'boolean':
      return v ? 'T' : 'F';
    case 'undefined':
      return 'N';
    case 'number':
    case 'bigint':
      return `n${numericKey(v)}`;
    default:
      break;
  }
  if (v === null) return 'N';
  if (Array.isArray(v)) {
    // Length-prefixed parts keep composite keys unambiguous ('a,b' vs 'a', 'b').
    let s = '[';
    for (const e of v) {
      const k = hashKey(e);
      s += `${k.length}:${k}`;
    }
    return `${s}]`;
  }
  if (v instanceof Date) return `D${v.getTime()}`;
  if (v instanceof RegExp) return `R${JSON.stringify([v.source, v.flags])}`;
  switch ((v as { _bsontype?: string })._bsontype) {
    case undefined:
    case 'DBRef': {
      const d = asDocument(v as object);
      let s = '{';
      for (const k of Object.keys(d)) {
        const h = hashKey(d[k]);
        s += `${JSON.stringify(k)}${h.length}:${h}`;
      }
      return `${s}}`;
    }
    case 'Int32':
    case 'Double':
    case 'Long':
    case 'Decimal128':
      return `n${numericKey(v)}`;
    case 'ObjectId':
      return `O${(v as ObjectId).toHexString()}`;
    case 'BSONSymbol':
      return `s${(v as { value: string }).value}`;
    case 'Binary':
      return `B${(v as Binary).sub_type}:${Buffer.from(binBytes(v as Binary)).toString('base64')}`;
    case 'Timestamp':
      return `t${(v as Timestamp).t}:${(v as Timestamp).i}`;
    case 'BSONRegExp':
      return `R${JSON.stringify(regexParts(v))}`;
    case 'MinKey':
      return 'm';
    case 'MaxKey':
      return 'M';
    default:
      return `c${String((v as { code?: unknown }).code)}`;
  }
}

/** The numeric value of an Int32/Double/plain number, else undefined (fast-path helper). */
export function smallNumber(v: unknown): number | undefined {
  if (typeof v === 'number') return v;
  if (typeof v === 'object' && v !== null) {
    const tag = (v as { _bsontype?: string })._bsontype;
    if (tag === 'Int32' || tag === 'Double') return (v as { value: number }).value;
  }
  return undefined;
}

