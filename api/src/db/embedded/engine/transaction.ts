/**
 * Multi-document transactions with snapshot isolation.
 *
 * A transaction reads the frozen root that was visible when it started (every write up to
 * then, nothing after) and writes into private mutable copies of the collections it
 * touches, so it sees its own writes and nobody else does. Each document it writes is
 * locked for it; conflicts are detected first-writer-wins, as WiredTiger does:
 *  - another live transaction holds the document's lock, or
 *  - the document changed in the engine's latest state since the snapshot (its stored
 *    bytes differ; a change that was undone again is not a conflict, as the result is the
 *    same as running after it).
 * Either aborts the transaction with WriteConflict (112) + TransientTransactionError, at
 * write time or at commit (a non-transactional write does not wait for locks; the
 * transaction finds out when it commits).
 */
import type { Document } from 'bson';
import { ErrorCodes, MongoError } from '../errors.js';
import type { IndexSpec } from '../types.js';
import { Catalog, type FrozenRoot, type ReadView } from './catalog.js';
import { CollectionData } from './collection.js';
import { encodeDocument, type Stored } from './doc-codec.js';
import { MoreCodes, mongoError } from './errors-ext.js';
import { bsonEquals, hashKey } from './query-api.js';
import { collKey, immutableIdError, namespaceExists, type Writer } from './writer.js';

export const TRANSIENT = 'TransientTransactionError';

export interface TxnEntry {
  id: unknown;
  /** The stored bytes in the snapshot (undefined: absent). */
  baseBuf: Stored | undefined;
  /** Final version: a document, null for deleted, undefined for locked but unchanged. */
  doc: Document | null | undefined;
  buf: Stored | null | undefined;
}

export interface TxnCollWrites {
  db: string;
  name: string;
  /** Options when the transaction created the collection. */
  created: Document | null;
  entries: Map<string, TxnEntry>;
}

export type TxnState = 'active' | 'committing' | 'committed' | 'aborted';

/** What a transaction needs from the engine. */
export interface TxnHost {
  /** The stored bytes of `id` in the engine's latest state. */
  latestBuf(db: string, name: string, id: unknown): Stored | undefined;
  readonly locks: Map<string, Transaction>;
  abortTransaction(txn: Transaction, reason?: MongoError): void;
}

export function writeConflict(message = 'Write conflict during plan execution and yielding is disabled.'): MongoError {
  return new MongoError(ErrorCodes.WriteConflict, message, {}, [TRANSIENT]);
}

export class Transaction {
  state: TxnState = 'active';
  readonly work = new Catalog();
  readonly writes = new Map<string, TxnCollWrites>();
  readonly lockKeys = new Set<string>();
  readonly startedAt = Date.now();
  abortReason: MongoError | null = null;
  commitPromise: Promise<void> | null = null;

  constructor(
    readonly base: FrozenRoot,
    readonly txnNumber: number,
  ) {}

  get hasWrites(): boolean {
    return this.writes.size > 0;
  }

  /** Reads: own working copies (frozen for safe lazy iteration), else the snapshot. */
  view(): ReadView {
    const dbNames = () => new Set([...this.base.keys(), ...this.work.dbs.keys()]);
    return {
      collection: (db, name) => {
        const own = this.work.get(db, name);
        return own ? own.snapshot() : this.base.get(db)?.get(name);
      },
      collectionNames: (db) => [...new Set([...(this.base.get(db)?.keys() ?? []), ...(this.work.dbs.get(db)?.keys() ?? [])])],
      databaseNames: () => [...dbNames()],
    };
  }
}

function notInTransaction(what: string): MongoError {
  return mongoError(MoreCodes.OperationNotSupportedInTransaction, `Cannot run '${what}' in a multi-document transaction.`);
}

export class TxnWriter implements Writer {
  readonly inTransaction = true;

  constructor(
    private readonly txn: Transaction,
    private readonly host: TxnHost,
  ) {}

