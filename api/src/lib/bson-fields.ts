/**
 * Decodes raw BSON documents (a find with `raw: true`) straight into plain records, for bulk
 * reads of thousands of documents: chosen top-level fields for the metrics facts and the 台账
 * export, whole documents for the per-request loaders. ObjectIds come
 * out as hex strings (what records use anyway), nested documents and arrays as plain values.
 *
 * Why: with the embedded server a projection makes it decode and re-encode every document, and
 * the driver then decodes every field into wrapper objects; measured on a year of the
 * 10,000-project dataset, raw bytes plus this reader cost about a third of either. Built on
 * bson's own element parser (`onDemand.parseToElements`); no library decodes a subset of fields.
 * Rare value types (Decimal128, binary, regex …) are handed to bson itself.
 */
import { BSON, onDemand } from 'bson';

export type BsonPlain = string | number | boolean | null | Date | BsonPlain[] | { [k: string]: BsonPlain };

const T_DOUBLE = 1;
const T_STRING = 2;
const T_OBJECT = 3;
const T_ARRAY = 4;
const T_OBJECT_ID = 7;
const T_BOOL = 8;
const T_DATE = 9;
const T_NULL = 10;
const T_INT32 = 16;
const T_INT64 = 18;

/** `{ x: <the value> }` as BSON bytes, for bson to decode a value of a rare type. */
function single(buf: Buffer, type: number, offset: number, length: number): Buffer {
  const doc = Buffer.alloc(length + 8);
  doc.writeInt32LE(length + 8, 0);
  doc[4] = type;
  doc[5] = 0x78; // "x"
  buf.copy(doc, 7, offset, offset + length);
  return doc;
}

/** `_id` named as records name it (`id`), at every level, when `ids` is set. */
function keyOf(buf: Buffer, nameOffset: number, nameLength: number, ids: boolean): string {
  const key = buf.toString('utf8', nameOffset, nameOffset + nameLength);
  return ids && key === '_id' ? 'id' : key;
}

function valueOf(buf: Buffer, type: number, offset: number, length: number, ids = false): BsonPlain {
  switch (type) {
    case T_DOUBLE:
      return buf.readDoubleLE(offset);
    case T_STRING:
      return buf.toString('utf8', offset + 4, offset + length - 1);
    case T_OBJECT: {
      const out: Record<string, BsonPlain> = {};
      for (const [t, nameOffset, nameLength, o, l] of onDemand.parseToElements(buf, offset)) {
        out[keyOf(buf, nameOffset, nameLength, ids)] = valueOf(buf, t, o, l, ids);
      }
      return out;
    }
    case T_ARRAY: {
      const list: BsonPlain[] = [];
      for (const [t, , , o, l] of onDemand.parseToElements(buf, offset)) list.push(valueOf(buf, t, o, l, ids));
      return list;
    }
    case T_OBJECT_ID:
      return buf.toString('hex', offset, offset + 12);
    case T_BOOL:
      return buf[offset] === 1;
    case T_DATE:
      return new Date(Number(buf.readBigInt64LE(offset)));
    case T_INT32:
      return buf.readInt32LE(offset);
    case T_INT64:
      return Number(buf.readBigInt64LE(offset));
    case T_NULL:
      return null;
    default:
      return BSON.deserialize(single(buf, type, offset, length)).x as BsonPlain;
  }
}

/**
 * A reader of the named top-level fields (absent fields stay absent). Fields named in `lazy`
 * come back as a function decoding them on demand (the document's bytes stay referenced).
 */
export function fieldReader(names: readonly string[], lazy: readonly string[] = []): (raw: Uint8Array) => Record<string, BsonPlain | (() => BsonPlain)> {
  const deferred = new Set(lazy);
  const byLength = new Map<number, [string, Buffer][]>();
  for (const name of names) {
    const bytes = Buffer.from(name, 'utf8');
    byLength.set(bytes.length, [...(byLength.get(bytes.length) ?? []), [name, bytes]]);
  }
  // Compared byte by byte in JS: names are short, and a native compare per element costs more.
  const fieldName = (buf: Buffer, offset: number, length: number): string | null => {
    const candidates = byLength.get(length);
    if (!candidates) return null;
    outer: for (const [name, bytes] of candidates) {
      for (let i = 0; i < length; i++) if (buf[offset + i] !== bytes[i]) continue outer;
      return name;
    }
    return null;
  };
  return (raw) => {
    const buf = Buffer.isBuffer(raw) ? raw : Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength);
    const out: Record<string, BsonPlain | (() => BsonPlain)> = {};
    for (const [type, nameOffset, nameLength, offset, length] of onDemand.parseToElements(buf)) {
      const name = fieldName(buf, nameOffset, nameLength);
      if (name) out[name] = deferred.has(name) ? () => valueOf(buf, type, offset, length) : valueOf(buf, type, offset, length);
    }
    return out;
  };
}

