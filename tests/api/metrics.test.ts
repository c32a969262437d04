/**
 * Metrics through GraphQL against a hand-worked portfolio (cohorts 2024–2026):
 *
 *   A  杭州湾  signed 2024-12-31                          C2651  3亿  chain
 *   B  杭州湾  signed 2025-01-01  LAND 2025-03-01 START 2025-06-01  C2651 12亿 chain
 *   C  曹娥江  signed 2025-03-01  LAND 2026-01-10 (after the year end)  C3562 2亿
 *   D  曹娥江  signed 2025-05-01  LAND 2025-08-01, terminated later     I6513 0.5亿
 *   E  杭州湾  signed 2025-06-01  增资扩产: FILING 2025-07-01 lands     C2720 1.5亿 chain, LOCAL_EXPANSION
 *   F  杭州湾  signed 2025-07-01  START 2025-09-01, never landed         G5990 0.8亿
 *   G  杭州湾  signed 2025-12-31  LAND 2025-12-31                       C3841 1亿 chain, US$100m
 *   H  百官    signed 2026-09-01                                         C2651 2亿
 *
 * cohort(2025) = B C D E F G.  当年落地率 = B D E G = 4/6; 两年 adds C = 5/6; 开工率 = B F = 2/6;
 * 制造业占比 = B C E G = 4/6 (exactly the 2/3 target); ≥1亿 with a chain = B E G = 3 (< 15).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { useApi, type Client } from '../testkit/api.js';
import { completeGate, historicProject } from '../testkit/progress.js';
import { createProject } from '../testkit/projects.js';
import { addDays, today } from '../../api/src/domain/dates.js';
import type { ProjectRecord } from '../../api/src/modules/projects/types.js';
import { AuditModel } from '../../api/src/modules/audit/model.js';
import { FigureMemo } from '../../api/src/modules/metrics/indicators.js';
import { MILESTONES, milestoneRate, type ProjectFacts, type RateWindow } from '../../api/src/domain/metrics.js';
import { DEFAULT_TIER_CONFIG } from '../../api/src/domain/tiers.js';

const api = useApi();
let leader: Client;
let promo: Client;
const P: Record<string, ProjectRecord> = {};
const ids = (...keys: string[]) => keys.map((k) => P[k].id).sort();

const DASH = `query($y: Int!, $d: Date, $f: MetricFilter) { metricsDashboard(year: $y, asOf: $d, filter: $f) {
  year asOf filter { platform { name } unit { name } }
  total { projectCount figures { indicator label kind value numeratorCount denominatorCount actualYuan contractedYuan cutoff final
    target { actual met final periodLabel target { value perYear scopeKind } } targets { met } } } } }`;

interface FigureView {
  indicator: string;
  value: number | null;
  numeratorCount: number;
  denominatorCount: number | null;
  final: boolean;
  cutoff: string;
  actualYuan: number | null;
  target: { actual: number | null; met: boolean; final: boolean; periodLabel: string; target: { value: number; perYear: boolean; scopeKind: string } } | null;
}

async function figures(c: Client, year: number, asOf?: string, filter?: Record<string, unknown>): Promise<Record<string, FigureView>> {
  const r = await c.gql(DASH, { y: year, d: asOf, f: filter });
  expect(r.errors).toBeUndefined();
  return Object.fromEntries(r.data.metricsDashboard.total.figures.map((f: FigureView) => [f.indicator, f]));
}

async function drill(c: Client, indicator: string, part: 'NUMERATOR' | 'DENOMINATOR', year = 2025, filter?: Record<string, unknown>, asOf?: string): Promise<string[]> {
  const r = await c.gql(
    `query($y: Int!, $i: MetricIndicator!, $p: MetricPart, $f: MetricFilter, $d: Date) { metricProjects(year: $y, indicator: $i, part: $p, filter: $f, asOf: $d, first: 100) { totalCount nodes { id } } }`,
    { y: year, i: indicator, p: part, f: filter, d: asOf },
  );
  expect(r.errors).toBeUndefined();
  expect(r.data.metricProjects.totalCount).toBe(r.data.metricProjects.nodes.length);
  return r.data.metricProjects.nodes.map((n: { id: string }) => n.id).sort();
}

beforeAll(async () => {
  leader = await api.as('leader');
  promo = await api.as('promo');
  P.A = await historicProject(api, { signedOn: '2024-12-31', yi: 3, chain: 'ADVANCED_POLYMER' });
  P.B = await historicProject(api, { signedOn: '2025-01-01', yi: 12, chain: 'ADVANCED_POLYMER', done: { LAND: '2025-03-01', START: '2025-06-01' } });
  P.C = await historicProject(api, { signedOn: '2025-03-01', yi: 2, platform: '曹娥江经开区', industryCode: 'C3562', done: { LAND: '2026-01-10' } });
  P.D = await historicProject(api, { signedOn: '2025-05-01', yi: 0.5, platform: '曹娥江经开区', industryCode: 'I6513', done: { LAND: '2025-08-01' } });
  P.E = await historicProject(api, { signedOn: '2025-06-01', yi: 1.5, template: 'EXPANSION', industryCode: 'C2720', chain: 'MODERN_MEDICINE', source: 'LOCAL_EXPANSION', done: { FILING: '2025-07-01' } });
  P.F = await historicProject(api, { signedOn: '2025-07-01', yi: 0.8, industryCode: 'G5990', done: { START: '2025-09-01' } });
  P.G = await historicProject(api, { signedOn: '2025-12-31', yi: 1, industryCode: 'C3841', chain: 'HYDROGEN', foreignUsd: 100_000_000, done: { LAND: '2025-12-31' } });
  P.H = await historicProject(api, { signedOn: '2026-09-01', yi: 2, platform: '百官街道' });
}, 120_000);

describe('cohort rates, hand-worked', () => {
  it('counts 31 Dec in its own year and 1 Jan in the next', async () => {
    const y2024 = await figures(leader, 2024);
    expect(y2024.LANDING_RATE).toMatchObject({ numeratorCount: 0, denominatorCount: 1, value: 0, final: true, cutoff: '2024-12-31' });
    expect(await drill(leader, 'LANDING_RATE', 'DENOMINATOR', 2024)).toEqual(ids('A'));
    expect(await drill(leader, 'LANDING_RATE', 'DENOMINATOR')).toEqual(ids('B', 'C', 'D', 'E', 'F', 'G'));
  });

  it('computes 当年 / 两年 / year-to-date rates and 制造业占比', async () => {
    const f = await figures(leader, 2025);
    expect(f.LANDING_RATE).toMatchObject({ numeratorCount: 4, denominatorCount: 6, final: true });
    expect(f.LANDING_RATE.value).toBeCloseTo(4 / 6, 12);
    // C landed on 10 Jan 2026: not in 当年, in 两年 (whose horizon, 31 Dec 2026, is still ahead).
    expect(f.LANDING_RATE_TWO_YEARS).toMatchObject({ numeratorCount: 5, denominatorCount: 6, final: false, cutoff: today() });
    expect(f.LANDING_RATE_YTD).toMatchObject({ numeratorCount: 4, denominatorCount: 6 });
    // F started without landing: it counts for 开工率 and never for 落地率.
    expect(f.START_RATE).toMatchObject({ numeratorCount: 2, denominatorCount: 6 });
    expect(f.PRODUCTION_RATE).toMatchObject({ numeratorCount: 0, denominatorCount: 6, value: 0 });
    expect(await drill(leader, 'LANDING_RATE', 'NUMERATOR')).toEqual(ids('B', 'D', 'E', 'G'));
    expect(await drill(leader, 'LANDING_RATE_TWO_YEARS', 'NUMERATOR')).toEqual(ids('B', 'C', 'D', 'E', 'G'));
    expect(await drill(leader, 'START_RATE', 'NUMERATOR')).toEqual(ids('B', 'F'));
    expect(f.MANUFACTURING_SHARE).toMatchObject({ numeratorCount: 4, denominatorCount: 6 });
    expect(await drill(leader, 'MANUFACTURING_SHARE', 'NUMERATOR')).toEqual(ids('B', 'C', 'E', 'G'));
  });

  it('year to date counts only members signed by the date', async () => {
    const f = await figures(leader, 2025, '2025-06-30');
    // Signed by 30 Jun: B C D E; landed by then: B only (E's FILING came on 1 Jul).
    expect(f.LANDING_RATE_YTD).toMatchObject({ numeratorCount: 1, denominatorCount: 4, cutoff: '2025-06-30', final: true });
    // The 当年 figure as of 30 Jun is the same count but can still grow until 31 Dec.
    expect(f.LANDING_RATE).toMatchObject({ numeratorCount: 1, denominatorCount: 4, final: false });
  });

  it('keeps a terminated project in the denominator', async () => {
    const before = await figures(leader, 2025);
    const project = await promo.gql(`query($id: ID!) { project(id: $id) { version } }`, { id: P.D.id });
    const t = await promo.gql(`mutation($id: ID!, $v: NonNegativeInt!) { terminateProject(id: $id, version: $v, reason: "企业经营调整，协商解约") { project { terminated } errors { message } } }`, {
      id: P.D.id,
      v: project.data.project.version,
    });
    expect(t.data.terminateProject.project.terminated).toBe(true);
    const after = await figures(leader, 2025);
    expect(after.LANDING_RATE).toMatchObject({ numeratorCount: 4, denominatorCount: 6 });
    expect(after.LANDING_RATE.value).toBe(before.LANDING_RATE.value);
    expect(await drill(leader, 'LANDING_RATE', 'DENOMINATOR')).toContain(P.D.id);
  });
});

describe('tier counts and targets', () => {
  it('counts tiers of the year with the plan targets met or missed', async () => {
    const f = await figures(leader, 2025);
    expect(f.SIGNED_OVER_100M).toMatchObject({ value: 4, numeratorCount: 4 }); // B C E G (G exactly ¥100m)
    expect(f.SIGNED_OVER_100M_WITH_CHAIN).toMatchObject({ value: 3, denominatorCount: null });
    expect(f.SIGNED_OVER_100M_WITH_CHAIN.target).toMatchObject({ actual: 3, met: false, final: true, target: { value: 15, perYear: true, scopeKind: 'DISTRICT' } });
    expect(f.SIGNED_OVER_1B_MANUFACTURING.value).toBe(1);
    expect(f.SIGNED_FOREIGN_100M_USD_MANUFACTURING.value).toBe(1);
    expect(await drill(leader, 'SIGNED_FOREIGN_100M_USD', 'NUMERATOR')).toEqual(ids('G'));
    // 4/6 is exactly the 2/3 target: met. 4/6 ≥ 40%: met.
    expect(f.MANUFACTURING_SHARE.target).toMatchObject({ met: true, final: true });
    expect(f.LANDING_RATE.target).toMatchObject({ met: true, target: { value: 0.4 } });
    // The 2021–2023 cumulative target does not apply to 2025.
    expect(f.SIGNED_OVER_1B_MANUFACTURING.target).toBeNull();
  });

  it('compares a cumulative target with its whole period', async () => {
    const f = await figures(leader, 2023);
    expect(f.SIGNED_OVER_1B_MANUFACTURING.target).toMatchObject({ actual: 0, met: false, final: true, periodLabel: '2021—2023年累计', target: { value: 30, perYear: false } });
  });

  it('lets ADMIN edit targets (audited) and nobody else', async () => {
    const admin = await api.as('admin');
    const list = await admin.gql(`{ targets(indicator: LANDING_RATE) { id version value scopeKind } }`);
    const landing = list.data.targets.find((t: { scopeKind: string }) => t.scopeKind === 'DISTRICT');
    const denied = await promo.gql(`mutation($i: UpdateTargetInput!) { updateTarget(input: $i) { errors { message } } }`, {
      i: { id: landing.id, version: landing.version, indicator: 'LANDING_RATE', scopeKind: 'DISTRICT', fromYear: 2021, perYear: true, value: 0.7 },
    });
    expect(denied.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const bad = await admin.gql(`mutation($i: UpdateTargetInput!) { updateTarget(input: $i) { target { id } errors { field message } } }`, {
      i: { id: landing.id, version: landing.version, indicator: 'LANDING_RATE', scopeKind: 'DISTRICT', fromYear: 2021, perYear: true, value: 40 },
    });
    expect(bad.data.updateTarget.errors).toEqual([{ field: 'input.value', message: '比率目标应在0到1之间（如40%填0.4）' }]);
    const ok = await admin.gql(`mutation($i: UpdateTargetInput!) { updateTarget(input: $i) { target { value version } errors { message } } }`, {
      i: { id: landing.id, version: landing.version, indicator: 'LANDING_RATE', scopeKind: 'DISTRICT', fromYear: 2021, perYear: true, value: 0.7, note: '提高要求' },
    });
    expect(ok.data.updateTarget).toEqual({ target: { value: 0.7, version: landing.version + 1 }, errors: [] });
    expect((await figures(leader, 2025)).LANDING_RATE.target).toMatchObject({ met: false, target: { value: 0.7 } });
    const stale = await admin.gql(`mutation($i: UpdateTargetInput!) { updateTarget(input: $i) { errors { code } } }`, {
      i: { id: landing.id, version: landing.version, indicator: 'LANDING_RATE', scopeKind: 'DISTRICT', fromYear: 2021, perYear: true, value: 0.4 },
    });
    expect(stale.data.updateTarget.errors).toEqual([{ code: 'CONFLICT' }]);
    await admin.gql(`mutation($i: UpdateTargetInput!) { updateTarget(input: $i) { errors { code } } }`, {
      i: { id: landing.id, version: landing.version + 1, indicator: 'LANDING_RATE', scopeKind: 'DISTRICT', fromYear: 2021, perYear: true, value: 0.4 },
    });
    const entries = await AuditModel.find({ action: 'target.update', targetId: landing.id }).lean();
    expect(entries).toHaveLength(2);
    expect(entries.map((e) => [e.actorRole, (e.before as { value: number }).value, (e.after as { value: number }).value]).sort()).toEqual([
      ['ADMIN', 0.4, 0.7],
      ['ADMIN', 0.7, 0.4],
    ]);
  });

  it('shows a platform target on that platform’s cut', async () => {
    const admin = await api.as('admin');
    const hzw = api.ref.platforms.get('杭州湾经开区');
    const created = await admin.gql(`mutation($i: TargetInput!) { createTarget(input: $i) { target { id platform { name } } errors { message } } }`, {
      i: { indicator: 'LANDING_RATE', scopeKind: 'PLATFORM', scopeId: hzw, fromYear: 2025, toYear: 2025, perYear: true, value: 0.8 },
    });
    expect(created.data.createTarget.errors).toEqual([]);
    expect(created.data.createTarget.target.platform.name).toBe('杭州湾经开区');
    const dup = await admin.gql(`mutation($i: TargetInput!) { createTarget(input: $i) { errors { code } } }`, {
      i: { indicator: 'LANDING_RATE', scopeKind: 'PLATFORM', scopeId: hzw, fromYear: 2025, toYear: 2025, perYear: true, value: 0.5 },
    });
    expect(dup.data.createTarget.errors).toEqual([{ code: 'DUPLICATE' }]);
    // 杭州湾 2025: B E F G, landed B E G = 3/4 < 80%.
    const f = await figures(leader, 2025, undefined, { platformId: hzw });
    expect(f.LANDING_RATE).toMatchObject({ numeratorCount: 3, denominatorCount: 4 });
    expect(f.LANDING_RATE.target).toMatchObject({ met: false, target: { value: 0.8, scopeKind: 'PLATFORM' } });
  });
});

describe('cuts', () => {
  const CUTS = `query($by: MetricCutBy!) { metricsDashboard(year: 2025) { cuts(by: $by) { key label platform { name } tier source
    metrics { projectCount figure(indicator: LANDING_RATE) { numeratorCount denominatorCount } } } } }`;
  const rows = async (by: string) => {
    const r = await leader.gql(CUTS, { by });
    expect(r.errors).toBeUndefined();
    return new Map(r.data.metricsDashboard.cuts.map((row: { label: string; metrics: { figure: unknown } }) => [row.label, row.metrics.figure]));
  };

  it('cuts by platform, unit, chain, tier and source', async () => {
    const platforms = await rows('PLATFORM');
    expect(platforms.get('杭州湾经开区')).toEqual({ numeratorCount: 3, denominatorCount: 4 });
    expect(platforms.get('曹娥江经开区')).toEqual({ numeratorCount: 1, denominatorCount: 2 });
    expect(platforms.get('百官街道')).toEqual({ numeratorCount: 0, denominatorCount: 0 });
    // 区自然资源和规划分局 holds the LAND node of the 标准地 projects: B C D F G (not E).
    const units = await rows('UNIT');
    expect(units.get('区自然资源和规划分局')).toEqual({ numeratorCount: 3, denominatorCount: 5 });
    expect((await rows('INDUSTRY_CHAIN')).get('氢能')).toEqual({ numeratorCount: 1, denominatorCount: 1 });
    expect((await rows('TIER')).get('重大外资（1亿美元以上）')).toEqual({ numeratorCount: 1, denominatorCount: 1 });
    expect((await rows('SOURCE')).get('本地增资扩产')).toEqual({ numeratorCount: 1, denominatorCount: 1 });
  });

  it('filters by tier and drills down within the filter', async () => {
    const f = await figures(leader, 2025, undefined, { tier: 'OVER_1B' });
    expect(f.LANDING_RATE).toMatchObject({ numeratorCount: 1, denominatorCount: 1 });
    expect(await drill(leader, 'LANDING_RATE', 'DENOMINATOR', 2025, { platformId: api.ref.platforms.get('曹娥江经开区') })).toEqual(ids('C', 'D'));
  });
});

describe('as of a past date', () => {
  it('does not change when later events are recorded', async () => {
    const past = addDays(today(), -3);
    const unit = await api.as('unit_land');
    const before = await figures(leader, 2026, past, { platformId: api.ref.platforms.get('百官街道') });
    expect(before.LANDING_RATE_YTD).toMatchObject({ numeratorCount: 0, denominatorCount: 1 });
    // Today the unit records H's land transfer, dated before `past`.
    await completeGate(unit, P.H.id, 'LAND', '2026-11-01');
    // Today a project signed on 1 Nov is entered, and 资金到位 is reported for H.
    const late = await createProject(api, promo, { signedOn: '2026-11-01', platformId: api.ref.platforms.get('百官街道') });
    const inv = await promo.gql(`mutation($id: ID!) { reportActualInvestment(projectId: $id, date: "2026-10-31", amount: 50000000) { errors { message } } }`, { id: P.H.id });
    expect(inv.data.reportActualInvestment.errors).toEqual([]);

    const again = await figures(leader, 2026, past, { platformId: api.ref.platforms.get('百官街道') });
    expect(again).toEqual(before);
    const now = await figures(leader, 2026, today(), { platformId: api.ref.platforms.get('百官街道') });
    expect(now.LANDING_RATE_YTD).toMatchObject({ numeratorCount: 1, denominatorCount: 2 });
    expect(await drill(leader, 'LANDING_RATE_YTD', 'DENOMINATOR', 2026, { platformId: api.ref.platforms.get('百官街道') })).toEqual([P.H.id, late.id].sort());
    // 资金到位率 of 百官: ¥50m of H's ¥200m and the new project's ¥300m.
    expect(now.FUNDING_RATE).toMatchObject({ actualYuan: 50_000_000, contractedYuan: 500_000_000, value: 0.1 });
    expect(before.FUNDING_RATE).toMatchObject({ actualYuan: 0, contractedYuan: 200_000_000, value: 0 });
  });
});

describe('who may see metrics', () => {
  it('denies OWNER', async () => {
    const owner = await api.as('owner_a');
    const r = await owner.gql(`{ metricsDashboard(year: 2025) { year } }`);
    expect(r.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const t = await owner.gql(`{ targets { id } }`);
    expect(t.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });

  it('narrows PROMOTION of a platform to it', async () => {
    const hzw = await api.as('promo_hzw');
    const f = await figures(hzw, 2025);
    expect(f.LANDING_RATE).toMatchObject({ numeratorCount: 3, denominatorCount: 4 });
    const other = await hzw.gql(DASH, { y: 2025, f: { platformId: api.ref.platforms.get('曹娥江经开区') } });
    expect(other.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const r = await hzw.gql(`{ metricsDashboard(year: 2025) { cuts(by: PLATFORM) { label } } }`);
    expect(r.data.metricsDashboard.cuts.map((c: { label: string }) => c.label)).toEqual(['杭州湾经开区']);
  });

  it('gives UNIT its own unit’s cut', async () => {
    const unit = await api.as('unit_land');
    const r = await unit.gql(DASH, { y: 2025 });
    expect(r.data.metricsDashboard.filter.unit.name).toBe('区自然资源和规划分局');
    const f = Object.fromEntries(r.data.metricsDashboard.total.figures.map((x: FigureView) => [x.indicator, x]));
    expect(f.LANDING_RATE).toMatchObject({ numeratorCount: 3, denominatorCount: 5 });
    const other = await unit.gql(DASH, { y: 2025, f: { unitId: api.ref.units.get('区经信局') } });
    expect(other.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });

  it('gives LEADER and district PROMOTION the district', async () => {
    for (const c of [leader, promo, await api.as('admin')]) {
      expect((await figures(c, 2025)).LANDING_RATE).toMatchObject({ numeratorCount: 4, denominatorCount: 6 });
    }
  });
});

describe('figure memo', () => {
  it('gives exactly the domain’s milestoneRate for every window and date', () => {
    const facts: ProjectFacts[] = [
      ['a', '2025-01-01', '2025-02-01', '2025-12-31'],
      ['b', '2025-03-01', '2026-01-10', null],
      ['c', '2025-12-31', null, '2026-06-01'],
      ['d', '2024-12-31', '2025-01-05', null],
    ].map(([id, sign, land, start]) => ({
      id: id!,
      voided: false,
      landingGateCode: 'LAND',
      totalInvestmentYuan: 1,
      nodes: [
        { code: 'SIGN', status: 'DONE' as const, actualDate: sign },
        ...(land ? [{ code: 'LAND', status: 'DONE' as const, actualDate: land, recordedOn: land === '2026-01-10' ? '2026-02-01' : null }] : []),
        ...(start ? [{ code: 'START', status: 'DONE' as const, actualDate: start }] : []),
      ],
    }));
    const windows: RateWindow[] = ['YEAR', 'TWO_YEARS', 'YEAR_TO_DATE'];
    for (const asOf of ['2024-12-31', '2025-06-30', '2025-12-31', '2026-01-15', '2026-03-01', '2026-12-31', '2027-05-01']) {
      const memo = new FigureMemo(facts, 2025, asOf, DEFAULT_TIER_CONFIG);
      for (const milestone of MILESTONES) {
        for (const window of windows) {
          expect(memo.rate(milestone, window), `${milestone} ${window} ${asOf}`).toEqual(milestoneRate(facts, { year: 2025, milestone, window, asOf }));
        }
      }
    }
  });
});
