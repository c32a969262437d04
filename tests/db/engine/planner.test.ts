/**
 * Plan choice: descending and mixed-direction indexes, bounds on every field of a compound
 * index, multikey fields, OR plans competing with other plans, and the bounded trial between
 * candidate plans. Every query is also answered by a `$natural` scan with the same sort, which
 * the planned answer must equal document for document (order included).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MongoClient, type Db, type Document } from 'mongodb';
import { startEmbedded, type EmbeddedServer } from '../../../api/src/db/embedded/index.js';
import type { AnyDoc } from './support.js';

let server: EmbeddedServer;
let client: MongoClient;
let db: Db;

beforeAll(async () => {
  server = await startEmbedded({});
  client = await MongoClient.connect(server.uri);
  db = client.db('planner');
});

afterAll(async () => {
  await client?.close();
  await server?.stop();
});

interface Explained {
  nReturned: number;
  totalKeysExamined: number;
  totalDocsExamined: number;
  plan: Document;
  rejected: Document[];
}

async function explain(cursor: { explain(v: 'executionStats'): Promise<Document> }): Promise<Explained> {
  const e = await cursor.explain('executionStats');
  return { ...e.executionStats, plan: e.queryPlanner.winningPlan, rejected: e.queryPlanner.rejectedPlans } as Explained;
}

/** The stages of a plan, outermost first, e.g. ['LIMIT', 'FETCH', 'IXSCAN']. */
function stages(plan: Document): string[] {
  const out: string[] = [plan.stage];
  if (plan.inputStage) out.push(...stages(plan.inputStage));
  if (plan.inputStages) out.push(`[${plan.inputStages.map((s: Document) => stages(s).join(' ')).join(', ')}]`);
  return out;
}

/** Projects-like documents: a few broad units in almost every project, platforms, tiers. */
const P = 3000;
const projects = Array.from({ length: P }, (_, i) => ({
  _id: i,
  code: `C${String(i).padStart(5, '0')}`,
  name: i % 97 === 0 ? `Needle ${i}` : `Project ${i}`,
  platform: `p${i % 8}`,
  // u0 is in every project (twice in some: a duplicate array element), u1..u9 in few.
  units: i % 50 === 0 ? ['u0', `u${1 + (i % 9)}`, 'u0'] : ['u0', ...(i % 7 === 0 ? [`u${1 + (i % 9)}`] : [])],
  tiers: i % 3 === 0 ? [] : [`t${i % 4}`],
  invest: (i * 7919) % 500,
  updated: new Date(Date.UTC(2025, 0, 1) + ((i * 104729) % 100000) * 60000),
  ...(i % 13 === 0 ? {} : { signed: `2025-${String(1 + (i % 12)).padStart(2, '0')}-01` }),
}));

