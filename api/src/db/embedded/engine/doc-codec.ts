/**
 * Stored documents are BSON bytes held in one-byte ("latin1") JS strings, not JS objects.
 *
 * Measured with 100,000 realistic documents (~500 bytes of BSON, nested objects, Chinese
 * text, dates, ObjectIds), resident memory over BSON size, after GC:
 *  - raw-form JS objects: 4.06x (heap 3.2x: every Int32/Double is a wrapper object), over
 *    the 4x budget before any index;
 *  - one Buffer per document: 2.6x (each Buffer costs ~200 bytes of heap objects plus a
 *    malloc'd backing store that fragments as documents are replaced);
 *  - one byte string per document: 2.0x, compacted by the GC like any heap object.
 * In a server process fed 100,000 such documents through the driver (with `_id` and three
 * secondary indexes, no forced GC), resident memory grew by 2.7x the BSON size with byte
 * strings, against 4.5x with Buffers.
 * Decoding is the price (~3 us for a small document, ~15 us for a 500-byte one), so scans
 * decode only the top-level fields a filter or sort needs (`fieldDecoder`), and query
 * replies splice the stored bytes into the reply without decoding at all.
 *
 * Strings are immutable, which is the copy-on-write guarantee the engine relies on.
 */
import { BSON, Double, Int32, Long, ObjectId, type Document } from 'bson';
import { RAW_DESERIALIZE } from '../types.js';
import { MoreCodes, mongoError } from './errors-ext.js';

export const MAX_BSON_OBJECT_SIZE = 16 * 1024 * 1024;

/** A stored document: its BSON bytes, one per char (`length` is the byte size). */
export type Stored = string;

/**
 * Where documents are serialised before becoming strings: `BSON.serialize` would allocate
 * a Buffer per document only to turn it into a string and drop it. Documents larger than
 * this take that path (serializeWithBufferAndIndex throws a RangeError when they do not fit).
 */
const ENCODE_SCRATCH = Buffer.allocUnsafeSlow(64 * 1024);

function tooLarge(what: string, size: number): never {
  throw mongoError(MoreCodes.BSONObjectTooLarge, `${what} too large. size in bytes: ${size}, max size: ${MAX_BSON_OBJECT_SIZE}`);
}

/** Serialise a document for storage; throws 10334 when it exceeds 16 MB. */
export function encodeDocument(doc: Document, what = 'object to insert'): Stored {
  let end: number;
  try {
    end = BSON.serializeWithBufferAndIndex(doc, ENCODE_SCRATCH);
  } catch {
    // Too big for the scratch area (or not serialisable: serialize reports that properly).
    const bytes = BSON.serialize(doc) as Buffer;
    if (bytes.length > MAX_BSON_OBJECT_SIZE) tooLarge(what, bytes.length);
    return bytes.toString('latin1');
  }
  return ENCODE_SCRATCH.toString('latin1', 0, end + 1);
}

/** The bytes of a stored document (a fresh copy). */
export function storedBytes(s: Stored): Buffer {
  return Buffer.from(s, 'latin1');
}

export function decodeDocument(s: Stored): Document {
  return BSON.deserialize(storedBytes(s), RAW_DESERIALIZE);
}

/** A reusable scratch area for partial decoding (decoded values never point into it). */
let scratch = Buffer.allocUnsafeSlow(64 * 1024);

function bytesForScan(s: Stored): Buffer {
  if (s.length > scratch.length) scratch = Buffer.allocUnsafeSlow(Math.max(s.length, scratch.length * 2));
  scratch.write(s, 0, s.length, 'latin1');
  return scratch;
}

const CSTRING_END = 0;

/** Byte length of the value of an element of `type` starting at `pos`. */
function valueLength(buf: Buffer, type: number, pos: number): number {
  switch (type) {
    case 0x01: // double
    case 0x09: // date
    case 0x11: // timestamp
    case 0x12: // int64
      return 8;
    case 0x02: // string
    case 0x0d: // javascript
    case 0x0e: // symbol
      return 4 + buf.readInt32LE(pos);
    case 0x03: // document
    case 0x04: // array
    case 0x0f: // code with scope
      return buf.readInt32LE(pos);
    case 0x05: // binary
      return 5 + buf.readInt32LE(pos);
    case 0x06: // undefined
    case 0x0a: // null
    case 0x7f: // max key
    case 0xff: // min key
      return 0;
    case 0x07: // ObjectId
      return 12;
    case 0x08: // bool
      return 1;
    case 0x0b: {
      // regex: two cstrings
      let p = buf.indexOf(CSTRING_END, pos) + 1;
      p = buf.indexOf(CSTRING_END, p) + 1;
      return p - pos;
    }
    case 0x0c: // DBPointer: string + ObjectId
      return 4 + buf.readInt32LE(pos) + 12;
    case 0x10: // int32
      return 4;
    case 0x13: // decimal128
      return 16;
    default:
      throw new Error(`unknown BSON element type 0x${type.toString(16)}`);
  }
}

