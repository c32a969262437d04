import { Decimal128, Double, Int32, Long, ObjectId, Timestamp, type Document } from 'bson';
import { describe, expect, it } from 'vitest';
import { MongoError } from '../../../api/src/db/embedded/errors.js';
import { applyUpdate, upsertSeed, type UpdateOptions } from '../../../api/src/db/embedded/query/index.js';
import { ejson, raw, relaxed } from './helpers.js';

const UPDATE: UpdateOptions = { isInsert: false };

function update(doc: Document, u: Document | Document[], opts: Partial<UpdateOptions> = {}) {
  const input = raw(doc);
  const frozen = JSON.stringify(ejson(input));
  const r = applyUpdate(input, Array.isArray(u) ? u.map(raw) : raw(u), { ...UPDATE, ...opts });
  expect(JSON.stringify(ejson(input))).toBe(frozen); // inputs are never mutated
  return r;
}

function errorOf(doc: Document, u: Document | Document[], opts: Partial<UpdateOptions> = {}): MongoError {
  try {
    update(doc, u, opts);
  } catch (e) {
    expect(e).toBeInstanceOf(MongoError);
    return e as MongoError;
  }
  throw new Error('expected an error');
}

describe('$set and $unset', () => {
  it('sets top-level and embedded fields, creating missing documents', () => {
    const r = update({ _id: 1, a: 1 }, { $set: { a: 2, 'b.c.d': 'x' } });
    expect(relaxed(r.doc)).toEqual({ _id: 1, a: 2, b: { c: { d: 'x' } } });
    expect(r.changed).toBe(true);
  });

  it('adds new fields in lexicographic order of their paths (MongoDB 5.0+)', () => {
    const r = update({ _id: 1 }, { $set: { z: 1, b: 1, a: 1 } });
    expect(Object.keys(r.doc)).toEqual(['_id', 'a', 'b', 'z']);
  });

  it('reports no change when the value is identical, a change when only the type differs', () => {
    expect(update({ _id: 1, a: 1 }, { $set: { a: new Int32(1) } }).changed).toBe(false);
    expect(update({ _id: 1, a: 1 }, { $set: { a: new Double(1) } }).changed).toBe(true);
    expect(update({ _id: 1 }, { $unset: { nope: '' } }).changed).toBe(false);
  });

  it('sets array elements by position, padding with null', () => {
    const r = update({ _id: 1, a: [1] }, { $set: { 'a.3': 4 } });
    expect(relaxed(r.doc)).toEqual({ _id: 1, a: [1, null, null, 4] });
  });

  it('$unset removes fields and nulls array elements', () => {
    const r = update({ _id: 1, a: [1, 2], b: { c: 1, d: 2 } }, { $unset: { 'a.0': '', 'b.c': '' } });
    expect(relaxed(r.doc)).toEqual({ _id: 1, a: [null, 2], b: { d: 2 } });
  });

  it('a path through a scalar is PathNotViable (28)', () => {
    const e = errorOf({ _id: 1, a: 5 }, { $set: { 'a.b': 1 } });
    expect(e.code).toBe(28);
    expect(e.codeName).toBe('PathNotViable');
    expect(errorOf({ _id: 1, a: [1] }, { $set: { 'a.x': 1 } }).code).toBe(28);
  });

  it('shares untouched subtrees with the input', () => {
    const input = raw({ _id: 1, big: { x: [1, 2, 3] }, a: 1 });
    const r = applyUpdate(input, raw({ $set: { a: 2 } }), UPDATE);
    expect(r.doc.big).toBe(input.big);
  });
});

