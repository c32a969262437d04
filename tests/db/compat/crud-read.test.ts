/** insert, find (filter, sort, projection, skip, limit), cursors, count, distinct. */
import { beforeAll, describe, expect, it } from 'vitest';
import { Long, ObjectId, type CommandStartedEvent, type MongoClient } from 'mongodb';
import { useDatabase } from '../../testkit/db.js';
import { type AnyDoc, expectServerError, freshCollection, sorted } from './support.js';

const t = useDatabase('crud_read');

interface Person {
  _id: number;
  name: string;
  age: number;
  city?: string;
  tags: string[];
  address?: { zip: string; street: string };
}

const people: Person[] = [
  { _id: 1, name: 'Ann', age: 31, city: 'Hefei', tags: ['a', 'b'], address: { zip: '230000', street: 'Main' } },
  { _id: 2, name: 'Bo', age: 25, city: 'Wuhu', tags: ['b'] },
  { _id: 3, name: 'Cai', age: 42, city: 'Hefei', tags: [] },
  { _id: 4, name: 'Dan', age: 25, tags: ['c', 'a'], address: { zip: '241000', street: 'Side' } },
  { _id: 5, name: 'Eve', age: 58, city: 'Bengbu', tags: ['b', 'c'] },
];

describe('insert and find', () => {
  const coll = () => t.db.collection<Person>('people');
  beforeAll(async () => {
    const res = await coll().insertMany(people);
    expect(res.insertedCount).toBe(5);
  });

  it('insertOne generates an ObjectId _id when none is given', async () => {
    const c = freshCollection(t.db, 'gen');
    const { insertedId } = await c.insertOne({ x: 1 });
    expect(insertedId).toBeInstanceOf(ObjectId);
    expect(await c.findOne({ _id: insertedId })).toEqual({ _id: insertedId, x: 1 });
  });

  it('filters with comparison, logical, element, array and dotted-path operators', async () => {
    const ids = async (filter: object) => (await coll().find(filter).sort({ _id: 1 }).toArray()).map((p) => p._id);
    expect(await ids({ age: { $gte: 31 } })).toEqual([1, 3, 5]);
    expect(await ids({ age: 25, city: { $exists: false } })).toEqual([4]);
    expect(await ids({ $or: [{ city: 'Wuhu' }, { age: { $gt: 50 } }] })).toEqual([2, 5]);
    expect(await ids({ tags: 'a' })).toEqual([1, 4]);
    expect(await ids({ tags: { $all: ['b', 'c'] } })).toEqual([5]);
    expect(await ids({ tags: { $size: 0 } })).toEqual([3]);
    expect(await ids({ 'address.zip': '241000' })).toEqual([4]);
    expect(await ids({ name: { $regex: '^[AB]' } })).toEqual([1, 2]);
    expect(await ids({ city: { $in: ['Hefei', 'Bengbu'] }, age: { $ne: 42 } })).toEqual([1, 5]);
    expect(await ids({ city: null })).toEqual([4]);
    expect(await ids({ age: { $not: { $lt: 40 } } })).toEqual([3, 5]);
    expect(await ids({ $expr: { $gt: ['$age', 40] } })).toEqual([3, 5]);
  });

  it('sorts on several keys, the last one unique', async () => {
    const got = await coll().find({}).sort({ age: -1, _id: 1 }).toArray();
    expect(got.map((p) => p._id)).toEqual([5, 3, 1, 2, 4]);
    const byCity = await coll().find({}).sort({ city: 1, _id: -1 }).toArray();
    // A missing field sorts like null, before every string.
    expect(byCity.map((p) => p._id)).toEqual([4, 5, 3, 1, 2]);
  });

  it('projects inclusion, exclusion, dotted paths and $slice', async () => {
    expect(await coll().findOne({ _id: 1 }, { projection: { name: 1 } })).toEqual({ _id: 1, name: 'Ann' });
    expect(await coll().findOne({ _id: 1 }, { projection: { name: 1, _id: 0 } })).toEqual({ name: 'Ann' });
    expect(await coll().findOne({ _id: 4 }, { projection: { tags: 0, address: 0 } })).toEqual({ _id: 4, name: 'Dan', age: 25 });
    expect(await coll().findOne({ _id: 1 }, { projection: { 'address.zip': 1, _id: 0 } })).toEqual({ address: { zip: '230000' } });
    expect(await coll().findOne({ _id: 4 }, { projection: { tags: { $slice: 1 }, name: 1 } })).toEqual({ _id: 4, name: 'Dan', tags: ['c'] });
    // Mixing inclusion and exclusion (other than _id) is rejected by the server.
    await expectServerError(coll().findOne({ _id: 1 }, { projection: { name: 1, age: 0 } }), 31254);
  });

  it('applies sort, then skip, then limit', async () => {
    const got = await coll().find({}).sort({ _id: -1 }).skip(1).limit(2).toArray();
    expect(got.map((p) => p._id)).toEqual([4, 3]);
    expect(await coll().find({}).sort({ _id: 1 }).skip(10).toArray()).toEqual([]);
  });

  it('count command and countDocuments / estimatedDocumentCount', async () => {
    const reply = await t.db.command({ count: 'people', query: { city: 'Hefei' } });
    expect(reply).toMatchObject({ ok: 1, n: 2 });
    expect(await coll().countDocuments({ age: 25 })).toBe(2);
    expect(await coll().countDocuments({}, { skip: 1, limit: 2 })).toBe(2);
    expect(await coll().estimatedDocumentCount()).toBe(5);
    expect((await t.db.command({ count: 'no_such_coll' })).n).toBe(0);
  });

  it('distinct unwinds arrays and honours the query', async () => {
    expect(sorted(await coll().distinct('tags'))).toEqual(['a', 'b', 'c']);
    expect(sorted(await coll().distinct('city', { age: { $lt: 40 } }))).toEqual(['Hefei', 'Wuhu']);
    expect(sorted(await coll().distinct('address.zip'))).toEqual(['230000', '241000']);
    expect(await t.db.collection<AnyDoc>('no_such_coll').distinct('x')).toEqual([]);
  });
});