/** Byte length of a value of a type `readValue` hands to bson (the rare types). */
function rareLength(buf: Buffer, type: number, p: number): number {
  switch (type) {
    case 5: // binary: int32 length, subtype, bytes
      return buf.readInt32LE(p) + 5;
    case 6: // undefined
    case 0x7f: // MaxKey
    case 0xff: // MinKey
      return 0;
    case 11: {
      // regex: two C strings
      let q = p;
      while (buf[q] !== 0) q++;
      q++;
      while (buf[q] !== 0) q++;
      return q + 1 - p;
    }
    case 13: // JavaScript code
    case 14: // symbol
      return buf.readInt32LE(p) + 4;
    case 15: // code with scope
      return buf.readInt32LE(p);
    case 17: // timestamp
      return 8;
    case 19: // Decimal128
      return 16;
    case 12: // DBPointer: string + ObjectId
      return buf.readInt32LE(p) + 4 + 12;
    default:
      throw new Error(`BSON type 0x${type.toString(16)} not readable`);
  }
}

/** An int64 as a number (exact for the safe-integer range every stored count and amount is in). */
function int64(buf: Buffer, p: number): number {
  return buf.readInt32LE(p + 4) * 4_294_967_296 + buf.readUInt32LE(p);
}

/**
 * Field names seen before, by a hash of their bytes: the same two dozen names recur in every
 * document of a collection, so most names cost a lookup and a compare instead of a new string.
 * Bounded; ASCII names only (the bytes then equal the char codes, which is what is compared).
 */
const KEY_CACHE_MAX = 4096;
const keyCache = new Map<number, string>();

function asciiKey(buf: Buffer, start: number, end: number, hash: number): string {
  const hit = keyCache.get(hash);
  if (hit !== undefined && hit.length === end - start) {
    let same = true;
    for (let i = 0; i < hit.length; i++) {
      if (hit.charCodeAt(i) !== buf[start + i]) {
        same = false;
        break;
      }
    }
    if (same) return hit;
  }
  const key = buf.toString('latin1', start, end);
  if (keyCache.size < KEY_CACHE_MAX) keyCache.set(hash, key);
  return key;
}

/**
 * Walks one document (or array) starting at `start` by hand: no per-element tuples as with
 * `onDemand.parseToElements`, which matters at a thousand documents per request.
 */
function readDocument(buf: Buffer, start: number, asArray: boolean): Record<string, BsonPlain> | BsonPlain[] {
  const end = start + buf.readInt32LE(start) - 1;
  const obj: Record<string, BsonPlain> = {};
  const list: BsonPlain[] = [];
  let p = start + 4;
  while (p < end) {
    const type = buf[p++];
    let key = '';
    if (asArray) {
      while (buf[p] !== 0) p++;
    } else {
      const nameStart = p;
      let hash = 0;
      let ascii = true;
      for (let c = buf[p]; c !== 0; c = buf[++p]) {
        hash = (hash * 31 + c) | 0;
        if (c > 0x7f) ascii = false;
      }
      key = ascii ? asciiKey(buf, nameStart, p, hash) : buf.toString('utf8', nameStart, p);
    }
    p++;
    let value: BsonPlain;
    switch (type) {
      case T_DOUBLE:
        value = buf.readDoubleLE(p);
        p += 8;
        break;
      case T_STRING: {
        const len = buf.readInt32LE(p);
        value = buf.toString('utf8', p + 4, p + 3 + len);
        p += 4 + len;
        break;
      }
      case T_OBJECT:
      case T_ARRAY: {
        value = readDocument(buf, p, type === T_ARRAY);
        p += buf.readInt32LE(p);
        break;
      }
      case T_OBJECT_ID:
        value = buf.toString('hex', p, p + 12);
        p += 12;
        break;
      case T_BOOL:
        value = buf[p] === 1;
        p += 1;
        break;
      case T_DATE:
        value = new Date(int64(buf, p));
        p += 8;
        break;
      case T_NULL:
        value = null;
        break;
      case T_INT32:
        value = buf.readInt32LE(p);
        p += 4;
        break;
      case T_INT64:
        value = int64(buf, p);
        p += 8;
        break;
      default: {
        const length = rareLength(buf, type, p);
        value = valueOf(buf, type, p, length, true);
        p += length;
      }
    }
    if (asArray) list.push(value);
    else obj[key === '_id' ? 'id' : key] = value;
  }
  return asArray ? list : obj;
}

/**
 * A whole raw document as a record (what `toPlain` makes of a lean document, without building
 * the driver's ObjectId and wrapper objects first): `_id` becomes `id` at every level, ObjectIds
 * hex strings. For the loaders, which read every document a page of a list shows.
 */
export function readRecord(raw: Uint8Array): Record<string, BsonPlain> {
  const buf = Buffer.isBuffer(raw) ? raw : Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength);
  return readDocument(buf, 0, false) as Record<string, BsonPlain>;
}
