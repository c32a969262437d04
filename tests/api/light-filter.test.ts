/**
 * Today's light filter reads each project's earliest open deadline (project.openDue), kept by
 * every node write; a past date derives the lights from the nodes themselves. Both must agree
 * with the light each project shows, through every write that opens, closes or moves a node:
 * a node reported DONE by its unit, a planned date edited, a node reopened, a re-plan approved
 * (and the overdue list as of the day before it);
 * and after the start-up upgrade that derives openDue for a database written before it existed.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { useApi, type Client } from '../testkit/api.js';
import { createProject } from '../testkit/projects.js';
import { completeGate } from '../testkit/progress.js';
import { addDays, today } from '../../api/src/domain/dates.js';
import { runUpgrades } from '../../api/src/db/upgrades.js';
import { createLogger } from '../../api/src/lib/logger.js';
import { ProjectModel } from '../../api/src/modules/projects/model.js';

const api = useApi();
let promo: Client;
let unit: Client;
const ids: string[] = [];

beforeAll(async () => {
  promo = await api.as('promo');
  unit = await api.as('unit_land');
});

const LIGHTS = ['RED', 'YELLOW', 'GREEN'] as const;

/** Each of our projects' light as shown, and as each filter finds it, on date `d`. */
async function lightsOn(d: string) {
  const shown = new Map<string, string>();
  const r = await promo.gql(`query($d: Date) { projects(asOf: $d, first: 200) { nodes { id light(asOf: $d) } } }`, { d });
  for (const n of r.data.projects.nodes as { id: string; light: string }[]) if (ids.includes(n.id)) shown.set(n.id, n.light);
  const filtered = new Map<string, string[]>();
  for (const l of LIGHTS) {
    const f = await promo.gql(`query($d: Date, $l: [Light!]) { projects(filter: { light: $l }, asOf: $d, first: 200) { totalCount nodes { id } } }`, { d, l: [l] });
    expect(f.errors).toBeUndefined();
    for (const n of f.data.projects.nodes as { id: string }[]) if (ids.includes(n.id)) filtered.set(n.id, [...(filtered.get(n.id) ?? []), l]);
  }
  return { shown, filtered };
}

async function expectFiltersAgree(expected?: Record<string, string>) {
  for (const d of [today(), addDays(today(), -1)]) {
    const { shown, filtered } = await lightsOn(d);
    expect(shown.size).toBe(ids.length);
    for (const id of ids) expect(filtered.get(id), `${id} on ${d}`).toEqual([shown.get(id)]);
  }
  if (expected) {
    const { shown } = await lightsOn(today());
    expect(Object.fromEntries(Object.keys(expected).map((k) => [k, shown.get(k)]))).toEqual(expected);
  }
}

const NODES = `query($id: ID!) { project(id: $id) { version nodes { id code version status plannedDate } } }`;
async function nodeOf(projectId: string, code: string) {
  const r = await promo.gql(NODES, { id: projectId });
  return r.data.project.nodes.find((n: { code: string }) => n.code === code) as { id: string; version: number; status: string; plannedDate: string };
}
async function editPlan(projectId: string, code: string, plannedDate: string) {
  const n = await nodeOf(projectId, code);
  const r = await promo.gql(`mutation($i: UpdateNodePlanInput!) { updateNodePlan(input: $i) { errors { message } } }`, { i: { nodeId: n.id, version: n.version, plannedDate } });
  expect(r.data.updateNodePlan.errors).toEqual([]);
}