describe('cursors: getMore and killCursors', () => {
  let monitored: MongoClient;
  const started: CommandStartedEvent[] = [];
  beforeAll(async () => {
    monitored = await t.connectClient({ monitorCommands: true });
    monitored.on('commandStarted', (e) => started.push(e));
    await t.db.collection<AnyDoc>('many').insertMany(Array.from({ length: 250 }, (_, i) => ({ _id: i, sq: i * i })));
  });

  it('a cursor over 250 documents fetches 101 first, then getMore batches, in sort order', async () => {
    started.length = 0;
    const docs = await monitored.db(t.dbName).collection<AnyDoc>('many').find({}).sort({ _id: 1 }).toArray();
    expect(docs).toHaveLength(250);
    expect(docs.every((d, i) => d._id === i && d.sq === i * i)).toBe(true);
    const names = started.map((e) => e.commandName);
    expect(names[0]).toBe('find');
    expect(names.filter((n) => n === 'getMore').length).toBeGreaterThanOrEqual(1);
  });

  it('getMore honours batchSize and ends with cursor id 0', async () => {
    const first = await t.db.command({ find: 'many', filter: { _id: { $lt: 25 } }, sort: { _id: 1 }, batchSize: 10 }, { promoteLongs: false });
    const id: Long = first.cursor.id;
    expect(id).toBeInstanceOf(Long);
    expect(id.isZero()).toBe(false);
    expect(first.cursor.firstBatch.map((d: { _id: number }) => d._id)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    const seen: number[] = [];
    let cursorId = id;
    while (!cursorId.isZero()) {
      const more = await t.db.command({ getMore: cursorId, collection: 'many', batchSize: 10 }, { promoteLongs: false });
      expect(more.cursor.ns).toBe(`${t.dbName}.many`);
      seen.push(...more.cursor.nextBatch.map((d: { _id: number }) => d._id));
      cursorId = more.cursor.id;
    }
    expect(seen).toEqual(Array.from({ length: 15 }, (_, i) => i + 10));
  });

  it('killCursors reports the killed id and a later getMore is 43 CursorNotFound', async () => {
    const first = await t.db.command({ find: 'many', filter: {}, batchSize: 5 }, { promoteLongs: false });
    const id: Long = first.cursor.id;
    const killed = await t.db.command({ killCursors: 'many', cursors: [id] }, { promoteLongs: false });
    expect(killed.ok).toBe(1);
    expect(killed.cursorsKilled).toHaveLength(1);
    expect(killed.cursorsKilled[0].equals(id)).toBe(true);
    expect(killed.cursorsNotFound).toEqual([]);
    await expectServerError(t.db.command({ getMore: id, collection: 'many' }), 43, 'CursorNotFound');
    const again = await t.db.command({ killCursors: 'many', cursors: [id] }, { promoteLongs: false });
    expect(again.cursorsNotFound.map((l: Long) => l.toString())).toEqual([id.toString()]);
  });

  it('closing a driver cursor early sends killCursors', async () => {
    started.length = 0;
    const cursor = monitored.db(t.dbName).collection('many').find({}, { batchSize: 20 });
    expect(await cursor.next()).not.toBeNull();
    await cursor.close();
    expect(started.map((e) => e.commandName)).toContain('killCursors');
  });
});
