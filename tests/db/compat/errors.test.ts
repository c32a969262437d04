/** Error codes and shapes a real mongod reports for invalid queries and updates. */
import { describe, expect, it } from 'vitest';
import { useDatabase } from '../../testkit/db.js';
import { type AnyDoc, expectServerError, freshCollection } from './support.js';

const t = useDatabase('errors');

describe('query errors', () => {
  it('2 BadValue: $in without an array, unknown query operators', async () => {
    const c = freshCollection(t.db, 'bad');
    await c.insertOne({ a: 1 });
    await expectServerError(c.find({ a: { $in: 5 } }).toArray(), 2, 'BadValue');
    await expectServerError(c.find({ a: { $bogus: 1 } }).toArray(), 2, 'BadValue');
    await expectServerError(c.find({ $bogusTop: [] }).toArray(), 2, 'BadValue');
    await expectServerError(c.countDocuments({ $and: 5 } as never), 2, 'BadValue');
  });
});

describe('update errors', () => {
  it('9 FailedToParse: an unknown update modifier', async () => {
    const c = freshCollection(t.db, 'parse');
    await c.insertOne({ _id: 1, a: 1 });
    const err = await expectServerError(c.updateOne({ _id: 1 }, { $frob: { a: 2 } }), 9, 'FailedToParse');
    expect(err.message).toContain('$frob');
    expect(await c.findOne({})).toEqual({ _id: 1, a: 1 });
  });

  it('14 TypeMismatch: $inc on a string leaves the document unchanged', async () => {
    const c = freshCollection(t.db, 'type');
    await c.insertOne({ _id: 1, a: 'text' });
    await expectServerError(c.updateOne({ _id: 1 }, { $inc: { a: 1 } }), 14, 'TypeMismatch');
    await expectServerError(c.updateOne({ _id: 1 }, { $inc: { a: 'x' } } as never), 14, 'TypeMismatch');
    expect(await c.findOne({})).toEqual({ _id: 1, a: 'text' });
  });

  it('40 ConflictingUpdateOperators: two operators on one path, or on a path and its parent', async () => {
    const c = freshCollection(t.db, 'conflict');
    await c.insertOne({ _id: 1, a: { b: 1 } });
    await expectServerError(c.updateOne({ _id: 1 }, { $set: { a: 1 }, $inc: { a: 1 } }), 40, 'ConflictingUpdateOperators');
    await expectServerError(c.updateOne({ _id: 1 }, { $set: { a: {}, 'a.b': 2 } }), 40, 'ConflictingUpdateOperators');
    expect(await c.findOne({})).toEqual({ _id: 1, a: { b: 1 } });
  });

  it('66 ImmutableField: changing _id by $set or by replacement', async () => {
    const c = freshCollection(t.db, 'immut');
    await c.insertOne({ _id: 1, a: 1 });
    await expectServerError(c.updateOne({ _id: 1 }, { $set: { _id: 2 } }), 66, 'ImmutableField');
    await expectServerError(c.replaceOne({ _id: 1 }, { _id: 3, a: 2 }), 66, 'ImmutableField');
    // Setting _id to its current value is not a change.
    await c.updateOne({ _id: 1 }, { $set: { _id: 1, a: 5 } });
    expect(await c.findOne({})).toEqual({ _id: 1, a: 5 });
  });

  it('a failed statement in updateMany leaves the earlier matches updated', async () => {
    const c = freshCollection(t.db, 'partial');
    await c.insertMany([{ _id: 1, n: 1 }, { _id: 2, n: 'x' }]);
    await expectServerError(c.updateMany({}, { $inc: { n: 1 } }), 14, 'TypeMismatch');
    // No rollback outside a transaction, and which earlier matches were updated depends on
    // scan order, so only the failing document is checked.
    expect(await c.findOne({ _id: 2 })).toEqual({ _id: 2, n: 'x' });
  });
});

describe('namespace errors', () => {
  it('26 NamespaceNotFound for listIndexes and rename of a missing collection', async () => {
    await expectServerError(t.db.collection<AnyDoc>('ghost').listIndexes().toArray(), 26, 'NamespaceNotFound');
    await expectServerError(t.db.collection<AnyDoc>('ghost').rename('ghost2'), 26, 'NamespaceNotFound');
  });

  it('48 NamespaceExists for a rename onto an existing collection', async () => {
    await t.db.collection<AnyDoc>('ns_a').insertOne({ a: 1 });
    await t.db.collection<AnyDoc>('ns_b').insertOne({ b: 1 });
    await expectServerError(t.db.collection<AnyDoc>('ns_a').rename('ns_b'), 48, 'NamespaceExists');
  });

  it('59 CommandNotFound names the unknown command', async () => {
    const err = await expectServerError(t.client.db('admin').command({ noSuchThing: 1 }), 59, 'CommandNotFound');
    expect(err.message).toContain('noSuchThing');
  });

  it('an invalid collection name is 73 InvalidNamespace', async () => {
    await expectServerError(t.db.collection<AnyDoc>('bad$name').insertOne({ a: 1 }), 73, 'InvalidNamespace');
  });
});

describe('error replies keep the shape drivers rely on', () => {
  it('a command error carries ok 0, code, codeName and errmsg', async () => {
    await t.db.collection<AnyDoc>('shape').insertOne({ a: 1 });
    const err = await expectServerError(t.db.command({ find: 'shape', filter: { a: { $in: 1 } } }), 2);
    expect(err.errorResponse).toMatchObject({ ok: 0, code: 2, codeName: 'BadValue' });
    expect(typeof err.errorResponse.errmsg).toBe('string');
  });
});
