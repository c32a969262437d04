/**
 * The engine: catalog state, the write pipeline to storage, transactions.
 *
 * Two states are kept:
 *  - `latest`: every write that has been executed, including those whose journal append is
 *    still in flight. Writers read and change it synchronously, in the same step that calls
 *    `storage.append`, so concurrent writes serialise (no lost updates, unique indexes
 *    hold) while their fsyncs overlap (group commit).
 *  - `visible`: a frozen root holding only writes whose append has resolved. Readers,
 *    cursors and transaction snapshots use it, so nothing unpersisted is ever shown, and a
 *    write is acknowledged only after it is visible.
 * Appends are published in order. If one fails, `latest` is rebuilt from `visible` and every
 * write executed on top of the failed one is failed too (its outcome is unknown to the
 * client, as after a network error).
 */
import { ErrorCodes, isMongoError, MongoError } from '../errors.js';
import { STORED_BSON, type JournalRecord, type ServerState, type Storage } from '../types.js';
import { Catalog, EMPTY_ROOT, rootView, toServerState, withCollections, type FrozenRoot, type ReadView } from './catalog.js';
import { CollectionData } from './collection.js';
import { encodeDocument, type Stored } from './doc-codec.js';
import type { ExecStats } from './executor.js';
import { Transaction, TxnWriter, writeConflict, type TxnHost } from './transaction.js';
import { LatestWriter, type Writer } from './writer.js';

export interface Logger {
  info(msg: string): void;
  warn(msg: string): void;
  error(msg: string): void;
}

export interface EngineOptions {
  logger: Logger;
  /** Ask storage for a snapshot after this many journal records (default 50,000). */
  snapshotEveryRecords?: number;
}

export class Engine implements TxnHost {
  private latest = new Catalog();
  private visible: FrozenRoot = EMPTY_ROOT;
  /** Resolves when every write executed so far has been published or failed. */
  private tail: Promise<void> = Promise.resolve();
  private epoch = 0;
  /** The last append failure that rolled writes back: writes made on top of it report its code. */
  private lastFailure: unknown = null;
  private recordsSinceSnapshot = 0;
  private closed = false;
  readonly locks = new Map<string, Transaction>();
  readonly liveTransactions = new Set<Transaction>();
  /** Totals over all queries, for tests and serverStatus. */
  readonly stats: ExecStats = { keysExamined: 0, docsExamined: 0 };
  private readonly logger: Logger;
  private readonly snapshotEvery: number;

  constructor(
    private readonly storage: Storage,
    opts: EngineOptions,
  ) {
    this.logger = opts.logger;
    this.snapshotEvery = opts.snapshotEveryRecords ?? 50_000;
  }

  /** Load the stored state. */
  async open(): Promise<void> {
    const state = await this.storage.open();
    this.load(state);
    this.visible = this.latest.freeze();
  }

  private load(state: ServerState): void {
    for (const [db, { collections }] of state) {
      for (const [name, c] of collections) {
        const data = CollectionData.create(db, name, c.options ?? {});
        for (const spec of c.indexes) {
          try {
            data.addIndex(spec);
          } catch (e) {
            this.logger.error(`Recovery: index ${spec.name} on ${db}.${name} could not be built: ${(e as Error).message}`);
          }
        }
        let skipped = 0;
        for (const doc of c.docs) {
          try {
            data.insert(doc, encodeDocument(doc));
          } catch (e) {
            skipped++;
            if (skipped <= 5) this.logger.error(`Recovery: a document of ${db}.${name} was not loaded: ${(e as Error).message}`);
          }
        }
        if (skipped) this.logger.error(`Recovery: ${skipped} document(s) of ${db}.${name} were not loaded.`);
        this.latest.set(db, name, data);
      }
    }
  }

  /** A consistent view of everything acknowledged so far. */
  view(): ReadView {
    return rootView(this.visible);
  }

  viewFor(txn: Transaction | null): ReadView {
    return txn ? txn.view() : this.view();
  }

