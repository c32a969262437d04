import { Binary, BSONRegExp, Decimal128, Double, Int32, Long, MaxKey, MinKey, ObjectId, Timestamp } from 'bson';
import { describe, expect, it } from 'vitest';
import { bsonEquals, compareBson, getPathValues, hashKey } from '../../../api/src/db/embedded/query/index.js';
import { raw } from './helpers.js';

describe('compareBson: type brackets (MongoDB comparison/sort order)', () => {
  // The documented order: MinKey, Null, Numbers, Symbol/String, Object, Array, BinData,
  // ObjectId, Boolean, Date, Timestamp, Regular Expression, MaxKey.
  const ascending: unknown[] = [
    new MinKey(),
    null,
    new Int32(5),
    'abc',
    { a: 1 },
    [1],
    new Binary(Buffer.from('x')),
    new ObjectId('000000000000000000000001'),
    false,
    new Date(0),
    new Timestamp({ t: 1, i: 1 }),
    new BSONRegExp('a', ''),
    new MaxKey(),
  ];

  it('orders one value of each type by bracket', () => {
    for (let i = 0; i < ascending.length; i++) {
      for (let j = 0; j < ascending.length; j++) {
        expect(Math.sign(compareBson(ascending[i], ascending[j]))).toBe(Math.sign(i - j));
      }
    }
  });

  it('puts ObjectId before Date (mingo gets this wrong)', () => {
    expect(compareBson(new ObjectId(), new Date(0))).toBeLessThan(0);
  });

  it('treats missing (undefined) like null', () => {
    expect(compareBson(undefined, null)).toBe(0);
    expect(compareBson(undefined, new Int32(0))).toBeLessThan(0);
  });
});

describe('compareBson: numbers across types', () => {
  it('compares Int32, Long, Double and Decimal128 by value', () => {
    expect(compareBson(new Int32(1), new Double(1))).toBe(0);
    expect(compareBson(Long.fromNumber(1), Decimal128.fromString('1.000'))).toBe(0);
    expect(compareBson(Decimal128.fromString('10'), new Int32(9))).toBe(1);
    expect(compareBson(Decimal128.fromString('8.5'), new Double(8))).toBe(1);
    expect(compareBson(new Double(2.5), Decimal128.fromString('2.50'))).toBe(0);
  });

  it('is exact for Long above 2^53', () => {
    const big = Long.fromString('9007199254740993'); // 2^53 + 1, not representable as a double
    expect(compareBson(big, new Double(9007199254740992))).toBe(1);
    expect(compareBson(Long.fromString('9007199254740992'), new Double(9007199254740992))).toBe(0);
    expect(compareBson(Long.fromString('9223372036854775807'), new Double(9223372036854775807))).toBe(-1);
    expect(compareBson(Long.fromString('-9007199254740993'), new Double(-9007199254740992))).toBe(-1);
  });

  it('does not round Decimal128 through a double', () => {
    expect(compareBson(Decimal128.fromString('0.1'), new Double(0.1))).not.toBe(0);
    expect(compareBson(Decimal128.fromString('0.5'), new Double(0.5))).toBe(0);
    expect(compareBson(Decimal128.fromString('9007199254740993'), Long.fromString('9007199254740993'))).toBe(0);
    expect(compareBson(Decimal128.fromString('1E+400'), new Double(Number.MAX_VALUE))).toBe(1);
  });

  it('sorts NaN below every other number and equal to itself', () => {
    expect(compareBson(new Double(NaN), new Double(-Infinity))).toBe(-1);
    expect(compareBson(new Double(NaN), Decimal128.fromString('NaN'))).toBe(0);
    expect(compareBson(new Double(NaN), null)).toBe(1);
  });

  it('orders infinities', () => {
    expect(compareBson(new Double(Infinity), Long.fromString('9223372036854775807'))).toBe(1);
    expect(compareBson(Decimal128.fromString('-Infinity'), new Double(-1e308))).toBe(-1);
  });
});

