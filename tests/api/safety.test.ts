/**
 * Hostile and careless input: operator objects in string arguments return nothing extra, query
 * limits reject with their own codes, stale versions give CONFLICT and overwrite nothing, bad
 * input answers in Chinese and writes nothing.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { useApi, type Client } from '../testkit/api.js';
import { createProject } from '../testkit/projects.js';
import { LIMITS } from '../../api/src/graphql/safety.js';

const api = useApi();
let promo: Client;
let owner: Client;
let P: Awaited<ReturnType<typeof createProject>>;

beforeAll(async () => {
  promo = await api.as('promo');
  owner = await api.as('owner_a');
  P = await createProject(api, promo, { name: '注入测试项目', ownerUserIds: [api.users.owner_a.id] });
  await createProject(api, promo, { name: '别人的项目' });
});

const INJECTIONS: unknown[] = [{ $ne: null }, { $gt: '' }, { $where: '1' }, { $regex: '.*' }, { $expr: { $eq: [1, 1] } }, '{"$ne": null}', '.*', '^', '\\', '$where'];

describe('operator injection', () => {
  it('string filters treat operator-looking input as text', async () => {
    for (const bad of INJECTIONS) {
      const r = await owner.gql(`query($t: String) { projects(filter: { text: $t }, first: 100) { nodes { id } } }`, { t: bad });
      if (typeof bad !== 'string') {
        expect(r.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
        continue;
      }
      const ids = (r.data?.projects.nodes ?? []).map((n: { id: string }) => n.id);
      expect(ids.every((id: string) => id === P.id)).toBe(true);
    }
  });

  it('id arguments reject objects and non-ids without matching anything', async () => {
    for (const bad of INJECTIONS) {
      const r = await owner.gql(`query($id: ID!) { project(id: $id) { id } }`, { id: bad });
      if (r.errors) expect(r.errors[0].extensions?.code).toBe('BAD_USER_INPUT');
      else expect(r.data.project).toBeNull();
    }
  });

  it('login with operator objects is refused', async () => {
    for (const bad of INJECTIONS) {
      const r = await api.anonymous().gql(`mutation($u: String!, $p: String!) { login(username: $u, password: $p) { viewer { user { id } } errors { message } } }`, { u: bad, p: bad });
      if (r.errors) expect(r.errors[0].extensions?.code).toBe('BAD_USER_INPUT');
      else expect(r.data.login.viewer).toBeNull();
    }
  });
});

describe('optimistic concurrency', () => {
  it('two concurrent edits with the same version: one succeeds, one gets CONFLICT', async () => {
    const m = `mutation($i: UpdateProjectInput!) { updateProject(input: $i) { project { description version } errors { code field } } }`;
    const [a, b] = await Promise.all([
      promo.gql(m, { i: { id: P.id, version: P.version, description: '甲的修改' } }),
      promo.gql(m, { i: { id: P.id, version: P.version, description: '乙的修改' } }),
    ]);
    const results = [a.data.updateProject, b.data.updateProject];
    const ok = results.filter((r) => r.project);
    const conflict = results.filter((r) => r.errors.some((e: { code: string }) => e.code === 'CONFLICT'));
    expect(ok).toHaveLength(1);
    expect(conflict).toHaveLength(1);
    const now = await promo.gql(`query($id: ID!) { project(id: $id) { description version } }`, { id: P.id });
    expect(now.data.project).toEqual(ok[0].project);
  });
});

describe('versions follow user edits only', () => {
  it('a node report meanwhile does not make a project edit stale', async () => {
    const p = await createProject(api, promo, { ownerUserIds: [api.users.owner_a.id] });
    const land = p.nodes.find((n) => n.code === 'LAND')!;
    const unit = await api.as('unit_land');
    const report = await unit.gql(`mutation($i: ReportNodeInput!) { reportNode(input: $i) { node { status } errors { message } } }`, {
      i: { nodeId: land.id, version: land.version, status: 'IN_PROGRESS' },
    });
    expect(report.data.reportNode.errors).toEqual([]);
    const edit = await promo.gql(`mutation($i: UpdateProjectInput!) { updateProject(input: $i) { project { description } errors { code } } }`, {
      i: { id: p.id, version: p.version, description: '表单打开期间节点有新进展' },
    });
    expect(edit.data.updateProject).toEqual({ project: { description: '表单打开期间节点有新进展' }, errors: [] });
  });
});

describe('validation', () => {
  it('reports every bad field in Chinese and writes nothing', async () => {
    const before = await promo.gql(`{ projects(first: 1) { totalCount } }`);
    const r = await promo.gql(`mutation($i: CreateProjectInput!) { createProject(input: $i) { project { id } errors { code field message } } }`, {
      i: { name: ' ', investor: '某企业', uscc: '91330604MA2D8XXXX1', industryCode: 'X99', source: 'NEW_INVESTMENT', platformId: api.ref.platforms.get('杭州湾经开区'), totalInvestment: 100, templateKey: 'NOPE', signedOn: '2099-01-01' },
    });
    expect(r.data.createProject.project).toBeNull();
    const fields = r.data.createProject.errors.map((e: { field: string }) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['input.name', 'input.uscc', 'input.industryCode', 'input.templateKey', 'input.signedOn']));
    for (const e of r.data.createProject.errors) expect(e.message).toMatch(/[\u4e00-\u9fa5]/);
    const after = await promo.gql(`{ projects(first: 1) { totalCount } }`);
    expect(after.data.projects.totalCount).toBe(before.data.projects.totalCount);
  });

  it('rejects impossible dates at the scalar', async () => {
    const r = await promo.gql(`query { project(id: "${P.id}") { stage(asOf: "2025-02-30") } }`);
    expect(r.errors?.[0].extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(r.errors?.[0].message).toContain('日期');
  });
});

describe('query limits', () => {
  it('rejects a query deeper than the limit with QUERY_TOO_DEEP', async () => {
    let q = 'id';
    for (let i = 0; i < LIMITS.maxDepth + 2; i++) q = `project { ${q} }`;
    const r = await promo.gql(`{ overdueNodes { nodes { node { ${q} } } } }`);
    expect(r.errors?.[0].extensions?.code).toBe('QUERY_TOO_DEEP');
  });

  it('rejects too many aliases with TOO_MANY_ALIASES', async () => {
    const body = Array.from({ length: LIMITS.maxAliases + 1 }, (_, i) => `a${i}: apiVersion`).join(' ');
    const r = await promo.gql(`{ ${body} }`);
    expect(r.errors?.[0].extensions?.code).toBe('TOO_MANY_ALIASES');
  });

  it('rejects too many tokens with TOO_MANY_TOKENS', async () => {
    const body = Array.from({ length: LIMITS.maxTokens }, () => 'apiVersion').join(' ');
    const r = await promo.gql(`{ ${body} }`);
    expect(r.errors?.[0].extensions?.code).toBe('TOO_MANY_TOKENS');
  });

  it('rejects an over-costly query with QUERY_TOO_COSTLY', async () => {
    const nested = `nodes { id code name unit { id name platform { id name } } evidence { id filename uploadedBy { id displayName unit { id name } } } replanRequests { id requestedBy { id displayName } } }`;
    const body = Array.from({ length: 14 }, (_, i) => `p${i}: projects(first: 100) { nodes { id ${nested} owners { id unit { id } } } }`).join(' ');
    const r = await promo.gql(`{ ${body} }`);
    expect(r.errors?.[0].extensions?.code).toBe('QUERY_TOO_COSTLY');
  });

  it('refuses batched requests and oversized bodies', async () => {
    const batch = await promo.agent.post('/graphql').set('content-type', 'application/json').send([{ query: '{ apiVersion }' }, { query: '{ apiVersion }' }]);
    expect(batch.status).toBe(400);
    const big = await promo.agent.post('/graphql').set('content-type', 'application/json').send({ query: `{ apiVersion }`, variables: { x: 'x'.repeat(1_100_000) } });
    expect(big.status).toBe(413);
    expect(big.body.errors[0].extensions.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('serves the Apollo Sandbox landing page outside production', async () => {
    const r = await promo.agent.get('/graphql').set('accept', 'text/html');
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toMatch(/html/);
    expect(r.text).toMatch(/apollo/i);
  });

  it('requires a CSRF-safe request', async () => {
    const r = await promo.agent.get('/graphql?query=%7BapiVersion%7D');
    expect(r.status).toBe(400);
  });
});

describe('login lockout', () => {
  it('locks an account after 5 failures in 15 minutes', async () => {
    const anon = api.anonymous();
    const m = `mutation($p: String!) { login(username: "leader", password: $p) { viewer { user { id } } errors { message } } }`;
    for (let i = 0; i < 5; i++) {
      const r = await anon.gql(m, { p: 'wrong-password-1' });
      expect(r.data.login.viewer).toBeNull();
    }
    const locked = await anon.gql(m, { p: 'Test@2026' });
    expect(locked.data.login.viewer).toBeNull();
    expect(locked.data.login.errors[0].message).toContain('锁定');
  });
});

describe('password change', () => {
  it('signs the user out of every other session and keeps this one', async () => {
    const here = await api.as('owner_b');
    const elsewhere = await api.as('owner_b');
    const other = await api.as('owner_a');
    const me = `{ viewer { user { username } } }`;
    const r = await here.gql(`mutation { changePassword(oldPassword: "Test@2026", newPassword: "Newpass@2027") { errors { message } } }`);
    expect(r.data.changePassword.errors).toEqual([]);
    expect((await here.gql(me)).data.viewer.user.username).toBe('owner_b');
    expect((await elsewhere.gql(me)).data.viewer).toBeNull();
    expect((await other.gql(me)).data.viewer.user.username).toBe('owner_a');
    const back = await here.gql(`mutation { changePassword(oldPassword: "Newpass@2027", newPassword: "Test@2026") { errors { message } } }`);
    expect(back.data.changePassword.errors).toEqual([]);
  });
});
