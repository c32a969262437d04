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
      const name = cstring(k);
      const arrLen = Buffer.allocUnsafe(4);
      out.push(Buffer.of(0x04), name, arrLen);
      let arrSize = 4;
      v.docs.forEach((d, i) => {
        const idx = cstring(String(i));
        out.push(Buffer.of(0x03), idx, typeof d === 'string' ? Buffer.from(d, 'latin1') : d);
        arrSize += 1 + idx.length + d.length;
      });
      out.push(Buffer.of(0));
      arrSize += 1;
      arrLen.writeInt32LE(arrSize, 0);
      size += 1 + name.length + arrSize;
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

/** Serialise a reply document that may hold RawBatch values. */
export function serializeReply(doc: Document): Buffer {
  if (!holdsRaw(doc)) return BSON.serialize(doc) as Buffer;
  const parts: Uint8Array[] = [];
  writeDocument(doc, parts);
  return Buffer.concat(parts);
}
