/**
 * 赛马 end to end. Portfolio (history, recorded on its dates):
 *   H1 杭州湾 signed 2025-01-15 12亿 C2651 chain, LAND 2025-02-20, START 2025-03-10
 *   H2 杭州湾 signed 2025-02-01  2亿 C2651
 *   C1 曹娥江 signed 2025-02-10 0.5亿 I6513, LAND 2025-03-01, a confirmed duplicate signing
 *
 * Q1 2025, default weights (亿元以上 0.3 / target 3, 10亿制造业 0.2 / 1, 落地率 0.2 / 40%,
 * 开工率 0.15 / 30%, 制造业占比 0.15 / 2/3; cap 1.2):
 *   杭州湾: 2/0.75→1.2×0.3 + 1/0.25→1.2×0.2 + 0.5/0.4→1.2×0.2 + 0.5/0.3→1.2×0.15 + 1/(2/3)→1.2×0.15
 *          = 1.2, minus 0.1 for H1's REGISTER (planned 02-14, 45 days overdue on 03-31) = 1.1
 *   曹娥江: 落地率 1/0.4→1.2×0.2 = 0.24, minus 0.2 for the confirmed duplicate = 0.04
 *   the six other platforms: 0, sharing rank 3.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import mongoose, { Types } from 'mongoose';
import { useApi, type Client } from '../testkit/api.js';
import { historicProject } from '../testkit/progress.js';
import { recordProgress } from '../../seeds/factories.js';
import { ProjectModel } from '../../api/src/modules/projects/model.js';
import { snapshotMonthEnd, takeMonthEndSnapshot } from '../../api/src/modules/race/snapshots.js';
import type { ProjectRecord } from '../../api/src/modules/projects/types.js';

const api = useApi();
let admin: Client;
let leader: Client;
const P: Record<string, ProjectRecord> = {};

const QUARTER = `query($y: Int!, $q: Int!) { raceQuarter(year: $y, quarter: $q, kind: PLATFORM) { asOf published publishedBy { id }
  rows { rank score overdueNodes overduePenalty penalisedRecords recordPenalty scope { name platform { id } } parts { code weight actual target ratio weighted } } } }`;

async function quarter(c: Client, y: number, q: number) {
  const r = await c.gql(QUARTER, { y, q });
  expect(r.errors).toBeUndefined();
  return r.data.raceQuarter;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const byName = (rows: { scope: { name: string } }[]): Record<string, any> => Object.fromEntries(rows.map((r) => [r.scope.name, r]));

beforeAll(async () => {
  admin = await api.as('admin');
  leader = await api.as('leader');
  P.H1 = await historicProject(api, { signedOn: '2025-01-15', yi: 12, chain: 'ADVANCED_POLYMER', done: { LAND: '2025-02-20', START: '2025-03-10' } });
  P.H2 = await historicProject(api, { signedOn: '2025-02-01', yi: 2 });
  P.C1 = await historicProject(api, { signedOn: '2025-02-10', yi: 0.5, platform: '曹娥江经开区', industryCode: 'I6513', done: { LAND: '2025-03-01' } });
  await ProjectModel.updateOne({ _id: new Types.ObjectId(P.C1.id) }, { $set: { duplicate: { projectId: new Types.ObjectId(P.H2.id), status: 'CONFIRMED' } } });
  // A 督办 problem of H1, led by 区自然资源和规划分局, past its deadline from 16 Feb 2025.
  await mongoose.connection.db!.collection('problems').insertOne({
    projectId: new Types.ObjectId(P.H1.id),
    leadUnitId: new Types.ObjectId(api.ref.units.get('区自然资源和规划分局')),
    status: 'ACCEPTED',
    raisedOn: '2025-02-01',
    deadline: '2025-02-15',
    resolvedOn: null,
  });
});

describe('configuration', () => {
  it('is data ADMIN edits, validated and versioned', async () => {
    const cfg = (await leader.gql(`{ raceConfig { version cap indicators { code weight proportional platformTarget unitTarget } } }`)).data.raceConfig;
    expect(cfg.version).toBe(0);
    expect(cfg.indicators.map((i: { code: string; weight: number; proportional: boolean }) => [i.code, i.weight, i.proportional])).toEqual([
      ['SIGNED_OVER_100M', 0.3, true],
      ['SIGNED_OVER_1B_MANUFACTURING', 0.2, true],
      ['LANDING_RATE', 0.2, false],
      ['START_RATE', 0.15, false],
      ['MANUFACTURING_SHARE', 0.15, false],
    ]);
    const base = { version: 0, cap: 1.2, overdueNodeDays: 30, overdueNodePenalty: 0.1, recordPenalty: 0.2, quarterWeight: 1, yearEndWeight: 1 };
    const bad = await admin.gql(`mutation($i: RaceConfigInput!) { updateRaceConfig(input: $i) { errors { field message } } }`, {
      i: { ...base, indicators: [{ code: 'LANDING_RATE', weight: -1, platformTarget: 0.4, unitTarget: 0.4 }] },
    });
    expect(bad.data.updateRaceConfig.errors).toEqual([{ field: null, message: '考核指标“当年落地率”的权重须为非负数' }]);
    const denied = await (await api.as('promo')).gql(`mutation($i: RaceConfigInput!) { updateRaceConfig(input: $i) { errors { message } } }`, { i: { ...base, indicators: [] } });
    expect(denied.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });
});

describe('quarterly scores', () => {
  it('scores Q1 by the formula, ranks with shared ranks and penalties', async () => {
    const q = await quarter(leader, 2025, 1);
    expect(q).toMatchObject({ asOf: '2025-03-31', published: false });
    const rows = byName(q.rows);
    expect(rows['杭州湾经开区']).toMatchObject({ rank: 1, score: 1.1, overdueNodes: 1, overduePenalty: 0.1, penalisedRecords: 0 });
    expect(rows['杭州湾经开区'].parts.map((p: { code: string; actual: number; target: number; ratio: number }) => [p.code, p.actual, p.target, p.ratio])).toEqual([
      ['SIGNED_OVER_100M', 2, 0.75, 1.2],
      ['SIGNED_OVER_1B_MANUFACTURING', 1, 0.25, 1.2],
      ['LANDING_RATE', 0.5, 0.4, 1.2],
      ['START_RATE', 0.5, 0.3, 1.2],
      ['MANUFACTURING_SHARE', 1, 2 / 3, 1.2],
    ]);
    expect(rows['曹娥江经开区']).toMatchObject({ rank: 2, score: 0.04, penalisedRecords: 1, recordPenalty: 0.2 });
    const rest = q.rows.filter((r: { scope: { name: string } }) => !['杭州湾经开区', '曹娥江经开区'].includes(r.scope.name));
    expect(rest).toHaveLength(6);
    for (const r of rest) expect(r).toMatchObject({ rank: 3, score: 0 });
  });

  it('publishes a finished quarter once; later changes do not move it', async () => {
    const hzw = await api.as('promo_hzw');
    const denied = await hzw.gql(`mutation { publishRaceQuarter(year: 2025, quarter: 1, kind: PLATFORM) { errors { code } } }`);
    expect(denied.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const running = await admin.gql(`mutation { publishRaceQuarter(year: 2026, quarter: 4, kind: PLATFORM) { errors { code message } } }`);
    expect(running.data.publishRaceQuarter.errors).toEqual([{ code: 'INVALID_STATE', message: '季度尚未结束，不能发布' }]);
    const promo = await api.as('promo');
    const r = await promo.gql(`mutation { publishRaceQuarter(year: 2025, quarter: 1, kind: PLATFORM) { quarter { published rows { score } } errors { message } } }`);
    expect(r.data.publishRaceQuarter.errors).toEqual([]);
    expect(r.data.publishRaceQuarter.quarter.published).toBe(true);
    const before = await quarter(leader, 2025, 1);
    expect(before.publishedBy).toEqual({ id: api.users.promo.id });

    // New weights and a corrected fact change live quarters, never the published one.
    const cfg = (await admin.gql(`{ raceConfig { version indicators { code weight platformTarget unitTarget } cap overdueNodeDays overdueNodePenalty recordPenalty quarterWeight yearEndWeight } }`)).data.raceConfig;
    const indicators = cfg.indicators.map((i: { code: string; weight: number }) => ({ ...i, weight: i.code === 'LANDING_RATE' ? 0.5 : i.weight }));
    const saved = await admin.gql(`mutation($i: RaceConfigInput!) { updateRaceConfig(input: $i) { config { version } errors { message } } }`, { i: { ...cfg, indicators } });
    expect(saved.data.updateRaceConfig).toEqual({ config: { version: 1 }, errors: [] });
    const stale = await admin.gql(`mutation($i: RaceConfigInput!) { updateRaceConfig(input: $i) { errors { code } } }`, { i: { ...cfg, indicators } });
    expect(stale.data.updateRaceConfig.errors).toEqual([{ code: 'CONFLICT' }]);
    await recordProgress(P.C1.id, [{ code: 'START', actualDate: '2025-03-20' }], api.users.unit_land.id);

    expect(await quarter(leader, 2025, 1)).toEqual(before);
    const again = await admin.gql(`mutation { publishRaceQuarter(year: 2025, quarter: 1, kind: PLATFORM) { errors { code message } } }`);
    expect(again.data.publishRaceQuarter.errors).toEqual([{ code: 'INVALID_STATE', message: '该季度已发布，发布后不再变更' }]);
    // Q2 is live, with the new weight: 曹娥江 has 落地率 1 (→ 1.2 × 0.5) and now 开工率 1 (→ 1.2 × 0.15);
    // C1's REGISTER and FILING are over 30 days late on 30 Jun (−0.1 each); its duplicate was a Q1 signing.
    const q2 = byName((await quarter(leader, 2025, 2)).rows);
    expect(q2['曹娥江经开区']).toMatchObject({ score: 0.58, overdueNodes: 2, penalisedRecords: 0 });
  });
});

describe('year assessment', () => {
  it('sums the quarters (published as stored) and the year-end score', async () => {
    const r = await leader.gql(`{ raceYear(year: 2025, kind: PLATFORM) { asOf provisional rows { rank total quarterScores yearEndScore provisional scope { name } } } }`);
    expect(r.errors).toBeUndefined();
    const y = r.data.raceYear;
    expect(y).toMatchObject({ asOf: '2025-12-31', provisional: true });
    const hzw = byName(y.rows)['杭州湾经开区'];
    expect(hzw.quarterScores[0]).toBe(1.1);
    // The year-end score is the same formula on 31 Dec figures against full-year targets: Q4's.
    expect(hzw.yearEndScore).toBe(hzw.quarterScores[3]);
    for (const row of y.rows) {
      expect(row.total).toBeCloseTo(row.quarterScores.reduce((s: number, x: number) => s + x, 0) + row.yearEndScore, 4);
    }
    const totals = y.rows.map((x: { total: number }) => x.total);
    expect(totals).toEqual([...totals].sort((a, b) => b - a));
  });
});

describe('month-end snapshots', () => {
  it('covers the last finished month', () => {
    expect(snapshotMonthEnd('2025-03-15', '2026-11-25')).toBe('2025-02-28');
    expect(snapshotMonthEnd('2026-11-30', '2026-11-30')).toBe('2026-10-31');
    expect(snapshotMonthEnd('2026-10-31', '2026-11-01')).toBe('2026-10-31');
  });

  it('records each platform and unit once per month, immutably', async () => {
    const first = await takeMonthEndSnapshot('2025-03-15');
    expect(first).toMatchObject({ month: '2025-02', monthEnd: '2025-02-28', existing: 0 });
    expect(first.created).toBeGreaterThan(8);
    const SNAP = `{ raceSnapshots(month: "2025-02") { month scope { kind name } signings signingsYtd landed landedYtd started startedYtd overdueNodes redNodes overdueProblems takenAt tiers { key label month ytd } } }`;
    const read = async () => (await leader.gql(SNAP)).data.raceSnapshots as { scope: { kind: string; name: string }; tiers: { key: string; month: number; ytd: number }[] }[];
    const snaps = await read();
    const hzw = snaps.find((s) => s.scope.kind === 'PLATFORM' && s.scope.name === '杭州湾经开区')!;
    expect(hzw).toMatchObject({ signings: 1, signingsYtd: 2, landed: 1, landedYtd: 1, started: 0, startedYtd: 0, overdueNodes: 1, redNodes: 0, overdueProblems: 1 });
    expect(Object.fromEntries(hzw.tiers.map((t) => [t.key, [t.month, t.ytd]]))).toMatchObject({ OVER_100M: [1, 2], OVER_100M_WITH_CHAIN: [0, 1], OVER_1B_MANUFACTURING: [0, 1] });
    expect(hzw.tiers.find((t) => t.key === 'OVER_1B_MANUFACTURING')).toMatchObject({ label: '10亿元以上制造业' });
    const land = snaps.find((s) => s.scope.name === '区自然资源和规划分局')!;
    expect(land).toMatchObject({ signings: 2, signingsYtd: 3, overdueNodes: 0, overdueProblems: 1 });

    // A correction of February's history, then the job runs again (and ADMIN backfills): nothing moves.
    await recordProgress(P.H1.id, [{ code: 'REGISTER', actualDate: '2025-02-10' }], api.users.unit_land.id);
    expect(await takeMonthEndSnapshot('2025-03-30')).toEqual({ ...first, created: 0, existing: first.created });
    const viaApi = await admin.gql(`mutation { takeMonthEndSnapshot(asOf: "2025-02-28") { month created existing errors { message } } }`);
    expect(viaApi.data.takeMonthEndSnapshot).toEqual({ month: '2025-02', created: 0, existing: first.created, errors: [] });
    expect(await read()).toEqual(snaps);
    const march = await takeMonthEndSnapshot('2025-04-01');
    expect(march).toMatchObject({ month: '2025-03', created: first.created });
  });
});

describe('access and export', () => {
  it('lets LEADER, ADMIN and PROMOTION read; not UNIT or OWNER', async () => {
    for (const who of ['unit_land', 'owner_a']) {
      const r = await (await api.as(who)).gql(`{ raceQuarter(year: 2025, quarter: 1, kind: PLATFORM) { published } }`);
      expect(r.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    }
    expect((await quarter(await api.as('promo_hzw'), 2025, 1)).published).toBe(true);
  });

  it('exports a ranking to .xlsx', async () => {
    const res = await leader.agent
      .get('/api/race/ranking.xlsx?year=2025&quarter=1&kind=PLATFORM')
      .buffer(true)
      .parse((r, cb) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => cb(null, Buffer.concat(chunks)));
      });
    expect(res.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.body);
    const ws = wb.worksheets[0];
    expect(ws.name).toBe('2025年第1季度平台赛马评价');
    expect((ws.getRow(1).values as unknown[]).slice(1, 4)).toEqual(['排名', '平台', '得分']);
    expect((ws.getRow(2).values as unknown[]).slice(1, 4)).toEqual([1, '杭州湾经开区', 1.1]);
    expect(ws.getRow(2).getCell(ws.getRow(1).cellCount).value).toBe('已发布');
    const year = await leader.agent.get('/api/race/ranking.xlsx?year=2025&kind=UNIT');
    expect(year.status).toBe(200);
    expect((await (await api.as('owner_a')).agent.get('/api/race/ranking.xlsx?year=2025&quarter=1')).status).toBe(403);
    expect((await leader.agent.get('/api/race/ranking.xlsx?year=2025&quarter=5')).status).toBe(400);
  });
});
