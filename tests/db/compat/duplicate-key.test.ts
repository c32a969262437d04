/** 11000 duplicate key errors: where they arise and the shape drivers and mongoose read. */
import { describe, expect, it } from 'vitest';
import { MongoBulkWriteError, type Document } from 'mongodb';
import { useDatabase } from '../../testkit/db.js';
import { expectServerError, freshCollection } from './support.js';

const t = useDatabase('dupkey');

async function expectDup(promise: Promise<unknown>, keyPattern: Document, keyValue: Document, indexName: string) {
  const err = await expectServerError(promise, 11000, 'DuplicateKey');
  expect(err.keyPattern).toEqual(keyPattern);
  expect(err.keyValue).toEqual(keyValue);
  expect(err.message).toContain('E11000 duplicate key error');
  expect(err.message).toContain(indexName);
  return err;
}

describe('duplicate keys', () => {
  it('insert of an existing _id', async () => {
    const c = freshCollection(t.db, 'dupid');
    await c.insertOne({ _id: 1, a: 1 });
    await expectDup(c.insertOne({ _id: 1, a: 2 }), { _id: 1 }, { _id: 1 }, '_id_');
    expect(await c.findOne({})).toEqual({ _id: 1, a: 1 });
  });

  it('the raw insert reply is ok: 1 with writeErrors carrying keyPattern and keyValue', async () => {
    const c = freshCollection(t.db, 'dupraw');
    await c.createIndex({ email: 1 }, { unique: true });
    await c.insertOne({ email: 'a@x.cn' });
    const reply = await t.db.command({ insert: c.collectionName, documents: [{ email: 'b@x.cn' }, { email: 'a@x.cn' }] });
    expect(reply.ok).toBe(1);
    expect(reply.n).toBe(1);
    expect(reply.writeErrors).toHaveLength(1);
    expect(reply.writeErrors[0]).toMatchObject({ index: 1, code: 11000, keyPattern: { email: 1 }, keyValue: { email: 'a@x.cn' } });
    expect(typeof reply.writeErrors[0].errmsg).toBe('string');
  });

  it('insert into a unique secondary index, and the index follows deletes and updates', async () => {
    const c = freshCollection(t.db, 'dupsec');
    await c.createIndex({ email: 1 }, { unique: true });
    await c.insertOne({ email: 'a@x.cn' });
    await expectDup(c.insertOne({ email: 'a@x.cn' }), { email: 1 }, { email: 'a@x.cn' }, 'email_1');
    await c.updateOne({ email: 'a@x.cn' }, { $set: { email: 'b@x.cn' } });
    await c.insertOne({ email: 'a@x.cn' }); // the old value was freed by the update
    await c.deleteOne({ email: 'b@x.cn' });
    await c.insertOne({ email: 'b@x.cn' }); // and by the delete
    expect(await c.countDocuments()).toBe(2);
  });

  it('two documents missing a non-sparse unique field collide on null', async () => {
    const c = freshCollection(t.db, 'dupnull');
    await c.createIndex({ u: 1 }, { unique: true });
    await c.insertOne({ other: 1 });
    await expectDup(c.insertOne({ other: 2 }), { u: 1 }, { u: null }, 'u_1');
  });

  it('compound unique: only the full combination conflicts', async () => {
    const c = freshCollection(t.db, 'dupcomp');
    await c.createIndex({ project: 1, code: 1 }, { unique: true });
    await c.insertMany([
      { project: 'p1', code: 'A' },
      { project: 'p1', code: 'B' },
      { project: 'p2', code: 'A' },
    ]);
    await expectDup(c.insertOne({ project: 'p1', code: 'A' }), { project: 1, code: 1 }, { project: 'p1', code: 'A' }, 'project_1_code_1');
  });

  it('sparse unique ignores missing fields but not explicit nulls', async () => {
    const c = freshCollection(t.db, 'dupsparse');
    await c.createIndex({ s: 1 }, { unique: true, sparse: true });
    await c.insertMany([{ a: 1 }, { a: 2 }, { s: 'x' }, { s: null }]);
    await expectDup(c.insertOne({ s: 'x' }), { s: 1 }, { s: 'x' }, 's_1');
    await expectDup(c.insertOne({ s: null }), { s: 1 }, { s: null }, 's_1');
  });

  it('partial unique only constrains documents matching the filter', async () => {
    const c = freshCollection(t.db, 'duppartial');
    await c.createIndex({ email: 1 }, { unique: true, partialFilterExpression: { active: true } });
    await c.insertMany([
      { email: 'a@x.cn', active: false },
      { email: 'a@x.cn', active: false },
      { email: 'a@x.cn', active: true },
    ]);
    await expectDup(c.insertOne({ email: 'a@x.cn', active: true }), { email: 1 }, { email: 'a@x.cn' }, 'email_1');
    // Moving a document into the filter is checked too.
    await expectDup(c.updateOne({ active: false }, { $set: { active: true } }), { email: 1 }, { email: 'a@x.cn' }, 'email_1');
  });

  it('arrays: each element is a key; repeats inside one document are fine', async () => {
    const c = freshCollection(t.db, 'duparr');
    await c.createIndex({ tags: 1 }, { unique: true });
    await c.insertOne({ tags: ['x', 'y', 'x'] });
    await expectDup(c.insertOne({ tags: ['z', 'y'] }), { tags: 1 }, { tags: 'y' }, 'tags_1');
  });

  it('update into an existing key, and upsert inserting an existing key', async () => {
    const c = freshCollection(t.db, 'dupupd');
    await c.createIndex({ code: 1 }, { unique: true });
    await c.insertMany([{ code: 'A', n: 1 }, { code: 'B', n: 2 }]);
    await expectDup(c.updateOne({ code: 'B' }, { $set: { code: 'A' } }), { code: 1 }, { code: 'A' }, 'code_1');
    await expectDup(c.updateOne({ n: 99 }, { $set: { code: 'B' } }, { upsert: true }), { code: 1 }, { code: 'B' }, 'code_1');
    await expectDup(c.replaceOne({ code: 'B' }, { code: 'A' }), { code: 1 }, { code: 'A' }, 'code_1');
    expect((await c.find({}, { projection: { _id: 0 } }).sort({ code: 1 }).toArray())).toEqual([
      { code: 'A', n: 1 },
      { code: 'B', n: 2 },
    ]);
  });

  it('findAndModify reports 11000 as a command error with keyPattern and keyValue', async () => {
    const c = freshCollection(t.db, 'dupfam');
    await c.createIndex({ code: 1 }, { unique: true });
    await c.insertMany([{ code: 'A' }, { code: 'B' }]);
    await expectDup(c.findOneAndUpdate({ code: 'B' }, { $set: { code: 'A' } }), { code: 1 }, { code: 'A' }, 'code_1');
    await expectDup(c.findOneAndUpdate({ other: 'C' }, { $set: { code: 'A' } }, { upsert: true }), { code: 1 }, { code: 'A' }, 'code_1');
  });

  it('insertMany ordered stops at the first duplicate; unordered goes on', async () => {
    const ordered = freshCollection(t.db, 'dupord');
    const e1 = await ordered.insertMany([{ _id: 1 }, { _id: 1 }, { _id: 2 }]).catch((e: unknown) => e);
    expect(e1).toBeInstanceOf(MongoBulkWriteError);
    const b1 = e1 as MongoBulkWriteError;
    expect(b1.code).toBe(11000);
    expect(b1.insertedCount).toBe(1);
    expect(b1.writeErrors).toHaveLength(1);
    expect((b1.writeErrors as unknown as { index: number; code: number }[])[0]).toMatchObject({ index: 1, code: 11000 });
    expect(await ordered.countDocuments()).toBe(1);

    const unordered = freshCollection(t.db, 'dupunord');
    const e2 = await unordered.insertMany([{ _id: 1 }, { _id: 1 }, { _id: 2 }, { _id: 2 }, { _id: 3 }], { ordered: false }).catch((e: unknown) => e);
    const b2 = e2 as MongoBulkWriteError;
    expect(b2).toBeInstanceOf(MongoBulkWriteError);
    expect(b2.insertedCount).toBe(3);
    expect((b2.writeErrors as unknown as { index: number }[]).map((w) => w.index).sort()).toEqual([1, 3]);
    expect(await unordered.countDocuments()).toBe(3);
  });
});
