import { Decimal128, Double, Int32, Long, MaxKey, MinKey, ObjectId, type Document } from 'bson';
import { describe, expect, it } from 'vitest';
import { MongoError } from '../../../api/src/db/embedded/errors.js';
import { compileSort, sortDocuments } from '../../../api/src/db/embedded/query/index.js';
import { raws } from './helpers.js';

function order(docs: Document[], spec: Document): number[] {
  return docs
    .slice()
    .sort(compileSort(spec))
    .map((d) => Number(d._id));
}

describe('compileSort', () => {
  it('orders mixed numeric types by value', () => {
    const docs = raws([
      { _id: 1, v: Decimal128.fromString('10') },
      { _id: 2, v: new Int32(9) },
      { _id: 3, v: Long.fromString('9007199254740993') },
      { _id: 4, v: new Double(9.5) },
      { _id: 5, v: new Double(-Infinity) },
    ]);
    expect(order(docs, { v: 1 })).toEqual([5, 2, 4, 1, 3]);
    expect(order(docs, { v: -1 })).toEqual([3, 1, 4, 2, 5]);
  });

  it('orders across types by type bracket; missing sorts as null', () => {
    const docs = raws([
      { _id: 1, v: 'a' },
      { _id: 2, v: new Date(0) },
      { _id: 3, v: new ObjectId() },
      { _id: 4, v: 5 },
      { _id: 5, v: null },
      { _id: 6, v: { x: 1 } },
      { _id: 7, v: true },
      { _id: 8, v: new MinKey() },
      { _id: 9, v: new MaxKey() },
    ]);
    expect(order(docs, { v: 1 })).toEqual([8, 5, 4, 1, 6, 3, 7, 2, 9]);
    const withMissing = raws([{ _id: 1, v: 0 }, { _id: 2 }, { _id: 3, v: 'x' }]);
    expect(order(withMissing, { v: 1 })).toEqual([2, 1, 3]);
  });

  it('uses the smallest array element ascending and the largest descending', () => {
    const docs = raws([{ _id: 1, v: [1, 10] }, { _id: 2, v: [5] }, { _id: 3, v: 7 }]);
    expect(order(docs, { v: 1 })).toEqual([1, 2, 3]);
    expect(order(docs, { v: -1 })).toEqual([1, 3, 2]);
  });

  it('applies the array rule through dotted paths', () => {
    const docs = raws([{ _id: 1, a: [{ b: 3 }, { b: 9 }] }, { _id: 2, a: [{ b: 5 }] }, { _id: 3, a: { b: 4 } }]);
    expect(order(docs, { 'a.b': 1 })).toEqual([1, 3, 2]);
    expect(order(docs, { 'a.b': -1 })).toEqual([1, 2, 3]);
  });

  it('sorts an empty array before null', () => {
    const docs = raws([{ _id: 1, v: null }, { _id: 2, v: [] }, { _id: 3, v: 1 }]);
    expect(order(docs, { v: 1 })).toEqual([2, 1, 3]);
  });

  it('breaks ties with later keys', () => {
    const docs = raws([{ _id: 1, a: 1, b: 2 }, { _id: 2, a: 1, b: 1 }, { _id: 3, a: 0, b: 9 }]);
    expect(order(docs, { a: 1, b: -1 })).toEqual([3, 1, 2]);
    expect(sortDocuments(docs, { a: -1, _id: 1 }).map((d) => Number(d._id))).toEqual([1, 2, 3]);
  });

  it('rejects bad specifications with BadValue', () => {
    for (const spec of [{ a: 2 }, { a: 'x' }, { a: { $foo: 1 } }]) {
      expect(() => compileSort(spec)).toThrow(MongoError);
      try {
        compileSort(spec);
      } catch (e) {
        expect((e as MongoError).code).toBe(2);
      }
    }
  });
});
