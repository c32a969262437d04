/**
 * The command layer through the official driver: handshake and diagnostics, unknown
 * commands, write-command reply shapes, findAndModify, aggregate, index management.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MongoClient, ObjectId, type Db, type Document } from 'mongodb';
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
  db = client.db('cmds');
});

afterAll(async () => {
  await client?.close();
  await server?.stop();
});

describe('handshake and diagnostics', () => {
  it('hello presents a writable replica-set primary without topologyVersion', async () => {
    const r = await db.admin().command({ hello: 1 });
    expect(r).toMatchObject({ ok: 1, isWritablePrimary: true, setName: 'rs0', maxWireVersion: 21, logicalSessionTimeoutMinutes: 30, maxBsonObjectSize: 16777216 });
    expect(r.hosts).toEqual([`127.0.0.1:${server.port}`]);
    expect(r.me).toBe(r.primary);
    expect(r).not.toHaveProperty('topologyVersion');
    expect(await db.admin().command({ isMaster: 1 })).toMatchObject({ ismaster: true });
  });

  it('answers the diagnostics commands tools send', async () => {
    const admin = db.admin();
    expect((await admin.command({ buildInfo: 1 })).version).toMatch(/^7\.0\.\d+$/);
    expect(await admin.command({ getParameter: 1, featureCompatibilityVersion: 1 })).toMatchObject({ featureCompatibilityVersion: { version: '7.0' } });
    expect(await admin.command({ serverStatus: 1 })).toMatchObject({ ok: 1, process: 'mongod', connections: { current: expect.any(Number) } });
    expect(await admin.command({ hostInfo: 1 })).toMatchObject({ ok: 1, system: { numCores: expect.any(Number) } });
    expect((await admin.command({ whatsmyuri: 1 })).you).toMatch(/^127\.0\.0\.1:\d+$/);
    expect(await admin.command({ connectionStatus: 1 })).toMatchObject({ authInfo: { authenticatedUsers: [] } });
    expect(await admin.command({ getCmdLineOpts: 1 })).toMatchObject({ parsed: { net: { port: server.port } } });
    expect(await admin.command({ ping: 1 })).toMatchObject({ ok: 1 });
  });

  it('an unknown command is 59 CommandNotFound naming it', async () => {
    await expect(db.command({ frobnicate: 1 })).rejects.toMatchObject({ code: 59, codeName: 'CommandNotFound', message: "no such command: 'frobnicate'" });
  });
});

describe('writes', () => {
  it('stores _id first, generates an ObjectId when missing, and never lets it change', async () => {
    const c = fresh('ids');
    await db.command({ insert: c.collectionName, documents: [{ a: 1 }, { b: 2, _id: 'late' }] });
    const docs = await c.find({}, { sort: { a: -1 } }).toArray();
    expect(Object.keys(docs[0])).toEqual(['_id', 'a']);
    expect(docs[0]._id).toBeInstanceOf(ObjectId);
    expect(Object.keys(docs[1])).toEqual(['_id', 'b']);
    await expect(c.updateOne({ _id: 'late' }, { $set: { _id: 'other' } })).rejects.toMatchObject({ code: 66 });
    await expect(c.replaceOne({ _id: 'late' }, { _id: 'other', b: 3 })).rejects.toMatchObject({ code: 66 });
    await c.replaceOne({ _id: 'late' }, { b: 3 });
    expect(await c.findOne({ _id: 'late' })).toEqual({ _id: 'late', b: 3 });
    await expect(c.insertOne({ _id: [1, 2] })).rejects.toMatchObject({ code: 53 });
  });

  it('update reports n, nModified and upserted ids per statement index', async () => {
    const c = fresh('upd');
    await c.insertMany([{ _id: 1, v: 1 }, { _id: 2, v: 1 }, { _id: 3, v: 2 }]);
    const r = await db.command({
      update: c.collectionName,
      updates: [
        { q: { v: 1 }, u: { $set: { v: 5 } }, multi: true },
        { q: { _id: 3 }, u: { $set: { v: 2 } } }, // matches, changes nothing
        { q: { _id: 9 }, u: { $set: { v: 9 } }, upsert: true },
        { q: { _id: 10 }, u: [{ $set: { v: { $add: [1, 2] } } }], upsert: true },
      ],
    });
    expect(r).toMatchObject({ ok: 1, n: 5, nModified: 2, upserted: [{ index: 2, _id: 9 }, { index: 3, _id: 10 }] });
    expect(await c.findOne({ _id: 10 })).toEqual({ _id: 10, v: 3 });
    await c.updateOne({ _id: 1 }, { $set: { arr: [{ k: 1 }, { k: 2 }] } });
    await c.updateOne({ _id: 1 }, { $set: { 'arr.$[e].hit': true } }, { arrayFilters: [{ 'e.k': 2 }] });
    expect((await c.findOne({ _id: 1 }))!.arr).toEqual([{ k: 1 }, { k: 2, hit: true }]);
  });

  it('delete honours limit 1 and 0', async () => {
    const c = fresh('del');
    await c.insertMany([{ k: 1 }, { k: 1 }, { k: 1 }, { k: 2 }]);
    expect(await db.command({ delete: c.collectionName, deletes: [{ q: { k: 1 }, limit: 1 }] })).toMatchObject({ n: 1 });
    expect(await db.command({ delete: c.collectionName, deletes: [{ q: { k: 1 }, limit: 0 }] })).toMatchObject({ n: 2 });
    expect(await c.countDocuments()).toBe(1);
  });

  it('findAndModify: sort picks the document; new, fields, upsert and remove behave', async () => {
    const c = fresh('fam');
    await c.insertMany([{ _id: 1, q: 'a', p: 3 }, { _id: 2, q: 'a', p: 9 }, { _id: 3, q: 'a', p: 5 }]);
    const top = await c.findOneAndUpdate({ q: 'a' }, { $set: { taken: true } }, { sort: { p: -1 }, returnDocument: 'after', projection: { p: 1 } });
    expect(top).toEqual({ _id: 2, p: 9 });
    const before = await c.findOneAndUpdate({ _id: 1 }, { $inc: { p: 1 } });
    expect(before).toEqual({ _id: 1, q: 'a', p: 3 });
    const up = await c.findOneAndUpdate({ _id: 7 }, { $setOnInsert: { q: 'new' } }, { upsert: true, returnDocument: 'after', includeResultMetadata: true });
    expect(up).toMatchObject({ value: { _id: 7, q: 'new' }, lastErrorObject: { n: 1, updatedExisting: false, upserted: 7 } });
    const removed = await c.findOneAndDelete({ q: 'a' }, { sort: { p: 1 } });
    expect(removed).toEqual({ _id: 1, q: 'a', p: 4 });
    expect(await c.findOneAndUpdate({ _id: 99 }, { $set: { x: 1 } })).toBeNull();
  });
});

describe('reads', () => {
  it('count, distinct and countDocuments agree with the data', async () => {
    const c = fresh('cnt');
    await c.insertMany(Array.from({ length: 30 }, (_, i) => ({ g: i % 3, tags: [`t${i % 4}`] })));
    expect(await c.estimatedDocumentCount()).toBe(30);
    expect(await c.countDocuments({ g: 1 })).toBe(10);
    expect(await c.countDocuments({ g: 1 }, { skip: 3, limit: 5 })).toBe(5);
    expect(await c.countDocuments({ g: 7 })).toBe(0);
    expect(await db.command({ count: c.collectionName, query: { g: 2 } })).toMatchObject({ n: 10 });
    expect(await c.distinct('g')).toEqual([0, 1, 2]);
    expect(await c.distinct('tags', { g: 0 })).toEqual(['t0', 't1', 't2', 't3']);
  });

  it('a sorted page without a usable index matches a full sort', async () => {
    const c = fresh('page');
    const docs = Array.from({ length: 400 }, (_, i) => ({ _id: i, v: (i * 7919) % 97, s: `k${(i * 31) % 50}` }));
    await c.insertMany(docs);
    const expected = [...docs].sort((a, b) => b.v - a.v || a._id - b._id).slice(15, 40);
    expect(await c.find({}).sort({ v: -1, _id: 1 }).skip(15).limit(25).toArray()).toEqual(expected);
    const bigPage = await c.find({ v: { $gte: 10 } }).sort({ s: 1, _id: -1 }).toArray();
    const all = docs.filter((d) => d.v >= 10).sort((a, b) => (a.s < b.s ? -1 : a.s > b.s ? 1 : b._id - a._id));
    expect(bigPage).toEqual(all);
  });

  it('aggregate joins another collection with $lookup and pages with a cursor', async () => {
    const projects = fresh('projects');
    const owners = fresh('owners');
    await owners.insertMany([{ _id: 'o1', name: '张三' }, { _id: 'o2', name: '李四' }]);
    await projects.insertMany(Array.from({ length: 120 }, (_, i) => ({ _id: i, owner: i % 2 ? 'o1' : 'o2' })));
    const rows = await projects
      .aggregate([
        { $match: { _id: { $lt: 110 } } },
        { $lookup: { from: owners.collectionName, localField: 'owner', foreignField: '_id', as: 'o' } },
        { $project: { name: { $first: '$o.name' } } },
        { $sort: { _id: 1 } },
      ])
      .toArray();
    expect(rows).toHaveLength(110);
    expect(rows[3]).toEqual({ _id: 3, name: '张三' });
    const grouped = await projects.aggregate([{ $group: { _id: '$owner', n: { $sum: 1 } } }, { $sort: { _id: 1 } }]).toArray();
    expect(grouped).toEqual([{ _id: 'o1', n: 60 }, { _id: 'o2', n: 60 }]);
  });
});

describe('indexes', () => {
  it('lists, refuses clashing definitions, and drops by name, key or all', async () => {
    const c = fresh('ix');
    await c.createIndexes([{ key: { a: 1 } }, { key: { b: -1 }, name: 'bee' }, { key: { c: 1, d: 1 }, sparse: true }]);
    expect((await c.indexes()).map((i) => i.name)).toEqual(['_id_', 'a_1', 'bee', 'c_1_d_1']);
    expect(await c.createIndex({ a: 1 })).toBe('a_1'); // identical: fine
    await expect(c.createIndex({ a: 1 }, { name: 'other' })).rejects.toMatchObject({ code: 85 });
    await expect(c.createIndex({ z: 1 }, { name: 'bee' })).rejects.toMatchObject({ code: 86 });
    await expect(c.dropIndex('_id_')).rejects.toMatchObject({ code: 72 });
    await expect(c.dropIndex('nope')).rejects.toMatchObject({ code: 27 });
    await db.command({ dropIndexes: c.collectionName, index: { b: -1 } });
    await c.dropIndex('a_1');
    expect((await c.indexes()).map((i) => i.name)).toEqual(['_id_', 'c_1_d_1']);
    await c.dropIndexes();
    expect((await c.indexes()).map((i) => i.name)).toEqual(['_id_']);
    await expect(db.command({ listIndexes: 'missing_coll' })).rejects.toMatchObject({ code: 26 });
  });
});