  latestBuf(db: string, name: string, id: unknown): Stored | undefined {
    const c = this.latest.get(db, name);
    const rid = c?.ridById(id);
    return rid === undefined ? undefined : c!.getBuf(rid);
  }

  /**
   * Run `fn` against the latest state (synchronously), then make its changes durable and
   * visible. Changes made before `fn` throws are kept, as MongoDB keeps the documents an
   * ordered insert wrote before its first error.
   */
  async write<T>(fn: (w: Writer) => T): Promise<T> {
    if (this.closed) throw new MongoError(ErrorCodes.InternalError, 'the server is shutting down');
    const w = new LatestWriter(this.latest);
    let result: T | undefined;
    let failure: unknown = null;
    let failed = false;
    try {
      result = fn(w);
    } catch (e) {
      failed = true;
      failure = e;
    }
    if (w.records.length) await this.persist(w.records, [...w.touched.values()]);
    if (failed) throw failure;
    return result as T;
  }

  /** Run `fn` inside a transaction (its private state; nothing is stored until commit). */
  writeInTransaction<T>(txn: Transaction, fn: (w: Writer) => T): T {
    return fn(new TxnWriter(txn, this));
  }

  private persist(records: JournalRecord[], touched: [string, string][]): Promise<void> {
    const epoch = this.epoch;
    // Captured now: exactly the state after this write (later writes change `latest` again).
    const captured: [string, string, CollectionData | null][] = touched.map(([db, name]) => [db, name, this.latest.get(db, name)?.snapshot() ?? null]);
    let appended: Promise<void>;
    try {
      // The epoch counts rollbacks: storage refuses what was built on a batch it rejected.
      appended = this.storage.append(records, epoch);
    } catch (e) {
      appended = Promise.reject(e);
    }
    this.countRecords(records.length);
    const prev = this.tail;
    const done = (async () => {
      let failure: unknown = null;
      try {
        await appended;
      } catch (e) {
        failure = e;
      }
      await prev;
      if (epoch !== this.epoch) {
        // Same code as the failure it depended on (OutOfDiskSpace when the disk is full).
        const code = isMongoError(failure) ? failure.code : isMongoError(this.lastFailure) ? this.lastFailure.code : ErrorCodes.InternalError;
        throw new MongoError(code, 'write not applied: an earlier write it depended on could not be made durable');
      }
      if (failure) {
        this.logger.error(`Write could not be made durable: ${(failure as Error).message ?? failure}`);
        this.lastFailure = failure;
        this.resetLatest();
        throw isMongoError(failure) ? failure : new MongoError(ErrorCodes.InternalError, `write could not be made durable: ${(failure as Error).message ?? failure}`);
      }
      this.visible = withCollections(this.visible, captured);
    })();
    this.tail = done.catch(() => undefined);
    return done;
  }

  /** Forget every unpublished change: `latest` becomes a mutable copy of `visible`. */
  private resetLatest(): void {
    this.epoch++;
    this.latest = Catalog.fromRoot(this.visible);
  }

  private countRecords(n: number): void {
    this.recordsSinceSnapshot += n;
    if (this.recordsSinceSnapshot < this.snapshotEvery) return;
    this.recordsSinceSnapshot = 0;
    this.storage.requestSnapshot(() => this.capture());
  }

  /** The state holding exactly the batches passed to `append` so far (storage contract). */
  capture(): ServerState {
    return toServerState(this.latest.freeze());
  }

  // ---- transactions ----

  beginTransaction(txnNumber: number): Transaction {
    const txn = new Transaction(this.visible, txnNumber);
    this.liveTransactions.add(txn);
    return txn;
  }

  private releaseLocks(txn: Transaction): void {
    for (const k of txn.lockKeys) if (this.locks.get(k) === txn) this.locks.delete(k);
    txn.lockKeys.clear();
    this.liveTransactions.delete(txn);
  }

  abortTransaction(txn: Transaction, reason?: MongoError): void {
    if (txn.state === 'committed' || txn.state === 'aborted') return;
    txn.state = 'aborted';
    txn.abortReason = reason ?? null;
    this.releaseLocks(txn);
  }

