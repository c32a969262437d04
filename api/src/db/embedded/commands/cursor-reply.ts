/**
 * Cursor replies: `{ cursor: { firstBatch | nextBatch, id, ns }, ok: 1 }`, the batch spliced
 * in as encoded documents. Cursor ids are always int64, also when 0 (an int32 id breaks
 * the driver).
 */
import { Long, type Document } from 'bson';
import { DEFAULT_FIRST_BATCH, type Cursor } from '../engine/cursors.js';
import { encodeDocument, type Stored } from '../engine/doc-codec.js';
import { RawBatch } from '../wire/bson-writer.js';
import type { CommandContext } from './context.js';

export interface FirstBatchOptions {
  batchSize?: number;
  singleBatch?: boolean;
  noTimeout?: boolean;
}

export function cursorReply(ctx: CommandContext, ns: string, docs: Iterator<Stored>, opts: FirstBatchOptions = {}): Document {
  const cursor = ctx.rt.cursors.create(ns, docs, { noTimeout: opts.noTimeout });
  const batch = cursor.nextBatch(opts.batchSize ?? DEFAULT_FIRST_BATCH);
  let id = Long.ZERO;
  if (cursor.exhausted || opts.singleBatch) cursor.close();
  else {
    ctx.rt.cursors.register(cursor);
    id = cursor.id;
  }
  return { cursor: { firstBatch: new RawBatch(batch), id, ns }, ok: 1 };
}

export function nextBatchReply(ctx: CommandContext, cursor: Cursor, max: number): Document {
  const batch = cursor.nextBatch(max);
  let id = cursor.id;
  if (cursor.exhausted) {
    ctx.rt.cursors.kill(cursor.id);
    id = Long.ZERO;
  }
  return { cursor: { nextBatch: new RawBatch(batch), id, ns: cursor.ns }, ok: 1 };
}

/** Encode computed documents (aggregation results, listings) for a cursor. */
export function* encodeAll(docs: Iterable<Document>): Generator<Stored> {
  for (const d of docs) yield encodeDocument(d, 'result document');
}
