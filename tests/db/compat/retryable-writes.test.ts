/**
 * Retryable writes: a replica-set primary de-duplicates a write re-sent with the same
 * session and txnNumber (what the driver does after a network error), so a retry never
 * applies twice. Raw commands on a dedicated session pin the txnNumber explicitly.
 *
 * Each test opens its own client: drivers pool server sessions (lsids) and keep counting
 * txnNumbers on them, so a session shared with ordinary driver writes would carry numbers
 * this test does not control.
 */
import { describe, expect, it } from 'vitest';
import { Long, type ClientSession, type Db } from 'mongodb';
import { useDatabase } from '../../testkit/db.js';
import { expectServerError, freshCollection } from './support.js';

const t = useDatabase('retryable');

/** A session on a client of its own, and that client's handle on the test database. */
async function ownSession(): Promise<{ session: ClientSession; db: Db }> {
  const client = await t.connectClient();
  return { session: client.startSession(), db: client.db(t.dbName) };
}

describe('retryable writes', () => {
  it('an insert re-sent with the same txnNumber is answered again, not applied again', async () => {
    const c = freshCollection(t.db, 'rw_insert');
    const { session, db } = await ownSession();
    try {
      const cmd = { insert: c.collectionName, documents: [{ _id: 'once', v: 1 }], txnNumber: Long.fromNumber(1) };
      const first = await db.command(cmd, { session });
      const retry = await db.command(cmd, { session });
      expect(first).toMatchObject({ ok: 1, n: 1 });
      expect(retry).toMatchObject({ ok: 1, n: 1 });
      expect(retry.writeErrors).toBeUndefined();
      expect(await c.countDocuments()).toBe(1);
    } finally {
      await session.endSession();
    }
  });

  it('an $inc re-sent with the same txnNumber increments once; a new txnNumber runs again', async () => {
    const c = freshCollection(t.db, 'rw_update');
    await c.insertOne({ _id: 'k', n: 0 });
    const { session, db } = await ownSession();
    try {
      const update = (txn: number) => ({ update: c.collectionName, updates: [{ q: { _id: 'k' }, u: { $inc: { n: 1 } } }], txnNumber: Long.fromNumber(txn) });
      const first = await db.command(update(5), { session });
      const retry = await db.command(update(5), { session });
      expect(first).toMatchObject({ ok: 1, n: 1, nModified: 1 });
      expect(retry).toMatchObject({ ok: 1, n: 1, nModified: 1 });
      expect((await c.findOne({ _id: 'k' }))!.n).toBe(1);
      await db.command(update(6), { session });
      expect((await c.findOne({ _id: 'k' }))!.n).toBe(2);
      // Going back to an older txnNumber on the session is refused.
      await expectServerError(db.command(update(5), { session }), 225, 'TransactionTooOld');
      expect((await c.findOne({ _id: 'k' }))!.n).toBe(2);
    } finally {
      await session.endSession();
    }
  });

  it('a findAndModify retry returns the original result', async () => {
    const c = freshCollection(t.db, 'rw_fam');
    await c.insertOne({ _id: 'job', state: 'queued', tries: 0 });
    const { session, db } = await ownSession();
    try {
      const cmd = {
        findAndModify: c.collectionName,
        query: { _id: 'job' },
        update: { $set: { state: 'running' }, $inc: { tries: 1 } },
        new: true,
        txnNumber: Long.fromNumber(1),
      };
      const first = await db.command(cmd, { session });
      const retry = await db.command(cmd, { session });
      expect(first.value).toEqual({ _id: 'job', state: 'running', tries: 1 });
      expect(retry.value).toEqual(first.value);
      expect((await c.findOne({ _id: 'job' }))!.tries).toBe(1);
    } finally {
      await session.endSession();
    }
  });
});
