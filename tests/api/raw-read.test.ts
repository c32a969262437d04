import { describe, expect, it } from 'vitest';
import { mongo } from 'mongoose';
import { fieldReader, readRecord } from '../../api/src/lib/bson-fields.js';
import { toPlain } from '../../api/src/lib/records.js';

// The driver's own bson (the one mongoose's ObjectId class comes from).
const { BSON, Double, Int32, Long, ObjectId } = mongo;

/** What the loaders read straight from raw bytes must equal what `.lean()` + `toPlain` gave. */
describe('readRecord', () => {
  const doc = {
    _id: new ObjectId(),
    code: 'SY-2025-001',
    name: '年产 10 万吨新材料项目',
    totalInvestment: Long.fromNumber(5_200_000_000),
    landArea: new Double(86.5),
    order: new Int32(3),
    signedOn: '2025-03-01',
    createdAt: new Date('2025-03-01T02:03:04.005Z'),
    terminated: null,
    baselineFrozen: true,
    unitIds: [new ObjectId(), new ObjectId()],
    gates: [{ code: 'SIGN', stage: 'SIGNED', actualDate: '2025-03-01' }],
    replans: [{ _id: new ObjectId(), by: new ObjectId(), at: new Date(0), toDate: '2025-06-30', nested: { _id: new ObjectId(), list: [[1, 2], []] } }],
    empty: {},
    negative: Long.fromNumber(-1_234_567_890_123),
    when: new Date('1969-07-20T20:17:40Z'),
    text: '上虞 杭州湾 "quoted"\u0000-free',
  };

  it('gives the record toPlain makes of the driver-decoded document', () => {
    const bytes = BSON.serialize(doc);
    const viaDriver = toPlain(BSON.deserialize(bytes, { promoteValues: true }));
    expect(readRecord(bytes)).toEqual(viaDriver);
  });

  it('renames _id at every level and writes ids as hex strings', () => {
    const r = readRecord(BSON.serialize(doc)) as Record<string, any>;
    expect(r.id).toBe(doc._id.toHexString());
    expect(r._id).toBeUndefined();
    expect(r.replans[0].id).toBe(doc.replans[0]._id.toHexString());
    expect(r.replans[0].nested.id).toBe(doc.replans[0].nested._id.toHexString());
    expect(r.unitIds).toEqual(doc.unitIds.map((x) => x.toHexString()));
    expect(r.totalInvestment).toBe(5_200_000_000);
    expect(r.createdAt).toBeInstanceOf(Date);
    expect(r.negative).toBe(-1_234_567_890_123);
  });

  it('reads field names right when many share a hash bucket or are not ASCII', () => {
    // 'Aa' and 'BB' have the same 31-based hash; a cache keyed by hash must still tell them apart.
    const r = readRecord(BSON.serialize({ Aa: 1, BB: 2, 名称: '上虞', AaBB: 3, BBAa: 4 })) as Record<string, unknown>;
    expect(r).toEqual({ Aa: 1, BB: 2, 名称: '上虞', AaBB: 3, BBAa: 4 });
    const again = readRecord(BSON.serialize({ BB: 5, Aa: 6 })) as Record<string, unknown>;
    expect(again).toEqual({ BB: 5, Aa: 6 });
  });

  it('hands rare types to bson and goes on reading after them', () => {
    const r = readRecord(
      BSON.serialize({ bin: new mongo.Binary(Buffer.from([1, 2, 3])), dec: mongo.Decimal128.fromString('1.5'), re: /上虞/i, ts: new mongo.Timestamp({ t: 1, i: 2 }), after: 'read' }),
    ) as Record<string, any>;
    expect(Buffer.from(r.bin.buffer)).toEqual(Buffer.from([1, 2, 3]));
    expect(r.dec.toString()).toBe('1.5');
    expect(r.after).toBe('read');
  });
});

describe('fieldReader', () => {
  it('reads only the named fields, keeps their stored names and defers the lazy ones', () => {
    const id = new ObjectId();
    const unit = new ObjectId();
    const read = fieldReader(['_id', 'gates', 'unitIds', 'after'], ['unitIds']);
    const r = read(BSON.serialize({ _id: id, name: '不读', gates: [{ _id: id, code: 'SIGN' }], skipped: { deep: [1, { x: 2 }] }, unitIds: [unit], after: 7 }));
    expect(Object.keys(r).sort()).toEqual(['_id', 'after', 'gates', 'unitIds']);
    expect(r._id).toBe(id.toHexString());
    expect(r.gates).toEqual([{ _id: id.toHexString(), code: 'SIGN' }]);
    expect(typeof r.unitIds).toBe('function');
    expect((r.unitIds as () => unknown)()).toEqual([unit.toHexString()]);
    expect(r.after).toBe(7);
  });

  it('tells apart names whose hashes collide, reads non-ASCII names, and keeps the first of a repeated name', () => {
    // "Aa" and "BB" hash alike (31 × 65 + 97 = 31 × 66 + 66): only the bytes decide.
    const read = fieldReader(['Aa', '名称', 'n']);
    const r = read(BSON.serialize({ BB: 'wrong', Aa: 'right', 名称: '项目', 名: 'other', A: 1 }));
    expect(r).toEqual({ Aa: 'right', 名称: '项目' });
    const bytes = Buffer.concat([BSON.serialize({ n: 1 }).subarray(0, -1), BSON.serialize({ n: 2 }).subarray(4)]);
    bytes.writeInt32LE(bytes.length, 0);
    expect(read(bytes)).toEqual({ n: 1 });
  });
});