describe('plans over projects-like data', () => {
  const c = () => db.collection<AnyDoc>('projects');
  const byScan = (filter: Document, sort: Document, limit = 0) => c().find(filter).hint({ $natural: 1 }).sort(sort).limit(limit).toArray();

  beforeAll(async () => {
    await c().insertMany(projects);
    await c().createIndex({ code: 1 }, { unique: true });
    await c().createIndex({ units: 1, code: 1 });
    await c().createIndex({ platform: 1, code: 1 });
    await c().createIndex({ tiers: 1, code: 1 });
    await c().createIndex({ invest: -1, _id: 1 });
    await c().createIndex({ updated: -1, _id: 1 });
    await c().createIndex({ signed: -1, _id: 1 });
  });

  const scope = (u: string) => ({ $or: [{ units: u }, { platform: u }] });
  const filters: Document[] = [
    { $and: [scope('u0'), { tiers: { $in: ['t1', 't2'] } }] },
    { $and: [scope('u3'), { tiers: { $in: ['t1', 't2'] } }] },
    { $and: [scope('p2'), { name: { $regex: 'Needle' } }] },
    { $and: [scope('u0'), { $or: [{ code: { $regex: '001' } }, { name: { $regex: 'Needle' } }] }] },
    { $and: [scope('u0'), { signed: { $gte: '2025-06-01' } }] },
    { units: 'u0', invest: { $gt: 100, $lte: 300 } },
    { signed: null },
    { invest: { $in: [5, 6, 7, 400] } },
  ];
  const sorts: Document[] = [{ code: 1 }, { code: -1 }, { updated: -1, _id: 1 }, { updated: 1, _id: -1 }, { invest: -1, _id: 1 }, { signed: -1, _id: 1 }, { invest: 1, _id: -1 }];

  it('returns what a collection scan returns, in the same order, for every filter, sort and limit', async () => {
    for (const f of filters) {
      for (const s of sorts) {
        for (const limit of [0, 1, 21]) {
          const got = await c().find(f).sort(s).limit(limit).toArray();
          expect(got, JSON.stringify({ f, s, limit })).toEqual(await byScan(f, s, limit));
        }
      }
      expect(await c().countDocuments(f), JSON.stringify(f)).toBe((await byScan(f, { _id: 1 })).length);
      const [counted] = await c().aggregate([{ $match: f }, { $count: 'n' }]).toArray();
      expect(counted?.n ?? 0).toBe((await byScan(f, { _id: 1 })).length);
      const distinct = await c().distinct('platform', f);
      expect(distinct).toEqual([...new Set((await byScan(f, { _id: 1 })).map((d) => d.platform))].sort());
    }
  });

  it('walks a sort index and stops at the limit when the $or matches nearly everything', async () => {
    const s = await explain(c().find({ $and: [scope('u0'), { tiers: { $in: ['t1', 't2'] } }] }).sort({ updated: -1, _id: 1 }).limit(21));
    expect(stages(s.plan)).toEqual(['LIMIT', 'FETCH', 'IXSCAN']);
    expect(s.plan.inputStage.inputStage).toMatchObject({ indexName: 'updated_-1__id_1', direction: 'forward' });
    expect(s.totalDocsExamined).toBeLessThan(100);
    expect(s.rejected.length).toBeGreaterThan(0);
    // The opposite mixed order walks the same index backward.
    const back = await explain(c().find(scope('u0')).sort({ updated: 1, _id: -1 }).limit(5));
    expect(back.plan.inputStage.inputStage).toMatchObject({ indexName: 'updated_-1__id_1', direction: 'backward' });
  });

  it('unions index scans and sorts when the $or is selective', async () => {
    const s = await explain(c().find({ $and: [scope('u3'), { tiers: { $in: ['t1', 't2'] } }] }).sort({ invest: -1, _id: 1 }).limit(21));
    expect(stages(s.plan).slice(0, 3)).toEqual(['LIMIT', 'SORT', 'FETCH']);
    expect(s.plan.inputStage.inputStage.inputStage.stage).toBe('OR');
    const matching = projects.filter((p) => p.units.includes('u3') || p.platform === 'u3').length;
    expect(s.totalDocsExamined).toBe(matching);
  });

  it('a point on a multikey field still lets the next field provide the sort', async () => {
    const s = await explain(c().find({ units: 'u0' }).sort({ code: 1 }).limit(10));
    expect(stages(s.plan)).toEqual(['LIMIT', 'FETCH', 'IXSCAN']);
    expect(s.plan.inputStage.inputStage).toMatchObject({ indexName: 'units_1_code_1', isMultiKey: true });
    expect(s.totalDocsExamined).toBe(10);
    // A sort on the multikey field itself is never provided by the index.
    const t = await explain(c().find({ tiers: 't1' }).sort({ tiers: 1 }));
    expect(stages(t.plan)).toContain('SORT');
  });

  it('shows the bounds of a descending field from high to low, as MongoDB does', async () => {
    const s = await explain(c().find({ invest: { $gt: 100, $lte: 300 } }).hint({ invest: -1, _id: 1 }));
    expect(s.plan.inputStage.indexBounds).toEqual({ invest: ['[300, 100)'], _id: ['[MinKey, MaxKey]'] });
    expect(s.nReturned).toBe(projects.filter((p) => p.invest > 100 && p.invest <= 300).length);
    expect(s.totalKeysExamined).toBe(s.nReturned);
  });
});

