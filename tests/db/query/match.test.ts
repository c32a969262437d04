import { BSONRegExp, Decimal128, Double, Int32, Long, MaxKey, MinKey, ObjectId, type Document } from 'bson';
import { describe, expect, it } from 'vitest';
import { MongoError } from '../../../api/src/db/embedded/errors.js';
import { compileFilter, type MatchDetails } from '../../../api/src/db/embedded/query/index.js';
import { raw, raws } from './helpers.js';

/** The `_id`s of the documents that match, sorted (filters have no order). */
function ids(filter: Document, docs: Document[]): number[] {
  const m = compileFilter(raw(filter));
  return docs.filter((d) => m(d)).map((d) => Number(d._id)).sort((a, b) => a - b);
}

function errorOf(filter: Document): MongoError {
  try {
    compileFilter(raw(filter));
  } catch (e) {
    expect(e).toBeInstanceOf(MongoError);
    return e as MongoError;
  }
  throw new Error('expected an error');
}

describe('equality and null', () => {
  // Query for Null or Missing Fields: {item: null} matches null and missing.
  const docs = raws([{ _id: 1, item: null }, { _id: 2 }, { _id: 3, item: 'x' }, { _id: 4, item: [null, 1] }, { _id: 5, item: [] }]);

  it('null matches null, missing and arrays holding null, not empty arrays', () => {
    expect(ids({ item: null }, docs)).toEqual([1, 2, 4]);
  });

  it('$type null matches only null values', () => {
    expect(ids({ item: { $type: 10 } }, docs)).toEqual([1, 4]);
    expect(ids({ item: { $type: 'null' } }, docs)).toEqual([1, 4]);
  });

  it('$exists', () => {
    expect(ids({ item: { $exists: false } }, docs)).toEqual([2]);
    expect(ids({ item: { $exists: true } }, docs)).toEqual([1, 3, 4, 5]);
  });

  it('{} matches everything; $ne null excludes missing', () => {
    expect(ids({}, docs)).toEqual([1, 2, 3, 4, 5]);
    expect(ids({ item: { $ne: null } }, docs)).toEqual([3, 5]);
  });

  it('numbers are equal across types', () => {
    const nums = raws([
      { _id: 1, n: new Int32(5) },
      { _id: 2, n: new Double(5) },
      { _id: 3, n: Long.fromNumber(5) },
      { _id: 4, n: Decimal128.fromString('5.0') },
      { _id: 5, n: '5' },
    ]);
    expect(ids({ n: 5 }, nums)).toEqual([1, 2, 3, 4]);
    expect(ids({ n: Decimal128.fromString('5') }, nums)).toEqual([1, 2, 3, 4]);
    expect(ids({ n: { $in: [Long.fromNumber(5)] } }, nums)).toEqual([1, 2, 3, 4]);
  });

  it('embedded documents match exactly, including field order', () => {
    const d = raws([{ _id: 1, size: { h: 14, w: 21, uom: 'cm' } }, { _id: 2, size: { w: 21, h: 14, uom: 'cm' } }]);
    expect(ids({ size: { h: 14, w: 21, uom: 'cm' } }, d)).toEqual([1]);
    expect(ids({ 'size.uom': 'cm', 'size.h': { $lt: 15 } }, d)).toEqual([1, 2]);
  });

  it('matches ObjectId and Date values', () => {
    const oid = new ObjectId();
    const d = raws([{ _id: 1, o: oid, t: new Date(1000) }, { _id: 2, o: new ObjectId(), t: new Date(2000) }]);
    expect(ids({ o: oid }, d)).toEqual([1]);
    expect(ids({ t: { $gt: new Date(1500) } }, d)).toEqual([2]);
  });
});

