/** update (multi, upsert, arrayFilters, positional, replacement), delete, findAndModify. */
import { describe, expect, it } from 'vitest';
import { ObjectId } from 'mongodb';
import { useDatabase } from '../../testkit/db.js';
import { freshCollection } from './support.js';

const t = useDatabase('crud_write');

describe('update', () => {
  it('updateOne changes one document; updateMany all matching; counts are exact', async () => {
    const c = freshCollection(t.db, 'upd');
    await c.insertMany([
      { _id: 1, kind: 'a', n: 1 },
      { _id: 2, kind: 'a', n: 2 },
      { _id: 3, kind: 'b', n: 3 },
    ]);
    const one = await c.updateOne({ _id: 2 }, { $inc: { n: 10 }, $set: { touched: true } });
    expect(one).toMatchObject({ acknowledged: true, matchedCount: 1, modifiedCount: 1, upsertedCount: 0, upsertedId: null });
    const many = await c.updateMany({ kind: 'a' }, { $set: { flag: 'x' }, $unset: { touched: '' } });
    expect(many).toMatchObject({ matchedCount: 2, modifiedCount: 2 });
    expect(await c.find({}).sort({ _id: 1 }).toArray()).toEqual([
      { _id: 1, kind: 'a', n: 1, flag: 'x' },
      { _id: 2, kind: 'a', n: 12, flag: 'x' },
      { _id: 3, kind: 'b', n: 3 },
    ]);
    // Setting a field to the value it already has matches but does not modify.
    expect(await c.updateMany({ kind: 'a' }, { $set: { flag: 'x' } })).toMatchObject({ matchedCount: 2, modifiedCount: 0 });
    expect(await c.updateOne({ _id: 99 }, { $set: { flag: 'y' } })).toMatchObject({ matchedCount: 0, modifiedCount: 0 });
  });

  it('supports the common update operators', async () => {
    interface OpsDoc {
      _id: number;
      n: number;
      arr: number[];
      nested: { a: number };
      old?: string;
      renamed?: string;
      low?: number;
      set?: string[];
      at?: Date;
    }
    const c = freshCollection<OpsDoc>(t.db, 'ops');
    await c.insertOne({ _id: 1, n: 5, arr: [3, 1], nested: { a: 1 }, old: 'name' });
    await c.updateOne(
      { _id: 1 },
      {
        $mul: { n: 2 },
        $min: { low: 4 },
        $max: { 'nested.a': 7 },
        $push: { arr: { $each: [5, 2], $sort: 1 } },
        $addToSet: { set: { $each: ['p', 'p', 'q'] } },
        $rename: { old: 'renamed' },
        $currentDate: { at: true },
      },
    );
    const doc = await c.findOne({ _id: 1 });
    expect(doc).toMatchObject({ n: 10, low: 4, nested: { a: 7 }, arr: [1, 2, 3, 5], set: ['p', 'q'], renamed: 'name' });
    expect(doc!.old).toBeUndefined();
    expect(doc!.at).toBeInstanceOf(Date);
    await c.updateOne({ _id: 1 }, { $pull: { arr: { $gte: 3 } }, $pop: { set: -1 } });
    expect(await c.findOne({ _id: 1 }, { projection: { arr: 1, set: 1, _id: 0 } })).toEqual({ arr: [1, 2], set: ['q'] });
  });

  it('upsert inserts from the equality part of the filter plus the update, and $setOnInsert only on insert', async () => {
    const c = freshCollection(t.db, 'ups');
    const res = await c.updateOne(
      { code: 'P-1', score: { $gt: 5 }, 'meta.region': 'east' },
      { $set: { name: 'first' }, $setOnInsert: { createdBy: 'seed' }, $inc: { hits: 1 } },
      { upsert: true },
    );
    expect(res).toMatchObject({ matchedCount: 0, modifiedCount: 0, upsertedCount: 1 });
    expect(res.upsertedId).toBeInstanceOf(ObjectId);
    const inserted = await c.findOne({ _id: res.upsertedId! });
    // Range conditions are not copied into the new document; equality ones (dotted too) are.
    expect(inserted).toEqual({ _id: res.upsertedId, code: 'P-1', meta: { region: 'east' }, name: 'first', createdBy: 'seed', hits: 1 });

    await c.updateOne({ code: 'P-1' }, { $set: { score: 9 } });
    const again = await c.updateOne(
      { code: 'P-1', score: { $gt: 5 } },
      { $set: { name: 'second' }, $setOnInsert: { createdBy: 'other' }, $inc: { hits: 1 } },
      { upsert: true },
    );
    expect(again).toMatchObject({ matchedCount: 1, modifiedCount: 1, upsertedCount: 0, upsertedId: null });
    expect(await c.findOne({ code: 'P-1' }, { projection: { _id: 0, name: 1, createdBy: 1, hits: 1 } })).toEqual({
      name: 'second',
      createdBy: 'seed',
      hits: 2,
    });
    expect(await c.countDocuments()).toBe(1);
  });

  it('upsert keeps an _id given in the filter', async () => {
    const c = freshCollection(t.db, 'upsid');
    const res = await c.updateOne({ _id: 'fixed' as unknown as ObjectId }, { $set: { v: 1 } }, { upsert: true });
    expect(res.upsertedId).toBe('fixed');
    expect(await c.findOne({})).toEqual({ _id: 'fixed', v: 1 });
  });

  it('arrayFilters update only the matching elements, in every matching document', async () => {
    const c = freshCollection(t.db, 'af');
    await c.insertMany([
      { _id: 1, grades: [{ score: 95, ok: false }, { score: 60, ok: false }, { score: 85, ok: false }] },
      { _id: 2, grades: [{ score: 40, ok: false }] },
    ]);
    const res = await c.updateMany({}, { $set: { 'grades.$[g].ok': true } }, { arrayFilters: [{ 'g.score': { $gte: 80 } }] });
    expect(res).toMatchObject({ matchedCount: 2, modifiedCount: 1 });
    const doc = await c.findOne({ _id: 1 });
    expect(doc!.grades.map((g: { ok: boolean }) => g.ok)).toEqual([true, false, true]);
    expect((await c.findOne({ _id: 2 }))!.grades[0].ok).toBe(false);
  });

  it('the positional $ operator updates the first matched array element', async () => {
    const c = freshCollection(t.db, 'pos');
    await c.insertOne({ _id: 1, items: [{ sku: 'a', qty: 1 }, { sku: 'b', qty: 1 }, { sku: 'b', qty: 1 }] });
    await c.updateOne({ 'items.sku': 'b' }, { $inc: { 'items.$.qty': 4 } });
    expect((await c.findOne({ _id: 1 }))!.items.map((i: { qty: number }) => i.qty)).toEqual([1, 5, 1]);
  });

  it('replaceOne replaces the whole document and keeps _id', async () => {
    const c = freshCollection(t.db, 'repl');
    await c.insertOne({ _id: 7, a: 1, b: 2 });
    const res = await c.replaceOne({ a: 1 }, { c: 3 });
    expect(res).toMatchObject({ matchedCount: 1, modifiedCount: 1 });
    expect(await c.findOne({ _id: 7 })).toEqual({ _id: 7, c: 3 });
    const up = await c.replaceOne({ c: 99 }, { c: 100, d: 'new' }, { upsert: true });
    expect(up.upsertedCount).toBe(1);
    const inserted = await c.findOne({ _id: up.upsertedId! });
    expect(inserted).toEqual({ _id: up.upsertedId, c: 100, d: 'new' });
  });

  it('an update pipeline computes new fields from old ones', async () => {
    const c = freshCollection(t.db, 'pipe');
    await c.insertOne({ _id: 1, a: 2, b: 3 });
    await c.updateOne({ _id: 1 }, [{ $set: { sum: { $add: ['$a', '$b'] } } }, { $unset: 'b' }]);
    expect(await c.findOne({ _id: 1 })).toEqual({ _id: 1, a: 2, sum: 5 });
  });
});

