/** The aggregation stages the application uses, with MongoDB's results. */
import { beforeAll, describe, expect, it } from 'vitest';
import { useDatabase } from '../../testkit/db.js';
import { type AnyDoc, expectServerError, sorted } from './support.js';

const t = useDatabase('aggregate');

const customers = [
  { _id: 'c1', name: 'Acme', region: 'east' },
  { _id: 'c2', name: 'Birch', region: 'west' },
  { _id: 'c3', name: 'Cedar', region: 'east' },
];
const orders = [
  { _id: 1, cust: 'c1', status: 'paid', items: [{ sku: 'a', qty: 2, price: 10 }, { sku: 'b', qty: 1, price: 5 }], meta: { src: 'web' } },
  { _id: 2, cust: 'c2', status: 'paid', items: [{ sku: 'a', qty: 1, price: 10 }], meta: { src: 'shop' } },
  { _id: 3, cust: 'c1', status: 'open', items: [], meta: { src: 'web' } },
  { _id: 4, cust: 'c3', status: 'paid', items: [{ sku: 'c', qty: 5, price: 2 }], meta: { src: 'web' } },
  { _id: 5, cust: 'c2', status: 'void', items: [{ sku: 'b', qty: 3, price: 5 }], meta: { src: 'web' } },
];

beforeAll(async () => {
  await t.db.collection<AnyDoc>('customers').insertMany(customers);
  await t.db.collection<AnyDoc>('orders').insertMany(orders);
});

const agg = (pipeline: object[]) => t.db.collection<AnyDoc>('orders').aggregate(pipeline).toArray();

