/**
 * Cursor batching: 101 documents in the first batch unless told otherwise, getMore for
 * the rest, 16 MB per batch at most, killCursors, idle expiry.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Long, MongoClient, type Db, type Document } from 'mongodb';
import { startEmbedded, type EmbeddedServer } from '../../../api/src/db/embedded/index.js';
import { CursorManager } from '../../../api/src/db/embedded/engine/cursors.js';
import type { AnyDoc } from './support.js';

let server: EmbeddedServer;
let client: MongoClient;
let db: Db;

beforeAll(async () => {
  server = await startEmbedded({});
  client = await MongoClient.connect(server.uri);
  db = client.db('cursors');
  await db.collection<AnyDoc>('items').insertMany(Array.from({ length: 250 }, (_, i) => ({ _id: i, v: i })));
});

afterAll(async () => {
  await client?.close();
  await server?.stop();
});

const find = (extra: Document = {}) => db.command({ find: 'items', filter: {}, sort: { _id: 1 }, ...extra });
/** The driver promotes a zero int64 to the number 0; the wire value is an int64 either way. */
const isZero = (id: unknown) => String(id) === '0';
const getMore = (id: Long, extra: Document = {}) => db.command({ getMore: id, collection: 'items', ...extra });

describe('batches', () => {
  it('first batch is 101 documents, getMore returns the rest and ends with id 0', async () => {
    const first = await find();
    expect(first.cursor.firstBatch).toHaveLength(101);
    expect(isZero(first.cursor.id)).toBe(false);
    expect(first.cursor.ns).toBe('cursors.items');
    const rest = await getMore(first.cursor.id);
    expect(rest.cursor.nextBatch).toHaveLength(149);
    expect(rest.cursor.nextBatch[0]._id).toBe(101);
    expect(isZero(rest.cursor.id)).toBe(true);
    await expect(getMore(first.cursor.id)).rejects.toMatchObject({ code: 43, codeName: 'CursorNotFound' });
  });

  it('honours batchSize in find and getMore', async () => {
    const first = await find({ batchSize: 10 });
    expect(first.cursor.firstBatch.map((d: Document) => d._id)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    const second = await getMore(first.cursor.id, { batchSize: 25 });
    expect(second.cursor.nextBatch.map((d: Document) => d._id)[0]).toBe(10);
    expect(second.cursor.nextBatch).toHaveLength(25);
    await db.command({ killCursors: 'items', cursors: [first.cursor.id] });
  });

  it('a batch that returns the last document closes the cursor at once', async () => {
    const all = await find({ batchSize: 250 });
    expect(all.cursor.firstBatch).toHaveLength(250);
    expect(isZero(all.cursor.id)).toBe(true);
  });

  it('limit caps the total; singleBatch and a negative limit return one batch and no cursor', async () => {
    const limited = await find({ limit: 150 });
    expect(limited.cursor.firstBatch).toHaveLength(101);
    const rest = await getMore(limited.cursor.id);
    expect(rest.cursor.nextBatch).toHaveLength(49);
    expect(isZero(rest.cursor.id)).toBe(true);
    const single = await find({ limit: 5, singleBatch: true });
    expect(single.cursor.firstBatch).toHaveLength(5);
    expect(isZero(single.cursor.id)).toBe(true);
    const negative = await find({ limit: -3 });
    expect(negative.cursor.firstBatch).toHaveLength(3);
    expect(isZero(negative.cursor.id)).toBe(true);
    const batch0 = await find({ batchSize: 0 });
    expect(batch0.cursor.firstBatch).toHaveLength(0);
    expect(isZero(batch0.cursor.id)).toBe(false);
    await db.command({ killCursors: 'items', cursors: [batch0.cursor.id] });
  });

  it('the driver iterates a large result through getMore', async () => {
    const seen = await db.collection<AnyDoc>('items').find({ v: { $gte: 0 } }).sort({ _id: 1 }).toArray();
    expect(seen).toHaveLength(250);
    expect(seen[249]).toEqual({ _id: 249, v: 249 });
  });

  it('killCursors reports what it killed; a killed cursor is gone', async () => {
    const first = await find({ batchSize: 2 });
    const r = await db.command({ killCursors: 'items', cursors: [first.cursor.id, Long.fromNumber(12345)] });
    expect(r.cursorsKilled.map(String)).toEqual([String(first.cursor.id)]);
    expect(r.cursorsNotFound.map(String)).toEqual(['12345']);
    await expect(getMore(first.cursor.id)).rejects.toMatchObject({ code: 43 });
  });

  it('a cursor keeps reading the state it started on', async () => {
    const first = await find({ batchSize: 1 });
    await db.collection<AnyDoc>('items').deleteMany({ _id: { $gte: 200 } });
    const rest = await getMore(first.cursor.id, { batchSize: 1000 });
    expect(rest.cursor.nextBatch).toHaveLength(249);
    await db.collection<AnyDoc>('items').insertMany(Array.from({ length: 50 }, (_, i) => ({ _id: 200 + i, v: 200 + i })));
  });

  it('stops a batch at 16 MB', async () => {
    const big = db.collection<AnyDoc>('big');
    const blob = 'x'.repeat(3 * 1024 * 1024);
    for (let i = 0; i < 7; i++) await big.insertOne({ _id: i, blob });
    const first = await db.command({ find: 'big', filter: {}, sort: { _id: 1 } });
    expect(first.cursor.firstBatch.length).toBe(5); // 5 x 3 MB fit, a 6th would pass 16 MB
    const rest = await db.command({ getMore: first.cursor.id, collection: 'big' });
    expect(rest.cursor.nextBatch).toHaveLength(2);
    await big.drop();
  });
});

describe('idle expiry', () => {
  it('drops cursors idle for 10 minutes unless noCursorTimeout', () => {
    const m = new CursorManager();
    const docs = () => ['\x05\0\0\0\0', '\x05\0\0\0\0'][Symbol.iterator]();
    const a = m.create('db.c', docs());
    const b = m.create('db.c', docs(), { noTimeout: true });
    m.register(a);
    m.register(b);
    const now = Date.now();
    expect(m.sweep(now + 9 * 60_000)).toBe(0);
    expect(m.sweep(now + 11 * 60_000)).toBe(1);
    expect(m.get(a.id)).toBeUndefined();
    expect(m.get(b.id)).toBe(b);
  });
});
