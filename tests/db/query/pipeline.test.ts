import { Decimal128, Double, Int32, Long, type Document } from 'bson';
import { describe, expect, it } from 'vitest';
import { MongoError } from '../../../api/src/db/embedded/errors.js';
import { compareBson, runPipeline, type PipelineContext } from '../../../api/src/db/embedded/query/index.js';
import { ejson, raw, raws, relaxed } from './helpers.js';

function ctxWith(collections: Record<string, Document[]> = {}): PipelineContext {
  return { collection: (name) => collections[name] ?? [], now: new Date('2024-01-15T10:00:00Z') };
}

function run(docs: Document[], pipeline: Document[], collections: Record<string, Document[]> = {}): Document[] {
  return runPipeline(docs, pipeline.map(raw), ctxWith(collections));
}

function byId(docs: Document[]): Document[] {
  return docs.slice().sort((a, b) => (String(relaxed(a._id)) < String(relaxed(b._id)) ? -1 : 1));
}

function errorOf(pipeline: Document[]): MongoError {
  try {
    run([], pipeline);
  } catch (e) {
    expect(e).toBeInstanceOf(MongoError);
    return e as MongoError;
  }
  throw new Error('expected an error');
}

const sales = raws([
  { _id: 1, item: 'abc', price: new Int32(10), quantity: new Int32(2), date: new Date('2014-03-01T08:00:00Z') },
  { _id: 2, item: 'jkl', price: new Int32(20), quantity: new Int32(1), date: new Date('2014-03-01T09:00:00Z') },
  { _id: 3, item: 'xyz', price: new Double(5.5), quantity: new Int32(10), date: new Date('2014-03-15T09:00:00Z') },
  { _id: 4, item: 'xyz', price: new Int32(5), quantity: Long.fromNumber(20), date: new Date('2014-04-04T11:21:39Z') },
  { _id: 5, item: 'abc', price: new Int32(10), quantity: new Int32(10), date: new Date('2014-04-04T21:23:13Z') },
]);

