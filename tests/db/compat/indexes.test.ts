/** createIndexes / listIndexes / dropIndexes and their error codes. */
import { describe, expect, it } from 'vitest';
import { useDatabase } from '../../testkit/db.js';
import { type AnyDoc, expectServerError, freshCollection } from './support.js';

const t = useDatabase('indexes');

describe('indexes', () => {
  it('createIndex derives names from keys and listIndexes reports them', async () => {
    const c = freshCollection(t.db, 'ix');
    expect(await c.createIndex({ a: 1 })).toBe('a_1');
    expect(await c.createIndex({ a: 1, 'b.c': -1 }, { unique: true })).toBe('a_1_b.c_-1');
    expect(await c.createIndex({ s: 1 }, { name: 'by_s', sparse: true })).toBe('by_s');
    expect(await c.createIndex({ p: 1 }, { partialFilterExpression: { p: { $gt: 5 } } })).toBe('p_1');

    const byName = new Map((await c.listIndexes().toArray()).map((i) => [i.name, i]));
    expect([...byName.keys()].sort()).toEqual(['_id_', 'a_1', 'a_1_b.c_-1', 'by_s', 'p_1']);
    expect(byName.get('_id_')).toMatchObject({ v: 2, key: { _id: 1 } });
    expect(byName.get('_id_')!.unique).toBeUndefined();
    expect(byName.get('a_1_b.c_-1')).toMatchObject({ v: 2, key: { a: 1, 'b.c': -1 }, unique: true });
    // Key order is significant in an index key.
    expect(Object.keys(byName.get('a_1_b.c_-1')!.key)).toEqual(['a', 'b.c']);
    expect(byName.get('by_s')).toMatchObject({ key: { s: 1 }, sparse: true });
    expect(byName.get('p_1')).toMatchObject({ partialFilterExpression: { p: { $gt: 5 } } });
  });

  it('createIndexes reports counts and is a no-op for an identical index', async () => {
    const c = freshCollection(t.db, 'ixcount');
    await c.insertOne({ a: 1 });
    const first = await t.db.command({ createIndexes: c.collectionName, indexes: [{ key: { a: 1 }, name: 'a_1' }] });
    expect(first).toMatchObject({ ok: 1, numIndexesBefore: 1, numIndexesAfter: 2 });
    const again = await t.db.command({ createIndexes: c.collectionName, indexes: [{ key: { a: 1 }, name: 'a_1' }] });
    expect(again).toMatchObject({ ok: 1, numIndexesBefore: 2, numIndexesAfter: 2 });
  });

  it('createIndexes on a missing collection creates the collection', async () => {
    const c = freshCollection(t.db, 'ixcreates');
    await c.createIndex({ z: 1 });
    expect(await t.db.listCollections({ name: c.collectionName }).toArray()).toHaveLength(1);
  });

  it('same name with another key is 86; same key under another name is 85', async () => {
    const c = freshCollection(t.db, 'ixconflict');
    await c.createIndex({ a: 1 }, { name: 'mine' });
    await expectServerError(c.createIndex({ b: 1 }, { name: 'mine' }), 86, 'IndexKeySpecsConflict');
    await expectServerError(c.createIndex({ a: 1 }, { name: 'other' }), 85, 'IndexOptionsConflict');
  });

  it('a unique index cannot be built over duplicate values (11000)', async () => {
    const c = freshCollection(t.db, 'ixdup');
    await c.insertMany([{ u: 1 }, { u: 1 }]);
    await expectServerError(c.createIndex({ u: 1 }, { unique: true }), 11000, 'DuplicateKey');
    const names = (await c.listIndexes().toArray()).map((i) => i.name);
    expect(names).toEqual(['_id_']);
  });

  it('dropIndex by name and by key; missing index is 27; the _id index cannot be dropped (72)', async () => {
    const c = freshCollection(t.db, 'ixdrop');
    await c.createIndex({ a: 1 });
    await c.createIndex({ b: -1 });
    await c.createIndex({ d: 1 });
    await c.dropIndex('a_1');
    await t.db.command({ dropIndexes: c.collectionName, index: { b: -1 } });
    expect((await c.listIndexes().toArray()).map((i) => i.name).sort()).toEqual(['_id_', 'd_1']);
    await expectServerError(c.dropIndex('a_1'), 27, 'IndexNotFound');
    await expectServerError(c.dropIndex('_id_'), 72, 'InvalidOptions');
    await c.dropIndexes();
    expect((await c.listIndexes().toArray()).map((i) => i.name)).toEqual(['_id_']);
  });

  it('listIndexes on a missing collection is 26 NamespaceNotFound', async () => {
    await expectServerError(t.db.collection<AnyDoc>('no_such_collection').listIndexes().toArray(), 26, 'NamespaceNotFound');
  });
});
