/**
 * Derived facts at the boundaries DOMAIN.md names, through GraphQL with `asOf`:
 * overdue 30 vs 31 days, due in 15 vs 16 days, ¥999,999,999 vs ¥1,000,000,000, and asOf before
 * and after an actual date.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { useApi, type Client } from '../testkit/api.js';
import { createProject } from '../testkit/projects.js';
import { addDays } from '../../api/src/domain/dates.js';

const api = useApi();
let promo: Client;

beforeAll(async () => {
  promo = await api.as('promo');
});

const NODE = `query($id: ID!, $d: Date!) { project(id: $id) { light(asOf: $d) overdueNodeCount(asOf: $d) stage(asOf: $d)
  nodes { code plannedDate overdue(asOf: $d) overdueDays(asOf: $d) dueSoon(asOf: $d) light(asOf: $d) } } }`;

async function nodeAsOf(projectId: string, code: string, asOf: string) {
  const r = await promo.gql(NODE, { id: projectId, d: asOf });
  expect(r.errors).toBeUndefined();
  return { project: r.data.project, node: r.data.project.nodes.find((n: { code: string }) => n.code === code) };
}

describe('node delays and lights', () => {
  it('is YELLOW at 30 overdue days and RED at 31', async () => {
    const p = await createProject(api, promo, { signedOn: '2025-01-01' });
    const register = p.nodes.find((n) => n.code === 'REGISTER')!; // planned 2025-01-31
    expect(register.plannedDate).toBe('2025-01-31');
    const at30 = await nodeAsOf(p.id, 'REGISTER', addDays('2025-01-31', 30));
    expect(at30.node).toMatchObject({ overdue: true, overdueDays: 30, light: 'YELLOW' });
    const at31 = await nodeAsOf(p.id, 'REGISTER', addDays('2025-01-31', 31));
    expect(at31.node).toMatchObject({ overdue: true, overdueDays: 31, light: 'RED' });
    expect(at31.project.light).toBe('RED');
    const onTheDay = await nodeAsOf(p.id, 'REGISTER', '2025-01-31');
    expect(onTheDay.node).toMatchObject({ overdue: false, overdueDays: 0, dueSoon: true, light: 'YELLOW' });
  });

  it('is due soon 15 days ahead and GREEN at 16', async () => {
    const p = await createProject(api, promo, { signedOn: '2025-03-01' });
    // SIGN is DONE; REGISTER planned 2025-03-31 is the first open node.
    const at15 = await nodeAsOf(p.id, 'REGISTER', addDays('2025-03-31', -15));
    expect(at15.node).toMatchObject({ dueSoon: true, overdue: false, light: 'YELLOW' });
    expect(at15.project.light).toBe('YELLOW');
    const at16 = await nodeAsOf(p.id, 'REGISTER', addDays('2025-03-31', -16));
    expect(at16.node).toMatchObject({ dueSoon: false, overdue: false, light: 'GREEN' });
    expect(at16.project.light).toBe('GREEN');
  });

  it('has no light before signing', async () => {
    const p = await createProject(api, promo, { signedOn: '2025-03-01' });
    const before = await nodeAsOf(p.id, 'REGISTER', '2025-02-28');
    expect(before.project.light).toBeNull();
    expect(before.project.stage).toBe('NEGOTIATING');
  });
});

describe('tiers', () => {
  it('flags ¥1,000,000,000 as OVER_1B and ¥999,999,999 not', async () => {
    const below = await createProject(api, promo, { totalInvestment: 999_999_999 });
    const at = await createProject(api, promo, { totalInvestment: 1_000_000_000 });
    expect(below.tiers).toEqual(['OVER_100M']);
    expect(at.tiers).toEqual(['OVER_100M', 'OVER_1B']);
    const list = await promo.gql(`query($ids: [Tier!]) { projects(filter: { tier: $ids }, first: 100) { nodes { id } } }`, { ids: ['OVER_1B'] });
    const ids = list.data.projects.nodes.map((n: { id: string }) => n.id);
    expect(ids).toContain(at.id);
    expect(ids).not.toContain(below.id);
  });

  it('requires a liaison leader and a lead unit from ¥5bn', async () => {
    const r = await promo.gql(`mutation($i: CreateProjectInput!) { createProject(input: $i) { project { id } errors { field message } } }`, {
      i: {
        name: '五十亿项目',
        investor: '某集团',
        industryCode: 'C2651',
        source: 'NEW_INVESTMENT',
        platformId: api.ref.platforms.get('杭州湾经开区'),
        totalInvestment: 5_000_000_000,
        templateKey: 'STANDARD_LAND',
        signedOn: '2025-06-01',
      },
    });
    expect(r.data.createProject.project).toBeNull();
    expect(r.data.createProject.errors.map((e: { message: string }) => e.message).sort()).toEqual(['50亿元以上项目须落实包联领导', '50亿元以上项目须落实牵头责任单位'].sort());
  });
});

describe('stage as of a date', () => {
  it('counts a gate from its actual date on, not before', async () => {
    const p = await createProject(api, promo, { signedOn: '2025-01-10' });
    expect(p.stage).toBe('SIGNED');
    const asOfSigning = await nodeAsOf(p.id, 'SIGN', '2025-01-10');
    expect(asOfSigning.project.stage).toBe('SIGNED');
    const dayBefore = await nodeAsOf(p.id, 'SIGN', '2025-01-09');
    expect(dayBefore.project.stage).toBe('NEGOTIATING');
    // As of the day before, SIGN was still open and planned that day: not overdue, due soon.
    expect(dayBefore.node).toMatchObject({ overdue: false, dueSoon: true });
  });
});

describe('deadline lists leave terminated projects out', () => {
  it('drops a terminated project from overdueNodes and from the unit’s myNodes', async () => {
    const p = await createProject(api, promo, { signedOn: addDays('2025-01-01', 0) });
    const unitOf = (code: string) => p.nodes.find((n) => n.code === code)!.unit!.id;
    const landUnit = api.users.unit_land.unitId;
    const overdueIds = async () => {
      const r = await (await api.as('leader')).gql(`{ overdueNodes(first: 100) { nodes { project { id } } } }`);
      expect(r.errors).toBeUndefined();
      return new Set(r.data.overdueNodes.nodes.map((o: { project: { id: string } }) => o.project.id));
    };
    const myIds = async () => {
      const r = await (await api.as('unit_land')).gql(`{ myNodes(first: 200) { project { id } } }`);
      expect(r.errors).toBeUndefined();
      return new Set(r.data.myNodes.map((n: { project: { id: string } }) => n.project.id));
    };
    expect(await overdueIds()).toContain(p.id);
    // The land bureau has an open node on it (the 土地 node), so the project is in its list.
    expect(p.nodes.some((n) => n.unit && unitOf(n.code) === landUnit)).toBe(true);
    expect(await myIds()).toContain(p.id);

    const t = await promo.gql(`mutation($id: ID!, $v: NonNegativeInt!) { terminateProject(id: $id, version: $v, reason: "企业撤资，项目终止") { errors { message } } }`, { id: p.id, v: p.version });
    expect(t.data.terminateProject.errors).toEqual([]);
    expect(await overdueIds()).not.toContain(p.id);
    expect(await myIds()).not.toContain(p.id);
  });
});