describe('$group', () => {
  it('sums keep the narrowest numeric type', () => {
    const docs = raws([
      { _id: 1, k: 'int', v: new Int32(1) },
      { _id: 2, k: 'int', v: new Int32(2) },
      { _id: 3, k: 'long', v: new Int32(1) },
      { _id: 4, k: 'long', v: Long.fromNumber(2) },
      { _id: 5, k: 'double', v: Long.fromNumber(1) },
      { _id: 6, k: 'double', v: new Double(0.5) },
      { _id: 7, k: 'decimal', v: new Double(1) },
      { _id: 8, k: 'decimal', v: Decimal128.fromString('0.25') },
      { _id: 9, k: 'overflow', v: new Int32(2147483647) },
      { _id: 10, k: 'overflow', v: new Int32(1) },
      { _id: 11, k: 'int', v: 'not a number' },
    ]);
    const out = run(docs, [{ $group: { _id: '$k', s: { $sum: '$v' } } }]);
    const sums = Object.fromEntries(out.map((d) => [d._id as string, ejson(d.s)]));
    const decimal = out.find((d) => d._id === 'decimal')!.s;
    delete sums.decimal;
    expect(sums).toEqual({
      int: { $numberInt: '3' },
      long: { $numberLong: '3' },
      double: { $numberDouble: '1.5' },
      overflow: { $numberLong: '2147483648' },
    });
    // Any Decimal128 makes the sum a Decimal128 (trailing zeros depend on the double's conversion).
    expect(decimal).toBeInstanceOf(Decimal128);
    expect(compareBson(decimal, Decimal128.fromString('1.25'))).toBe(0);
  });

  it('sums doubles with compensation (ten 0.1s make exactly 1, as the server\'s double-double sum)', () => {
    const docs = raws(Array.from({ length: 10 }, (_, i) => ({ _id: i, v: new Double(0.1) })));
    const [out] = run(docs, [{ $group: { _id: null, s: { $sum: '$v' } } }]);
    expect(ejson(out.s)).toEqual({ $numberDouble: '1.0' });
  });

  it('groups numerically equal keys of different types together', () => {
    const docs = raws([{ _id: 1, k: new Int32(1) }, { _id: 2, k: new Double(1) }, { _id: 3, k: Long.fromNumber(1) }, { _id: 4, k: '1' }, { _id: 5 }, { _id: 6, k: null }]);
    const out = run(docs, [{ $group: { _id: '$k', n: { $sum: 1 } } }]);
    expect(out).toHaveLength(3);
    const counts = out.map((d) => [relaxed(d._id), relaxed(d.n)]).sort((a, b) => String(a[0]).localeCompare(String(b[0])));
    expect(counts).toEqual([
      [1, 3],
      ['1', 1],
      [null, 2],
    ]);
  });

  it('computes the usual accumulators (the manual\'s sales example)', () => {
    const out = run(sales, [
      {
        $group: {
          _id: '$item',
          total: { $sum: { $multiply: ['$price', '$quantity'] } },
          avgQty: { $avg: '$quantity' },
          count: { $count: {} },
          first: { $first: '$_id' },
          last: { $last: '$_id' },
          maxPrice: { $max: '$price' },
          minPrice: { $min: '$price' },
          prices: { $push: '$price' },
          distinct: { $addToSet: '$price' },
        },
      },
    ]);
    const abc = out.find((d) => d._id === 'abc')!;
    expect(relaxed(abc)).toEqual({ _id: 'abc', total: 120, avgQty: 6, count: 2, first: 1, last: 5, maxPrice: 10, minPrice: 10, prices: [10, 10], distinct: [10] });
    const xyz = out.find((d) => d._id === 'xyz')!;
    expect(ejson(xyz.total)).toEqual({ $numberDouble: '155.0' });
    expect(ejson(xyz.avgQty)).toEqual({ $numberDouble: '15.0' });
    expect(ejson(xyz.maxPrice)).toEqual({ $numberDouble: '5.5' });
  });

  it('mongoose countDocuments: $match then $group {_id: 1, n: {$sum: 1}}', () => {
    const out = run(sales, [{ $match: { item: 'xyz' } }, { $group: { _id: 1, n: { $sum: 1 } } }]);
    expect(ejson(out)).toEqual([{ _id: { $numberInt: '1' }, n: { $numberInt: '2' } }]);
    expect(run(sales, [{ $match: { item: 'none' } }, { $group: { _id: 1, n: { $sum: 1 } } }])).toEqual([]);
  });

  it('$top/$bottom return single values, $topN/$firstN/$maxN arrays', () => {
    const out = run(sales, [
      {
        $group: {
          _id: '$item',
          top: { $top: { sortBy: { price: -1, _id: 1 }, output: '$_id' } },
          bottom: { $bottom: { sortBy: { price: -1, _id: 1 }, output: '$_id' } },
          top2: { $topN: { n: 2, sortBy: { quantity: -1 }, output: '$quantity' } },
          first2: { $firstN: { n: 2, input: '$_id' } },
          max1: { $maxN: { n: 1, input: '$quantity' } },
        },
      },
    ]);
    const xyz = out.find((d) => d._id === 'xyz')!;
    expect(ejson(xyz)).toEqual({
      _id: 'xyz',
      top: { $numberInt: '3' },
      bottom: { $numberInt: '4' },
      top2: [{ $numberLong: '20' }, { $numberInt: '10' }],
      first2: [{ $numberInt: '3' }, { $numberInt: '4' }],
      max1: [{ $numberLong: '20' }],
    });
  });

  it('requires _id and known accumulators', () => {
    expect(errorOf([{ $group: { n: { $sum: 1 } } }]).code).toBe(15955);
    expect(errorOf([{ $group: { _id: null, n: { $foo: 1 } } }]).code).toBe(15952);
  });
});

describe('$match, $sort, $skip, $limit, $count', () => {
  it('$match uses BSON comparison semantics', () => {
    const docs = raws([{ _id: 1, v: Decimal128.fromString('9') }, { _id: 2, v: '10' }, { _id: 3, v: new Int32(11) }]);
    expect(run(docs, [{ $match: { v: { $gt: 8 } } }]).map((d) => Number(d._id))).toEqual([1, 3]);
  });

  it('$sort/$skip/$limit page through results', () => {
    const out = run(sales, [{ $sort: { price: -1, _id: 1 } }, { $skip: 1 }, { $limit: 2 }]);
    expect(out.map((d) => Number(d._id))).toEqual([1, 5]);
  });

  it('$count counts, and outputs nothing for no input', () => {
    expect(ejson(run(sales, [{ $count: 'n' }]))).toEqual([{ n: { $numberInt: '5' } }]);
    expect(run([], [{ $count: 'n' }])).toEqual([]);
  });

  it('rejects bad stages', () => {
    const e = errorOf([{ $foo: {} }]);
    expect(e.code).toBe(40324);
    expect(e.message).toBe("Unrecognized pipeline stage name: '$foo'");
    expect(errorOf([{ $limit: 0 }]).code).toBe(15958);
    expect(errorOf([{ $sort: {} }]).code).toBe(15976);
    expect(errorOf([{ $match: {}, $limit: 1 }]).code).toBe(40323);
  });
});