describe('racing equally scored indexes', () => {
  it('picks the index that finishes first, not the first one created', async () => {
    const c = db.collection<AnyDoc>('race');
    await c.createIndex({ a: 1 });
    await c.createIndex({ b: 1 });
    await c.insertMany(Array.from({ length: 2000 }, (_, i) => ({ _id: i, a: i % 2 ? 'x' : 'z', b: i % 300 === 1 ? 'y' : `b${i % 7}` })));
    const filter = { a: 'x', b: 'y' };
    for (const sort of [undefined, { _id: -1 } as Document]) {
      const cursor = sort ? c.find(filter).sort(sort).limit(3) : c.find(filter);
      const s = await explain(cursor);
      expect(stages(s.plan)).toContain('IXSCAN');
      expect(JSON.stringify(s.plan)).toContain('"indexName":"b_1"');
      expect(s.totalDocsExamined).toBeLessThanOrEqual(7);
      expect(s.rejected.length).toBeGreaterThan(0);
      expect(await (sort ? c.find(filter).sort(sort).limit(3) : c.find(filter).sort({ _id: 1 })).toArray()).toEqual(await c.find(filter).hint({ $natural: 1 }).sort(sort ?? { _id: 1 }).limit(sort ? 3 : 0).toArray());
    }
  });
});

/** Nodes-like documents: open ones have closed null or no field, closed ones a date string. */
const M = 6000;
const nodes = Array.from({ length: M }, (_, i) => ({
  _id: i,
  project: i % 400,
  unit: i % 5 === 0 ? null : `u${i % 4}`,
  ...(i % 17 === 0 ? {} : { closed: i % 3 === 0 ? null : `2026-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}` }),
  due: `2026-${String(1 + ((i * 7) % 12)).padStart(2, '0')}-${String(1 + ((i * 11) % 28)).padStart(2, '0')}`,
  ...(i % 1000 === 1 ? { closed: [null, '2026-12-01'] } : {}),
}));

