/**
 * Reply serialisation that splices already-encoded documents (stored BSON, or documents
 * encoded once for a cursor batch) into the reply instead of decoding and re-encoding them.
 * Everything else is serialised by `bson` from raw-form values, so types round-trip.
 */
import { BSON, type Document } from 'bson';

/** An array of encoded documents (bytes, or byte strings as stored), e.g. a cursor's `firstBatch`. */
export class RawBatch {
  constructor(readonly docs: readonly (Uint8Array | string)[]) {}
}

function isPlain(v: unknown): v is Document {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

function holdsRaw(v: unknown): boolean {
  if (v instanceof RawBatch) return true;
  if (!isPlain(v)) return false;
  for (const k in v) if (holdsRaw(v[k])) return true;
  return false;
}

function cstring(s: string): Buffer {
  return Buffer.from(`${s}\0`, 'utf8');
}

/** The elements of `fields` (a document's bytes without length prefix and terminator). */
function plainElements(fields: Document): Uint8Array {
  const bytes = BSON.serialize(fields);
  return bytes.subarray(4, bytes.length - 1);
}

/** One array element `k: [docs...]`, written straight into a buffer of its exact size. */
function rawBatchElement(name: Buffer, docs: readonly (Uint8Array | string)[]): Buffer {
  let arrSize = 5; // length + terminator
  for (let i = 0; i < docs.length; i++) arrSize += 2 + decimalLength(i) + docs[i].length;
  const out = Buffer.allocUnsafe(1 + name.length + arrSize);
  out[0] = 0x04;
  name.copy(out, 1);
  let pos = 1 + name.length;
  out.writeInt32LE(arrSize, pos);
  pos += 4;
  for (let i = 0; i < docs.length; i++) {
    const d = docs[i];
    out[pos++] = 0x03;
    pos += out.write(String(i), pos, 'latin1');
    out[pos++] = 0;
    if (typeof d === 'string') pos += out.write(d, pos, 'latin1');
    else {
      out.set(d, pos);
      pos += d.length;
    }
  }
  out[pos] = 0;
  return out;
}

function decimalLength(i: number): number {
  return i < 10 ? 1 : i < 100 ? 2 : i < 1000 ? 3 : String(i).length;
}

function writeDocument(doc: Document, out: Uint8Array[]): number {
  const lengthAt = out.length;
  const len = Buffer.allocUnsafe(4);
  out.push(len);
  let size = 4;
  let run: Document | null = null;
  const flush = () => {
    if (!run) return;
    const e = plainElements(run);
    out.push(e);
    size += e.length;
    run = null;
  };
  for (const k of Object.keys(doc)) {
    const v = doc[k];
    if (v instanceof RawBatch) {
      flush();
      const element = rawBatchElement(cstring(k), v.docs);
      out.push(element);
      size += element.length;
    } else if (isPlain(v) && holdsRaw(v)) {
      flush();
      const name = cstring(k);
      out.push(Buffer.of(0x03), name);
      size += 1 + name.length + writeDocument(v, out);
    } else {
      (run ??= {})[k] = v;
    }
  }
  flush();
  out.push(Buffer.of(0));
  size += 1;
  (out[lengthAt] as Buffer).writeInt32LE(size, 0);
  return size;
}

/** Replies small enough to be serialised here are copied out once, at their exact size. */
const REPLY_SCRATCH = Buffer.allocUnsafeSlow(64 * 1024);

/**
 * Serialise a reply document that may hold RawBatch values, behind `headroom` bytes left
 * for the caller (the message header), so a message goes out as one buffer.
 */
export function serializeReply(doc: Document, headroom = 0): Buffer {
  if (!holdsRaw(doc)) {
    let end = -1;
    try {
      end = BSON.serializeWithBufferAndIndex(doc, REPLY_SCRATCH, { index: headroom });
    } catch {
      // Larger than the scratch area: serialise on its own below.
    }
    if (end >= 0) return Buffer.from(REPLY_SCRATCH.subarray(0, end + 1));
    const body = BSON.serialize(doc);
    const out = Buffer.allocUnsafe(headroom + body.length);
    out.set(body, headroom);
    return out;
  }
  const parts: Uint8Array[] = [Buffer.allocUnsafe(headroom)];
  writeDocument(doc, parts);
  return Buffer.concat(parts);
}
