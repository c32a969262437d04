/**
 * The metrics facts are kept across requests (FactsCache) and re-read per project when its `rev`
 * moves. Every write through the project model must move it (lib/revision.ts), and a dashboard
 * answered from the cache must equal one computed from an empty cache after each kind of write
 * that changes a figure: a new signing, a landing gate reported DONE, an investment edited, a
 * 资金到位 report, a move to another platform.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { Types } from 'mongoose';
import { useApi, type Client } from '../testkit/api.js';
import { createProject } from '../testkit/projects.js';
import { completeGate } from '../testkit/progress.js';
import { today, yearOf } from '../../api/src/domain/dates.js';
import { FactsCache, factLifetime, factsCache } from '../../api/src/modules/metrics/facts.js';
import { ProjectModel } from '../../api/src/modules/projects/model.js';
import { REPO_ROOT } from '../testkit/db-process.js';

const api = useApi();
let promo: Client;
let leader: Client;

beforeAll(async () => {
  promo = await api.as('promo');
  leader = await api.as('leader');
});

const revOf = async (id: Types.ObjectId | string) => ((await ProjectModel.collection.findOne({ _id: new Types.ObjectId(String(id)) }, { projection: { rev: 1 } })) as { rev?: number } | null)?.rev;

describe('every write through the project model moves rev', () => {
  let id: string;
  beforeAll(async () => {
    id = (await createProject(api, promo)).id;
  });

  it('is 0 on insert and moves on each update form', async () => {
    const fresh = await createProject(api, promo);
    expect(await revOf(fresh.id)).toBe(0);
    const writes: [string, () => Promise<unknown>][] = [
      ['updateOne with operators', () => ProjectModel.updateOne({ _id: id }, { $set: { description: 'a' } })],
      ['updateOne with a plain document', () => ProjectModel.updateOne({ _id: id }, { description: 'b' })],
      ['updateOne with $inc', () => ProjectModel.updateOne({ _id: id }, { $inc: { version: 1 } })],
      ['updateMany', () => ProjectModel.updateMany({ _id: id }, { $set: { description: 'c' } })],
      ['findOneAndUpdate', () => ProjectModel.findOneAndUpdate({ _id: id }, { $set: { description: 'd' } })],
      ['bulkWrite updateOne', () => ProjectModel.bulkWrite([{ updateOne: { filter: { _id: id }, update: { $set: { description: 'e' } } } }])],
      ['bulkWrite updateMany', () => ProjectModel.bulkWrite([{ updateMany: { filter: { _id: id }, update: { $set: { description: 'f' } } } }])],
      [
        'save',
        async () => {
          const d = await ProjectModel.findById(id);
          d!.description = 'g';
          await d!.save();
        },
      ],
      [
        'save of a document read without rev',
        async () => {
          const d = await ProjectModel.findById(id, { description: 1 });
          d!.description = 'h';
          await d!.save();
        },
      ],
    ];
    for (const [name, write] of writes) {
      const before = (await revOf(id)) ?? 0;
      await write();
      expect(await revOf(id), name).toBe(before + 1);
    }
  });

  it('refuses the forms that cannot carry the increment, and writes nothing', async () => {
    const before = await ProjectModel.collection.findOne({ _id: new Types.ObjectId(id) });
    await expect(ProjectModel.replaceOne({ _id: id }, { ...before, description: 'x' })).rejects.toThrow(/revision counter/);
    await expect(ProjectModel.updateOne({ _id: id }, [{ $set: { description: 'y' } }], { updatePipeline: true } as never)).rejects.toThrow(/revision counter/);
    await expect(ProjectModel.bulkWrite([{ replaceOne: { filter: { _id: id }, replacement: { ...before, description: 'z' } } }] as never)).rejects.toThrow(/revision counter/);
    expect(await ProjectModel.collection.findOne({ _id: new Types.ObjectId(id) })).toEqual(before);
  });

  it('api/src writes projects only through the model (the driver collection would not move rev)', () => {
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const f of readdirSync(dir)) {
        const p = join(dir, f);
        if (statSync(p).isDirectory()) walk(p);
        else if (p.endsWith('.ts')) files.push(p);
      }
    };
    walk(join(REPO_ROOT, 'api/src'));
    const bypass = /ProjectModel\.collection\.(update|replace|findOneAnd|bulkWrite|insert)|collection\(\s*['"]projects['"]\s*\)/;
    expect(files.filter((f) => bypass.test(readFileSync(f, 'utf8'))).map((f) => f.slice(REPO_ROOT.length + 1))).toEqual([]);
  });
});

const FIGURES = `figures { indicator value numeratorCount denominatorCount actualYuan contractedYuan }`;
const DASHBOARD = `query($y: Int!) { metricsDashboard(year: $y) { total { projectCount ${FIGURES} } cuts(by: PLATFORM) { key metrics { projectCount ${FIGURES} } } } }`;

describe('a dashboard from the cache equals one from an empty cache', () => {
  const year = yearOf(today());
  const dashboard = async () => {
    const r = await leader.gql(DASHBOARD, { y: year });
    expect(r.errors).toBeUndefined();
    return r.data.metricsDashboard;
  };

  /** After `write`: the cached answer changed, and equals the answer computed afresh. */
  async function afterWrite(name: string, write: () => Promise<void>) {
    const before = await dashboard();
    await write();
    const cached = await dashboard();
    expect(cached, `${name} changed nothing the test can see`).not.toEqual(before);
    factsCache.clear();
    expect(await dashboard(), name).toEqual(cached);
  }

  it('through the writes that move the figures', async () => {
    await dashboard();
    expect(factsCache.size).toBeGreaterThan(0);
    let p!: Awaited<ReturnType<typeof createProject>>;
    await afterWrite('a new signing', async () => {
      p = await createProject(api, promo, { signedOn: today(), totalInvestment: 1_500_000_000 });
    });
    await afterWrite('a landing gate reported DONE', async () => completeGate(await api.as('unit_land'), p.id, 'LAND', today()));
    const version = async () => (await promo.gql(`query($id: ID!) { project(id: $id) { version } }`, { id: p.id })).data.project.version as number;
    await afterWrite('the investment edited below ¥1bn', async () => {
      const r = await promo.gql(`mutation($i: UpdateProjectInput!) { updateProject(input: $i) { errors { message } } }`, { i: { id: p.id, version: await version(), totalInvestment: 600_000_000 } });
      expect(r.data.updateProject.errors).toEqual([]);
    });
    await afterWrite('a 资金到位 report', async () => {
      const r = await promo.gql(`mutation($id: ID!, $d: Date!) { reportActualInvestment(projectId: $id, date: $d, amount: 100000000) { errors { message } } }`, { id: p.id, d: today() });
      expect(r.data.reportActualInvestment.errors).toEqual([]);
    });
    await afterWrite('the project moved to another platform', async () => {
      const r = await promo.gql(`mutation($i: UpdateProjectInput!) { updateProject(input: $i) { errors { message } } }`, {
        i: { id: p.id, version: await version(), platformId: api.ref.platforms.get('曹娥江经开区') },
      });
      expect(r.data.updateProject.errors).toEqual([]);
    });
  });
});

