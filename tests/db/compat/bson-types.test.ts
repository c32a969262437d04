/** BSON types survive a round trip exactly; comparison and sort follow BSON order. */
import { describe, expect, it } from 'vitest';
import {
  Binary,
  BSONRegExp,
  Decimal128,
  Double,
  Int32,
  Long,
  MaxKey,
  MinKey,
  ObjectId,
  Timestamp,
  UUID,
  type Document,
} from 'mongodb';
import { useDatabase } from '../../testkit/db.js';
import { freshCollection } from './support.js';

const t = useDatabase('bson');

/** Decoding options that keep every BSON type as its wrapper class. */
const RAW = { promoteValues: false, promoteLongs: false, promoteBuffers: false, bsonRegExp: true } as const;

const bsonType = (v: unknown): string => (v && typeof v === 'object' && '_bsontype' in v ? String((v as { _bsontype: string })._bsontype) : typeof v);

describe('round trip', () => {
  const sample = () => ({
    _id: new ObjectId(),
    i32: new Int32(5),
    i64: Long.fromString('9007199254740993'),
    i64small: Long.fromNumber(7),
    dbl: new Double(5.0),
    dblFrac: new Double(-0.125),
    inf: new Double(Infinity),
    dec: Decimal128.fromString('1234.5678901234567890123'),
    date: new Date('2024-02-29T12:34:56.789Z'),
    oid: new ObjectId(),
    bin: new Binary(Buffer.from([0, 1, 2, 255]), 0),
    uuid: new UUID('0e2c4a18-1b7e-4f1a-9d6e-2f0d5c3b8a71'),
    re: new BSONRegExp('^ab+c$', 'i'),
    ts: new Timestamp({ t: 1_700_000_000, i: 3 }),
    str: '招商 project',
    empty: '',
    bool: false,
    nul: null,
    min: new MinKey(),
    max: new MaxKey(),
    nested: { a: { b: [new Int32(1), { c: new Double(2.0) }, []] }, e: {} },
  });

  it('keeps every type and value with promoteValues: false', async () => {
    const c = freshCollection(t.db, 'rt');
    const doc = sample();
    await c.insertOne(doc);
    const back = (await c.findOne({ _id: doc._id }, RAW))!;
    expect(Object.keys(back)).toEqual(Object.keys(doc)); // field order is preserved
    for (const key of Object.keys(doc) as (keyof ReturnType<typeof sample>)[]) {
      expect(bsonType(back[key]), key).toBe(bsonType(doc[key]));
    }
    expect(back.i32.value).toBe(5);
    expect(back.dbl.value).toBe(5);
    expect(back.dblFrac.value).toBe(-0.125);
    expect(back.inf.value).toBe(Infinity);
    expect(back.i64.toString()).toBe('9007199254740993');
    expect(back.i64small.toString()).toBe('7');
    expect(back.dec.toString()).toBe('1234.5678901234567890123');
    expect(back.date.getTime()).toBe(doc.date.getTime());
    expect(back.oid.equals(doc.oid)).toBe(true);
    expect(Buffer.from(back.bin.buffer).equals(Buffer.from([0, 1, 2, 255]))).toBe(true);
    expect(back.bin.sub_type).toBe(0);
    expect(back.uuid.sub_type).toBe(4);
    expect(Buffer.from(back.uuid.buffer).toString('hex')).toBe('0e2c4a181b7e4f1a9d6e2f0d5c3b8a71');
    expect([back.re.pattern, back.re.options]).toEqual(['^ab+c$', 'i']);
    expect([back.ts.t, back.ts.i]).toEqual([1_700_000_000, 3]);
    expect(back.str).toBe('招商 project');
    expect(back.nul).toBeNull();
    expect(bsonType(back.nested.a.b[0])).toBe('Int32');
    expect(bsonType(back.nested.a.b[1].c)).toBe('Double');
    expect(back.nested.a.b[2]).toEqual([]);
    expect(back.nested.e).toEqual({});
  });

  it('default decoding promotes numbers but leaves a Long beyond 2^53 as Long', async () => {
    const c = freshCollection(t.db, 'promote');
    const doc = sample();
    await c.insertOne(doc);
    const back = (await c.findOne({ _id: doc._id }))!;
    expect(back.i32).toBe(5);
    expect(back.dbl).toBe(5);
    expect(back.i64small).toBe(7);
    expect(back.i64).toBeInstanceOf(Long);
    expect(back.re).toBeInstanceOf(RegExp);
  });

  it('the server knows each stored type ($type)', async () => {
    const c = freshCollection(t.db, 'types');
    await c.insertMany([
      { _id: 1, v: new Int32(1) },
      { _id: 2, v: Long.fromNumber(1) },
      { _id: 3, v: new Double(1) },
      { _id: 4, v: Decimal128.fromString('1') },
      { _id: 5, v: '1' },
      { _id: 6, v: null },
      { _id: 7 },
    ]);
    const ids = async (type: string) => (await c.find({ v: { $type: type } }).sort({ _id: 1 }).toArray()).map((d) => d._id);
    expect(await ids('int')).toEqual([1]);
    expect(await ids('long')).toEqual([2]);
    expect(await ids('double')).toEqual([3]);
    expect(await ids('decimal')).toEqual([4]);
    expect(await ids('number')).toEqual([1, 2, 3, 4]);
    expect(await ids('string')).toEqual([5]);
    expect(await ids('null')).toEqual([6]);
    // Equality across numeric types compares values, not types.
    expect((await c.find({ v: 1 }).sort({ _id: 1 }).toArray()).map((d) => d._id)).toEqual([1, 2, 3, 4]);
    expect(await c.distinct('v', { _id: { $lte: 4 } })).toHaveLength(1);
  });
});

