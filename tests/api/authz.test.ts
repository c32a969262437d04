/**
 * Authorization matrix: every role against every operation, checked against the object's scope.
 * An OWNER never reaches another owner's project or any internal note: not by id, not in a list,
 * not through a nested edge.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { useApi, type Client } from '../testkit/api.js';
import { createProject } from '../testkit/projects.js';

const api = useApi();
const ROLES = ['admin', 'promo', 'promo_hzw', 'promo_cej', 'unit_land', 'unit_jx', 'unit_hzw', 'owner_a', 'owner_b', 'leader'] as const;
type Who = (typeof ROLES)[number];
const clients = {} as Record<Who, Client>;
let A: Awaited<ReturnType<typeof createProject>>; // 杭州湾经开区, owner_a
let B: Awaited<ReturnType<typeof createProject>>; // 曹娥江经开区, owner_b

beforeAll(async () => {
  for (const r of ROLES) clients[r] = await api.as(r);
  A = await createProject(api, clients.promo, { ownerUserIds: [api.users.owner_a.id], internalNotes: '内部：企业资金紧张', platformId: api.ref.platforms.get('杭州湾经开区') });
  B = await createProject(api, clients.promo, { ownerUserIds: [api.users.owner_b.id], platformId: api.ref.platforms.get('曹娥江经开区') });
  await clients.leader.gql(`mutation($i: InstructionInput!) { writeInstruction(input: $i) { errors { message } } }`, {
    i: { projectId: A.id, content: '加快推进', unitIds: [api.ref.units.get('区自然资源和规划分局')] },
  });
});

type Outcome = 'ok' | 'denied';
function outcome(r: { data: Record<string, any> | null; errors?: { extensions?: { code?: string } }[] }, key: string, field?: string): Outcome {
  if (r.errors?.length) {
    const code = r.errors[0].extensions?.code;
    if (code === 'FORBIDDEN' || code === 'UNAUTHENTICATED') return 'denied';
    throw new Error(`unexpected error ${JSON.stringify(r.errors)}`);
  }
  const v = r.data?.[key];
  if (v == null) return 'denied';
  if (Array.isArray(v?.errors) && v.errors.length) {
    if (v.errors.some((e: { code: string }) => e.code === 'FORBIDDEN' || e.code === 'NOT_FOUND')) return 'denied';
    throw new Error(`unexpected payload errors ${JSON.stringify(v.errors)}`);
  }
  if (field && v[field] == null) return 'denied';
  return 'ok';
}

const all = (ok: Who[]) => Object.fromEntries(ROLES.map((r) => [r, ok.includes(r) ? 'ok' : 'denied'])) as Record<Who, Outcome>;

describe('reads', () => {
  it('project(id) by scope', async () => {
    const got: Record<string, Outcome> = {};
    for (const r of ROLES) got[r] = outcome(await clients[r].gql(`query($id: ID!) { project(id: $id) { id } }`, { id: A.id }), 'project');
    expect(got).toEqual(all(['admin', 'promo', 'promo_hzw', 'unit_land', 'unit_jx', 'unit_hzw', 'owner_a', 'leader']));
  });

  it('projects list by scope', async () => {
    for (const r of ROLES) {
      const res = await clients[r].gql(`{ projects(first: 100) { totalCount nodes { id } } }`);
      const ids = res.data.projects.nodes.map((n: { id: string }) => n.id);
      const seesA = ['admin', 'promo', 'promo_hzw', 'unit_land', 'unit_jx', 'unit_hzw', 'owner_a', 'leader'].includes(r);
      const seesB = ['admin', 'promo', 'promo_cej', 'unit_land', 'unit_jx', 'owner_b', 'leader'].includes(r);
      expect([r, ids.includes(A.id)]).toEqual([r, seesA]);
      expect([r, ids.includes(B.id)]).toEqual([r, seesB]);
      expect(res.data.projects.totalCount).toBe(ids.length);
    }
  });

  it('an owner sees no internal notes, instructions or history of their own project', async () => {
    const q = `query($id: ID!) { project(id: $id) { internalNotes instructions { id } history { nodes { id } } duplicate { status } viewerCan { viewInternal update } } }`;
    const owner = await clients.owner_a.gql(q, { id: A.id });
    expect(owner.data.project).toEqual({ internalNotes: null, instructions: [], history: { nodes: [] }, duplicate: null, viewerCan: { viewInternal: false, update: false } });
    const promo = await clients.promo.gql(q, { id: A.id });
    expect(promo.data.project.internalNotes).toBe('内部：企业资金紧张');
    expect(promo.data.project.instructions).toHaveLength(1);
    expect(promo.data.project.history.nodes.length).toBeGreaterThan(0);
  });

  it('an owner cannot reach another project through nested edges or other lists', async () => {
    const o = clients.owner_b;
    const overdue = await o.gql(`{ overdueNodes(first: 100) { nodes { project { id } } } }`);
    expect(overdue.data.overdueNodes.nodes).toEqual([]);
    const mine = await o.gql(`{ myNodes(first: 100) { project { id } } }`);
    expect(new Set(mine.data.myNodes.map((n: { project: { id: string } }) => n.project.id))).toEqual(new Set([B.id]));
    const leads = await o.gql(`{ leads(first: 100) { nodes { id project { id } } } }`);
    expect(leads.data.leads.nodes).toEqual([]);
    const nodeOfA = A.nodes[1].id;
    const report = await o.gql(`mutation($i: ReportNodeInput!) { reportNode(input: $i) { node { id } errors { code } } }`, {
      i: { nodeId: nodeOfA, version: 0, status: 'IN_PROGRESS' },
    });
    expect(report.data.reportNode).toEqual({ node: null, errors: [{ code: 'NOT_FOUND' }] });
    const evidence = await o.agent.get(`/api/evidence/${'0'.repeat(24)}`);
    expect(evidence.status).toBe(404);
  });

  it('admin-only and role-only queries', async () => {
    for (const r of ROLES) {
      const users = await clients[r].gql(`{ users { totalCount } }`);
      expect([r, outcome(users, 'users')]).toEqual([r, r === 'admin' ? 'ok' : 'denied']);
    }
  });

  it('anonymous callers get UNAUTHENTICATED on every query', async () => {
    const anon = api.anonymous();
    for (const q of [`{ projects { totalCount } }`, `query { project(id: "${A.id}") { id } }`, `{ overdueNodes { totalCount } }`, `{ leads { totalCount } }`, `{ units { id } }`, `{ settings { dueSoonDays } }`, `{ nodeTemplates { id } }`]) {
      const r = await anon.gql(q);
      expect([q, r.errors?.[0]?.extensions?.code]).toEqual([q, 'UNAUTHENTICATED']);
    }
    const viewer = await anon.gql(`{ viewer { user { id } } }`);
    expect(viewer.data.viewer).toBeNull();
  });
});

describe('writes', () => {
  it('createProject: PROMOTION within its platform only', async () => {
    const got: Record<string, Outcome> = {};
    for (const r of ROLES) {
      const res = await clients[r].gql(`mutation($i: CreateProjectInput!) { createProject(input: $i) { project { id } errors { code message } } }`, {
        i: { name: `授权测试${r}`, investor: '某企业', industryCode: 'C2651', source: 'NEW_INVESTMENT', platformId: api.ref.platforms.get('杭州湾经开区'), totalInvestment: 1000, templateKey: 'STANDARD_LAND', signedOn: '2025-01-01' },
      });
      got[r] = outcome(res, 'createProject', 'project');
    }
    expect(got).toEqual(all(['promo', 'promo_hzw']));
  });

  it('updateProject: PROMOTION in scope only', async () => {
    const got: Record<string, Outcome> = {};
    for (const r of ROLES) {
      const cur = await clients.promo.gql(`query($id: ID!) { project(id: $id) { version } }`, { id: A.id });
      const res = await clients[r].gql(`mutation($i: UpdateProjectInput!) { updateProject(input: $i) { project { id } errors { code } } }`, {
        i: { id: A.id, version: cur.data.project.version, description: `by ${r}` },
      });
      got[r] = outcome(res, 'updateProject', 'project');
    }
    expect(got).toEqual(all(['promo', 'promo_hzw']));
  });

  it('createLead: PROMOTION only; writeInstruction: LEADER only; admin mutations: ADMIN only', async () => {
    for (const r of ROLES) {
      const lead = await clients[r].gql(`mutation { createLead(input: { name: "线索", investor: "某企业", source: NEW_INVESTMENT }) { lead { id } errors { code } } }`);
      expect([r, 'createLead', outcome(lead, 'createLead', 'lead')]).toEqual([r, 'createLead', r.startsWith('promo') ? 'ok' : 'denied']);
      const ins = await clients[r].gql(`mutation($i: InstructionInput!) { writeInstruction(input: $i) { instruction { id } errors { code } } }`, {
        i: { projectId: A.id, content: '批示', unitIds: [api.ref.units.get('区经信局')] },
      });
      expect([r, 'writeInstruction', outcome(ins, 'writeInstruction', 'instruction')]).toEqual([r, 'writeInstruction', r === 'leader' ? 'ok' : 'denied']);
      const unit = await clients[r].gql(`mutation($n: String!) { saveUnit(input: { name: $n, kind: DEPARTMENT }) { unit { id } errors { code } } }`, { n: `单位${r}` });
      expect([r, 'saveUnit', outcome(unit, 'saveUnit', 'unit')]).toEqual([r, 'saveUnit', r === 'admin' ? 'ok' : 'denied']);
      const settings = await clients[r].gql(`mutation { updateSettings(input: { dueSoonDays: 15 }) { settings { dueSoonDays } errors { code } } }`);
      expect([r, 'updateSettings', outcome(settings, 'updateSettings', 'settings')]).toEqual([r, 'updateSettings', r === 'admin' ? 'ok' : 'denied']);
    }
  });

  it('reportNode / confirmNode: the owner of the project and the node unit only', async () => {
    const p = await createProject(api, clients.promo, { ownerUserIds: [api.users.owner_a.id] });
    const register = p.nodes.find((n) => n.code === 'REGISTER')!; // 区市场监管局: none of our unit users
    const land = p.nodes.find((n) => n.code === 'LAND')!; // 区自然资源和规划分局
    const got: Record<string, Outcome> = {};
    for (const r of ROLES) {
      const cur = await clients.promo.gql(`query($id: ID!) { project(id: $id) { nodes { id version } } }`, { id: p.id });
      const v = cur.data.project.nodes.find((n: { id: string }) => n.id === land.id).version;
      const res = await clients[r].gql(`mutation($i: ReportNodeInput!) { reportNode(input: $i) { node { id } errors { code } } }`, {
        i: { nodeId: land.id, version: v, status: 'IN_PROGRESS' },
      });
      got[r] = outcome(res, 'reportNode', 'node');
    }
    expect(got).toEqual(all(['unit_land', 'owner_a']));
    const confirm = await clients.unit_jx.gql(`mutation { confirmNode(nodeId: "${register.id}", version: 0) { node { id } errors { code } } }`);
    expect(outcome(confirm, 'confirmNode', 'node')).toBe('denied');
  });
});

describe('owner accounts for assigning owners', () => {
  const Q = `query($t: String!) { ownerAccounts(text: $t) { id username displayName role } }`;

  it('PROMOTION and ADMIN find active OWNER accounts by 账号 or 姓名; no other role may ask', async () => {
    const { createUser } = await import('../../seeds/factories.js');
    await createUser({ username: 'yezhu_jingke', displayName: '晶科业主', password: 'Owner@2026', role: 'OWNER' });
    const gone = await createUser({ username: 'yezhu_gone', displayName: '晶科旧业主', password: 'Owner@2026', role: 'OWNER' });
    const { UserModel } = await import('../../api/src/modules/users/model.js');
    await UserModel.updateOne({ _id: gone.id }, { $set: { active: false } });
    await createUser({ username: 'jingke_staff', displayName: '晶科招商', password: 'Staff@2026', role: 'PROMOTION' });
    for (const who of ['promo', 'promo_hzw', 'admin'] as const) {
      const r = await clients[who].gql(Q, { t: '晶科' });
      expect(r.errors).toBeUndefined();
      expect(r.data!.ownerAccounts).toEqual([{ id: expect.any(String), username: 'yezhu_jingke', displayName: '晶科业主', role: 'OWNER' }]);
    }
    expect((await clients.promo.gql(Q, { t: 'owner_a' })).data!.ownerAccounts.map((u: { username: string }) => u.username)).toEqual(['owner_a']);
    expect((await clients.promo.gql(Q, { t: '  ' })).data!.ownerAccounts).toEqual([]);
    for (const who of ['unit_land', 'owner_a', 'leader'] as const) {
      expect(outcome(await clients[who].gql(Q, { t: '晶科' }), 'ownerAccounts')).toBe('denied');
    }
    expect(outcome(await api.anonymous().gql(Q, { t: '晶科' }), 'ownerAccounts')).toBe('denied');
  });
});