describe('FactsCache', () => {
  it('reuses unchanged facts, re-reads only written projects, and re-reads everything past its age', async () => {
    let now = 1_000_000;
    const cache = new FactsCache(60_000, 50_000, () => now);
    for (let i = 0; i < 3; i++) await createProject(api, promo);
    const q = { signedFrom: '2000-01-01', signedTo: '2100-12-31' };
    const first = await cache.load(q);
    expect(first.length).toBeGreaterThan(2);
    const again = await cache.load(q);
    expect(again.every((f, i) => f === first[i])).toBe(true);

    const [a, b] = first;
    await ProjectModel.updateOne({ _id: a.id }, { $set: { source: 'MERGER_ACQUISITION' } });
    const third = await cache.load(q);
    expect(third.find((f) => f.id === a.id)!.source).toBe('MERGER_ACQUISITION');
    expect(third.filter((f, i) => f !== first[i]).map((f) => f.id)).toEqual([a.id]);

    // An operator's shell edit (no rev) shows once the fact is older than the cache's age.
    await ProjectModel.collection.updateOne({ _id: new Types.ObjectId(b.id) }, { $set: { source: 'LISTED_COMPANY_FUNDRAISING' } });
    expect((await cache.load(q)).find((f) => f.id === b.id)!.source).toBe(b.source);
    now += 60_001;
    expect((await cache.load(q)).find((f) => f.id === b.id)!.source).toBe('LISTED_COMPANY_FUNDRAISING');
  });

  it('lets facts read together expire a few at a time, each within its lifetime of half to all of the age', async () => {
    let now = 5_000_000;
    const AGE = 60_000;
    const cache = new FactsCache(AGE, 50_000, () => now);
    for (let i = 0; i < 12; i++) await createProject(api, promo, { signedOn: '2019-05-01' });
    const q = { signedFrom: '2019-01-01', signedTo: '2019-12-31' };
    const first = await cache.load(q);
    expect(first.length).toBeGreaterThanOrEqual(12);
    const lifetimes = new Map(first.map((f) => [f.id, factLifetime(f.id, AGE)]));
    // Every lifetime lies in [AGE/2, AGE), and they are spread (two may share a millisecond).
    expect([...lifetimes.values()].every((l) => l >= AGE / 2 && l < AGE)).toBe(true);
    expect(new Set(lifetimes.values()).size).toBeGreaterThan(first.length / 2);
    // Just before half the age nothing is re-read; then exactly the facts past their lifetime are.
    now += AGE / 2 - 1;
    expect((await cache.load(q)).every((f, i) => f === first[i])).toBe(true);
    const sorted = [...lifetimes.values()].sort((a, b) => a - b);
    now = 5_000_000 + sorted[2]; // the three shortest lifetimes have passed
    const later = await cache.load(q);
    expect(later.filter((f, i) => f !== first[i]).map((f) => f.id).sort()).toEqual(first.filter((f) => lifetimes.get(f.id)! <= sorted[2]).map((f) => f.id).sort());
  });

  it('spreads the lifetimes of consecutive ids over the second half of the age', () => {
    const base = new Types.ObjectId().toHexString().slice(0, 18);
    const counter = parseInt(new Types.ObjectId().toHexString().slice(18), 16);
    const tenths = new Array(5).fill(0);
    for (let i = 0; i < 1000; i++) {
      const id = base + ((counter + i) % 0x1000000).toString(16).padStart(6, '0');
      tenths[Math.floor((factLifetime(id, 1000) - 500) / 100)]++;
    }
    // 1,000 consecutive ids, ~200 in each tenth of the second half of the age.
    expect(tenths.every((n) => n > 150 && n < 250)).toBe(true);
  });

  it('keeps a project out of a query it no longer matches', async () => {
    const cache = new FactsCache();
    const p = await createProject(api, promo, { signedOn: '2024-03-01' });
    const q = { signedFrom: '2024-01-01', signedTo: '2024-12-31' };
    expect((await cache.load(q)).map((f) => f.id)).toContain(p.id);
    await ProjectModel.updateOne({ _id: p.id }, { $set: { signedOn: '2023-12-31' } });
    expect((await cache.load(q)).map((f) => f.id)).not.toContain(p.id);
  });
});
