/**
 * Contracts between the parts of the embedded server:
 *  - query/   the MongoDB query language over documents (match, update, project, sort, aggregate)
 *  - engine/  catalog, collections, indexes, cursors, sessions and transactions (in memory)
 *  - storage/ durability: data directory, journal, snapshots, recovery
 *  - wire/    the MongoDB wire protocol and command dispatch
 *
 * Documents inside the server are in "raw" form: what `bson.deserialize(buf, RAW_DESERIALIZE)`
 * returns. Numbers stay wrapped (Int32, Double, Long, Decimal128), so a document that is
 * read and written back keeps every BSON type exactly.
 */
import type { Document } from 'bson';

export type { Document };

/** Options for bson.deserialize that keep every BSON type (see file comment). */
export const RAW_DESERIALIZE = { promoteValues: false, promoteBuffers: false, bsonRegExp: true } as const;

/**
 * On a `put` record made by the engine: `doc` already serialised, as the stored byte string
 * (see engine/doc-codec.ts). Storage may write these bytes instead of serialising `doc` again;
 * a symbol key, so it is never part of the record's own serialisation. Such records may give
 * `doc` as a getter that decodes those bytes: read `record.doc` (or `bson.serialize` the
 * record, which it supports through `toBSON`), do not spread or `Object.keys` it.
 */
export const STORED_BSON: unique symbol = Symbol('storedBson');

/** One durable change. A transaction's changes are appended together as one batch. */
export type JournalRecord =
  | { op: 'put'; db: string; coll: string; doc: Document; [STORED_BSON]?: string }
  | { op: 'del'; db: string; coll: string; id: unknown }
  | { op: 'createColl'; db: string; coll: string; options: Document }
  | { op: 'dropColl'; db: string; coll: string }
  | { op: 'dropDb'; db: string }
  | { op: 'createIndex'; db: string; coll: string; spec: IndexSpec }
  | { op: 'dropIndex'; db: string; coll: string; name: string };

export interface IndexSpec {
  name: string;
  key: Document; // e.g. { a: 1, 'b.c': -1 }
  unique?: boolean;
  sparse?: boolean;
  partialFilterExpression?: Document;
  expireAfterSeconds?: number;
  [option: string]: unknown;
}

/** The whole database state as plain data: what a snapshot holds and recovery returns. */
export interface CollectionState {
  options: Document;
  indexes: IndexSpec[]; // not including the implicit _id_ index
  docs: Iterable<Document>;
}
export interface DatabaseState {
  collections: Map<string, CollectionState>;
}
export type ServerState = Map<string, DatabaseState>;

/**
 * Durability backend used by the engine. The memory backend does nothing; the durable
 * backend journals to a data directory.
 */
export interface Storage {
  /** Acquire the directory lock, load snapshot + journal. Called once before serving. */
  open(): Promise<ServerState>;
  /**
   * Append a batch atomically (all records or none survive a crash). The promise resolves
   * only when the batch is on stable storage (fsync); many concurrent appends share one
   * fsync (group commit). Rejects with MongoError (e.g. OutOfDiskSpace) when it cannot.
   *
   * `generation` is the writer's count of failed appends so far: once a batch of generation g
   * is rejected, every batch of generation ≤ g queued or appended after it is rejected with the
   * same error and never written — it was made on top of the rejected one, before its writer
   * could roll back, and is reported "not applied".
   */
  append(batch: JournalRecord[], generation?: number): Promise<void>;
  /**
   * Ask for a snapshot + journal compaction in the background. `capture` is called
   * synchronously (between two appends) and must return a consistent view of the state.
   */
  requestSnapshot(capture: () => ServerState): void;
  /** Flush, release the lock. */
  close(): Promise<void>;
}