describe('$project, $addFields, $unset, $replaceRoot', () => {
  it('$project computes expressions with BSON types preserved', () => {
    const out = run(sales, [{ $match: { _id: 4 } }, { $project: { _id: 0, item: 1, total: { $multiply: ['$price', '$quantity'] }, month: { $month: '$date' } } }]);
    expect(ejson(out)).toEqual([{ item: 'xyz', total: { $numberLong: '100' }, month: { $numberInt: '4' } }]);
  });

  it('$addFields adds fields, also inside embedded documents, keeping existing order', () => {
    const docs = raws([{ _id: 1, a: 1, specs: { doors: 4 } }]);
    const out = run(docs, [{ $addFields: { 'specs.fuel': 'unleaded', b: { $add: ['$a', 1] }, a: 0 } }]);
    expect(Object.keys(out[0])).toEqual(['_id', 'a', 'specs', 'b']);
    expect(relaxed(out[0])).toEqual({ _id: 1, a: 0, specs: { doors: 4, fuel: 'unleaded' }, b: 2 });
  });

  it('nested $addFields apply to each array element and replace scalars with documents', () => {
    const docs = raws([{ _id: 1, a: [{ x: 1 }, 5], b: 2 }]);
    expect(relaxed(run(docs, [{ $addFields: { 'a.y': 0, 'b.c': 1 } }]))).toEqual([{ _id: 1, a: [{ x: 1, y: 0 }, { y: 0 }], b: { c: 1 } }]);
  });

  it('$project creates embedded documents for dotted computed fields', () => {
    const docs = raws([{ _id: 1, v: 3 }]);
    expect(relaxed(run(docs, [{ $project: { 'out.v': '$v', 'out.w': { $literal: 1 } } }]))).toEqual([{ _id: 1, out: { v: 3, w: 1 } }]);
  });

  it('$set is $addFields; $unset removes fields; $$REMOVE drops a field', () => {
    const docs = raws([{ _id: 1, a: 1, b: { c: 1, d: 2 } }]);
    expect(relaxed(run(docs, [{ $set: { a: '$$REMOVE' } }, { $unset: ['b.c'] }]))).toEqual([{ _id: 1, b: { d: 2 } }]);
  });

  it('$replaceRoot / $replaceWith need a document', () => {
    const docs = raws([{ _id: 1, inner: { x: 1 } }, { _id: 2, inner: { x: 2 } }]);
    expect(relaxed(run(docs, [{ $replaceRoot: { newRoot: '$inner' } }]))).toEqual([{ x: 1 }, { x: 2 }]);
    expect(relaxed(run(docs, [{ $replaceWith: { $mergeObjects: [{ y: 0 }, '$inner'] } }]))).toEqual([{ y: 0, x: 1 }, { y: 0, x: 2 }]);
    expect(() => run(docs, [{ $replaceWith: '$missing' }])).toThrow(MongoError);
  });

  it('$project and $addFields see $$NOW from the context', () => {
    const out = run(raws([{ _id: 1 }]), [{ $project: { now: '$$NOW' } }]);
    expect(out[0].now).toEqual(new Date('2024-01-15T10:00:00Z'));
  });
});