/**
 * UTF-8 text of buf[start, end): short ASCII (dates, codes, enum values, field names) is read
 * byte by byte, cheaper than a native decode for a few characters; anything else by Buffer.
 */
function readString(buf: Buffer, start: number, end: number): string {
  if (end - start <= 24) {
    let out = '';
    for (let i = start; i < end; i++) {
      const c = buf[i];
      if (c >= 0x80) return buf.toString('utf8', start, end);
      out += String.fromCharCode(c);
    }
    return out;
  }
  return buf.toString('utf8', start, end);
}

/** Decode one element's value the way RAW_DESERIALIZE would. */
function decodeValue(buf: Buffer, type: number, elemStart: number, valueStart: number, len: number): unknown {
  switch (type) {
    case 0x02:
      return readString(buf, valueStart + 4, valueStart + len - 1);
    case 0x10:
      return new Int32(buf.readInt32LE(valueStart));
    case 0x01:
      return new Double(buf.readDoubleLE(valueStart));
    case 0x08:
      return buf[valueStart] === 1;
    case 0x0a:
    case 0x06:
      return null;
    case 0x09:
      return new Date(Long.fromBits(buf.readInt32LE(valueStart), buf.readInt32LE(valueStart + 4)).toNumber());
    case 0x07:
      // bson 7 reads an ObjectId's bytes into four numbers and keeps no view of them, so the
      // scratch area may be reused at once (tests/db/engine/doc-codec.test.ts checks this).
      return new ObjectId(buf.subarray(valueStart, valueStart + 12));
    case 0x12:
      return Long.fromBits(buf.readInt32LE(valueStart), buf.readInt32LE(valueStart + 4));
    default: {
      // Arrays and plain documents of the types above (unitIds, tiers, gates, terminated…)
      // are decoded here too: bson's own path first copies the element into a new buffer.
      if (type === 0x03 || type === 0x04) {
        const v = decodeNested(buf, valueStart, type === 0x04);
        if (v !== BSON_DECIDES) return v;
      }
      // Rarer types, and nested values holding one: wrap the element alone in a document and let bson decode it.
      const elemLen = valueStart + len - elemStart;
      const mini = Buffer.allocUnsafe(elemLen + 5);
      mini.writeInt32LE(elemLen + 5, 0);
      buf.copy(mini, 4, elemStart, valueStart + len);
      mini[elemLen + 4] = 0;
      const d = BSON.deserialize(mini, RAW_DESERIALIZE);
      for (const k in d) return d[k];
      return undefined;
    }
  }
}

/** A nested value that decodeNested leaves to bson. */
const BSON_DECIDES = Symbol('bson decides');
/** Element types decodeValue decodes by itself, nested documents and arrays aside. */
const SCALAR_TYPES = new Set([0x01, 0x02, 0x06, 0x07, 0x08, 0x09, 0x0a, 0x10, 0x12]);
const DOLLAR = 0x24;

/**
 * The array or document at `start`, decoded exactly as RAW_DESERIALIZE would, when it holds
 * only the scalar types above, arrays and plain documents. A document with a `$`-prefixed key
 * (which bson may turn into a DBRef) or a `__proto__` key, or any other element type, is left
 * to bson (BSON_DECIDES).
 */
function decodeNested(buf: Buffer, start: number, isArray: boolean): unknown[] | Document | typeof BSON_DECIDES {
  const end = start + buf.readInt32LE(start) - 1;
  const out: unknown[] | Document = isArray ? [] : {};
  let pos = start + 4;
  while (pos < end) {
    const type = buf[pos];
    const nameStart = pos + 1;
    let nameEnd = nameStart;
    while (buf[nameEnd] !== CSTRING_END) nameEnd++;
    const valueStart = nameEnd + 1;
    const len = valueLength(buf, type, valueStart);
    let v: unknown;
    if (type === 0x03 || type === 0x04) {
      v = decodeNested(buf, valueStart, type === 0x04);
      if (v === BSON_DECIDES) return v;
    } else if (SCALAR_TYPES.has(type)) v = decodeValue(buf, type, pos, valueStart, len);
    else return BSON_DECIDES;
    if (isArray) (out as unknown[]).push(v);
    else {
      if (buf[nameStart] === DOLLAR) return BSON_DECIDES;
      const name = readString(buf, nameStart, nameEnd);
      if (name === '__proto__') return BSON_DECIDES;
      (out as Document)[name] = v;
    }
    pos = valueStart + len;
  }
  return out;
}

