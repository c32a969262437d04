/**
 * The engine's contract with storage: a write is acknowledged, and shown to anyone, only
 * after its append has resolved; a failed append is rolled back (together with writes
 * made on top of it) and reported; retried writes (same lsid + txnNumber) are applied once,
 * also when the retry arrives while the first attempt is still waiting for its append.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Binary, MongoClient, type Db } from 'mongodb';
import { randomUUID } from 'node:crypto';
import { startEmbedded, type EmbeddedServer } from '../../../api/src/db/embedded/index.js';
import { Engine } from '../../../api/src/db/embedded/engine/engine.js';
import { MemoryStorage } from '../../../api/src/db/embedded/storage/memory.js';
import { ErrorCodes, MongoError } from '../../../api/src/db/embedded/errors.js';
import type { JournalRecord, ServerState } from '../../../api/src/db/embedded/types.js';
import { opMsg, RawClient } from './raw-client.js';

/** Storage whose appends wait for `release()`, or fail while `failing` is set. */
class GatedStorage extends MemoryStorage {
  readonly batches: JournalRecord[][] = [];
  private gate: Promise<void> | null = null;
  private opener: (() => void) | null = null;
  failing = false;
  snapshots: ServerState[] = [];

  hold(): void {
    this.gate = new Promise((r) => (this.opener = r));
  }
  release(): void {
    this.opener?.();
    this.gate = null;
  }
  override async append(batch: JournalRecord[]): Promise<void> {
    const fail = this.failing;
    if (this.gate) await this.gate;
    if (fail) throw new MongoError(ErrorCodes.OutOfDiskSpace, 'journal write failed: the disk holding the data directory is full');
    this.batches.push(batch);
  }
  override requestSnapshot(capture: () => ServerState): void {
    this.snapshots.push(capture());
  }
}

const silent = { info() {}, warn() {}, error() {} };

describe('acknowledgement follows the append', () => {
  const storage = new GatedStorage();
  let server: EmbeddedServer;
  let client: MongoClient;
  let db: Db;

  beforeAll(async () => {
    server = await startEmbedded({ storage, logger: silent });
    client = await MongoClient.connect(server.uri, { retryWrites: false });
    db = client.db('dur');
  });
  afterAll(async () => {
    storage.release();
    await client?.close();
    await server?.stop();
  });

  it('is not acknowledged nor visible before the append resolves', async () => {
    const c = db.collection('gate');
    storage.hold();
    let acked = false;
    const pending = c.insertOne({ _id: 'g' as never, v: 1 }).then(() => (acked = true));
    await new Promise((r) => setTimeout(r, 100));
    expect(acked).toBe(false);
    expect(await c.findOne({ _id: 'g' as never })).toBeNull();
    storage.release();
    await pending;
    expect(await c.findOne({ _id: 'g' as never })).toEqual({ _id: 'g', v: 1 });
  });

  it('a failed append is reported and rolled back; the next write works', async () => {
    const c = db.collection('fail');
    await c.createIndex({ email: 1 }, { unique: true });
    storage.failing = true;
    await expect(c.insertOne({ _id: 1 as never, email: 'a@b' })).rejects.toMatchObject({ code: 14031 });
    storage.failing = false;
    expect(await c.countDocuments()).toBe(0);
    // No ghost left in the _id or unique index.
    await c.insertOne({ _id: 1 as never, email: 'a@b' });
    expect(await c.find().toArray()).toEqual([{ _id: 1, email: 'a@b' }]);
  });
});