describe('aggregate', () => {
  it('$match, $unwind, $group with accumulators, $sort', async () => {
    const got = await agg([
      { $match: { status: { $ne: 'void' } } },
      { $unwind: '$items' },
      { $group: { _id: '$cust', revenue: { $sum: { $multiply: ['$items.qty', '$items.price'] } }, lines: { $sum: 1 }, maxQty: { $max: '$items.qty' } } },
      { $sort: { revenue: -1, _id: 1 } },
    ]);
    expect(got).toEqual([
      { _id: 'c1', revenue: 25, lines: 2, maxQty: 2 },
      { _id: 'c2', revenue: 10, lines: 1, maxQty: 1 },
      { _id: 'c3', revenue: 10, lines: 1, maxQty: 5 },
    ]);
  });

  it('$group by null, $avg, $push, $addToSet and $first after a sort', async () => {
    const [all] = await agg([
      { $sort: { _id: 1 } },
      { $group: { _id: null, n: { $sum: 1 }, avgId: { $avg: '$_id' }, ids: { $push: '$_id' }, statuses: { $addToSet: '$status' }, first: { $first: '$cust' } } },
    ]);
    expect(all).toMatchObject({ _id: null, n: 5, avgId: 3, ids: [1, 2, 3, 4, 5], first: 'c1' });
    expect(sorted(all.statuses)).toEqual(['open', 'paid', 'void']);
  });

  it('$unwind with includeArrayIndex and preserveNullAndEmptyArrays', async () => {
    const got = await agg([
      { $match: { cust: 'c1' } },
      { $unwind: { path: '$items', includeArrayIndex: 'i', preserveNullAndEmptyArrays: true } },
      { $project: { _id: 1, sku: '$items.sku', i: 1 } },
      { $sort: { _id: 1, i: 1 } },
    ]);
    // The empty array is kept with a null index and no items field.
    expect(got).toEqual([
      { _id: 1, sku: 'a', i: 0 },
      { _id: 1, sku: 'b', i: 1 },
      { _id: 3, i: null },
    ]);
  });

  it('$project with expressions, $addFields, $set, $unset', async () => {
    const got = await agg([
      { $match: { _id: { $in: [1, 2] } } },
      { $project: { cust: 1, n: { $size: '$items' }, upper: { $toUpper: '$status' }, src: '$meta.src' } },
      { $addFields: { big: { $gte: ['$n', 2] }, 'extra.note': 'x' } },
      { $set: { label: { $concat: ['$cust', '-', '$upper'] } } },
      { $unset: ['upper', 'extra'] },
      { $sort: { _id: 1 } },
    ]);
    expect(got).toEqual([
      { _id: 1, cust: 'c1', n: 2, src: 'web', big: true, label: 'c1-PAID' },
      { _id: 2, cust: 'c2', n: 1, src: 'shop', big: false, label: 'c2-PAID' },
    ]);
    // Stages work on copies: the stored documents are untouched.
    expect(await t.db.collection<AnyDoc>('orders').findOne({ _id: 1 })).toEqual(orders[0]);
  });

  it('$skip and $limit after $sort', async () => {
    const got = await agg([{ $sort: { _id: -1 } }, { $skip: 1 }, { $limit: 2 }, { $project: { _id: 1 } }]);
    expect(got).toEqual([{ _id: 4 }, { _id: 3 }]);
  });

  it('$lookup by localField/foreignField and by pipeline with let', async () => {
    const joined = await agg([
      { $match: { _id: { $in: [1, 4] } } },
      { $lookup: { from: 'customers', localField: 'cust', foreignField: '_id', as: 'customer' } },
      { $project: { name: { $first: '$customer.name' } } },
      { $sort: { _id: 1 } },
    ]);
    expect(joined).toEqual([
      { _id: 1, name: 'Acme' },
      { _id: 4, name: 'Cedar' },
    ]);

    const perCustomer = await t.db
      .collection('customers')
      .aggregate([
        {
          $lookup: {
            from: 'orders',
            let: { cid: '$_id' },
            pipeline: [{ $match: { $expr: { $and: [{ $eq: ['$cust', '$$cid'] }, { $eq: ['$status', 'paid'] }] } } }, { $project: { _id: 1 } }, { $sort: { _id: 1 } }],
            as: 'paid',
          },
        },
        { $project: { paid: '$paid._id' } },
        { $sort: { _id: 1 } },
      ])
      .toArray();
    expect(perCustomer).toEqual([
      { _id: 'c1', paid: [1] },
      { _id: 'c2', paid: [2] },
      { _id: 'c3', paid: [4] },
    ]);
    // A missing foreign collection joins nothing.
    const none = await agg([{ $match: { _id: 1 } }, { $lookup: { from: 'nowhere', localField: 'cust', foreignField: 'x', as: 'j' } }, { $project: { j: 1 } }]);
    expect(none).toEqual([{ _id: 1, j: [] }]);
  });

  it('$facet runs sub-pipelines over the same input; $count names its field', async () => {
    const [facets] = await agg([
      {
        $facet: {
          total: [{ $count: 'n' }],
          byStatus: [{ $group: { _id: '$status', n: { $sum: 1 } } }, { $sort: { _id: 1 } }],
          page: [{ $sort: { _id: 1 } }, { $skip: 2 }, { $limit: 2 }, { $project: { _id: 1 } }],
        },
      },
    ]);
    expect(facets).toEqual({
      total: [{ n: 5 }],
      byStatus: [
        { _id: 'open', n: 1 },
        { _id: 'paid', n: 3 },
        { _id: 'void', n: 1 },
      ],
      page: [{ _id: 3 }, { _id: 4 }],
    });
    expect(await agg([{ $match: { status: 'paid' } }, { $count: 'paidOrders' }])).toEqual([{ paidOrders: 3 }]);
    expect(await agg([{ $match: { status: 'none' } }, { $count: 'n' }])).toEqual([]);
  });

  it('$replaceRoot promotes an embedded document', async () => {
    const got = await agg([{ $match: { _id: 2 } }, { $replaceRoot: { newRoot: { $mergeObjects: ['$meta', { order: '$_id' }] } } }]);
    expect(got).toEqual([{ src: 'shop', order: 2 }]);
  });

  it('a large aggregation result is returned through getMore', async () => {
    const c = t.db.collection<AnyDoc>('agg_many');
    await c.insertMany(Array.from({ length: 300 }, (_, i) => ({ _id: i, g: i % 3 })));
    const got = await c.aggregate([{ $match: { g: { $gte: 0 } } }, { $sort: { _id: 1 } }], { batchSize: 50 }).toArray();
    expect(got.map((d) => d._id)).toEqual(Array.from({ length: 300 }, (_, i) => i));
  });

  it('an unknown stage is 40324; an unknown expression operator is 168', async () => {
    await expectServerError(agg([{ $bogusStage: {} }]), 40324);
    await expectServerError(agg([{ $project: { x: { $bogusOp: 1 } } }]), 168, 'InvalidPipelineOperator');
  });
});