describe('$inc and $mul keep MongoDB numeric types', () => {
  const typeOf = (doc: Document, u: Document) => ejson(update(doc, u).doc.a);

  it('Int32 + Int32 stays Int32 and overflows into Long', () => {
    expect(typeOf({ a: new Int32(1) }, { $inc: { a: new Int32(2) } })).toEqual({ $numberInt: '3' });
    expect(typeOf({ a: new Int32(2147483647) }, { $inc: { a: new Int32(1) } })).toEqual({ $numberLong: '2147483648' });
  });

  it('Int32 + Double is Double; Long + Int32 is Long; anything + Decimal128 is Decimal128', () => {
    expect(typeOf({ a: new Int32(1) }, { $inc: { a: new Double(0.5) } })).toEqual({ $numberDouble: '1.5' });
    expect(typeOf({ a: Long.fromString('9007199254740993') }, { $inc: { a: new Int32(1) } })).toEqual({ $numberLong: '9007199254740994' });
    expect(typeOf({ a: new Int32(1) }, { $inc: { a: Decimal128.fromString('0.10') } })).toEqual({ $numberDecimal: '1.10' });
    // mingo's $inc silently does nothing on Decimal128.
    expect(typeOf({ a: Decimal128.fromString('10') }, { $inc: { a: new Int32(-1) } })).toEqual({ $numberDecimal: '9' });
  });

  it('$inc on a missing field sets the increment', () => {
    expect(typeOf({}, { $inc: { a: Long.fromNumber(5) } })).toEqual({ $numberLong: '5' });
  });

  it('$mul multiplies and sets 0 of the multiplier type on a missing field', () => {
    expect(typeOf({ a: new Int32(3) }, { $mul: { a: new Int32(4) } })).toEqual({ $numberInt: '12' });
    expect(typeOf({ a: new Int32(65536) }, { $mul: { a: new Int32(65536) } })).toEqual({ $numberLong: '4294967296' });
    expect(typeOf({}, { $mul: { a: Long.fromNumber(7) } })).toEqual({ $numberLong: '0' });
    expect(typeOf({ a: new Double(1.5) }, { $mul: { a: new Int32(2) } })).toEqual({ $numberDouble: '3.0' });
  });

  it('non-numeric operands are TypeMismatch (14)', () => {
    const e = errorOf({ _id: 1, a: 'x' }, { $inc: { a: 1 } });
    expect(e.code).toBe(14);
    expect(e.codeName).toBe('TypeMismatch');
    expect(errorOf({ _id: 1, a: 1 }, { $inc: { a: 'x' } }).code).toBe(14);
    expect(errorOf({ _id: 1, a: null }, { $mul: { a: 2 } }).code).toBe(14);
  });

  it('a Long overflow is an error, not a wrap-around', () => {
    expect(errorOf({ _id: 1, a: Long.MAX_VALUE }, { $inc: { a: new Int32(1) } }).code).toBe(2);
  });
});

describe('$min, $max, $rename, $currentDate, $setOnInsert', () => {
  it('$min/$max compare in BSON order across numeric types', () => {
    expect(relaxed(update({ a: 5 }, { $min: { a: new Double(3.5) } }).doc.a)).toBe(3.5);
    expect(update({ a: 5 }, { $min: { a: Long.fromNumber(7) } }).changed).toBe(false);
    expect(relaxed(update({ a: 5 }, { $max: { a: Decimal128.fromString('5.5') } }).doc.a)).toEqual({ $numberDecimal: '5.5' });
    expect(relaxed(update({}, { $max: { a: 1 } }).doc.a)).toBe(1);
  });

  it('$rename moves a value, including into embedded documents', () => {
    const r = update({ _id: 1, a: 1, b: { c: 2 } }, { $rename: { a: 'x.y', 'b.c': 'd' } });
    expect(relaxed(r.doc)).toEqual({ _id: 1, b: {}, d: 2, x: { y: 1 } });
    expect(update({ _id: 1 }, { $rename: { a: 'b' } }).changed).toBe(false);
    expect(errorOf({ a: 1 }, { $rename: { a: 'a' } }).code).toBe(2);
  });

  it('$currentDate sets a Date or a Timestamp', () => {
    const now = new Date('2024-05-01T00:00:00Z');
    const r = update({ _id: 1 }, { $currentDate: { d: true, t: { $type: 'timestamp' } } }, { now });
    expect(r.doc.d).toEqual(now);
    expect(r.doc.t).toBeInstanceOf(Timestamp);
    expect((r.doc.t as Timestamp).t).toBe(now.getTime() / 1000);
  });

  it('$setOnInsert applies only when inserting', () => {
    expect(relaxed(update({ _id: 1 }, { $setOnInsert: { a: 1 } }).doc)).toEqual({ _id: 1 });
    expect(update({ _id: 1 }, { $setOnInsert: { 'a.b': 1 } }).changed).toBe(false);
    expect(relaxed(update({ _id: 1 }, { $setOnInsert: { a: 1 } }, { isInsert: true }).doc)).toEqual({ _id: 1, a: 1 });
  });
});