describe('plans over nodes-like data', () => {
  const c = () => db.collection<AnyDoc>('nodes');
  const byScan = (filter: Document, sort: Document = { _id: 1 }, limit = 0) => c().find(filter).hint({ $natural: 1 }).sort(sort).limit(limit).toArray();
  const open = (d: string) => ({ $or: [{ closed: null }, { closed: { $gt: d } }] });

  beforeAll(async () => {
    await c().insertMany(nodes);
    await c().createIndex({ project: 1, order: 1 });
    await c().createIndex({ closed: 1, due: 1 });
    await c().createIndex({ unit: 1, closed: 1, due: 1 });
  });

  it('pushes sibling predicates into the $or branches and bounds all three fields', async () => {
    const filter = { ...open('2026-10-15'), unit: 'u1', project: { $nin: [1, 5, 9] }, due: { $lte: '2026-06-30' } };
    const s = await explain(c().find(filter).sort({ due: 1, _id: 1 }).limit(30));
    expect(s.plan.inputStage.inputStage.inputStage.stage).toBe('OR');
    const [nulls, later] = s.plan.inputStage.inputStage.inputStage.inputStages.map((b: Document) => b.inputStage);
    expect(nulls).toMatchObject({ indexName: 'unit_1_closed_1_due_1', indexBounds: { unit: ['["u1", "u1"]'], closed: ['[null, null]'], due: ['[MinKey, "2026-06-30"]'] } });
    expect(later.indexBounds).toEqual({ unit: ['["u1", "u1"]'], closed: ['("2026-10-15", MaxKey]'], due: ['[MinKey, "2026-06-30"]'] });
    expect(await c().find(filter).sort({ due: 1, _id: 1 }).limit(30).toArray()).toEqual(await byScan(filter, { due: 1, _id: 1 }, 30));
    // Keys outside the due bounds of the range branch are skipped before any fetch.
    const all = await explain(c().find(filter));
    expect(all.plan.inputStage.stage).toBe('OR');
    expect(all.totalDocsExamined).toBeLessThan(all.totalKeysExamined);
  });

  it('plans the open-as-of distinct as two scans of the (closed, due) index', async () => {
    const filter = { ...open('2026-09-30'), due: { $lte: '2026-05-31' } };
    const s = await explain(c().find(filter));
    expect(s.plan.inputStage.stage).toBe('OR');
    for (const b of s.plan.inputStage.inputStages) expect(b.inputStage.indexName).toBe('closed_1_due_1');
    // Only the matches are fetched (a document in both branches, by its array, twice).
    const n = (await byScan(filter)).length;
    expect(s.totalDocsExamined).toBeGreaterThanOrEqual(n);
    expect(s.totalDocsExamined).toBeLessThanOrEqual(n + nodes.filter((d) => Array.isArray(d.closed)).length);
    const values = await c().distinct('project', filter);
    expect(values).toEqual([...new Set((await byScan(filter)).map((d) => d.project))].sort((a, b) => a - b));
  });

  it('agrees with a collection scan on null, missing, arrays, $in and $nin', async () => {
    const ids = Array.from({ length: 1200 }, (_, i) => i % 400);
    const filters: Document[] = [
      { ...open('2026-06-15'), unit: 'u2', project: { $nin: [2, 6] } },
      { ...open('2026-06-15'), due: { $lte: '2026-08-01' }, project: { $in: ids.slice(0, 100) } },
      { ...open('2026-11-30'), unit: { $in: ['u0', 'u3', null] }, due: { $gt: '2026-03-01', $lt: '2026-09-01' } },
      { unit: null, closed: null },
      { closed: { $in: [null, '2026-12-01'] }, due: { $in: ['2026-01-01', '2026-08-12', '2026-03-23'] } },
      { unit: { $in: ['u0', 'u1', 'u2', 'u3'] }, closed: { $in: Array.from({ length: 300 }, (_, i) => `2026-0${1 + (i % 9)}-${String(1 + (i % 28)).padStart(2, '0')}`) }, due: { $gte: '2026-05-01' } },
      { $or: [{ closed: { $exists: false } }, { closed: '2026-12-01' }] },
    ];
    for (const f of filters) {
      for (const [s, limit] of [[{ due: 1, _id: 1 }, 25], [{ _id: -1 }, 0], [{ due: -1, _id: 1 }, 7]] as [Document, number][]) {
        const got = await c().find(f).sort(s).limit(limit).toArray();
        expect(got, JSON.stringify({ f, s })).toEqual(await byScan(f, s, limit));
      }
      expect(await c().countDocuments(f), JSON.stringify(f)).toBe((await byScan(f)).length);
      const [g] = await c().aggregate([{ $match: f }, { $group: { _id: null, n: { $sum: 1 } } }]).toArray();
      expect(g?.n ?? 0).toBe((await byScan(f)).length);
    }
  });

  it('writes find the same documents through the new bounds', async () => {
    const filter = { ...open('2026-07-01'), unit: 'u3', due: { $lte: '2026-04-30' } };
    const expected = (await byScan(filter)).length;
    const res = await c().updateMany(filter, { $set: { flagged: true } });
    expect(res.modifiedCount).toBe(expected);
    expect((await byScan({ flagged: true })).length).toBe(expected);
    await c().updateMany({}, { $unset: { flagged: '' } });
  });
});