describe('delete', () => {
  it('deleteOne removes one, deleteMany every match, with exact counts', async () => {
    const c = freshCollection(t.db, 'del');
    await c.insertMany(Array.from({ length: 6 }, (_, i) => ({ _id: i, even: i % 2 === 0 })));
    expect(await c.deleteOne({ even: true })).toMatchObject({ acknowledged: true, deletedCount: 1 });
    expect(await c.deleteMany({ even: true })).toMatchObject({ deletedCount: 2 });
    expect(await c.deleteMany({ even: true })).toMatchObject({ deletedCount: 0 });
    expect((await c.find({}).sort({ _id: 1 }).toArray()).map((d) => d._id)).toEqual([1, 3, 5]);
    expect(await c.deleteMany({})).toMatchObject({ deletedCount: 3 });
    expect(await c.countDocuments()).toBe(0);
  });
});

describe('findAndModify', () => {
  it('returns the document before or after the update, choosing by sort', async () => {
    const c = freshCollection(t.db, 'fam');
    await c.insertMany([
      { _id: 1, q: 'x', p: 3 },
      { _id: 2, q: 'x', p: 9 },
      { _id: 3, q: 'x', p: 5 },
    ]);
    const before = await c.findOneAndUpdate({ q: 'x' }, { $set: { taken: true } }, { sort: { p: -1 }, returnDocument: 'before' });
    expect(before).toEqual({ _id: 2, q: 'x', p: 9 });
    const after = await c.findOneAndUpdate({ q: 'x', taken: { $exists: false } }, { $inc: { p: 100 } }, { sort: { p: 1 }, returnDocument: 'after', projection: { p: 1 } });
    expect(after).toEqual({ _id: 1, p: 103 });
    expect(await c.findOneAndUpdate({ q: 'none' }, { $set: { z: 1 } })).toBeNull();
  });

  it('upsert with returnDocument after returns the inserted document; with before returns null', async () => {
    const c = freshCollection(t.db, 'famup');
    const created = await c.findOneAndUpdate({ key: 'k1' }, { $set: { v: 1 } }, { upsert: true, returnDocument: 'after' });
    expect(created).toMatchObject({ key: 'k1', v: 1 });
    expect(created!._id).toBeInstanceOf(ObjectId);
    expect(await c.findOneAndUpdate({ key: 'k2' }, { $set: { v: 2 } }, { upsert: true, returnDocument: 'before' })).toBeNull();
    expect(await c.countDocuments()).toBe(2);

    const raw = await c.findOneAndUpdate({ key: 'k3' }, { $set: { v: 3 } }, { upsert: true, includeResultMetadata: true });
    expect(raw.ok).toBe(1);
    expect(raw.lastErrorObject).toMatchObject({ n: 1, updatedExisting: false });
    expect(raw.lastErrorObject!.upserted).toBeInstanceOf(ObjectId);
  });

  it('remove returns the deleted document; replace swaps it', async () => {
    const c = freshCollection(t.db, 'famrm');
    await c.insertMany([
      { _id: 1, state: 'queued', at: 2 },
      { _id: 2, state: 'queued', at: 1 },
    ]);
    expect(await c.findOneAndDelete({ state: 'queued' }, { sort: { at: 1 } })).toEqual({ _id: 2, state: 'queued', at: 1 });
    expect(await c.findOneAndReplace({ _id: 1 }, { state: 'done' }, { returnDocument: 'after' })).toEqual({ _id: 1, state: 'done' });
    expect(await c.findOneAndDelete({ state: 'queued' })).toBeNull();
    expect(await c.countDocuments()).toBe(1);
  });
});