/** `doc[name] = value`, also for a field named `__proto__` (an assignment would set the prototype). */
function setField(doc: Document, name: string, value: unknown): void {
  if (name === '__proto__') Object.defineProperty(doc, name, { value, enumerable: true, writable: true, configurable: true });
  else doc[name] = value;
}

/** Which of `names` (UTF-8 bytes) the element name at buf[start, end) is, or -1: no string is made. */
function nameIndex(names: readonly Buffer[], buf: Buffer, start: number, end: number): number {
  const length = end - start;
  next: for (let i = 0; i < names.length; i++) {
    const b = names[i];
    if (b.length !== length) continue;
    for (let j = 0; j < length; j++) if (b[j] !== buf[start + j]) continue next;
    return i;
  }
  return -1;
}

/**
 * A decoder of only the named top-level fields (in stored order). A filter or sort that
 * looks at those fields gives the same answer on the partial document as on the whole one.
 * Names are matched on their UTF-8 bytes, so skipped elements cost no string allocation.
 */
export function fieldDecoder(fields: Iterable<string>): (doc: Stored) => Document {
  const names = [...new Set(fields)];
  const bytes = names.map((n) => Buffer.from(n, 'utf8'));
  const wanted = names.length;
  return (stored) => {
    const out: Document = {};
    if (wanted === 0) return out;
    const buf = bytesForScan(stored);
    let found = 0;
    const end = buf.readInt32LE(0) - 1;
    let pos = 4;
    while (pos < end && found < wanted) {
      const elemStart = pos;
      const type = buf[pos];
      const nameStart = pos + 1;
      let nameEnd = nameStart;
      while (buf[nameEnd] !== 0) nameEnd++;
      const valueStart = nameEnd + 1;
      const len = valueLength(buf, type, valueStart);
      const i = nameIndex(bytes, buf, nameStart, nameEnd);
      if (i >= 0) {
        setField(out, names[i], decodeValue(buf, type, elemStart, valueStart, len));
        found++;
      }
      pos = valueStart + len;
    }
    return out;
  };
}

const idDecoder = fieldDecoder(['_id']);

/** The `_id` of a stored document (it is stored first, so this reads one element). */
export function readId(doc: Stored): unknown {
  return idDecoder(doc)._id;
}

/**
 * find's projection when it only keeps or drops whole top-level fields (`{a: 1, b: 1}`,
 * `{_id: 0, a: 1}`, `{a: 0}`), done on the stored bytes: the kept elements are copied as they
 * are, in stored order, which is what MongoDB returns (an inclusion keeps `_id` unless it is
 * excluded). Returns null for any other projection (dotted paths, operators, expressions,
 * literals), which the decoding projector handles. A 1.4 KB project reduced to `{rev: 1}` costs
 * a scan of its element headers instead of a full decode and re-encode.
 */
export function topLevelProjector(projection: Document): ((doc: Stored) => Stored) | null {
  const names = Object.keys(projection);
  if (names.length === 0) return null;
  let include: boolean | null = null;
  let idKept = true;
  const fields = new Set<string>();
  for (const name of names) {
    if (name === '' || name.includes('.') || name.startsWith('$')) return null;
    const v = projection[name] as unknown;
    let on: boolean;
    if (typeof v === 'boolean') on = v;
    else if (typeof v === 'number') on = v !== 0;
    else if (v instanceof Int32 || v instanceof Double) on = v.valueOf() !== 0;
    else if (v instanceof Long) on = !v.isZero();
    else return null;
    if (name === '_id') {
      idKept = on;
      continue;
    }
    if (include === null) include = on;
    else if (include !== on) return null; // mixed: the decoding projector reports the error
    fields.add(name);
  }
  // Only `_id` named: `{_id: 0}` drops it, `{_id: 1}` keeps only it.
  const inclusion = include ?? idKept;
  if (inclusion && idKept) fields.add('_id');
  if (!inclusion && !idKept) fields.add('_id');
  const bytes = [...fields].map((n) => Buffer.from(n, 'utf8'));
  return (stored) => {
    const buf = bytesForScan(stored);
    const end = buf.readInt32LE(0) - 1;
    let out = '';
    let pos = 4;
    while (pos < end) {
      const elemStart = pos;
      const type = buf[pos];
      const nameStart = pos + 1;
      let nameEnd = nameStart;
      while (buf[nameEnd] !== CSTRING_END) nameEnd++;
      const valueStart = nameEnd + 1;
      pos = valueStart + valueLength(buf, type, valueStart);
      if (nameIndex(bytes, buf, nameStart, nameEnd) >= 0 === inclusion) out += stored.slice(elemStart, pos);
    }
    const size = out.length + 5;
    return String.fromCharCode(size & 0xff, (size >>> 8) & 0xff, (size >>> 16) & 0xff, size >>> 24) + out + '\0';
  };
}