describe('light filter', () => {
  it('agrees with each project’s light today and yesterday through node writes', async () => {
    // LAND (区自然资源和规划分局) is planned 90 days after signing, the first node 30 days after.
    const red = await createProject(api, promo, { signedOn: addDays(today(), -200) });
    const yellow = await createProject(api, promo, { signedOn: addDays(today(), -20) });
    const green = await createProject(api, promo, { signedOn: addDays(today(), -5) });
    ids.push(red.id, yellow.id, green.id);
    await expectFiltersAgree({ [red.id]: 'RED', [yellow.id]: 'YELLOW', [green.id]: 'GREEN' });

    // Every node of the RED project planned before today moves to 20 days ahead: GREEN.
    for (const n of red.nodes.filter((x) => x.status !== 'DONE' && x.plannedDate < today())) await editPlan(red.id, n.code, addDays(today(), 20));
    // A node of the GREEN project moved 3 days back (still after signing): YELLOW.
    await editPlan(green.id, 'LAND', addDays(today(), -3));
    await expectFiltersAgree({ [red.id]: 'GREEN', [yellow.id]: 'YELLOW', [green.id]: 'YELLOW' });

    // The unit reports that overdue gate DONE, with its evidence (a UNIT report closes it): GREEN again.
    await completeGate(unit, green.id, 'LAND', today());
    await expectFiltersAgree({ [green.id]: 'GREEN' });

    // Reopened (DONE → IN_PROGRESS, with a reason) it is overdue once more.
    let land = await nodeOf(green.id, 'LAND');
    const reopen = await unit.gql(`mutation($i: ReportNodeInput!) { reportNode(input: $i) { errors { field message } } }`, {
      i: { nodeId: land.id, version: land.version, status: 'IN_PROGRESS', note: '摘牌手续退回补正' },
    });
    expect(reopen.data.reportNode.errors).toEqual([]);
    await expectFiltersAgree({ [green.id]: 'YELLOW' });

    // After the baseline freeze, an approved re-plan moves it 30 days ahead.
    const project = (await promo.gql(NODES, { id: green.id })).data.project;
    const freeze = await promo.gql(`mutation($id: ID!, $v: NonNegativeInt!) { freezeBaseline(projectId: $id, version: $v) { errors { message } } }`, { id: green.id, v: project.version });
    expect(freeze.data.freezeBaseline.errors).toEqual([]);
    land = await nodeOf(green.id, 'LAND');
    const req = await unit.gql(`mutation($i: ReplanInput!) { requestReplan(input: $i) { node { replanRequests { id status } } errors { message } } }`, {
      i: { nodeId: land.id, toDate: addDays(today(), 30), reason: '土地出让公告延期' },
    });
    expect(req.data.requestReplan.errors).toEqual([]);
    const requestId = req.data.requestReplan.node.replanRequests.find((r: { status: string }) => r.status === 'PENDING').id;
    const approve = await promo.gql(`mutation($n: ID!, $r: ID!) { decideReplan(nodeId: $n, requestId: $r, approve: true, note: "同意") { errors { message } } }`, { n: land.id, r: requestId });
    expect(approve.data.decideReplan.errors).toEqual([]);
    await expectFiltersAgree({ [green.id]: 'GREEN' });

    // The overdue list as of yesterday still has the node, by the plan in force then (due 3 days
    // ago, 2 days overdue yesterday), and counts it; today's does not.
    const overdue = async (d: string) => {
      const r = await promo.gql(`query($d: Date) { overdueNodes(asOf: $d, first: 200) { totalCount nodes { node { id } overdueDays } } }`, { d });
      const mine = (r.data.overdueNodes.nodes as { node: { id: string }; overdueDays: number }[]).filter((n) => n.node.id === land.id);
      return { listed: mine.map((n) => n.overdueDays), total: r.data.overdueNodes.totalCount as number };
    };
    const [then, now] = [await overdue(addDays(today(), -1)), await overdue(today())];
    expect(then.listed).toEqual([2]);
    expect(now.listed).toEqual([]);
    expect(then.total).toBeGreaterThanOrEqual(1);
    // Paged one by one (the cursor joins the as-of condition), the same nodes, each once; a
    // project signed 200 days ago adds several overdue nodes to page through.
    await createProject(api, promo, { signedOn: addDays(today(), -200) });
    const total = (await overdue(addDays(today(), -1))).total;
    expect(total).toBeGreaterThan(3);
    const seen: string[] = [];
    let after: string | null = null;
    for (let i = 0; i < 100; i++) {
      const r: { data: { overdueNodes: { nodes: { node: { id: string } }[]; pageInfo: { hasNextPage: boolean; endCursor: string } } } } = await promo.gql(
        `query($d: Date, $a: String) { overdueNodes(asOf: $d, first: 1, after: $a) { nodes { node { id } } pageInfo { hasNextPage endCursor } } }`,
        { d: addDays(today(), -1), a: after },
      );
      seen.push(...r.data.overdueNodes.nodes.map((n) => n.node.id));
      if (!r.data.overdueNodes.pageInfo.hasNextPage) break;
      after = r.data.overdueNodes.pageInfo.endCursor;
    }
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.length).toBe(total);
    expect(seen).toContain(land.id);
  });

  it('derives openDue at start-up for projects written before the field existed', async () => {
    const before = await lightsOn(today());
    await ProjectModel.collection.updateMany({}, { $unset: { openDue: '' } });
    expect(await ProjectModel.countDocuments({ openDue: null })).toBeGreaterThan(0);
    await runUpgrades(createLogger('silent'));
    expect(await ProjectModel.collection.countDocuments({ openDue: { $exists: false } })).toBe(0);
    expect(await lightsOn(today())).toEqual(before);
    await expectFiltersAgree();
    // Idempotent: a second run finds nothing to do and changes nothing.
    const stored = await ProjectModel.collection.find({}, { projection: { openDue: 1 } }).toArray();
    await runUpgrades(createLogger('silent'));
    expect(await ProjectModel.collection.find({}, { projection: { openDue: 1 } }).toArray()).toEqual(stored);
  });
});

describe('start-up upgrades', () => {
  it('drops the node deadline indexes that the {…, _id} ones replaced, and only those', async () => {
    const nodes = ProjectModel.db.collection('nodes');
    await nodes.createIndex({ closedOn: 1, plannedDate: 1 });
    await nodes.createIndex({ unitId: 1, closedOn: 1, plannedDate: 1 });
    const names = async () => (await nodes.indexes()).map((ix) => ix.name).sort();
    const before = await names();
    expect(before).toEqual(expect.arrayContaining(['closedOn_1_plannedDate_1', 'closedOn_1_plannedDate_1__id_1', 'unitId_1_closedOn_1_plannedDate_1']));
    await runUpgrades(createLogger('silent'));
    expect(await names()).toEqual(before.filter((n) => n !== 'closedOn_1_plannedDate_1' && n !== 'unitId_1_closedOn_1_plannedDate_1'));
    await runUpgrades(createLogger('silent'));
  });
});
