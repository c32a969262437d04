/**
 * Reads whole documents as records through the driver's raw mode: mongoose builds and checks
 * the filter exactly as `Model.find` would (sanitizeFilter, casting, strictQuery), the driver
 * returns each document's bytes, and `readRecord` turns them into the record directly.
 *
 * Why not `.lean()` + `toPlain`: for a page of 100 projects with their ~1,000 nodes, the
 * driver's full decode into ObjectId/wrapper objects and the conversion after it were most of
 * the request's CPU (see bench/api.bench.ts); this path skips both intermediate forms.
 */
import { sanitizeFilter, type Model } from 'mongoose';
import type { Document, Filter, Sort } from 'mongodb';
import { readRecord } from './bson-fields.js';

/** Any model: only its schema (for casting) and its collection are used, never its document type. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyModel = Model<any>;

export interface RecordQuery {
  sort?: Record<string, 1 | -1>;
  limit?: number;
  projection?: Record<string, 0 | 1>;
}

/** The filter as mongoose would send it for `model.find(filter)`. */
export function castFilter(model: AnyModel, filter: Record<string, unknown>): Filter<Document> {
  const q = model.find();
  return q.cast(model, sanitizeFilter({ ...filter })) as Filter<Document>;
}

export async function findRecords<R>(model: AnyModel, filter: Record<string, unknown>, opts: RecordQuery = {}): Promise<R[]> {
  const cursor = model.collection.find(castFilter(model, filter), {
    raw: true,
    // Every matching document in one reply: a page's children are one round trip, not 101 + getMore.
    batchSize: 100_000,
    ...(opts.sort ? { sort: opts.sort as Sort } : {}),
    ...(opts.limit ? { limit: opts.limit } : {}),
    ...(opts.projection ? { projection: opts.projection } : {}),
  });
  const raw = (await cursor.toArray()) as unknown as Uint8Array[];
  return raw.map((bytes) => readRecord(bytes) as R);
}