describe('numeric semantics', () => {
  it('compares Decimal128 and large Int64 exactly', async () => {
    const c = freshCollection(t.db, 'numcmp');
    await c.insertMany([
      { _id: 1, v: Decimal128.fromString('10') },
      { _id: 2, v: Decimal128.fromString('9') },
      { _id: 3, v: Long.fromString('9007199254740993') },
      { _id: 4, v: new Double(9007199254740992) },
    ]);
    const ids = async (filter: Document) => (await c.find(filter).sort({ _id: 1 }).toArray()).map((d) => d._id);
    expect(await ids({ v: { $gt: 8, $lt: 100 } })).toEqual([1, 2]);
    expect(await ids({ v: { $gt: Decimal128.fromString('9.5'), $lt: 11 } })).toEqual([1]);
    expect(await ids({ v: { $gt: new Double(9007199254740992) } })).toEqual([3]);
    expect(await ids({ v: Long.fromString('9007199254740993') })).toEqual([3]);
  });

  it('$inc promotes Int32 on overflow and keeps Decimal128 and Double', async () => {
    const c = freshCollection(t.db, 'numinc');
    await c.insertOne({ _id: 1, i: new Int32(2147483647), d: Decimal128.fromString('1.1'), f: new Double(1.5), l: Long.fromNumber(5), s: new Int32(1) });
    await c.updateOne({ _id: 1 }, { $inc: { i: new Int32(1), d: new Int32(1), f: new Int32(1), l: new Int32(1), s: new Double(0.5) } });
    const back = (await c.findOne({ _id: 1 }, RAW))!;
    expect(bsonType(back.i)).toBe('Long');
    expect(back.i.toString()).toBe('2147483648');
    expect(bsonType(back.d)).toBe('Decimal128');
    expect(back.d.toString()).toBe('2.1');
    expect(bsonType(back.f)).toBe('Double');
    expect(back.f.value).toBe(2.5);
    expect(bsonType(back.l)).toBe('Long');
    expect(back.l.toString()).toBe('6');
    expect(bsonType(back.s)).toBe('Double');
    expect(back.s.value).toBe(1.5);
  });

  it('$sum keeps Int32 while it fits and widens for Double and Decimal128', async () => {
    const c = freshCollection(t.db, 'numsum');
    await c.insertMany([
      { g: 'int', v: new Int32(1) },
      { g: 'int', v: new Int32(2) },
      { g: 'dbl', v: new Int32(1) },
      { g: 'dbl', v: new Double(0.5) },
      { g: 'dec', v: new Int32(1) },
      { g: 'dec', v: Decimal128.fromString('0.25') },
    ]);
    const rows = await c.aggregate([{ $group: { _id: '$g', s: { $sum: '$v' } } }], RAW).toArray();
    const byGroup = Object.fromEntries(rows.map((r) => [r._id, r.s]));
    expect(bsonType(byGroup.int)).toBe('Int32');
    expect(byGroup.int.value).toBe(3);
    expect(bsonType(byGroup.dbl)).toBe('Double');
    expect(byGroup.dbl.value).toBe(1.5);
    expect(bsonType(byGroup.dec)).toBe('Decimal128');
    expect(byGroup.dec.toString()).toBe('1.25');
  });
});

