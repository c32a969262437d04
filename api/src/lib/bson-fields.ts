/**
 * Decodes raw BSON documents (a find with `raw: true`) straight into plain records, for bulk
 * reads of thousands of documents: whole documents for the per-request loaders (`readRecord`),
 * chosen top-level fields for the metrics facts and the 台账 export (`fieldReader`). ObjectIds
 * come out as hex strings (what records use anyway), int64 as numbers, nested documents and
 * arrays as plain values; rare types (Decimal128, binary, regex …) are handed to bson itself.
 *
 * Why by hand: the driver's full decode builds an ObjectId, Long or Double wrapper per value that
 * the API then converts again, and bson's element iterator (`onDemand.parseToElements`) builds a
 * tuple per element. For a page of 100 projects with ~1,000 nodes, or a year of the
 * 10,000-project dataset, those were most of the CPU; no library decodes to this shape.
 */
import { BSON } from 'bson';

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

/** An int64 as a number (exact for the safe-integer range every stored count and amount is in). */
function int64(buf: Buffer, p: number): number {
  return buf.readInt32LE(p + 4) * 4_294_967_296 + buf.readUInt32LE(p);
}

/** Byte length of the value of type `type` starting at `p`. */
function valueLength(buf: Buffer, type: number, p: number): number {
  switch (type) {
    case T_DOUBLE:
    case T_DATE:
    case T_INT64:
    case 17: // timestamp
      return 8;
    case T_STRING:
    case 13: // JavaScript code
    case 14: // symbol
      return buf.readInt32LE(p) + 4;
    case T_OBJECT:
    case T_ARRAY:
    case 15: // code with scope
      return buf.readInt32LE(p);
    case T_OBJECT_ID:
      return 12;
    case T_BOOL:
      return 1;
    case T_NULL:
    case 6: // undefined
    case 0x7f: // MaxKey
    case 0xff: // MinKey
      return 0;
    case T_INT32:
      return 4;
    case 5: // binary: int32 length, subtype, bytes
      return buf.readInt32LE(p) + 5;
    case 11: {
      // regex: two C strings
      let q = p;
      while (buf[q] !== 0) q++;
      q++;
      while (buf[q] !== 0) q++;
      return q + 1 - p;
    }
    case 12: // DBPointer: string + ObjectId
      return buf.readInt32LE(p) + 4 + 12;
    case 19: // Decimal128
      return 16;
    default:
      throw new Error(`BSON type 0x${type.toString(16)} not readable`);
  }
}

/** `{ x: <the value> }` as BSON bytes, for bson to decode a value of a rare type. */
function single(buf: Buffer, type: number, offset: number, length: number): Buffer {
  const doc = Buffer.alloc(length + 8);
  doc.writeInt32LE(length + 8, 0);
  doc[4] = type;
  doc[5] = 0x78; // "x"
  buf.copy(doc, 7, offset, offset + length);
  return doc;
}

