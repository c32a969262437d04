/**
 * Access audit, generated from the schema (issue #6 part 4): every Query and Mutation, as every
 * role and anonymously, aimed at objects outside the viewer's scope (another platform's project,
 * another owner's, another unit's node, a lead of another platform, another user's
 * notifications). Each answer must be a refusal (or an empty list), hold nothing of a scope the
 * viewer may not read, write nothing, and, for an object the viewer may not read, be exactly
 * what a non-existent id gets (no existence leak). The classification table must name exactly
 * the schema's operations: a new field fails here until someone says how it is scoped.
 * Also the REST routes: evidence downloads, the ledger export and import, the race export.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rootOperations } from './fuzz/schema.js';
import { changedCollections, startTarget, type Target, type Who } from './fuzz/target.js';
import { buildWorld, READABLE, SET_KEYS, type ScopeSet, type World } from './fuzz/world.js';
import { GHOST_ID } from './fuzz/values.js';
import type { HttpClient } from './fuzz/http.js';
import { ACCESS, leadOf, type Live } from './access/table.js';
import { documentFor, leaks, outcomeOf, probesFor, secretsFor } from './access/engine.js';

const ops = rootOperations();
let t: Target;
let w: World;
let live: Live;

function makeLive(leader: HttpClient): Live {
  const read = async (query: string, id: string) => {
    const r = await leader.gql(query, { id });
    const v = Object.values(r.json?.data ?? {})[0] as { version?: number; nodes?: { id: string; version: number }[] } | null;
    if (!v) throw new Error(`cannot read ${id}: ${r.text.slice(0, 200)}`);
    return v;
  };
  return {
    project: async (id) => (await read(`query($id: ID!) { project(id: $id) { version } }`, id)).version!,
    node: async (projectId, nodeId) => (await read(`query($id: ID!) { project(id: $id) { nodes { id version } } }`, projectId)).nodes!.find((n) => n.id === nodeId)!.version,
    problem: async (id) => (await read(`query($id: ID!) { problem(id: $id) { version } }`, id)).version!,
    agreement: async (id) => (await read(`query($id: ID!) { agreement(id: $id) { version } }`, id)).version!,
    lead: async (id) => (await read(`query($id: ID!) { lead(id: $id) { version } }`, id)).version!,
  };
}

/** The set's own ids (and its lead's): in a request for a non-existent object they become GHOST_ID. */
function ghostOf(vars: Record<string, unknown>, s: ScopeSet): Record<string, unknown> {
  const ids = new Set([s.projectId, s.problemId, s.agreementId, s.instructionId, s.problemFileId, leadOf({ s, w }).id, ...s.nodes.map((n) => n.id)]);
  if (s.rectificationId) ids.add(s.rectificationId);
  if (s.replan) ids.add(s.replan.requestId);
  const swap = (v: unknown): unknown =>
    typeof v === 'string' && ids.has(v) ? GHOST_ID : Array.isArray(v) ? v.map(swap) : v && typeof v === 'object' ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, swap(x)])) : v;
  return swap(vars) as Record<string, unknown>;
}

beforeAll(async () => {
  t = await startTarget();
  w = await buildWorld(t);
  live = makeLive(t.clients.leader);
}, 180_000);

afterAll(async () => {
  await t?.close();
});

it('the table classifies exactly the operations of the schema', () => {
  expect(Object.keys(ACCESS).sort()).toEqual(ops.map((o) => o.name).sort());
});