describe('$unwind', () => {
  const docs = raws([
    { _id: 1, item: 'ABC', sizes: ['S', 'M'] },
    { _id: 2, item: 'EFG', sizes: [] },
    { _id: 3, item: 'IJK', sizes: 'M' },
    { _id: 4, item: 'LMN' },
    { _id: 5, item: 'XYZ', sizes: null },
  ]);

  it('outputs one document per element; a non-array value counts as one element', () => {
    const out = run(docs, [{ $unwind: '$sizes' }]);
    expect(relaxed(out)).toEqual([
      { _id: 1, item: 'ABC', sizes: 'S' },
      { _id: 1, item: 'ABC', sizes: 'M' },
      { _id: 3, item: 'IJK', sizes: 'M' },
    ]);
  });

  it('includeArrayIndex (a Long) and preserveNullAndEmptyArrays', () => {
    const out = run(docs, [{ $unwind: { path: '$sizes', includeArrayIndex: 'idx', preserveNullAndEmptyArrays: true } }]);
    expect(ejson(out.map((d) => d.idx))).toEqual([{ $numberLong: '0' }, { $numberLong: '1' }, null, null, null, null]);
    expect(relaxed(out.find((d) => relaxed(d._id) === 2))).toEqual({ _id: 2, item: 'EFG', idx: null });
    expect(relaxed(out.find((d) => relaxed(d._id) === 5))).toEqual({ _id: 5, item: 'XYZ', sizes: null, idx: null });
  });
});

describe('$lookup', () => {
  const orders = raws([
    { _id: 1, item: 'almonds', price: 12, quantity: 2 },
    { _id: 2, item: 'pecans', price: 20, quantity: 1 },
    { _id: 3 },
  ]);
  const inventory = raws([
    { _id: 1, sku: 'almonds', description: 'product 1', instock: 120 },
    { _id: 2, sku: 'bread', description: 'product 2', instock: 80 },
    { _id: 3, sku: 'cashews', description: 'product 3', instock: 60 },
    { _id: 4, sku: 'pecans', description: 'product 4', instock: 70 },
    { _id: 5, sku: null, description: 'Incomplete' },
    { _id: 6 },
  ]);

  it('localField/foreignField equality; missing local matches null and missing foreign', () => {
    const out = run(orders, [{ $lookup: { from: 'inventory', localField: 'item', foreignField: 'sku', as: 'docs' } }], { inventory });
    const joined = Object.fromEntries(out.map((d) => [Number(d._id), (d.docs as Document[]).map((x) => Number(x._id))]));
    expect(joined).toEqual({ 1: [1], 2: [4], 3: [5, 6] });
  });

  it('an array localField matches any of its elements; numbers match across types', () => {
    const classes = raws([{ _id: 1, enrolled: [new Int32(1), new Double(2)] }]);
    const members = raws([{ _id: 1, no: Long.fromNumber(1) }, { _id: 2, no: new Int32(2) }, { _id: 3, no: 3 }]);
    const out = run(classes, [{ $lookup: { from: 'members', localField: 'enrolled', foreignField: 'no', as: 'm' } }], { members });
    expect((out[0].m as Document[]).map((d) => Number(d._id))).toEqual([1, 2]);
  });

  it('pipeline with let variables', () => {
    const out = run(
      orders.slice(0, 2),
      [
        {
          $lookup: {
            from: 'inventory',
            let: { want: '$item', qty: '$quantity' },
            pipeline: [{ $match: { $expr: { $and: [{ $eq: ['$sku', '$$want'] }, { $gte: ['$instock', { $multiply: ['$$qty', 60] }] }] } } }, { $project: { _id: 0, sku: 1 } }],
            as: 'stock',
          },
        },
      ],
      { inventory },
    );
    expect(relaxed(out.map((d) => d.stock))).toEqual([[{ sku: 'almonds' }], [{ sku: 'pecans' }]]);
  });
});