describe('compareBson: within a bracket', () => {
  it('compares strings by code point (UTF-8 byte order)', () => {
    expect(compareBson('a', 'b')).toBe(-1);
    expect(compareBson('B', 'a')).toBe(-1);
    // U+FF5E sorts before U+1F600 in UTF-8; UTF-16 code units say the opposite.
    expect(compareBson('\uff5e', '\u{1f600}')).toBe(-1);
  });

  it('compares documents field by field: type, then name, then value; shorter first', () => {
    expect(compareBson({ a: 1 }, { a: 1, b: 1 })).toBe(-1);
    expect(compareBson({ a: 1 }, { b: 0 })).toBe(-1);
    expect(compareBson({ a: 'x' }, { a: 5 })).toBe(1); // string bracket above number
    expect(compareBson({ a: 1, b: 2 }, { b: 2, a: 1 })).not.toBe(0); // field order matters
  });

  it('compares arrays element by element', () => {
    expect(compareBson([1, 2], [1, 3])).toBe(-1);
    expect(compareBson([1, 2], [1, 2, 0])).toBe(-1);
    expect(compareBson([new Int32(1)], [new Double(1)])).toBe(0);
  });

  it('compares ObjectIds by bytes, dates by time, booleans false < true, timestamps by (t, i)', () => {
    expect(compareBson(new ObjectId('00000000000000000000000a'), new ObjectId('0000000000000000000000a0'))).toBe(-1);
    expect(compareBson(new Date(-1), new Date(0))).toBe(-1);
    expect(compareBson(false, true)).toBe(-1);
    expect(compareBson(new Timestamp({ t: 1, i: 9 }), new Timestamp({ t: 2, i: 0 }))).toBe(-1);
  });

  it('compares BinData by length first, then subtype, then bytes', () => {
    expect(compareBson(new Binary(Buffer.from('zz')), new Binary(Buffer.from('aaa')))).toBe(-1);
    expect(compareBson(new Binary(Buffer.from('a'), 0), new Binary(Buffer.from('a'), 4))).toBe(-1);
  });
});

describe('bsonEquals and hashKey', () => {
  it('agree on numeric equality across types', () => {
    const same = [new Int32(7), new Double(7), Long.fromNumber(7), Decimal128.fromString('7.00'), 7];
    for (const a of same) {
      for (const b of same) {
        expect(bsonEquals(a, b)).toBe(true);
        expect(hashKey(a)).toBe(hashKey(b));
      }
    }
    expect(hashKey(Long.fromString('9007199254740993'))).not.toBe(hashKey(new Double(9007199254740992)));
    expect(hashKey(Long.fromString('9007199254740993'))).toBe(hashKey(Decimal128.fromString('9007199254740993.0')));
    expect(hashKey(Decimal128.fromString('0.1'))).not.toBe(hashKey(new Double(0.1)));
  });

  it('distinguishes types in other brackets', () => {
    expect(bsonEquals('1', new Int32(1))).toBe(false);
    expect(bsonEquals(null, false)).toBe(false);
    expect(hashKey({ a: new Int32(1) })).toBe(hashKey({ a: new Double(1) }));
    expect(hashKey({ a: 1, b: 2 })).not.toBe(hashKey({ b: 2, a: 1 }));
    expect(hashKey(['a,sb'])).not.toBe(hashKey(['a', 'b']));
    expect(hashKey({ a: 'x', b: 'y' })).not.toBe(hashKey({ a: 'x"b":sy' }));
  });
});

describe('getPathValues (index-key semantics)', () => {
  const doc = raw({ a: [{ b: 1 }, { b: [2, 3] }, { c: 4 }, 5], x: { y: 'z' }, n: [[1, 2], 3], e: [] });

  it('traverses arrays along the path and expands a terminal array', () => {
    expect(getPathValues(doc, 'a.b').map(Number)).toEqual([1, 2, 3]);
    expect(getPathValues(doc, 'x.y')).toEqual(['z']);
  });

  it('uses numeric components as positions', () => {
    expect(getPathValues(doc, 'a.1.b').map(Number)).toEqual([2, 3]);
  });

  it('expands only one level of nesting at the end', () => {
    const vals = getPathValues(doc, 'n');
    expect(vals.length).toBe(2);
    expect(Array.isArray(vals[0])).toBe(true);
  });

  it('gives nothing for missing paths and empty arrays', () => {
    expect(getPathValues(doc, 'nope')).toEqual([]);
    expect(getPathValues(doc, 'x.y.z')).toEqual([]);
    expect(getPathValues(doc, 'e')).toEqual([]);
  });

  it('de-duplicates equal keys', () => {
    expect(getPathValues(raw({ a: [1, new Double(1), 2] }), 'a').map(Number)).toEqual([1, 2]);
  });
});
