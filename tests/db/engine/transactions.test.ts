/**
 * Transactions: snapshot isolation, first-writer-wins conflicts (112 +
 * TransientTransactionError), rollback, commit as one storage append, and the session
 * errors drivers rely on (251 NoSuchTransaction, commit retried after success).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Long, MongoClient, MongoServerError, type ClientSession, type Db, type Document } from 'mongodb';
import { startEmbedded, type EmbeddedServer } from '../../../api/src/db/embedded/index.js';
import { MemoryStorage } from '../../../api/src/db/embedded/storage/memory.js';
import type { JournalRecord } from '../../../api/src/db/embedded/types.js';
import type { AnyDoc } from './support.js';

/** Memory storage that remembers every batch it was asked to append. */
class RecordingStorage extends MemoryStorage {
  readonly batches: JournalRecord[][] = [];
  override async append(batch: JournalRecord[]): Promise<void> {
    this.batches.push(batch);
  }
}

let server: EmbeddedServer;
let client: MongoClient;
let db: Db;
const storage = new RecordingStorage();
let n = 0;
const fresh = (label: string) => db.collection<AnyDoc>(`${label}_${++n}`);

beforeAll(async () => {
  server = await startEmbedded({ storage });
  client = await MongoClient.connect(server.uri);
  db = client.db('txn');
});

afterAll(async () => {
  await client?.close();
  await server?.stop();
});

async function inTxn<T>(fn: (s: ClientSession) => Promise<T>): Promise<{ session: ClientSession; result: T }> {
  const session = client.startSession();
  session.startTransaction();
  const result = await fn(session);
  return { session, result };
}

async function caught(p: Promise<unknown>): Promise<MongoServerError> {
  const e = await p.then(
    () => null,
    (x: unknown) => x,
  );
  expect(e).toBeInstanceOf(MongoServerError);
  return e as MongoServerError;
}

describe('isolation', () => {
  it('reads the snapshot of its start plus its own writes; nobody sees them before commit', async () => {
    const c = fresh('iso');
    await c.insertMany([{ _id: 1, v: 'old' }, { _id: 2, v: 'old' }]);
    const { session } = await inTxn(async (s) => {
      expect(await c.findOne({ _id: 1 }, { session: s })).toEqual({ _id: 1, v: 'old' }); // snapshot starts here
      await c.updateOne({ _id: 1 }, { $set: { v: 'mine' } }, { session: s });
      await c.insertOne({ _id: 3, v: 'mine' }, { session: s });
    });
    // Outside: not visible yet; a concurrent outside write to another document is not seen inside.
    expect(await c.findOne({ _id: 1 })).toEqual({ _id: 1, v: 'old' });
    expect(await c.findOne({ _id: 3 })).toBeNull();
    await c.updateOne({ _id: 2 }, { $set: { v: 'outside' } });
    expect(await c.find({}, { session, sort: { _id: 1 } }).toArray()).toEqual([
      { _id: 1, v: 'mine' },
      { _id: 2, v: 'old' },
      { _id: 3, v: 'mine' },
    ]);
    expect(await c.countDocuments({ v: 'mine' }, { session })).toBe(2);
    await session.commitTransaction();
    await session.endSession();
    expect(await c.find({}, { sort: { _id: 1 } }).toArray()).toEqual([
      { _id: 1, v: 'mine' },
      { _id: 2, v: 'outside' },
      { _id: 3, v: 'mine' },
    ]);
  });

  it('abort rolls everything back, including an implicitly created collection', async () => {
    const c = fresh('abort');
    await c.insertOne({ _id: 1, n: 1 });
    const created = fresh('abort_new');
    const { session } = await inTxn(async (s) => {
      await c.updateOne({ _id: 1 }, { $inc: { n: 1 } }, { session: s });
      await c.insertOne({ _id: 2 }, { session: s });
      await c.deleteOne({ _id: 1 }, { session: s });
      await created.insertOne({ x: 1 }, { session: s });
    });
    await session.abortTransaction();
    await session.endSession();
    expect(await c.find().toArray()).toEqual([{ _id: 1, n: 1 }]);
    expect(await db.listCollections({ name: created.collectionName }).toArray()).toEqual([]);
  });
});