describe('$facet, $sortByCount, $bucket, $unionWith', () => {
  it('$facet runs several pipelines over the same input', () => {
    const out = run(sales, [{ $facet: { n: [{ $count: 'n' }], cheap: [{ $match: { price: { $lt: 10 } } }, { $project: { _id: 1 } }] } }]);
    expect(relaxed(out)).toEqual([{ n: [{ n: 5 }], cheap: [{ _id: 3 }, { _id: 4 }] }]);
  });

  it('$sortByCount groups and sorts by count descending', () => {
    const out = run(sales, [{ $match: { item: { $ne: 'jkl' } } }, { $sortByCount: '$item' }]);
    // Tied counts come back in no particular order.
    expect(out.map((d) => relaxed(d.count))).toEqual([2, 2]);
    expect(out.map((d) => d._id).sort()).toEqual(['abc', 'xyz']);
    const out2 = run(sales, [{ $sortByCount: '$item' }]);
    expect(relaxed(out2[2])).toEqual({ _id: 'jkl', count: 1 });
  });

  it('$bucket puts values into [lower, upper) ranges with a default bucket', () => {
    const out = run(sales, [{ $bucket: { groupBy: '$price', boundaries: [0, 10, 20], default: 'other', output: { n: { $sum: 1 }, ids: { $push: '$_id' } } } }]);
    expect(relaxed(out)).toEqual([
      { _id: 0, n: 2, ids: [3, 4] },
      { _id: 10, n: 2, ids: [1, 5] },
      { _id: 'other', n: 1, ids: [2] },
    ]);
  });

  it('$bucketAuto (delegated to mingo) spreads values evenly, _id first', () => {
    const docs = raws([1, 2, 3, 4, 5, 6].map((i) => ({ _id: i, v: i * 10 })));
    const out = run(docs, [{ $bucketAuto: { groupBy: '$v', buckets: 2 } }]);
    expect(relaxed(out)).toEqual([
      { _id: { min: 10, max: 40 }, count: 3 },
      { _id: { min: 40, max: 60 }, count: 3 },
    ]);
    expect(Object.keys(out[0])).toEqual(['_id', 'count']);
  });

  it('$unionWith appends another collection', () => {
    const out = run(raws([{ _id: 'a' }]), [{ $unionWith: { coll: 'other', pipeline: [{ $project: { _id: 1 } }] } }], { other: raws([{ _id: 'b', x: 1 }]) });
    expect(relaxed(byId(out))).toEqual([{ _id: 'a' }, { _id: 'b' }]);
  });
});

describe('expressions', () => {
  it('aggregation comparison orders across types and treats missing as distinct from null', () => {
    const docs = raws([{ _id: 1, a: null }, { _id: 2 }]);
    const out = run(docs, [{ $project: { isNull: { $eq: ['$a', null] }, lt: { $lt: ['$a', 0] }, t: { $type: '$a' } } }]);
    expect(relaxed(out)).toEqual([
      { _id: 1, isNull: true, lt: true, t: 'null' },
      { _id: 2, isNull: false, lt: true, t: 'missing' },
    ]);
  });

  it('conditionals, $ifNull, $map/$filter/$reduce keep raw values', () => {
    const docs = raws([{ _id: 1, xs: [Long.fromNumber(1), new Int32(2), new Int32(3)], n: null }]);
    const out = run(docs, [
      {
        $project: {
          _id: 0,
          big: { $filter: { input: '$xs', cond: { $gte: ['$$this', 2] } } },
          doubled: { $map: { input: '$xs', as: 'x', in: { $multiply: ['$$x', 2] } } },
          total: { $reduce: { input: '$xs', initialValue: 0, in: { $add: ['$$value', '$$this'] } } },
          label: { $cond: [{ $gt: [{ $size: '$xs' }, 2] }, 'many', 'few'] },
          n: { $ifNull: ['$n', 'none'] },
        },
      },
    ]);
    expect(ejson(out[0])).toEqual({
      big: [{ $numberInt: '2' }, { $numberInt: '3' }],
      doubled: [{ $numberLong: '2' }, { $numberInt: '4' }, { $numberInt: '6' }],
      total: { $numberLong: '6' },
      label: 'many',
      n: 'none',
    });
  });

  it('string and date operators are delegated to mingo and come back as raw values', () => {
    const out = run(sales.slice(0, 1), [{ $project: { _id: 0, up: { $toUpper: '$item' }, day: { $dateToString: { format: '%Y-%m-%d', date: '$date' } }, len: { $strLenCP: '$item' } } }]);
    expect(ejson(out[0])).toEqual({ up: 'ABC', day: '2014-03-01', len: { $numberInt: '3' } });
  });

  it('unknown expression operators are InvalidPipelineOperator (168)', () => {
    expect(errorOf([{ $project: { a: { $nope: 1 } } }]).code).toBe(168);
  });
});

describe('purity', () => {
  it('never mutates the input documents', () => {
    const docs = raws([{ _id: 1, a: { b: 1 }, xs: [1, 2] }]);
    const before = JSON.stringify(ejson(docs));
    run(docs, [{ $addFields: { 'a.c': 2 } }, { $unwind: '$xs' }, { $set: { 'a.b': 5 } }]);
    expect(JSON.stringify(ejson(docs))).toBe(before);
  });
});
