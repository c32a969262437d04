/** Databases and collections: create, drop, rename, list. */
import { describe, expect, it } from 'vitest';
import type { CollectionInfo } from 'mongodb';
import { useDatabase } from '../../testkit/db.js';
import { expectServerError } from './support.js';

const t = useDatabase('catalog');

describe('collections', () => {
  it('create makes an empty collection listed with its options and _id index', async () => {
    const db = t.client.db(t.extraDbName('create'));
    await db.createCollection('things');
    const [info] = (await db.listCollections({ name: 'things' }).toArray()) as CollectionInfo[];
    expect(info).toMatchObject({ name: 'things', type: 'collection', info: { readOnly: false } });
    expect(info.options).toEqual({});
    expect(info.idIndex).toMatchObject({ key: { _id: 1 }, name: '_id_' });
    expect(await db.collection('things').countDocuments()).toBe(0);
  });

  it('create of an existing collection: identical options are ok (7.0), different options are 48', async () => {
    const db = t.client.db(t.extraDbName('create2'));
    await db.createCollection('dup');
    await db.createCollection('dup');
    await expectServerError(db.createCollection('dup', { capped: true, size: 4096 }), 48, 'NamespaceExists');
  });

  it('the first insert creates the collection implicitly', async () => {
    const db = t.client.db(t.extraDbName('implicit'));
    await db.collection('auto').insertOne({ x: 1 });
    const names = (await db.listCollections({}, { nameOnly: true }).toArray()).map((c) => c.name);
    expect(names).toContain('auto');
  });

  it('listCollections filters by name and returns only name and type with nameOnly', async () => {
    const db = t.client.db(t.extraDbName('list'));
    await db.createCollection('alpha');
    await db.createCollection('beta');
    await db.collection('gamma').insertOne({ g: 1 });
    const all = await db.listCollections({}, { nameOnly: true }).toArray();
    expect(all.map((c) => c.name).sort()).toEqual(['alpha', 'beta', 'gamma']);
    for (const c of all) expect(Object.keys(c).sort()).toEqual(['name', 'type']);
    const filtered = await db.listCollections({ name: { $in: ['beta', 'nope'] } }).toArray();
    expect(filtered.map((c) => c.name)).toEqual(['beta']);
  });

  it('drop removes the collection and its documents; dropping a missing one does not throw', async () => {
    const db = t.client.db(t.extraDbName('drop'));
    await db.collection('doomed').insertMany([{ a: 1 }, { a: 2 }]);
    await db.collection('doomed').createIndex({ a: 1 });
    expect(await db.collection('doomed').drop()).toBe(true);
    expect(await db.listCollections({ name: 'doomed' }).toArray()).toEqual([]);
    expect(await db.collection('doomed').countDocuments()).toBe(0);
    // MongoDB 7.0 answers ok: 1 for a missing namespace; older servers 26, which the driver hides.
    await db.collection('never-existed').drop();
    // Re-created after a drop, the collection starts without the old secondary indexes.
    await db.collection('doomed').insertOne({ a: 3 });
    const indexes = await db.collection('doomed').listIndexes().toArray();
    expect(indexes.map((i) => i.name)).toEqual(['_id_']);
  });

  it('rename moves documents and indexes; missing source is 26, existing target is 48', async () => {
    const db = t.client.db(t.extraDbName('rename'));
    await db.collection('src').insertMany([{ k: 1 }, { k: 2 }]);
    await db.collection('src').createIndex({ k: 1 }, { unique: true });
    await db.collection('src').rename('dst');
    expect(await db.listCollections({ name: 'src' }).toArray()).toEqual([]);
    expect(await db.collection('dst').countDocuments()).toBe(2);
    const names = (await db.collection('dst').listIndexes().toArray()).map((i) => i.name).sort();
    expect(names).toEqual(['_id_', 'k_1']);

    await expectServerError(db.collection('missing').rename('anything'), 26, 'NamespaceNotFound');
    await db.collection('other').insertOne({ o: 1 });
    await expectServerError(db.collection('dst').rename('other'), 48, 'NamespaceExists');
    await db.collection('dst').rename('other', { dropTarget: true });
    expect(await db.collection('other').countDocuments({ k: { $exists: true } })).toBe(2);
    expect(await db.collection('other').countDocuments({ o: 1 })).toBe(0);
  });
});

describe('databases', () => {
  it('listDatabases includes a database once it holds data, with sizes', async () => {
    const name = t.extraDbName('listed');
    await t.client.db(name).collection('c').insertOne({ here: true });
    const reply = await t.client.db('admin').admin().listDatabases();
    const entry = reply.databases.find((d) => d.name === name);
    expect(entry).toBeDefined();
    expect(typeof entry!.sizeOnDisk).toBe('number');
    expect(entry!.empty).toBe(false);
    expect(typeof reply.totalSize).toBe('number');

    const namesOnly = await t.client.db('admin').command({ listDatabases: 1, nameOnly: true, filter: { name } });
    expect(namesOnly.databases).toEqual([{ name }]);
  });

  it('dropDatabase removes every collection and the database from listDatabases', async () => {
    const name = t.extraDbName('dropped');
    const db = t.client.db(name);
    await db.collection('one').insertOne({ a: 1 });
    await db.collection('two').insertOne({ b: 2 });
    expect(await db.dropDatabase()).toBe(true);
    expect(await db.listCollections().toArray()).toEqual([]);
    const reply = await t.client.db('admin').command({ listDatabases: 1, nameOnly: true, filter: { name } });
    expect(reply.databases).toEqual([]);
    // Dropping a database that does not exist is not an error.
    expect(await db.dropDatabase()).toBe(true);
  });
});