  collection(db: string, name: string): CollectionData | undefined {
    return this.txn.work.get(db, name) ?? this.txn.base.get(db)?.get(name);
  }

  private writesFor(db: string, name: string): TxnCollWrites {
    const key = collKey(db, name);
    let w = this.txn.writes.get(key);
    if (!w) {
      w = { db, name, created: null, entries: new Map() };
      this.txn.writes.set(key, w);
    }
    return w;
  }

  /** The transaction's mutable copy of a collection (made on first write). */
  private mutable(coll: CollectionData): CollectionData {
    const own = this.txn.work.get(coll.db, coll.name);
    if (own) return own;
    const copy = coll.clone();
    this.txn.work.set(coll.db, coll.name, copy);
    return copy;
  }

  ensureCollection(db: string, name: string): CollectionData {
    const existing = this.collection(db, name);
    if (existing) return this.mutable(existing);
    return this.createCollection(db, name, {});
  }

  createCollection(db: string, name: string, options: Document): CollectionData {
    if (this.collection(db, name)) throw namespaceExists(db, name);
    const data = CollectionData.create(db, name, options);
    this.txn.work.set(db, name, data);
    this.writesFor(db, name).created = options;
    return data;
  }

  /** Lock `id` for this transaction, or abort it with a write conflict. */
  private claim(coll: CollectionData, id: unknown): TxnEntry {
    const w = this.writesFor(coll.db, coll.name);
    const k = hashKey(id);
    const existing = w.entries.get(k);
    if (existing) return existing;
    const lockKey = `${collKey(coll.db, coll.name)}\0${k}`;
    const holder = this.host.locks.get(lockKey);
    const baseColl = this.txn.base.get(coll.db)?.get(coll.name);
    const baseRid = baseColl?.ridById(id);
    const baseBuf = baseRid === undefined ? undefined : baseColl!.getBuf(baseRid);
    if ((holder && holder !== this.txn) || this.host.latestBuf(coll.db, coll.name, id) !== baseBuf) {
      const err = writeConflict();
      this.host.abortTransaction(this.txn, err);
      throw err;
    }
    this.host.locks.set(lockKey, this.txn);
    this.txn.lockKeys.add(lockKey);
    const entry: TxnEntry = { id, baseBuf, doc: undefined, buf: undefined };
    w.entries.set(k, entry);
    return entry;
  }

  insert(coll: CollectionData, doc: Document): void {
    const target = this.mutable(coll);
    const entry = this.claim(target, doc._id);
    const buf = encodeDocument(doc);
    target.insert(doc, buf);
    entry.doc = doc;
    entry.buf = buf;
  }

  update(coll: CollectionData, rid: number, oldDoc: Document, newDoc: Document): void {
    if (!bsonEquals(oldDoc._id, newDoc._id)) throw immutableIdError();
    const target = this.mutable(coll);
    const entry = this.claim(target, oldDoc._id);
    const buf = encodeDocument(newDoc, 'Resulting document after update is');
    target.update(rid, oldDoc, newDoc, buf);
    entry.doc = newDoc;
    entry.buf = buf;
  }

  remove(coll: CollectionData, rid: number, oldDoc: Document): void {
    const target = this.mutable(coll);
    const entry = this.claim(target, oldDoc._id);
    target.remove(rid, oldDoc);
    entry.doc = null;
    entry.buf = null;
  }

  createIndex(_coll: CollectionData, _spec: IndexSpec): void {
    throw notInTransaction('createIndexes');
  }

  dropIndex(_coll: CollectionData, _name: string): void {
    throw notInTransaction('dropIndexes');
  }

  dropCollection(_db: string, _name: string): boolean {
    throw notInTransaction('drop');
  }

  dropDatabase(_db: string): void {
    throw notInTransaction('dropDatabase');
  }

  renameCollection(): void {
    throw notInTransaction('renameCollection');
  }
}
