/**
 * Before the load starts: log every load user in (each from its own loopback address, as
 * separate clients) and ask the API, as those users, what each may read and write — the
 * reference lists for filters, project ids per scope, the open nodes of every owner and unit.
 * The result (a Plan) is what the generator process replays; it holds cookies, never passwords.
 */
import { today, yearOf } from '../../api/src/domain/dates.js';
import { MyNodesDocument, ProjectsDocument, ReferenceDataDocument, type ReferenceDataQuery } from '../../client/src/gql/graphql.js';
import { login, loopbackAddress, type Session } from '../lib/gql-client.js';
import { LOAD_PASSWORD, type LoadUser } from './users.js';

export interface PlanUser {
  username: string;
  role: string;
  cookie: string;
  unitId: string | null;
  platformId: string | null;
  /** Projects this user may open (a sample for district-wide users). */
  projectIds: string[];
}

export interface PlanNode {
  id: string;
  version: number;
  projectId: string;
  gate: boolean;
  unitId: string | null;
  /** Index in `users` of the owner who may report it, if any. */
  owner: number | null;
  /** The node's unit may report it. */
  unitMayReport: boolean;
}

export interface Plan {
  url: string;
  today: string;
  year: number;
  users: PlanUser[];
  nodes: PlanNode[];
  platformIds: string[];
  unitIds: string[];
  chainIds: string[];
}

type MyNode = { id: string; version: number; gate: string | null; unit: { id: string } | null; project: { id: string }; pendingReport: unknown; viewerCan: { report: boolean } };

function check<T>(r: { data?: T; errors?: unknown[] }, what: string): T {
  if (!r.data || r.errors?.length) throw new Error(`${what}: ${JSON.stringify(r.errors).slice(0, 500)}`);
  return r.data;
}

/** Runs `fn` over `items`, `limit` at a time. */
async function pool<T, R>(items: T[], limit: number, fn: (item: T, i: number) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      for (let i = next++; i < items.length; i = next++) out[i] = await fn(items[i], i);
    }),
  );
  return out;
}

export async function buildPlan(url: string, loadUsers: LoadUser[], log: (m: string) => void): Promise<Plan> {
  const t = Date.now();
  // argon2 verification is CPU-bound in the API: two logins at a time keep both cores busy.
  const sessions = await pool(loadUsers, 2, (u, i) => login(url, u.username, LOAD_PASSWORD, loopbackAddress(i)));
  log(`${sessions.length} users logged in (${((Date.now() - t) / 1000).toFixed(1)} s)`);

  const ref = check(await sessions[0].gql<ReferenceDataQuery>(ReferenceDataDocument), 'reference data');
  const viewerQuery = `{ viewer { user { id unit { id } platform { id } } } }`;
  const users: PlanUser[] = await pool(sessions, 4, async (s) => {
    const v = check(await s.gql<{ viewer: { user: { unit: { id: string } | null; platform: { id: string } | null } } }>(viewerQuery), `viewer ${s.username}`);
    return { username: s.username, role: s.role, cookie: s.cookie, unitId: v.viewer.user.unit?.id ?? null, platformId: v.viewer.user.platform?.id ?? null, projectIds: [] };
  });

  // Project ids per scope: two sorts of the first 100 for district-wide users, one page per platform user.
  const idsOf = async (s: Session, vars: Record<string, unknown>) =>
    check(await s.gql<{ projects: { nodes: { id: string }[] } }>(ProjectsDocument, vars), `projects as ${s.username}`).projects.nodes.map((p) => p.id);
  const districtSession = sessions.find((s) => s.role === 'LEADER')!;
  const districtIds = [...new Set([...(await idsOf(districtSession, { first: 100 })), ...(await idsOf(districtSession, { first: 100, sort: 'SIGNED_ON_DESC' }))])];

  const nodes = new Map<string, PlanNode>();
  const seenUnits = new Set<string>();
  await pool(sessions, 2, async (s, i) => {
    const u = users[i];
    if (s.role === 'LEADER' || (s.role === 'PROMOTION' && !u.platformId)) u.projectIds = districtIds;
    else if (s.role === 'PROMOTION') u.projectIds = await idsOf(s, { first: 50 });
    else if (s.role === 'OWNER' || (s.role === 'UNIT' && !seenUnits.has(u.unitId!))) {
      if (s.role === 'UNIT') seenUnits.add(u.unitId!);
      const mine = check(await s.gql<{ myNodes: MyNode[] }>(MyNodesDocument, { first: 50 }), `myNodes as ${s.username}`).myNodes;
      for (const n of mine) {
        const node = nodes.get(n.id) ?? { id: n.id, version: n.version, projectId: n.project.id, gate: !!n.gate, unitId: n.unit?.id ?? null, owner: null, unitMayReport: false };
        if (s.role === 'OWNER' && n.viewerCan.report) node.owner = i;
        if (s.role === 'UNIT' && n.viewerCan.report) node.unitMayReport = true;
        nodes.set(n.id, node);
      }
      u.projectIds = [...new Set(mine.map((n) => n.project.id))];
      if (s.role === 'OWNER' && !u.projectIds.length) u.projectIds = await idsOf(s, { first: 20 });
    }
  });
  // Unit staff of the same unit share its projects.
  const unitProjects = new Map(users.filter((u) => u.role === 'UNIT' && u.projectIds.length).map((u) => [u.unitId, u.projectIds]));
  for (const u of users) if (u.role === 'UNIT') u.projectIds = unitProjects.get(u.unitId) ?? [];

  const day = today();
  log(`plan: ${users.length} users, ${nodes.size} writable nodes, ${districtIds.length} district project ids (${((Date.now() - t) / 1000).toFixed(1)} s)`);
  return {
    url,
    today: day,
    year: yearOf(day),
    users,
    nodes: [...nodes.values()],
    platformIds: ref.platforms.map((p) => p.id),
    unitIds: ref.units.map((u) => u.id),
    chainIds: ref.industryChains.map((c) => c.id),
  };
}