describe('array operators', () => {
  it('$push a value or $each with $position, $sort and $slice', () => {
    expect(relaxed(update({ a: [1] }, { $push: { a: 2 } }).doc.a)).toEqual([1, 2]);
    expect(relaxed(update({}, { $push: { a: 2 } }).doc.a)).toEqual([2]);
    expect(relaxed(update({ a: [1, 2] }, { $push: { a: { $each: [9], $position: 0 } } }).doc.a)).toEqual([9, 1, 2]);
    // The manual's quizzes example: $sort then keep the three highest scores.
    const quizzes = [{ wk: 1, score: 10 }, { wk: 2, score: 8 }, { wk: 3, score: 5 }, { wk: 4, score: 6 }];
    const r = update({ quizzes }, { $push: { quizzes: { $each: [{ wk: 5, score: 8 }, { wk: 6, score: 7 }, { wk: 7, score: 6 }], $sort: { score: -1 }, $slice: 3 } } });
    expect((relaxed(r.doc.quizzes) as { score: number }[]).map((q) => q.score)).toEqual([10, 8, 8]);
    expect(relaxed(update({ a: [3, 1] }, { $push: { a: { $each: [2], $sort: 1, $slice: -2 } } }).doc.a)).toEqual([2, 3]);
  });

  it('$push onto a non-array is an error', () => {
    expect(errorOf({ _id: 1, a: 5 }, { $push: { a: 1 } }).code).toBe(2);
  });

  it('$addToSet adds only missing values, by BSON equality', () => {
    expect(relaxed(update({ a: [1, 2] }, { $addToSet: { a: { $each: [new Double(2), 3, 3] } } }).doc.a)).toEqual([1, 2, 3]);
    expect(update({ a: [{ x: 1, y: 2 }] }, { $addToSet: { a: { x: 1, y: 2 } } }).changed).toBe(false);
    expect(update({ a: [{ x: 1, y: 2 }] }, { $addToSet: { a: { y: 2, x: 1 } } }).changed).toBe(true);
  });

  it('$pop removes the last or first element', () => {
    expect(relaxed(update({ a: [1, 2, 3] }, { $pop: { a: 1 } }).doc.a)).toEqual([1, 2]);
    expect(relaxed(update({ a: [1, 2, 3] }, { $pop: { a: -1 } }).doc.a)).toEqual([2, 3]);
    expect(errorOf({ a: 1 }, { $pop: { a: 1 } }).code).toBe(14);
  });

  it('$pull by value, by condition and by document query', () => {
    expect(relaxed(update({ a: [1, 2, 3, 2] }, { $pull: { a: 2 } }).doc.a)).toEqual([1, 3]);
    expect(relaxed(update({ votes: [3, 5, 6, 7, 7, 8] }, { $pull: { votes: { $gte: 6 } } }).doc.votes)).toEqual([3, 5]);
    const results = [{ item: 'A', score: 5 }, { item: 'B', score: 8 }, { item: 'C', score: 8 }];
    expect(relaxed(update({ results }, { $pull: { results: { score: 8, item: 'B' } } }).doc.results)).toEqual([
      { item: 'A', score: 5 },
      { item: 'C', score: 8 },
    ]);
    expect(update({ a: [1] }, { $pull: { a: 9 } }).changed).toBe(false);
  });

  it('$pullAll removes every listed value', () => {
    expect(relaxed(update({ a: [0, 2, 5, 5, 1, 0] }, { $pullAll: { a: [0, 5] } }).doc.a)).toEqual([2, 1]);
  });
});

describe('positional operators', () => {
  const doc = { _id: 1, grades: [85, 80, 80], items: [{ n: 'a', q: 1 }, { n: 'b', q: 2 }] };

  it('$ updates the first element matched by the query', () => {
    const r = update(doc, { $set: { 'grades.$': 82 } }, { filter: raw({ grades: 80 }) });
    expect(relaxed(r.doc.grades)).toEqual([85, 82, 80]);
    const r2 = update(doc, { $inc: { 'items.$.q': 10 } }, { filter: raw({ 'items.n': 'b' }) });
    expect(relaxed(r2.doc.items)).toEqual([{ n: 'a', q: 1 }, { n: 'b', q: 12 }]);
  });

  it('$ without an array match in the query is an error', () => {
    expect(errorOf(doc, { $set: { 'grades.$': 1 } }, { filter: raw({ _id: 1 }) }).code).toBe(2);
  });

  it('$[] updates every element', () => {
    expect(relaxed(update(doc, { $inc: { 'grades.$[]': 10 } }).doc.grades)).toEqual([95, 90, 90]);
    expect(relaxed(update(doc, { $set: { 'items.$[].q': 0 } }).doc.items)).toEqual([{ n: 'a', q: 0 }, { n: 'b', q: 0 }]);
  });

  it('$[id] updates the elements selected by arrayFilters', () => {
    const r = update(doc, { $set: { 'grades.$[el]': 100 } }, { arrayFilters: [raw({ el: { $gte: 85 } })] });
    expect(relaxed(r.doc.grades)).toEqual([100, 80, 80]);
    const r2 = update(doc, { $set: { 'items.$[it].q': 7 } }, { arrayFilters: [raw({ 'it.n': 'a' })] });
    expect(relaxed(r2.doc.items)).toEqual([{ n: 'a', q: 7 }, { n: 'b', q: 2 }]);
  });

  it('nested $[] and $[id]', () => {
    const d = { m: [{ s: [1, 5] }, { s: [7] }] };
    const r = update(d, { $inc: { 'm.$[].s.$[big]': 100 } }, { arrayFilters: [raw({ big: { $gt: 4 } })] });
    expect(relaxed(r.doc.m)).toEqual([{ s: [1, 105] }, { s: [107] }]);
  });

  it('rejects unknown and unused array filter identifiers', () => {
    expect(errorOf(doc, { $set: { 'grades.$[x]': 1 } }).code).toBe(2);
    expect(errorOf(doc, { $set: { a: 1 } }, { arrayFilters: [raw({ x: 1 })] }).code).toBe(9);
    expect(errorOf({ _id: 1 }, { $set: { 'nope.$[]': 1 } }).code).toBe(2);
  });
});