describe('comparison operators stay in their type bracket', () => {
  const docs = raws([
    { _id: 1, a: 10 },
    { _id: 2, a: '20' },
    { _id: 3, a: Long.fromString('9007199254740993') },
    { _id: 4, a: Decimal128.fromString('9.5') },
    { _id: 5, a: null },
    { _id: 6 },
    { _id: 7, a: new Double(NaN) },
    { _id: 8, a: new Date(0) },
  ]);

  it('$gt on numbers never matches strings, dates or null', () => {
    expect(ids({ a: { $gt: 5 } }, docs)).toEqual([1, 3, 4]);
    expect(ids({ a: { $lt: '3' } }, docs)).toEqual([2]);
  });

  it('compares Decimal128 and large Long by value (mingo compares them as strings)', () => {
    expect(ids({ a: { $gt: 8, $lt: 10 } }, docs)).toEqual([4]);
    expect(ids({ a: { $gt: new Double(9007199254740992) } }, docs)).toEqual([3]);
    expect(ids({ a: { $gte: Decimal128.fromString('10.0') } }, docs)).toEqual([1, 3]);
  });

  it('$gte/$lte null match null and missing; $gt/$lt null match nothing', () => {
    expect(ids({ a: { $gte: null } }, docs)).toEqual([5, 6]);
    expect(ids({ a: { $lte: null } }, docs)).toEqual([5, 6]);
    expect(ids({ a: { $gt: null } }, docs)).toEqual([]);
  });

  it('NaN only equals NaN', () => {
    expect(ids({ a: new Double(NaN) }, docs)).toEqual([7]);
    expect(ids({ a: { $lt: 0 } }, docs)).toEqual([]);
    expect(ids({ a: { $gt: new Double(NaN) } }, docs)).toEqual([]);
    expect(ids({ a: { $gte: new Double(NaN) } }, docs)).toEqual([7]);
  });

  it('MinKey and MaxKey bound every type', () => {
    expect(ids({ a: { $lt: new MaxKey() } }, docs)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(ids({ a: { $gt: new MinKey() } }, docs)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  });
});

describe('arrays', () => {
  // The inventory examples of "Query an Array".
  const docs = raws([
    { _id: 1, tags: ['blank', 'red'], dim: [14, 21] },
    { _id: 2, tags: ['red', 'blank'], dim: [14, 21] },
    { _id: 3, tags: ['red', 'blank', 'plain'], dim: [10, 15.25] },
    { _id: 4, tags: ['blank', 'red'], dim: [22.85, 30] },
    { _id: 5, tags: ['blue'], dim: [10, 15.25] },
  ]);

  it('an array value matches the whole array exactly, in order', () => {
    expect(ids({ tags: ['red', 'blank'] }, docs)).toEqual([2]);
  });

  it('a scalar matches any element', () => {
    expect(ids({ tags: 'red' }, docs)).toEqual([1, 2, 3, 4]);
    expect(ids({ dim: { $gt: 25 } }, docs)).toEqual([4]);
  });

  it('$all ignores order', () => {
    expect(ids({ tags: { $all: ['red', 'blank'] } }, docs)).toEqual([1, 2, 3, 4]);
    expect(ids({ tags: { $all: [] } }, docs)).toEqual([]);
  });

  it('compound conditions may be met by different elements; $elemMatch needs one element', () => {
    expect(ids({ dim: { $gt: 15, $lt: 20 } }, docs)).toEqual([1, 2, 3, 5]);
    expect(ids({ dim: { $elemMatch: { $gt: 15, $lt: 20 } } }, docs)).toEqual([3, 5]);
  });

  it('positional paths', () => {
    expect(ids({ 'dim.1': { $gt: 25 } }, docs)).toEqual([4]);
  });

  it('$size', () => {
    expect(ids({ tags: { $size: 3 } }, docs)).toEqual([3]);
    expect(errorOf({ tags: { $size: 1.5 } }).code).toBe(2);
  });

  it('$ne and $nin exclude arrays holding the value and keep missing fields', () => {
    const d = raws([{ _id: 1, t: ['a', 'b'] }, { _id: 2, t: ['b'] }, { _id: 3 }]);
    expect(ids({ t: { $ne: 'a' } }, d)).toEqual([2, 3]);
    expect(ids({ t: { $nin: ['a', 'x'] } }, d)).toEqual([2, 3]);
  });

  it('does not traverse nested arrays for scalar equality, but matches them as values', () => {
    const d = raws([{ _id: 1, a: [[1, 2]] }, { _id: 2, a: [1, 2] }]);
    expect(ids({ a: 1 }, d)).toEqual([2]);
    expect(ids({ a: [1, 2] }, d)).toEqual([1, 2]);
  });
});

describe('arrays of embedded documents', () => {
  const docs = raws([
    { _id: 1, instock: [{ wh: 'A', qty: 5 }, { wh: 'C', qty: 15 }] },
    { _id: 2, instock: [{ wh: 'C', qty: 5 }] },
    { _id: 3, instock: [{ wh: 'A', qty: 60 }] },
    { _id: 4, instock: [{ wh: 'A', qty: 40 }, { wh: 'B', qty: 5 }] },
    { _id: 5, instock: [{ wh: 'B', qty: 15 }, { wh: 'C', qty: 35 }] },
  ]);

  it('dotted paths reach into every element', () => {
    expect(ids({ 'instock.qty': { $lte: 20 } }, docs)).toEqual([1, 2, 4, 5]);
    expect(ids({ 'instock.0.qty': { $lte: 20 } }, docs)).toEqual([1, 2, 5]);
  });

  it('$elemMatch on documents needs one element to satisfy all conditions', () => {
    expect(ids({ instock: { $elemMatch: { qty: 5, wh: 'A' } } }, docs)).toEqual([1]);
    expect(ids({ instock: { $elemMatch: { qty: { $gt: 10, $lte: 20 } } } }, docs)).toEqual([1, 5]);
    expect(ids({ 'instock.qty': { $gt: 10, $lte: 20 } }, docs)).toEqual([1, 4, 5]);
    expect(ids({ 'instock.qty': 5, 'instock.wh': 'A' }, docs)).toEqual([1, 4]);
  });

  it('null and $exists through arrays of documents', () => {
    const d = raws([{ _id: 1, a: [{ b: 1 }, { c: 2 }] }, { _id: 2, a: [{ b: 1 }] }, { _id: 3, a: 5 }, { _id: 4, a: [{ b: null }] }]);
    expect(ids({ 'a.b': null }, d)).toEqual([1, 3, 4]);
    expect(ids({ 'a.b': { $exists: false } }, d)).toEqual([3]);
    expect(ids({ 'a.c': { $exists: true } }, d)).toEqual([1]);
  });
});

describe('element, evaluation and logical operators', () => {
  const docs = raws([
    { _id: 1, v: new Int32(1), s: 'Apple pie' },
    { _id: 2, v: Long.fromNumber(2), s: 'banana\nsplit' },
    { _id: 3, v: new Double(3.5), s: 'cherry' },
    { _id: 4, v: Decimal128.fromString('4'), s: new BSONRegExp('^ch', '') },
    { _id: 5, v: 'five', s: ['apple', 'kiwi'] },
  ]);

  it('$type by name, alias, number and list', () => {
    expect(ids({ v: { $type: 'int' } }, docs)).toEqual([1]);
    expect(ids({ v: { $type: 'long' } }, docs)).toEqual([2]);
    expect(ids({ v: { $type: 1 } }, docs)).toEqual([3]);
    expect(ids({ v: { $type: 'decimal' } }, docs)).toEqual([4]);
    expect(ids({ v: { $type: 'number' } }, docs)).toEqual([1, 2, 3, 4]);
    expect(ids({ v: { $type: ['string', 'long'] } }, docs)).toEqual([2, 5]);
    expect(ids({ s: { $type: 'array' } }, docs)).toEqual([5]);
    expect(errorOf({ v: { $type: 'nope' } }).code).toBe(2);
  });

  it('$regex with options and BSON regex values', () => {
    expect(ids({ s: { $regex: '^apple', $options: 'i' } }, docs)).toEqual([1, 5]);
    expect(ids({ s: new BSONRegExp('^split', 'm') }, docs)).toEqual([2]);
    expect(ids({ s: { $regex: '^split' } }, docs)).toEqual([]);
    expect(ids({ s: { $regex: 'c h e r r y # comment', $options: 'x' } }, docs)).toEqual([3]);
    expect(ids({ s: { $in: [/^ki/, 'cherry'] } }, docs)).toEqual([3, 5]);
    expect(ids({ s: { $not: /^[ab]/i } }, docs)).toEqual([3, 4]);
    // A stored regex matches an identical regex in the query.
    expect(ids({ s: new BSONRegExp('^ch', '') }, docs)).toEqual([3, 4]);
    expect(errorOf({ s: { $options: 'i' } }).code).toBe(2);
  });

  it('$mod truncates and checks its arguments', () => {
    expect(ids({ v: { $mod: [2, 0] } }, docs)).toEqual([2, 4]);
    expect(ids({ v: { $mod: [3, 0] } }, docs)).toEqual([3]);
    expect(errorOf({ v: { $mod: [0, 1] } }).code).toBe(2);
    expect(errorOf({ v: { $mod: [1] } }).code).toBe(2);
  });

  it('$and, $or, $nor, $not', () => {
    expect(ids({ $or: [{ v: 1 }, { v: { $type: 'string' } }] }, docs)).toEqual([1, 5]);
    expect(ids({ $and: [{ v: { $gt: 1 } }, { v: { $lt: 4 } }] }, docs)).toEqual([2, 3]);
    expect(ids({ $nor: [{ v: 1 }, { s: 'cherry' }] }, docs)).toEqual([2, 4, 5]);
    expect(ids({ v: { $not: { $gt: 2 } } }, docs)).toEqual([1, 2, 5]);
    expect(errorOf({ $or: [] }).code).toBe(2);
    expect(errorOf({ $and: {} }).code).toBe(2);
  });

  it('$expr compares fields of the same document with aggregation semantics', () => {
    const d = raws([{ _id: 1, spent: 400, budget: 450 }, { _id: 2, spent: Long.fromNumber(500), budget: new Double(400) }, { _id: 3, budget: 1 }]);
    expect(ids({ $expr: { $gt: ['$spent', '$budget'] } }, d)).toEqual([2]);
    expect(ids({ $expr: { $lt: ['$spent', '$budget'] } }, d)).toEqual([1, 3]);
    expect(ids({ $expr: { $eq: [{ $add: ['$spent', 50] }, '$budget'] } }, d)).toEqual([1]);
  });

  it('$bitsAllSet', () => {
    const d = raws([{ _id: 1, b: 54 }, { _id: 2, b: 20 }]);
    expect(ids({ b: { $bitsAllSet: [1, 5] } }, d)).toEqual([1]);
    expect(ids({ b: { $bitsAnySet: 4 } }, d)).toEqual([1, 2]);
  });
});

describe('errors', () => {
  it('unknown field operator', () => {
    const e = errorOf({ a: { $foo: 1 } });
    expect(e.code).toBe(2);
    expect(e.codeName).toBe('BadValue');
    expect(e.message).toBe('unknown operator: $foo');
  });

  it('unknown top-level operator and $where', () => {
    expect(errorOf({ $foo: 1 }).message).toMatch(/unknown top level operator: \$foo/);
    expect(errorOf({ $where: 'this.a > 1' }).code).toBe(2);
  });

  it('malformed operators', () => {
    expect(errorOf({ a: { $in: 5 } }).code).toBe(2);
    expect(errorOf({ a: { $not: 5 } }).code).toBe(2);
    expect(errorOf({ a: { $all: 'x' } }).code).toBe(2);
    expect(errorOf({ a: { $regex: '(' } }).code).toBe(2);
  });

  it('a literal document whose first key is not an operator is matched as a value', () => {
    const d = raws([{ _id: 1, a: { b: 1, $c: 2 } }]);
    expect(ids({ a: { b: 1, $c: 2 } }, d)).toEqual([1]);
  });
});

describe('MatchDetails: position of the matching array element', () => {
  it('reports the index in the first array on the path', () => {
    const doc = raw({ grades: [80, 85, 90], items: [{ q: 1 }, { q: 5 }, { q: 9 }] });
    const det: MatchDetails = {};
    expect(compileFilter(raw({ grades: { $gte: 85 } }))(doc, det)).toBe(true);
    expect(det.arrayIndex).toBe(1);
    const det2: MatchDetails = {};
    expect(compileFilter(raw({ 'items.q': { $gt: 4 } }))(doc, det2)).toBe(true);
    expect(det2.arrayIndex).toBe(1);
    const det3: MatchDetails = {};
    expect(compileFilter(raw({ items: { $elemMatch: { q: { $gt: 6 } } } }))(doc, det3)).toBe(true);
    expect(det3.arrayIndex).toBe(2);
  });
});

describe('performance', () => {
  it('tests 100,000 documents against an equality filter in well under 50 ms', () => {
    const docs = Array.from({ length: 100_000 }, (_, i) => raw({ _id: i, status: i % 3 ? 'closed' : 'active', n: i }));
    const eq = compileFilter(raw({ status: 'active' }));
    const byId = compileFilter(raw({ _id: 4242 }));
    expect(docs.filter((d) => byId(d)).map((d) => Number(d._id))).toEqual([4242]);
    // Best of several passes: the machine is shared, a single pass may be descheduled.
    let best = Infinity;
    for (let run = 0; run < 7; run++) {
      const t0 = performance.now();
      let n = 0;
      for (const d of docs) if (eq(d)) n++;
      best = Math.min(best, performance.now() - t0);
      expect(n).toBe(33_334);
    }
    expect(best).toBeLessThan(50);
  });
});