describe('conflicts', () => {
  it('a second transaction writing the same document gets 112 at once and is aborted', async () => {
    const c = fresh('ww');
    await c.insertOne({ _id: 'acct', balance: 100 });
    const a = await inTxn((s) => c.updateOne({ _id: 'acct' }, { $inc: { balance: -10 } }, { session: s }));
    const b = client.startSession();
    b.startTransaction();
    await c.findOne({ _id: 'nothing' }, { session: b });
    const err = await caught(c.updateOne({ _id: 'acct' }, { $inc: { balance: -20 } }, { session: b }));
    expect(err.code).toBe(112);
    expect(err.hasErrorLabel('TransientTransactionError')).toBe(true);
    // b is aborted: its next statement says so.
    const after = await caught(c.findOne({ _id: 'acct' }, { session: b }));
    expect(after.code).toBe(251);
    await b.abortTransaction().catch(() => undefined);
    await a.session.commitTransaction();
    expect((await c.findOne({ _id: 'acct' }))!.balance).toBe(90);
    await a.session.endSession();
    await b.endSession();
  });

  it('writing a document changed since the snapshot conflicts', async () => {
    const c = fresh('stale');
    await c.insertOne({ _id: 1, v: 0 });
    const { session } = await inTxn((s) => c.findOne({ _id: 1 }, { session: s }));
    await c.updateOne({ _id: 1 }, { $set: { v: 1 } }); // committed after the snapshot
    const err = await caught(c.updateOne({ _id: 1 }, { $set: { v: 2 } }, { session }));
    expect(err.code).toBe(112);
    await session.endSession();
    expect((await c.findOne({ _id: 1 }))!.v).toBe(1);
  });

  it('a plain write to a document a live transaction wrote makes that transaction fail at commit', async () => {
    const c = fresh('plain');
    await c.insertOne({ _id: 1, v: 'base' });
    const { session } = await inTxn((s) => c.updateOne({ _id: 1 }, { $set: { v: 'txn' }, $inc: { n: 1 } }, { session: s }));
    await c.updateOne({ _id: 1 }, { $set: { v: 'plain' } });
    const err = await caught(session.commitTransaction());
    expect(err.code).toBe(112);
    expect(err.hasErrorLabel('TransientTransactionError')).toBe(true);
    await session.endSession();
    expect(await c.findOne({ _id: 1 })).toEqual({ _id: 1, v: 'plain' });
  });

  it('two transactions inserting the same unique key: the later commit gets 112', async () => {
    const c = fresh('uniq');
    await c.createIndex({ email: 1 }, { unique: true });
    const a = await inTxn((s) => c.insertOne({ email: 'x@y' }, { session: s }));
    const b = await inTxn((s) => c.insertOne({ email: 'x@y' }, { session: s }));
    await a.session.commitTransaction();
    const err = await caught(b.session.commitTransaction());
    expect(err.code).toBe(112);
    expect(await c.countDocuments({ email: 'x@y' })).toBe(1);
    await a.session.endSession();
    await b.session.endSession();
  });

  it('withTransaction retries after a conflict and then succeeds', async () => {
    const c = fresh('retry');
    await c.insertOne({ _id: 1, n: 0 });
    const blocker = await inTxn((s) => c.updateOne({ _id: 1 }, { $inc: { n: 1 } }, { session: s }));
    let attempts = 0;
    const session = client.startSession();
    const done = session.withTransaction(async () => {
      attempts++;
      if (attempts === 2) await blocker.session.commitTransaction();
      await c.updateOne({ _id: 1 }, { $inc: { n: 10 } }, { session });
    });
    await done;
    // The first attempt conflicts with the live blocker; the second starts its snapshot after
    // the blocker's commit (at its first statement) and succeeds.
    expect(attempts).toBe(2);
    expect((await c.findOne({ _id: 1 }))!.n).toBe(11);
    await session.endSession();
    await blocker.session.endSession();
  });
});

describe('commit', () => {
  it('is one storage append holding every record of the transaction', async () => {
    const a = fresh('atomic_a');
    const b = fresh('atomic_b');
    await a.insertOne({ _id: 1 });
    await b.insertOne({ _id: 1 });
    const { session } = await inTxn(async (s) => {
      await a.insertOne({ _id: 2 }, { session: s });
      await a.deleteOne({ _id: 1 }, { session: s });
      await b.updateOne({ _id: 1 }, { $set: { x: 1 } }, { session: s });
    });
    const before = storage.batches.length;
    await session.commitTransaction();
    await session.endSession();
    expect(storage.batches.length).toBe(before + 1);
    const batch = storage.batches[before];
    expect(batch.map((r) => [r.op, 'coll' in r ? r.coll : ''])).toEqual(
      expect.arrayContaining([
        ['put', a.collectionName],
        ['del', a.collectionName],
        ['put', b.collectionName],
      ]),
    );
    expect(batch).toHaveLength(3);
  });

  it('commitTransaction retried after success answers ok; an unknown transaction is 251', async () => {
    const c = fresh('again');
    const { session } = await inTxn((s) => c.insertOne({ _id: 1 }, { session: s }));
    await session.commitTransaction();
    await session.commitTransaction(); // the driver re-sends commitTransaction
    expect(await c.countDocuments()).toBe(1);
    const err = await caught(
      db.command({ find: c.collectionName, filter: {}, txnNumber: Long.fromNumber(999), autocommit: false }, { session }),
    );
    expect(err.code).toBe(251);
    expect(err.codeName).toBe('NoSuchTransaction');
    await session.endSession();
  });

  it('a command that cannot run in a transaction is refused', async () => {
    const c = fresh('refuse');
    await c.insertOne({ _id: 1 });
    const { session } = await inTxn((s) => c.findOne({}, { session: s }));
    const err = await caught(db.command({ listCollections: 1 }, { session }));
    expect(err.code).toBe(263);
    await session.abortTransaction().catch(() => undefined);
    await session.endSession();
  });
});