/**
 * Decoded top-level fields kept across queries, keyed by the stored string itself: a document's
 * bytes decode to the same values every time, so an entry can never be stale (a changed document
 * is a new string; V8 caches a string's hash in the string, so a lookup does not re-read it).
 * Filters over the same collection ask for the same few fields again and again (a unit's scope,
 * the light, the stage), and decoding them was most of a list query's work.
 *
 * Two generations bound the memory: entries go to the young map; when it is full it becomes the
 * old one (the previous old one is dropped), and an old entry that is used again moves back.
 * The decoded values are shared, so callers (filters, sort keys) must not modify them.
 */
interface DecodedFields {
  doc: Document;
  known: Set<string>;
}

// A generation holds the filter fields of a 10,000-project district's projects and nodes (~110,000
// documents), so the nodes the deadline lists walk do not push out the projects the lists read:
// with 12,000 the load mix ran ~15% slower. ~0.5–1.2 KB per entry (measured: 1.2 KB for a
// project's eight filter fields); the API process's resident set under the load mix stayed below
// what it was before the cache (0.85–1.15 GB against 1.4–1.6 GB, same hour, same dataset).
const FIELD_CACHE_GENERATION = 100_000;
// A key keeps its string alive, including a version of a document that has since changed or
// been deleted: a generation also ends at this many bytes of keys, and documents larger than
// FIELD_CACHE_MAX_DOC (file chunks, say) are not kept at all.
const FIELD_CACHE_GENERATION_BYTES = 64 * 1024 * 1024;
const FIELD_CACHE_MAX_DOC = 16 * 1024;
let youngFields = new Map<Stored, DecodedFields>();
let youngBytes = 0;
let oldFields = new Map<Stored, DecodedFields>();

function rememberFields(stored: Stored, entry: DecodedFields): void {
  if (youngFields.size >= FIELD_CACHE_GENERATION || youngBytes >= FIELD_CACHE_GENERATION_BYTES) {
    oldFields = youngFields;
    youngFields = new Map();
    youngBytes = 0;
  }
  youngFields.set(stored, entry);
  youngBytes += stored.length;
}

/** fieldDecoder through the cache of decoded fields; the document returned may hold other fields too. */
export function cachedFieldDecoder(fields: Iterable<string>): (doc: Stored) => Document {
  const names = [...new Set(fields)];
  const decodeAll = fieldDecoder(names);
  return (stored) => {
    if (stored.length > FIELD_CACHE_MAX_DOC) return decodeAll(stored);
    let entry = youngFields.get(stored);
    if (!entry) {
      entry = oldFields.get(stored);
      if (entry) rememberFields(stored, entry);
    }
    if (!entry) {
      const doc = decodeAll(stored);
      rememberFields(stored, { doc, known: new Set(names) });
      return doc;
    }
    if (names.some((n) => !entry.known.has(n))) {
      // A new filter shape over a kept document: decode this query's fields with its own
      // decoder (built once per query, not per document) and keep the ones not kept yet.
      const more = decodeAll(stored);
      for (const n of names) {
        if (entry.known.has(n)) continue;
        if (Object.prototype.hasOwnProperty.call(more, n)) setField(entry.doc, n, more[n]);
        entry.known.add(n);
      }
    }
    return entry.doc;
  };
}

/** Forgets every decoded field (tests; memory figures). */
export function clearFieldCache(): void {
  youngFields = new Map();
  youngBytes = 0;
  oldFields = new Map();
}