describe('engine pipeline', () => {
  it('a write made on top of one that fails to persist is failed too, and nothing shows', async () => {
    const storage = new GatedStorage();
    const engine = new Engine(storage, { logger: silent });
    await engine.open();
    storage.hold();
    storage.failing = true;
    const first = engine.write((w) => w.insert(w.ensureCollection('d', 'c'), { _id: 1, v: 'first' }));
    storage.failing = false;
    const second = engine.write((w) => {
      const c = w.collection('d', 'c')!;
      expect(c.ridById(1)).toBeDefined(); // later writes build on the latest state
      w.insert(c, { _id: 2, v: 'second' });
    });
    storage.release();
    await expect(first).rejects.toMatchObject({ code: 14031 });
    await expect(second).rejects.toBeInstanceOf(MongoError);
    expect(engine.view().collection('d', 'c')).toBeUndefined();
    await engine.write((w) => w.insert(w.ensureCollection('d', 'c'), { _id: 1, v: 'again' }));
    expect(engine.view().collection('d', 'c')!.size).toBe(1);
    await engine.close();
  });

  it('asks storage for a snapshot after enough records, capturing exactly what was appended', async () => {
    const storage = new GatedStorage();
    const engine = new Engine(storage, { logger: silent, snapshotEveryRecords: 10 });
    await engine.open();
    for (let i = 0; i < 12; i++) await engine.write((w) => w.insert(w.ensureCollection('d', 's'), { _id: i }));
    expect(storage.snapshots).toHaveLength(1);
    const docs = [...storage.snapshots[0].get('d')!.collections.get('s')!.docs];
    // The snapshot was requested right after the append that reached 10 records
    // (createColl + 9 puts), so it holds 9 documents.
    expect(docs.map((d) => Number(d._id))).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
    await engine.close();
  });
});

describe('retryable writes', () => {
  const storage = new GatedStorage();
  let server: EmbeddedServer;
  let client: MongoClient;

  beforeAll(async () => {
    server = await startEmbedded({ storage, logger: silent });
    client = await MongoClient.connect(server.uri);
  });
  afterAll(async () => {
    storage.release();
    await client?.close();
    await server?.stop();
  });

  const lsid = () => ({ id: new Binary(Buffer.from(randomUUID().replace(/-/g, ''), 'hex'), 4) });

  it('a retry arriving while the first attempt waits for storage gets the same reply, one write', async () => {
    const session = lsid();
    const a = await RawClient.open(server.port);
    const b = await RawClient.open(server.port);
    const cmd = { insert: 'rw', documents: [{ _id: 'x' }], lsid: session, txnNumber: 7n, $db: 'dur' };
    storage.hold();
    const before = storage.batches.length;
    a.send(opMsg(cmd));
    await new Promise((r) => setTimeout(r, 50));
    b.send(opMsg(cmd)); // e.g. the driver retrying on a new connection after a network error
    await new Promise((r) => setTimeout(r, 50));
    storage.release();
    const [ra, rb] = await Promise.all([a.next(), b.next()]);
    expect(ra!.body).toMatchObject({ ok: 1, n: 1 });
    expect(rb!.body).toEqual(ra!.body);
    expect(storage.batches.length - before).toBe(1);
    // Again after completion: replayed, not re-applied.
    a.send(opMsg(cmd));
    expect((await a.next())!.body).toEqual(ra!.body);
    expect(await client.db('dur').collection('rw').countDocuments()).toBe(1);
    // An older txnNumber on the session is refused.
    a.send(opMsg({ ...cmd, txnNumber: 6n }));
    expect((await a.next())!.body).toMatchObject({ ok: 0, code: 225 });
    a.destroy();
    b.destroy();
  });

  it('a first attempt that failed is executed again by its retry', async () => {
    const session = lsid();
    const c = await RawClient.open(server.port);
    const cmd = { update: 'rw2', updates: [{ q: { _id: 1 }, u: { $inc: { n: 1 } }, upsert: true }], lsid: session, txnNumber: 1n, $db: 'dur' };
    storage.failing = true;
    c.send(opMsg(cmd));
    expect((await c.next())!.body).toMatchObject({ ok: 0, code: 14031 });
    storage.failing = false;
    c.send(opMsg(cmd));
    expect((await c.next())!.body).toMatchObject({ ok: 1, n: 1, upserted: [{ index: 0, _id: 1 }] });
    c.send(opMsg(cmd));
    expect((await c.next())!.body).toMatchObject({ ok: 1, n: 1, upserted: [{ index: 0, _id: 1 }] });
    expect(await client.db('dur').collection('rw2').findOne({ _id: 1 as never })).toEqual({ _id: 1, n: 1 });
    c.destroy();
  });
});