describe.each(ops.map((o) => [`${o.kind} ${o.name}`, o] as const))('%s', (_label, op) => {
  it('gives nothing outside the viewer’s scope', async () => {
    const rule = ACCESS[op.name];
    expect(rule, `${op.name} is not in tests/hardening/access/table.ts`).toBeDefined();
    const failures: string[] = [];
    for (const p of probesFor(op.name)) {
      const s = w.sets[p.set];
      const client = p.who === 'anonymous' ? t.anonymous() : rule.fresh ? await t.login(p.who) : t.clients[p.who];
      const vars = rule.args ? await rule.args({ s, who: p.who, w, t, live }) : {};
      const before = op.kind === 'mutation' ? await t.snapshot() : null;
      const res = await client.gql(documentFor(op, vars), vars);
      const o = outcomeOf(res, op.name, !p.unreadable);
      const at = `${p.who} → set ${p.set}`;
      if (res.status >= 500) failures.push(`${at}: HTTP ${res.status}`);
      const leaked = leaks(res, secretsFor(p.who, w), JSON.stringify(vars));
      if (leaked.length) failures.push(`${at}: answer holds out-of-scope data ${leaked.slice(0, 3).join(', ')}: ${o.detail}`);
      if (p.expectDenied && o.kind !== 'denied' && !(rule.scope === 'list' && o.kind === 'empty')) failures.push(`${at}: expected a refusal, got ${o.kind}: ${o.detail}`);
      if (!p.expectDenied && op.kind === 'query' && rule.scope !== 'anyone' && (o.kind === 'denied' || o.kind === 'error')) failures.push(`${at}: expected an answer, got ${o.kind}: ${o.detail}`);
      if (before) {
        const changed = changedCollections(before, await t.snapshot()).filter((n) => !(op.name === 'login' && n === 'users'));
        const mustNotWrite = p.expectDenied || rule.foreign?.(p.who as Who) || (p.who === 'anonymous' && rule.scope !== 'anyone');
        if (mustNotWrite && changed.length) failures.push(`${at}: refused but changed ${changed.join(', ')}`);
      }
      if (p.unreadable) {
        const ghostVars = ghostOf(vars, s);
        const ghost = outcomeOf(await client.gql(documentFor(op, ghostVars), ghostVars), op.name, false);
        if (ghost.signature !== o.signature) failures.push(`${at}: distinguishable from a non-existent id: ${o.signature} vs ${ghost.signature}`);
      }
    }
    expect(failures).toEqual([]);
  });
});

describe('REST routes', () => {
  const who: Who[] = ['admin', 'promo', 'promo_hzw', 'promo_cej', 'unit_land', 'unit_jx', 'unit_hzw', 'owner_a', 'owner_b', 'leader'];

  it('evidence downloads: only for viewers of the project (or the uploader of a loose file)', async () => {
    const failures: string[] = [];
    for (const u of [...who, 'anonymous' as const]) {
      const c = u === 'anonymous' ? t.anonymous() : t.clients[u];
      for (const k of SET_KEYS) {
        const r = await c.request(`/api/evidence/${w.sets[k].problemFileId}`);
        const may = u !== 'anonymous' && READABLE[u].includes(k);
        if ((r.status === 200) !== may) failures.push(`${u} file of ${k}: ${r.status}`);
      }
      const loose = await c.request(`/api/evidence/${w.looseFileId}`);
      if ((loose.status === 200) !== (u === 'promo')) failures.push(`${u} loose file: ${loose.status}`);
    }
    expect(failures).toEqual([]);
  });

  it('ledger export holds only the viewer’s projects; import is PROMOTION only', async () => {
    const failures: string[] = [];
    for (const u of who) {
      const res = await fetch(`${t.base}/api/ledger.xlsx`, { headers: { cookie: t.clients[u].cookie!, 'x-forwarded-for': t.clients[u].address, 'x-forwarded-proto': 'https' } });
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load((await res.arrayBuffer()) as never);
      const text = JSON.stringify(wb.worksheets[0].getSheetValues());
      for (const k of SET_KEYS) if (text.includes(w.sets[k].marker) !== READABLE[u].includes(k)) failures.push(`${u} ledger ${READABLE[u].includes(k) ? 'lacks' : 'holds'} ${k}`);
      const imp = await t.clients[u].request('/api/ledger/import', { method: 'POST', headers: { 'x-requested-with': 'fetch', 'content-type': 'multipart/form-data; boundary=x' }, body: '--x--\r\n' });
      const promo = u.startsWith('promo');
      if ((imp.status === 403) === promo) failures.push(`${u} import answered ${imp.status}`);
    }
    const anon = await t.anonymous().request('/api/ledger.xlsx');
    if (anon.status !== 401) failures.push(`anonymous ledger: ${anon.status}`);
    expect(failures).toEqual([]);
  });

  it('race ranking export: LEADER, ADMIN and PROMOTION only', async () => {
    const failures: string[] = [];
    for (const u of [...who, 'anonymous' as const]) {
      const c = u === 'anonymous' ? t.anonymous() : t.clients[u];
      const r = await c.request('/api/race/ranking.xlsx?year=2025&quarter=1&kind=PLATFORM');
      const may = u === 'admin' || u === 'leader' || u.startsWith('promo');
      if ((r.status === 200) !== may) failures.push(`${u}: ${r.status}`);
    }
    expect(failures).toEqual([]);
  });
});
