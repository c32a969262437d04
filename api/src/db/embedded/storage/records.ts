/**
 * Journal batches on disk. A batch is one frame whose body is
 *
 *   seq u64 LE | group u64 LE | one BSON document per record
 *
 * `seq` numbers batches contiguously across segments (recovery checks there is no gap).
 * `group` is the seq of the first batch of the group-commit write the batch was part of:
 * only the last, unsynced write can be half on disk after a crash, and its frames are the
 * only ones recovery may drop even when an intact frame follows a damaged one.
 *
 * Records are serialised at append time, so the engine may reuse or mutate its objects
 * as soon as `append()` returns.
 */
import { deserialize, serialize, type Document } from 'bson';
import { RAW_DESERIALIZE, STORED_BSON, type IndexSpec, type JournalRecord } from '../types.js';
import { allocFrame, FRAME_HEADER, sealFrame } from './frame.js';

const STAMP = 16;

/** `{op: 'put', db, coll, doc}` as `serialize` writes it, with the document's bytes spliced in. */
function putWithStoredDoc(db: string, coll: string, stored: string): Buffer {
  const head = serialize({ op: 'put', db, coll });
  const elements = head.length - 5; // without length prefix and terminator
  const size = 4 + elements + 5 /* 0x03 'doc\0' */ + stored.length + 1;
  const out = Buffer.allocUnsafe(size);
  out.writeInt32LE(size, 0);
  out.set(head.subarray(4, 4 + elements), 4);
  let at = 4 + elements;
  out[at++] = 0x03;
  at += out.write('doc\0', at, 'latin1');
  at += out.write(stored, at, 'latin1');
  out[at] = 0;
  return out;
}

function encodeRecord(record: JournalRecord): Uint8Array {
  if (record.op === 'put') {
    const stored = record[STORED_BSON];
    if (typeof stored === 'string') return putWithStoredDoc(record.db, record.coll, stored);
  }
  return serialize(record as Document);
}

export function encodeBatch(batch: JournalRecord[]): Buffer {
  const docs = batch.map(encodeRecord);
  const frame = allocFrame(STAMP + docs.reduce((n, d) => n + d.length, 0));
  let at = FRAME_HEADER + STAMP;
  for (const d of docs) {
    frame.set(d, at);
    at += d.length;
  }
  return frame;
}

/** Fills in the sequence numbers once the writer knows them, and seals the frame. */
export function stampBatch(frame: Buffer, seq: number, group: number): void {
  frame.writeBigUInt64LE(BigInt(seq), FRAME_HEADER);
  frame.writeBigUInt64LE(BigInt(group), FRAME_HEADER + 8);
  sealFrame(frame);
}

export interface DecodedBatch {
  seq: number;
  group: number;
  records: JournalRecord[];
}

/** Reads the sequence numbers of a checked frame body without decoding its records. */
export function batchStamp(body: Buffer): { seq: number; group: number } {
  if (body.length < STAMP) throw new Error(`batch body of ${body.length} bytes is too short`);
  return { seq: Number(body.readBigUInt64LE(0)), group: Number(body.readBigUInt64LE(8)) };
}

export function decodeBatch(body: Buffer): DecodedBatch {
  const { seq, group } = batchStamp(body);
  const records = readDocuments(body, STAMP).map(toRecord);
  return { seq, group, records };
}

/** Splits a run of concatenated BSON documents. */
export function readDocuments(buf: Buffer, from: number): Document[] {
  const docs: Document[] = [];
  for (let at = from; at < buf.length; ) {
    if (buf.length - at < 5) throw new Error('trailing bytes after the last BSON document');
    const size = buf.readInt32LE(at);
    if (size < 5 || at + size > buf.length) throw new Error(`bad BSON document size ${size}`);
    docs.push(deserialize(buf.subarray(at, at + size), RAW_DESERIALIZE));
    at += size;
  }
  return docs;
}

function toRecord(raw: Document): JournalRecord {
  const { op, db, coll } = raw as { op: JournalRecord['op']; db: string; coll: string };
  switch (op) {
    case 'put':
      return { op, db, coll, doc: raw.doc as Document };
    case 'del':
      return { op, db, coll, id: raw.id };
    case 'createColl':
      return { op, db, coll, options: (raw.options ?? {}) as Document };
    case 'dropColl':
      return { op, db, coll };
    case 'dropDb':
      return { op, db };
    case 'createIndex':
      return { op, db, coll, spec: toIndexSpec(raw.spec as Document) };
    case 'dropIndex':
      return { op, db, coll, name: raw.name as string };
    default:
      throw new Error(`unknown journal record op ${JSON.stringify(op)}`);
  }
}

/**
 * Index specs come back with their scalar options as JS values (IndexSpec types them so:
 * `expireAfterSeconds: number`); document-valued options (key, partialFilterExpression,
 * collation, weights, ...) stay in raw form like every other document.
 */
export function toIndexSpec(raw: Document): IndexSpec {
  const spec: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(raw)) spec[k] = promoteScalar(v);
  return spec as IndexSpec;
}

function promoteScalar(v: unknown): unknown {
  if (v !== null && typeof v === 'object' && '_bsontype' in v) {
    const t = (v as { _bsontype: string })._bsontype;
    if (t === 'Int32' || t === 'Double') return (v as { valueOf(): number }).valueOf();
    if (t === 'Long') return (v as unknown as { toNumber(): number }).toNumber();
  }
  return v;
}
