/** The mongoose features the application relies on, end to end. */
import { beforeAll, describe, expect, it } from 'vitest';
import mongoose, { Schema, Types, type Connection, type Model } from 'mongoose';
import { MongoBulkWriteError } from 'mongodb';
import { useDatabase } from '../../testkit/db.js';

const t = useDatabase('mongoose');

interface User {
  email: string;
  name: string;
  createdAt: Date;
  updatedAt: Date;
}
interface Project {
  name: string;
  owner: Types.ObjectId;
  budget?: number;
  status: string;
  createdAt: Date;
  updatedAt: Date;
}
interface Note {
  title: string;
  body?: string;
}

let conn: Connection;
let Users: Model<User>;
let Projects: Model<Project>;
let Notes: Model<Note>;

beforeAll(async () => {
  conn = await t.connectMongoose();
  Users = conn.model<User>('User', new Schema<User>({ email: { type: String, required: true, unique: true }, name: String }, { timestamps: true }));
  Projects = conn.model<Project>(
    'Project',
    new Schema<Project>(
      { name: { type: String, required: true }, owner: { type: Schema.Types.ObjectId, ref: 'User' }, budget: Number, status: { type: String, default: 'draft' } },
      { timestamps: true },
    ),
  );
  Notes = conn.model<Note>('Note', new Schema<Note>({ title: String, body: String }, { optimisticConcurrency: true }));
  await Promise.all([Users.init(), Projects.init(), Notes.init()]);
});

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('mongoose', () => {
  it('builds the unique index and maps a duplicate to 11000 with keyValue', async () => {
    const indexes = await Users.collection.listIndexes().toArray();
    expect(indexes.find((i) => i.name === 'email_1')).toMatchObject({ key: { email: 1 }, unique: true });
    await Users.create({ email: 'li@zs.cn', name: 'Li' });
    const err = await Users.create({ email: 'li@zs.cn', name: 'Other' }).catch((e: unknown) => e);
    expect(err).toMatchObject({ name: 'MongoServerError', code: 11000, keyValue: { email: 'li@zs.cn' }, keyPattern: { email: 1 } });
    const bulk = await Users.insertMany([{ email: 'wang@zs.cn', name: 'Wang' }, { email: 'li@zs.cn', name: 'Dup' }]).catch((e: unknown) => e);
    expect(bulk).toBeInstanceOf(MongoBulkWriteError);
    expect((bulk as MongoBulkWriteError).code).toBe(11000);
    expect(await Users.countDocuments({ email: 'wang@zs.cn' })).toBe(1);
    // syncIndexes finds nothing to change on an up-to-date collection.
    expect(await Users.syncIndexes()).toEqual([]);
  });

  it('populate resolves references in a second query', async () => {
    const owner = await Users.create({ email: 'zhao@zs.cn', name: 'Zhao' });
    await Projects.create([
      { name: 'Alpha park', owner: owner._id, budget: 10 },
      { name: 'Beta port', owner: owner._id, budget: 20 },
    ]);
    const found = await Projects.find({ owner: owner._id }).sort({ name: 1 }).populate<{ owner: User }>('owner', 'name email').exec();
    expect(found.map((p) => [p.name, p.owner.name, p.owner.email])).toEqual([
      ['Alpha park', 'Zhao', 'zhao@zs.cn'],
      ['Beta port', 'Zhao', 'zhao@zs.cn'],
    ]);
    const lean = await Projects.findOne({ name: 'Alpha park' }).populate<{ owner: User }>({ path: 'owner', select: 'name -_id' }).lean();
    expect(lean!.owner).toEqual({ name: 'Zhao' });
  });

  it('lean returns plain objects with ObjectIds and __v', async () => {
    const owner = await Users.create({ email: 'qian@zs.cn', name: 'Qian' });
    const doc = await Users.findById(owner._id).lean();
    expect(doc).not.toBeInstanceOf(mongoose.Document);
    expect(doc!._id).toBeInstanceOf(Types.ObjectId);
    expect(doc!._id.equals(owner._id)).toBe(true);
    expect(doc).toMatchObject({ email: 'qian@zs.cn', name: 'Qian', __v: 0 });
    expect(doc!.createdAt).toBeInstanceOf(Date);
  });

  it('countDocuments and estimatedDocumentCount', async () => {
    const owner = await Users.create({ email: 'sun@zs.cn', name: 'Sun' });
    await Projects.insertMany(Array.from({ length: 7 }, (_, i) => ({ name: `count-${i}`, owner: owner._id, budget: i })));
    expect(await Projects.countDocuments({ owner: owner._id, budget: { $gte: 3 } })).toBe(4);
    expect(await Projects.estimatedDocumentCount()).toBe(await Projects.countDocuments({}));
  });

  it('findOneAndUpdate with upsert applies defaults and timestamps on insert only', async () => {
    const created = await Projects.findOneAndUpdate({ name: 'Upserted' }, { $set: { budget: 5 } }, { upsert: true, returnDocument: 'after' }).lean();
    expect(created).toMatchObject({ name: 'Upserted', budget: 5, status: 'draft' });
    expect(created!.createdAt).toBeInstanceOf(Date);
    expect(created!.updatedAt).toBeInstanceOf(Date);
    await pause(5);
    const updated = await Projects.findOneAndUpdate({ name: 'Upserted' }, { $set: { status: 'active' } }, { upsert: true, returnDocument: 'after' }).lean();
    expect(updated!._id.equals(created!._id)).toBe(true);
    expect(updated!.status).toBe('active');
    expect(updated!.createdAt.getTime()).toBe(created!.createdAt.getTime());
    expect(updated!.updatedAt.getTime()).toBeGreaterThan(created!.updatedAt.getTime());
    expect(await Projects.countDocuments({ name: 'Upserted' })).toBe(1);
  });

  it('timestamps: createdAt stays, updatedAt moves on save and updateOne', async () => {
    const owner = await Users.create({ email: 'zhou@zs.cn', name: 'Zhou' });
    const p = await Projects.create({ name: 'Stamped', owner: owner._id });
    expect(p.createdAt.getTime()).toBe(p.updatedAt.getTime());
    await pause(5);
    p.budget = 99;
    await p.save();
    const afterSave = (await Projects.findById(p._id).lean())!;
    expect(afterSave.createdAt.getTime()).toBe(p.createdAt.getTime());
    expect(afterSave.updatedAt.getTime()).toBeGreaterThan(afterSave.createdAt.getTime());
    await pause(5);
    await Projects.updateOne({ _id: p._id }, { $inc: { budget: 1 } });
    const afterUpdate = (await Projects.findById(p._id).lean())!;
    expect(afterUpdate.budget).toBe(100);
    expect(afterUpdate.updatedAt.getTime()).toBeGreaterThan(afterSave.updatedAt.getTime());
  });

  it('optimisticConcurrency rejects a save from a stale copy with VersionError', async () => {
    const note = await Notes.create({ title: 'v0' });
    const first = (await Notes.findById(note._id))!;
    const second = (await Notes.findById(note._id))!;
    first.title = 'v1';
    await first.save();
    second.body = 'stale edit';
    await expect(second.save()).rejects.toBeInstanceOf(mongoose.Error.VersionError);
    const stored = (await Notes.findById(note._id).lean())!;
    expect(stored).toMatchObject({ title: 'v1', __v: 1 });
    expect(stored.body).toBeUndefined();
  });

  it('connection.transaction commits, and rolls back on error', async () => {
    const owner = await Users.create({ email: 'wu@zs.cn', name: 'Wu' });
    await conn.transaction(async (session) => {
      await Projects.create([{ name: 'Txn A', owner: owner._id }], { session });
      await Users.updateOne({ _id: owner._id }, { $set: { name: 'Wu Jr' } }, { session });
    });
    expect(await Projects.countDocuments({ name: 'Txn A' })).toBe(1);
    expect((await Users.findById(owner._id).lean())!.name).toBe('Wu Jr');

    await expect(
      conn.transaction(async (session) => {
        await Projects.create([{ name: 'Txn B', owner: owner._id }], { session });
        throw new Error('rollback');
      }),
    ).rejects.toThrow('rollback');
    expect(await Projects.countDocuments({ name: 'Txn B' })).toBe(0);
  });

  it('aggregate through a model', async () => {
    const owner = await Users.create({ email: 'zheng@zs.cn', name: 'Zheng' });
    await Projects.insertMany([
      { name: 'agg-1', owner: owner._id, budget: 3, status: 'active' },
      { name: 'agg-2', owner: owner._id, budget: 4, status: 'active' },
      { name: 'agg-3', owner: owner._id, budget: 10, status: 'closed' },
    ]);
    const rows = await Projects.aggregate<{ _id: string; total: number }>([
      { $match: { owner: owner._id } },
      { $group: { _id: '$status', total: { $sum: '$budget' } } },
      { $sort: { _id: 1 } },
    ]);
    expect(rows).toEqual([
      { _id: 'active', total: 7 },
      { _id: 'closed', total: 10 },
    ]);
  });
});