describe('sort order', () => {
  it('orders across BSON types: MinKey < null/missing < numbers < strings < objects < binary < ObjectId < bool < Date < Timestamp < regex < MaxKey', async () => {
    const c = freshCollection(t.db, 'xsort');
    const docs: Document[] = [
      { _id: 10, v: new MaxKey() },
      { _id: 11, v: new BSONRegExp('x', '') },
      { _id: 12, v: new Timestamp({ t: 5, i: 1 }) },
      { _id: 13, v: new Date('2020-01-01T00:00:00Z') },
      { _id: 14, v: true },
      { _id: 15, v: false },
      { _id: 16, v: new ObjectId('65a000000000000000000000') },
      { _id: 17, v: new Binary(Buffer.from([1])) },
      { _id: 18, v: { x: 1 } },
      { _id: 19, v: 'a' },
      { _id: 20, v: 'B' },
      { _id: 21, v: Decimal128.fromString('3') },
      { _id: 22, v: new Double(2.5) },
      { _id: 23, v: Long.fromNumber(2) },
      { _id: 24, v: new Int32(1) },
      { _id: 25 },
      { _id: 26, v: null },
      { _id: 27, v: new MinKey() },
    ];
    await c.insertMany(docs);
    const expected = [27, 25, 26, 24, 23, 22, 21, 20, 19, 18, 17, 16, 15, 14, 13, 12, 11, 10];
    // null and missing compare equal: _id breaks that tie.
    const asc = await c.find({}, { projection: { _id: 1 } }).sort({ v: 1, _id: 1 }).toArray();
    expect(asc.map((d) => d._id)).toEqual(expected);
    const desc = await c.find({}, { projection: { _id: 1 } }).sort({ v: -1, _id: -1 }).toArray();
    expect(desc.map((d) => d._id)).toEqual([...expected].reverse());
  });

  it('orders numbers by value across Int32, Int64, Double and Decimal128, NaN first', async () => {
    const c = freshCollection(t.db, 'nsort');
    await c.insertMany([
      { _id: 1, v: new Int32(10) },
      { _id: 2, v: Long.fromNumber(9) },
      { _id: 3, v: new Double(9.5) },
      { _id: 4, v: Decimal128.fromString('9.25') },
      { _id: 5, v: Decimal128.fromString('10.5') },
      { _id: 6, v: Long.fromString('9007199254740993') },
      { _id: 7, v: new Double(9007199254740992) },
      { _id: 8, v: new Int32(-3) },
      { _id: 9, v: new Double(-Infinity) },
      { _id: 10, v: new Double(NaN) },
    ]);
    const asc = (await c.find({}).sort({ v: 1 }).toArray()).map((d) => d._id);
    expect(asc).toEqual([10, 9, 8, 2, 4, 3, 1, 5, 7, 6]);
    const top = (await c.aggregate([{ $sort: { v: -1 } }, { $limit: 3 }]).toArray()).map((d) => d._id);
    expect(top).toEqual([6, 7, 5]);
  });

  it('sorts arrays by their smallest element ascending and largest descending', async () => {
    const c = freshCollection(t.db, 'asort');
    await c.insertMany([
      { _id: 1, a: [1, 4] },
      { _id: 2, a: [3] },
      { _id: 3, a: [2, 9] },
    ]);
    expect((await c.find({}).sort({ a: 1 }).toArray()).map((d) => d._id)).toEqual([1, 3, 2]);
    expect((await c.find({}).sort({ a: -1 }).toArray()).map((d) => d._id)).toEqual([3, 1, 2]);
  });

  it('compares strings by UTF-8 bytes without a collation', async () => {
    const c = freshCollection(t.db, 'ssort');
    await c.insertMany([{ _id: 1, s: 'b' }, { _id: 2, s: 'B' }, { _id: 3, s: 'é' }, { _id: 4, s: '招' }, { _id: 5, s: 'a' }]);
    expect((await c.find({}).sort({ s: 1 }).toArray()).map((d) => d._id)).toEqual([2, 5, 1, 3, 4]);
  });
});