  /** Commit: apply the transaction's final versions to `latest` atomically, one append. */
  commitTransaction(txn: Transaction): Promise<void> {
    if (txn.commitPromise) return txn.commitPromise;
    if (txn.state !== 'active') return Promise.reject(new MongoError(ErrorCodes.NoSuchTransaction, `Transaction ${txn.txnNumber} has been aborted.`, {}, ['TransientTransactionError']));
    txn.state = 'committing';
    let records: JournalRecord[];
    let touched: [string, string][];
    try {
      ({ records, touched } = this.applyTransaction(txn));
    } catch (e) {
      const err = isMongoError(e) && e.code === ErrorCodes.WriteConflict ? e : writeConflict(`Transaction commit failed: ${(e as Error).message}`);
      txn.state = 'active';
      this.abortTransaction(txn, err);
      txn.commitPromise = Promise.reject(err);
      txn.commitPromise.catch(() => undefined);
      return txn.commitPromise;
    }
    this.releaseLocks(txn);
    txn.commitPromise = (records.length ? this.persist(records, touched) : Promise.resolve()).then(
      () => {
        txn.state = 'committed';
      },
      (e) => {
        txn.state = 'aborted';
        throw e;
      },
    );
    return txn.commitPromise;
  }

  private applyTransaction(txn: Transaction): { records: JournalRecord[]; touched: [string, string][] } {
    const records: JournalRecord[] = [];
    const next: [string, string, CollectionData][] = [];
    for (const w of txn.writes.values()) {
      const entries = [...w.entries.values()].filter((e) => e.doc !== undefined);
      const cur = this.latest.get(w.db, w.name);
      if (!cur && !w.created && entries.length === 0) continue;
      const data = cur ? cur.clone() : CollectionData.create(w.db, w.name, w.created ?? {});
      if (!cur) records.push({ op: 'createColl', db: w.db, coll: w.name, options: w.created ?? {} });
      const rids = entries.map((e) => data.ridById(e.id));
      entries.forEach((e, i) => {
        const rid = rids[i];
        if ((rid === undefined ? undefined : data.getBuf(rid)) !== e.baseBuf) throw writeConflict();
      });
      // Remove old versions first, so a swap of unique values inside the transaction applies.
      entries.forEach((e, i) => {
        if (rids[i] !== undefined) data.remove(rids[i]!);
      });
      for (const e of entries) {
        if (e.doc) {
          data.insert(e.doc, e.buf!);
          records.push({ op: 'put', db: w.db, coll: w.name, doc: e.doc, [STORED_BSON]: e.buf! });
        } else if (e.baseBuf) {
          records.push({ op: 'del', db: w.db, coll: w.name, id: e.id });
        }
      }
      next.push([w.db, w.name, data]);
    }
    for (const [db, name, data] of next) this.latest.set(db, name, data);
    return { records, touched: next.map(([db, name]) => [db, name]) };
  }

  /** Abort transactions older than `maxAgeMs` (transactionLifetimeLimitSeconds). */
  expireTransactions(maxAgeMs: number, now = Date.now()): number {
    let n = 0;
    for (const txn of [...this.liveTransactions]) {
      if (txn.state === 'active' && now - txn.startedAt > maxAgeMs) {
        this.abortTransaction(txn, new MongoError(ErrorCodes.NoSuchTransaction, `Transaction ${txn.txnNumber} has been aborted because it exceeded its time limit.`, {}, ['TransientTransactionError']));
        n++;
      }
    }
    return n;
  }

  /** Wait for in-flight writes, then close storage. */
  async close(): Promise<void> {
    this.closed = true;
    await this.tail;
    for (const txn of [...this.liveTransactions]) this.abortTransaction(txn);
    await this.storage.close();
  }

  /** For diagnostics (serverStatus, tests): documents per collection in the visible state. */
  countDocuments(db: string, name: string): number {
    return this.visible.get(db)?.get(name)?.size ?? 0;
  }
}
