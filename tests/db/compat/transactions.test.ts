/** Multi-document transactions through the driver's session API. */
import { beforeEach, describe, expect, it } from 'vitest';
import { MongoServerError, type Collection } from 'mongodb';
import { useDatabase } from '../../testkit/db.js';
import { expectServerError } from './support.js';

const t = useDatabase('txn');

interface Account {
  _id: string;
  balance: number;
}

let seq = 0;
let accounts: Collection<Account>;
beforeEach(async () => {
  // Collections are created outside transactions, as production code does.
  accounts = t.db.collection<Account>(`accounts_${++seq}`);
  await accounts.insertMany([
    { _id: 'alice', balance: 100 },
    { _id: 'bob', balance: 50 },
  ]);
});

const balances = async () => Object.fromEntries((await accounts.find({}).toArray()).map((a) => [a._id, a.balance]));

const waitFor = async (cond: () => boolean, what: string, timeoutMs = 20_000) => {
  const start = Date.now();
  while (!cond()) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
};

describe('transactions', () => {
  it('withTransaction commits every write together', async () => {
    const session = t.client.startSession();
    try {
      await session.withTransaction(async () => {
        await accounts.updateOne({ _id: 'alice' }, { $inc: { balance: -30 } }, { session });
        await accounts.updateOne({ _id: 'bob' }, { $inc: { balance: 30 } }, { session });
        await accounts.insertOne({ _id: 'carol', balance: 0 }, { session });
      });
    } finally {
      await session.endSession();
    }
    expect(await balances()).toEqual({ alice: 70, bob: 80, carol: 0 });
  });

  it('an error thrown in the callback aborts: no write survives', async () => {
    const session = t.client.startSession();
    const boom = new Error('business rule failed');
    try {
      await expect(
        session.withTransaction(async () => {
          await accounts.updateOne({ _id: 'alice' }, { $inc: { balance: -30 } }, { session });
          await accounts.insertOne({ _id: 'dave', balance: 1 }, { session });
          await accounts.deleteOne({ _id: 'bob' }, { session });
          throw boom;
        }),
      ).rejects.toBe(boom);
    } finally {
      await session.endSession();
    }
    expect(await balances()).toEqual({ alice: 100, bob: 50 });
  });

  it('explicit abortTransaction discards the writes', async () => {
    const session = t.client.startSession();
    try {
      session.startTransaction();
      await accounts.updateOne({ _id: 'bob' }, { $set: { balance: 0 } }, { session });
      await session.abortTransaction();
    } finally {
      await session.endSession();
    }
    expect(await balances()).toEqual({ alice: 100, bob: 50 });
  });

  it('uncommitted writes are invisible outside the transaction and visible inside', async () => {
    const session = t.client.startSession();
    try {
      session.startTransaction();
      await accounts.insertOne({ _id: 'erin', balance: 5 }, { session });
      await accounts.updateOne({ _id: 'alice' }, { $set: { balance: 1 } }, { session });
      expect(await accounts.findOne({ _id: 'erin' })).toBeNull();
      expect((await accounts.findOne({ _id: 'alice' }))!.balance).toBe(100);
      expect(await accounts.countDocuments({})).toBe(2);
      expect(await accounts.findOne({ _id: 'erin' }, { session })).toEqual({ _id: 'erin', balance: 5 });
      expect((await accounts.findOne({ _id: 'alice' }, { session }))!.balance).toBe(1);
      await session.commitTransaction();
    } finally {
      await session.endSession();
    }
    expect(await balances()).toEqual({ alice: 1, bob: 50, erin: 5 });
  });

  it('a transaction reads its snapshot: later outside commits are not seen', async () => {
    const session = t.client.startSession();
    try {
      session.startTransaction({ readConcern: { level: 'snapshot' } });
      expect((await accounts.findOne({ _id: 'bob' }, { session }))!.balance).toBe(50);
      await accounts.updateOne({ _id: 'alice' }, { $set: { balance: 7 } }); // outside, auto-commit
      expect((await accounts.findOne({ _id: 'alice' }, { session }))!.balance).toBe(100);
      await session.commitTransaction();
    } finally {
      await session.endSession();
    }
    expect((await accounts.findOne({ _id: 'alice' }))!.balance).toBe(7);
  });

  it('a second transaction writing the same document fails with 112 and TransientTransactionError', async () => {
    const a = t.client.startSession();
    const b = t.client.startSession();
    try {
      a.startTransaction();
      b.startTransaction();
      await accounts.updateOne({ _id: 'alice' }, { $inc: { balance: 1 } }, { session: a });
      const err = await expectServerError(accounts.updateOne({ _id: 'alice' }, { $inc: { balance: 1 } }, { session: b }), 112, 'WriteConflict');
      expect(err.hasErrorLabel('TransientTransactionError')).toBe(true);
      await b.abortTransaction();
      await a.commitTransaction();
    } finally {
      await a.endSession();
      await b.endSession();
    }
    expect((await accounts.findOne({ _id: 'alice' }))!.balance).toBe(101);
  });

  it('withTransaction retries a write conflict until the other transaction commits', async () => {
    const a = t.client.startSession();
    const b = t.client.startSession();
    const conflicts: number[] = [];
    let bAttempts = 0;
    let aWrote = false;
    try {
      const first = a.withTransaction(async () => {
        await accounts.updateOne({ _id: 'alice' }, { $inc: { balance: -10 } }, { session: a });
        aWrote = true;
        // Hold the transaction open until the other one has collided with it.
        await waitFor(() => conflicts.length > 0, 'the second transaction to conflict');
      });
      const second = (async () => {
        await waitFor(() => aWrote, 'the first transaction to write');
        await b.withTransaction(async () => {
          bAttempts++;
          try {
            await accounts.updateOne({ _id: 'alice' }, { $inc: { balance: -5 } }, { session: b });
          } catch (err) {
            if (err instanceof MongoServerError) conflicts.push(err.code as number);
            throw err; // withTransaction decides whether to retry
          }
        });
      })();
      await Promise.all([first, second]);
    } finally {
      await a.endSession();
      await b.endSession();
    }
    expect(conflicts[0]).toBe(112);
    expect(bAttempts).toBeGreaterThanOrEqual(2);
    expect((await accounts.findOne({ _id: 'alice' }))!.balance).toBe(85);
  });
});