/** The value of type `type` at `p`; with `ids`, nested `_id` fields are named `id`. */
function readValue(buf: Buffer, type: number, p: number, ids: boolean): BsonPlain {
  switch (type) {
    case T_DOUBLE:
      return buf.readDoubleLE(p);
    case T_STRING:
      return buf.toString('utf8', p + 4, p + 3 + buf.readInt32LE(p));
    case T_OBJECT:
      return readDocument(buf, p, false, ids);
    case T_ARRAY:
      return readDocument(buf, p, true, ids);
    case T_OBJECT_ID:
      return buf.toString('hex', p, p + 12);
    case T_BOOL:
      return buf[p] === 1;
    case T_DATE:
      return new Date(int64(buf, p));
    case T_NULL:
      return null;
    case T_INT32:
      return buf.readInt32LE(p);
    case T_INT64:
      return int64(buf, p);
    default:
      return BSON.deserialize(single(buf, type, p, valueLength(buf, type, p))).x as BsonPlain;
  }
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

/** Reads the element name at `p` (a C string); returns it and moves `cursor.p` past it. */
function readName(buf: Buffer, cursor: { p: number }): string {
  const start = cursor.p;
  let p = start;
  let hash = 0;
  let ascii = true;
  for (let c = buf[p]; c !== 0; c = buf[++p]) {
    hash = (hash * 31 + c) | 0;
    if (c > 0x7f) ascii = false;
  }
  cursor.p = p + 1;
  return ascii ? asciiKey(buf, start, p, hash) : buf.toString('utf8', start, p);
}

function readDocument(buf: Buffer, start: number, asArray: boolean, ids: boolean): Record<string, BsonPlain> | BsonPlain[] {
  const end = start + buf.readInt32LE(start) - 1;
  const obj: Record<string, BsonPlain> = {};
  const list: BsonPlain[] = [];
  const cursor = { p: start + 4 };
  while (cursor.p < end) {
    const type = buf[cursor.p++];
    if (asArray) {
      while (buf[cursor.p] !== 0) cursor.p++;
      cursor.p++;
    }
    const key = asArray ? '' : readName(buf, cursor);
    const p = cursor.p;
    const value = readValue(buf, type, p, ids);
    cursor.p = p + valueLength(buf, type, p);
    if (asArray) list.push(value);
    else obj[ids && key === '_id' ? 'id' : key] = value;
  }
  return asArray ? list : obj;
}

function asBuffer(raw: Uint8Array): Buffer {
  return Buffer.isBuffer(raw) ? raw : Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength);
}

/**
 * A whole raw document as a record (what `toPlain` makes of a lean document, without building
 * the driver's ObjectId and wrapper objects first): `_id` becomes `id` at every level.
 */
export function readRecord(raw: Uint8Array): Record<string, BsonPlain> {
  return readDocument(asBuffer(raw), 0, false, true) as Record<string, BsonPlain>;
}

/** The same hash of a name's bytes as `readName` computes, from the name itself. */
function nameHash(name: string): number {
  let hash = 0;
  for (const byte of Buffer.from(name, 'utf8')) hash = (hash * 31 + byte) | 0;
  return hash;
}

/**
 * A reader of the named top-level fields (absent fields stay absent; names kept as stored, so
 * `_id` stays `_id`). Fields named in `lazy` come back as a function decoding them on demand
 * (the document's bytes stay referenced). A field's name is hashed as it is scanned and only a
 * wanted hash is compared byte by byte: the other fields are skipped without making a string.
 */
export function fieldReader(names: readonly string[], lazy: readonly string[] = []): (raw: Uint8Array) => Record<string, BsonPlain | (() => BsonPlain)> {
  const byHash = new Map<number, { name: string; bytes: Buffer; lazy: boolean }[]>();
  for (const name of new Set(names)) {
    const h = nameHash(name);
    byHash.set(h, [...(byHash.get(h) ?? []), { name, bytes: Buffer.from(name, 'utf8'), lazy: lazy.includes(name) }]);
  }
  const count = new Set(names).size;
  return (raw) => {
    const buf = asBuffer(raw);
    const out: Record<string, BsonPlain | (() => BsonPlain)> = {};
    const end = buf.readInt32LE(0) - 1;
    let p = 4;
    let missing = count;
    // Stops at the last wanted field: reading `projectId` of 100,000 nodes need not walk the rest.
    while (p < end && missing > 0) {
      const type = buf[p++];
      const start = p;
      let hash = 0;
      for (let c = buf[p]; c !== 0; c = buf[++p]) hash = (hash * 31 + c) | 0;
      const length = p - start;
      p++;
      const candidates = byHash.get(hash);
      if (candidates) {
        for (const f of candidates) {
          if (f.bytes.length !== length || f.name in out || buf.compare(f.bytes, 0, length, start, p - 1) !== 0) continue;
          const at = p;
          out[f.name] = f.lazy ? () => readValue(buf, type, at, false) : readValue(buf, type, at, false);
          missing--;
          break;
        }
      }
      p += valueLength(buf, type, p);
    }
    return out;
  };
}