describe('update errors', () => {
  it('conflicting paths are ConflictingUpdateOperators (40)', () => {
    const e = errorOf({ _id: 1 }, { $set: { a: 1 }, $inc: { 'a.b': 1 } });
    expect(e.code).toBe(40);
    expect(e.codeName).toBe('ConflictingUpdateOperators');
    expect(errorOf({ _id: 1 }, { $set: { a: 1 }, $unset: { a: 1 } }).code).toBe(40);
  });

  it('changing _id is ImmutableField (66)', () => {
    expect(errorOf({ _id: 1 }, { $set: { _id: 2 } }).code).toBe(66);
    expect(errorOf({ _id: 1 }, { $unset: { _id: 1 } }).code).toBe(66);
    expect(errorOf({ _id: 1 }, { _id: 2, a: 1 }).code).toBe(66);
    expect(update({ _id: 1 }, { $set: { _id: 1 } }).changed).toBe(false);
  });

  it('unknown operators, mixed documents and non-object arguments are FailedToParse (9)', () => {
    const e = errorOf({}, { $foo: { a: 1 } });
    expect(e.code).toBe(9);
    expect(e.codeName).toBe('FailedToParse');
    expect(errorOf({}, { $set: { a: 1 }, b: 2 }).code).toBe(9);
    expect(errorOf({}, { b: 2, $set: { a: 1 } }).code).toBe(9);
    expect(errorOf({}, { $set: 5 }).code).toBe(9);
  });

  it('accepts an empty operator argument as a no-op (MongoDB 5.0+)', () => {
    expect(update({ _id: 1, a: 1 }, { $set: {} }).changed).toBe(false);
  });
});

describe('replacement and pipeline updates', () => {
  it('replacement keeps _id first and drops the other fields', () => {
    const r = update({ _id: 1, a: 1, b: 2 }, { c: 3 });
    expect(relaxed(r.doc)).toEqual({ _id: 1, c: 3 });
    expect(Object.keys(r.doc)).toEqual(['_id', 'c']);
    expect(update({ _id: 1, a: 1 }, { _id: 1, a: 1 }).changed).toBe(false);
  });

  it('pipeline updates evaluate aggregation expressions with types kept', () => {
    const r = update({ _id: 1, a: new Int32(2), b: Long.fromNumber(3), old: 1 }, [{ $set: { total: { $add: ['$a', '$b'] } } }, { $unset: 'old' }]);
    expect(ejson(r.doc)).toEqual({ _id: { $numberInt: '1' }, a: { $numberInt: '2' }, b: { $numberLong: '3' }, total: { $numberLong: '5' } });
  });

  it('pipeline updates can replace the root and keep _id', () => {
    const r = update({ _id: 1, inner: { x: 1 } }, [{ $replaceWith: '$inner' }]);
    expect(relaxed(r.doc)).toEqual({ _id: 1, x: 1 });
  });

  it('pipeline updates allow only document-shaping stages', () => {
    expect(errorOf({ _id: 1 }, [{ $match: { a: 1 } }]).code).toBe(72);
  });
});

describe('upsertSeed', () => {
  it('takes equality conditions, expands dotted paths and puts _id first', () => {
    const oid = new ObjectId();
    const seed = upsertSeed(raw({ name: 'x', 'addr.city': 'SH', _id: oid, $and: [{ n: { $eq: 5 } }], age: { $gt: 3 }, tag: { $in: ['a'] } }));
    expect(Object.keys(seed)).toEqual(['_id', 'name', 'addr', 'n', 'tag']);
    expect(relaxed(seed)).toEqual({ _id: { $oid: oid.toHexString() }, name: 'x', addr: { city: 'SH' }, n: 5, tag: 'a' });
  });

  it('ignores ranges, regexes, $in with several values and $or with several branches', () => {
    const seed = upsertSeed(raw({ a: { $gte: 1 }, b: /x/, c: { $in: [1, 2] }, $or: [{ d: 1 }, { e: 2 }] }));
    expect(seed).toEqual({});
  });

  it('then applies the update as an insert ($set on a range-seeded upsert is not skipped)', () => {
    const seed = upsertSeed(raw({ k: 'a', n: { $gt: 5 } }));
    const r = applyUpdate(seed, raw({ $set: { n: 10 }, $setOnInsert: { created: true } }), { isInsert: true });
    expect(relaxed(r.doc)).toEqual({ k: 'a', created: true, n: 10 });
  });
});
