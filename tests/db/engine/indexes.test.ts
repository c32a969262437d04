/**
 * Index use and index rules. `explain('executionStats')` reports how many index keys and
 * documents a query examined, which is how these tests tell an index lookup from a scan.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MongoClient, MongoServerError, type Db, type Document } from 'mongodb';
import { startEmbedded, type EmbeddedServer } from '../../../api/src/db/embedded/index.js';
import type { AnyDoc } from './support.js';

let server: EmbeddedServer;
let client: MongoClient;
let db: Db;
let n = 0;
const fresh = (label: string) => db.collection<AnyDoc>(`${label}_${++n}`);

beforeAll(async () => {
  server = await startEmbedded({});
  client = await MongoClient.connect(server.uri);
  db = client.db('indexes');
});

afterAll(async () => {
  await client?.close();
  await server?.stop();
});

async function stats(cursor: { explain(v: 'executionStats'): Promise<Document> }) {
  const e = await cursor.explain('executionStats');
  return { ...e.executionStats, plan: e.queryPlanner.winningPlan } as { nReturned: number; totalKeysExamined: number; totalDocsExamined: number; plan: Document };
}

const N = 3000;

describe('queries use indexes', () => {
  let c: ReturnType<typeof fresh>;
  beforeAll(async () => {
    c = fresh('people');
    await c.createIndex({ email: 1 }, { unique: true });
    await c.createIndex({ age: 1 });
    await c.createIndex({ tags: 1 });
    await c.createIndex({ city: 1, age: -1 });
    const docs = Array.from({ length: N }, (_, i) => ({ _id: i, email: `u${i}@x.cn`, age: i % 90, city: ['苏州', '南京', '无锡'][i % 3], tags: [`t${i % 50}`, 'all'] }));
    await c.insertMany(docs);
  });

  it('by _id examines one document', async () => {
    const s = await stats(c.find({ _id: 1234 }));
    expect(s).toMatchObject({ nReturned: 1, totalDocsExamined: 1 });
    expect(s.plan.inputStage.indexName).toBe('_id_');
  });

  it('equality on a unique field examines one document', async () => {
    const s = await stats(c.find({ email: 'u42@x.cn' }));
    expect(s).toMatchObject({ nReturned: 1, totalKeysExamined: 1, totalDocsExamined: 1 });
  });

  it('equality plus another predicate still only fetches the index matches', async () => {
    const s = await stats(c.find({ age: 7, city: '南京' }));
    const expected = Array.from({ length: N }, (_, i) => i).filter((i) => i % 90 === 7 && i % 3 === 1).length;
    expect(s.nReturned).toBe(expected);
    expect(s.totalDocsExamined).toBeLessThanOrEqual(N / 90 + 1);
  });

  it('$in on an indexed field looks up each value', async () => {
    const s = await stats(c.find({ _id: { $in: [5, 6, 7, 99999] } }));
    expect(s).toMatchObject({ nReturned: 3, totalDocsExamined: 3 });
  });

  it('a range on an indexed field reads only the range, and stays within numbers', async () => {
    await c.insertOne({ _id: 'str-age', age: 'eighty' }); // a string sorts above every number
    const s = await stats(c.find({ age: { $gte: 80, $lt: 85 } }));
    const expected = Array.from({ length: N }, (_, i) => i % 90).filter((a) => a >= 80 && a < 85).length;
    expect(s.nReturned).toBe(expected);
    expect(s.totalDocsExamined).toBe(expected);
    const gt = await stats(c.find({ age: { $gt: 88 } }));
    expect(gt.nReturned).toBe(Math.floor(N / 90) + (N % 90 > 89 ? 1 : 0));
    expect(gt.totalDocsExamined).toBe(gt.nReturned); // 'eighty' is not even looked at
    await c.deleteOne({ _id: 'str-age' });
  });

  it('a multikey index finds array elements, once per document', async () => {
    const s = await stats(c.find({ tags: { $in: ['t3', 'all'] } }));
    expect(s.nReturned).toBe(N);
    const one = await stats(c.find({ tags: 't3' }));
    expect(one.nReturned).toBe(N / 50);
    expect(one.totalDocsExamined).toBe(N / 50);
  });

  it('the leading field of a compound index answers equality, and the index provides the sort', async () => {
    const s = await stats(c.find({ city: '无锡' }).sort({ age: -1 }).limit(5));
    expect(s.plan).toMatchObject({ stage: 'LIMIT', inputStage: { stage: 'FETCH', inputStage: { indexName: 'city_1_age_-1', direction: 'forward' } } });
    expect(s.totalDocsExamined).toBe(5); // no sort: the walk stops after the limit
    const docs = await c.find({ city: '无锡' }).sort({ age: -1 }).limit(5).toArray();
    expect(docs.map((d) => d.age)).toEqual([89, 89, 89, 89, 89]);
  });

  it('a query on an unindexed field scans', async () => {
    await c.updateOne({ _id: 3 }, { $set: { note: 'hello' } });
    const s = await stats(c.find({ note: 'hello' }));
    expect(s.plan.stage).toBe('COLLSCAN');
    expect(s.totalDocsExamined).toBe(N);
  });

  it('an index built after the data answers queries, and is used by updates and deletes', async () => {
    const d = fresh('late');
    await d.insertMany(Array.from({ length: 500 }, (_, i) => ({ k: i % 10, i })));
    await d.createIndex({ k: 1 });
    expect((await stats(d.find({ k: 3 }))).totalDocsExamined).toBe(50);
    expect((await d.updateMany({ k: 3 }, { $set: { k: 33 } })).modifiedCount).toBe(50);
    expect(await d.countDocuments({ k: 33 })).toBe(50);
    expect((await stats(d.find({ k: 3 }))).nReturned).toBe(0);
    expect((await d.deleteMany({ k: 33 })).deletedCount).toBe(50);
    expect(await d.countDocuments()).toBe(450);
  });
});

describe('unique indexes', () => {
  it('insert, update and upsert all refuse a duplicate with the MongoDB message shape', async () => {
    const c = fresh('uniq');
    await c.createIndex({ email: 1 }, { unique: true, name: 'email_unique' });
    await c.insertMany([{ _id: 1, email: 'a@x' }, { _id: 2, email: 'b@x' }]);
    const ns = `indexes.${c.collectionName}`;
    const dup = await c.insertOne({ _id: 3, email: 'a@x' }).catch((e: MongoServerError) => e);
    expect(dup).toBeInstanceOf(MongoServerError);
    expect((dup as MongoServerError).code).toBe(11000);
    expect((dup as MongoServerError).message).toBe(`E11000 duplicate key error collection: ${ns} index: email_unique dup key: { email: "a@x" }`);
    expect((dup as MongoServerError).keyPattern).toEqual({ email: 1 });
    expect((dup as MongoServerError).keyValue).toEqual({ email: 'a@x' });
    await expect(c.updateOne({ _id: 2 }, { $set: { email: 'a@x' } })).rejects.toMatchObject({ code: 11000 });
    await expect(c.updateOne({ email: 'zz' }, { $set: { email: 'b@x' } }, { upsert: true })).rejects.toMatchObject({ code: 11000 });
    await expect(c.insertOne({ _id: 1, email: 'new@x' })).rejects.toMatchObject({ code: 11000, keyValue: { _id: 1 } });
    expect(await c.countDocuments()).toBe(2);
    expect(await c.findOne({ _id: 2 })).toEqual({ _id: 2, email: 'b@x' });
  });

  it('a unique index treats a missing field as null: the second document without it is a duplicate', async () => {
    const c = fresh('uniq_null');
    await c.createIndex({ code: 1 }, { unique: true });
    await c.insertOne({ _id: 1 });
    await expect(c.insertOne({ _id: 2 })).rejects.toMatchObject({ code: 11000, keyValue: { code: null } });
  });

  it('sparse and partial unique indexes skip the documents they do not hold', async () => {
    const s = fresh('uniq_sparse');
    await s.createIndex({ code: 1 }, { unique: true, sparse: true });
    await s.insertMany([{ _id: 1 }, { _id: 2 }, { _id: 3, code: 'x' }]);
    await expect(s.insertOne({ _id: 4, code: 'x' })).rejects.toMatchObject({ code: 11000 });
    const p = fresh('uniq_partial');
    await p.createIndex({ email: 1 }, { unique: true, partialFilterExpression: { active: true } });
    await p.insertMany([{ _id: 1, email: 'a', active: false }, { _id: 2, email: 'a', active: true }]);
    await expect(p.insertOne({ _id: 3, email: 'a', active: true })).rejects.toMatchObject({ code: 11000 });
    await p.updateOne({ _id: 2 }, { $set: { active: false } });
    await p.insertOne({ _id: 3, email: 'a', active: true });
    expect(await p.countDocuments({ email: 'a' })).toBe(3);
  });

  it('a compound unique index compares whole tuples; a multikey one clashes on any shared element', async () => {
    const c = fresh('uniq_compound');
    await c.createIndex({ a: 1, b: 1 }, { unique: true });
    await c.insertMany([{ a: 1, b: 1 }, { a: 1, b: 2 }, { a: 2, b: 1 }]);
    const e = await c.insertOne({ a: 1, b: 2 }).catch((x: MongoServerError) => x);
    expect((e as MongoServerError).message).toMatch(/index: a_1_b_1 dup key: \{ a: 1, b: 2 \}$/);
    const m = fresh('uniq_multikey');
    await m.createIndex({ tags: 1 }, { unique: true });
    await m.insertOne({ tags: ['x', 'y', 'y'] }); // repeated inside one document is fine
    await expect(m.insertOne({ tags: ['z', 'y'] })).rejects.toMatchObject({ code: 11000, keyValue: { tags: 'y' } });
  });

  it('1, 1.0 and NumberLong(1) are the same key', async () => {
    const c = fresh('uniq_numbers');
    await c.createIndex({ n: 1 }, { unique: true });
    await c.insertOne({ n: 1 });
    await expect(c.insertOne({ n: 1.0 })).rejects.toMatchObject({ code: 11000 });
    await expect(db.command({ insert: c.collectionName, documents: [{ n: BigInt(1) }] })).resolves.toMatchObject({ writeErrors: [{ code: 11000 }] });
  });

  it('creating a unique index over existing duplicates fails with 11000 and creates nothing', async () => {
    const c = fresh('uniq_late');
    await c.insertMany([{ k: 1 }, { k: 2 }, { k: 1 }]);
    await expect(c.createIndex({ k: 1 }, { unique: true })).rejects.toMatchObject({ code: 11000 });
    expect((await c.indexes()).map((i) => i.name)).toEqual(['_id_']);
  });

  it('ordered inserts stop at the first duplicate, unordered ones go on; counts are exact', async () => {
    const c = fresh('uniq_batch');
    await c.insertOne({ _id: 2 });
    const ordered = await db.command({ insert: c.collectionName, documents: [{ _id: 1 }, { _id: 2 }, { _id: 3 }] });
    expect(ordered).toMatchObject({ ok: 1, n: 1, writeErrors: [{ index: 1, code: 11000 }] });
    const unordered = await db.command({ insert: c.collectionName, documents: [{ _id: 4 }, { _id: 2 }, { _id: 5 }], ordered: false });
    expect(unordered).toMatchObject({ ok: 1, n: 2, writeErrors: [{ index: 1, code: 11000 }] });
    expect(await c.countDocuments()).toBe(4);
  });
});

describe('compound bounds and $or plans', () => {
  let c: ReturnType<typeof fresh>;
  const M = 2000;
  // Nodes-like documents: open ones have closed: null (or no field), closed ones a day number.
  const docs = Array.from({ length: M }, (_, i) => ({
    _id: i,
    unit: `u${i % 7}`,
    ...(i % 11 === 0 ? {} : { closed: i % 3 === 0 ? null : i % 40 }),
    due: (i * 37) % 100,
    code: `c${i % 13}`,
  }));
  const byScan = (filter: Document) => c.find(filter).hint({ $natural: 1 }).sort({ _id: 1 }).toArray();

  beforeAll(async () => {
    c = fresh('nodes');
    await c.createIndex({ closed: 1, due: 1 });
    await c.createIndex({ unit: 1, closed: 1, due: 1 });
    await c.createIndex({ code: 1 });
    await c.insertMany(docs);
  });

  it('bounds the second field of a compound index when the first is pinned', async () => {
    const filter = { unit: 'u3', closed: { $in: [5, 6, 7] } };
    const s = await stats(c.find(filter));
    expect(s.nReturned).toBe((await byScan(filter)).length);
    expect(s.totalKeysExamined).toBe(s.nReturned);
    const range = { closed: null, due: { $lte: 20 } };
    const r = await stats(c.find(range));
    expect(r.nReturned).toBe((await byScan(range)).length);
    expect(r.nReturned).toBeGreaterThan(0);
    expect(r.totalKeysExamined).toBe(r.nReturned);
    expect(r.plan.inputStage.indexBounds.due).toBeDefined();
  });

  it('plans an open-as-of filter as the union of two index scans', async () => {
    const filter = { $or: [{ closed: null }, { closed: { $gt: 30 } }], due: { $lte: 15 } };
    const s = await stats(c.find(filter));
    expect(s.plan.inputStage.stage).toBe('OR');
    expect(s.nReturned).toBe((await byScan(filter)).length);
    expect(s.totalDocsExamined).toBeLessThan(M / 4);
  });

  it('returns each document once when it matches several branches', async () => {
    const filter = { $or: [{ code: 'c1' }, { code: { $in: ['c1', 'c2'] } }, { closed: 5 }] };
    const got = await c.find(filter).sort({ _id: 1 }).toArray();
    expect(got).toEqual(await byScan(filter));
    expect(new Set(got.map((d) => d._id)).size).toBe(got.length);
    expect(await c.countDocuments(filter)).toBe(got.length);
  });

  it('scans the collection when a branch cannot use an index', async () => {
    const filter = { $or: [{ code: 'c1' }, { missing: 1 }] };
    const s = await stats(c.find(filter));
    expect(s.plan.stage).toBe('COLLSCAN');
    expect(s.nReturned).toBe((await byScan(filter)).length);
  });

  it('agrees with a collection scan on mixed filters', async () => {
    const filters: Document[] = [
      { $and: [{ unit: 'u2' }, { $or: [{ closed: null }, { closed: { $gt: 20 } }] }], due: { $gte: 10, $lt: 60 } },
      { $or: [{ unit: 'u1', due: { $lt: 30 } }, { code: 'c4', closed: { $ne: null } }] },
      { unit: { $in: ['u0', 'u5'] }, closed: { $gte: 10, $lte: 12 }, due: { $gt: 50 } },
      { closed: { $in: [null, 3] }, due: { $in: [1, 37, 74] } },
      { $or: [{ closed: { $exists: false } }, { closed: 1 }] },
    ];
    for (const f of filters) {
      expect(await c.find(f).sort({ _id: 1 }).toArray(), JSON.stringify(f)).toEqual(await byScan(f));
      expect(await c.countDocuments(f)).toBe((await byScan(f)).length);
    }
    // Writes plan the same way.
    const upd = await c.updateMany({ $or: [{ closed: null }, { closed: { $gt: 38 } }], due: { $lte: 3 } }, { $set: { flagged: true } });
    expect(upd.modifiedCount).toBe((await byScan({ flagged: true })).length);
    expect(upd.modifiedCount).toBe(docs.filter((d) => ((d as { closed?: number | null }).closed == null || (d as { closed: number }).closed > 38) && d.due <= 3).length);
  });
});
