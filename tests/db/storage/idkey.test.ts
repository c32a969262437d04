import { describe, expect, it } from 'vitest';
import { Binary, Decimal128, Double, Int32, Long, ObjectId } from 'bson';
import { idKey } from '../../../api/src/db/embedded/storage/idkey.js';

describe('idKey: _id identity under BSON equality', () => {
  it('treats numbers of every type as equal when their values are', () => {
    const one = [1, new Int32(1), new Double(1), Long.fromNumber(1), Decimal128.fromString('1.000'), Decimal128.fromString('0.1E1')];
    expect(new Set(one.map(idKey)).size).toBe(1);
    expect(idKey(Decimal128.fromString('1E+2'))).toBe(idKey(new Int32(100)));
    expect(idKey(new Double(-0))).toBe(idKey(new Int32(0)));
    expect(idKey(Decimal128.fromString('-0.00'))).toBe(idKey(0));
    expect(idKey(new Double(0.5))).toBe(idKey(Decimal128.fromString('0.50')));
    expect(idKey(new Double(NaN))).toBe(idKey(Decimal128.fromString('NaN')));
    expect(idKey(Long.fromString('9007199254740993'))).toBe(idKey(Decimal128.fromString('9007199254740993')));
  });

  it('keeps different values apart', () => {
    // 0.1 as a double is not exactly one tenth, so MongoDB does not equate it with Decimal128 0.1
    expect(idKey(new Double(0.1))).not.toBe(idKey(Decimal128.fromString('0.1')));
    expect(idKey(new Double(0.1))).not.toBe(idKey(new Double(0.1 + Number.EPSILON)));
    expect(idKey(Long.fromString('9007199254740993'))).not.toBe(idKey(Long.fromString('9007199254740992')));
    expect(idKey('1')).not.toBe(idKey(1));
    expect(idKey(true)).not.toBe(idKey(1));
    expect(idKey(null)).not.toBe(idKey('null'));
    expect(idKey(new ObjectId('000000000000000000000001'))).not.toBe(idKey(new ObjectId('000000000000000000000002')));
    expect(idKey(new Binary(Buffer.from('a'), 0))).not.toBe(idKey(new Binary(Buffer.from('a'), 4)));
  });

  it('compares embedded documents by fields in order and arrays element-wise', () => {
    expect(idKey({ a: new Int32(1), b: 'x' })).toBe(idKey({ a: new Double(1), b: 'x' }));
    expect(idKey({ a: 1, b: 'x' })).not.toBe(idKey({ b: 'x', a: 1 }));
    expect(idKey([1, [2]])).toBe(idKey([new Int32(1), [Long.fromNumber(2)]]));
    expect(idKey([1, 2])).not.toBe(idKey([[1, 2]]));
    expect(idKey({ a: [1] })).not.toBe(idKey({ a: 1 }));
  });

  it('is equal for equal ObjectIds and Dates built separately', () => {
    expect(idKey(new ObjectId('65a1b2c3d4e5f60718293a4b'))).toBe(idKey(new ObjectId('65a1b2c3d4e5f60718293a4b')));
    expect(idKey(new Date(5))).toBe(idKey(new Date(5)));
    expect(idKey(new Date(5))).not.toBe(idKey(new Date(6)));
  });
});
