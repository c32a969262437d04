/**
 * `projects(first: 100)` with nested nodes, units, owners and liaison leader on the synthetic
 * 10,000-project dataset (~120,000 nodes): p50/p95 through HTTP + GraphQL, beside fetching the
 * same documents with the raw driver in the same run, and the database round trips at first = 10
 * and first = 100. Run: npx tsx bench/api.bench.ts [--projects 10000] [--runs 60]
 */
import './lib/production-env.js';
import { parseArgs } from 'node:util';
import type { AddressInfo } from 'node:net';
import mongoose from 'mongoose';
import { connectDatabase } from '../api/src/db/connection.js';
import { ensureIndexes } from '../api/src/db/indexes.js';
import { createApp } from '../api/src/server.js';
import { loadConfig } from '../api/src/config.js';
import { createLogger } from '../api/src/lib/logger.js';
import { seedSynthetic } from '../seeds/synthetic.js';

const { values } = parseArgs({ options: { projects: { type: 'string', default: '10000' }, runs: { type: 'string', default: '60' } } });
const N = Number(values.projects);
const RUNS = Number(values.runs);

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];
const fmt = (ms: number) => `${ms.toFixed(1)} ms`;

const db = await connectDatabase({ memory: true, dbName: 'bench', monitorCommands: true });
const commands: string[] = [];
db.connection.getClient().on('commandStarted', (e) => commands.push(`${e.commandName} ${String(e.command[e.commandName])}`));
await ensureIndexes();
let t = Date.now();
const made = await seedSynthetic(N);
console.log(`dataset: ${made.projects} projects, ${made.nodes} nodes (built in ${((Date.now() - t) / 1000).toFixed(1)} s)`);

const config = loadConfig({ NODE_ENV: 'production', LOG_LEVEL: 'silent', SESSION_SECRET: 'bench-secret-0123456789abcdef' });
const { app } = await createApp({ config, log: createLogger('silent'), connection: db.connection });
const server = app.listen(0, '127.0.0.1');
await new Promise((r) => server.once('listening', r));
const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

const login = await fetch(`${base}/graphql`, {
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ query: `mutation { login(username: "synthetic", password: "Synthetic2026") { viewer { user { id } } errors { message } } }` }),
});
const cookie = login.headers.get('set-cookie')!.split(';')[0];

const QUERY = `query($n: Int!, $filter: ProjectFilter) { projects(first: $n, filter: $filter) { nodes { id code name stage light tiers totalInvestment platform { name }
  leadUnit { name } liaisonLeader { name } owners { displayName }
  nodes { id code name status plannedDate actualDate light overdueDays unit { name } } } } }`;

async function graphql(n: number, filter?: object) {
  const res = await fetch(`${base}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', cookie }, body: JSON.stringify({ query: QUERY, variables: { n, filter } }) });
  const body = (await res.json()) as { data?: { projects: { nodes: unknown[] } }; errors?: unknown };
  if (!body.data || body.data.projects.nodes.length !== n) throw new Error(JSON.stringify(body.errors));
}

const raw = db.connection.db!;
async function rawDriver(n: number) {
  const projects = await raw.collection('projects').find({}).sort({ code: 1 }).limit(n).toArray();
  const ids = projects.map((p) => p._id);
  const nodes = await raw.collection('nodes').find({ projectId: { $in: ids } }).sort({ projectId: 1, order: 1 }).toArray();
  const unitIds = [...new Set([...nodes.map((x) => String(x.unitId)), ...projects.map((p) => String(p.leadUnitId))])].filter((x) => x !== 'null').map((x) => new mongoose.Types.ObjectId(x));
  await Promise.all([
    raw.collection('units').find({ _id: { $in: unitIds } }).toArray(),
    raw.collection('platforms').find({ _id: { $in: projects.map((p) => p.platformId) } }).toArray(),
    raw.collection('liaisonLeaders').find({ _id: { $in: projects.map((p) => p.liaisonLeaderId).filter(Boolean) } }).toArray(),
    raw.collection('users').find({ _id: { $in: projects.flatMap((p) => p.ownerUserIds ?? []) } }).toArray(),
  ]);
}

async function measure(fn: () => Promise<void>) {
  for (let i = 0; i < 5; i++) await fn();
  const xs: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const s = performance.now();
    await fn();
    xs.push(performance.now() - s);
  }
  return { p50: pct(xs, 50), p95: pct(xs, 95) };
}

// Interleave the two so machine noise hits both alike.
const g = await measure(() => graphql(100));
const r = await measure(() => rawDriver(100));
// Counted on ≥¥5bn projects, where every page has every kind of edge (liaison leaders are named
// only for those): a page without any liaison leader rightly skips that loader's query, which
// would make the count depend on the data rather than on `first`.
const EDGES = { tier: ['OVER_5B'] };
commands.length = 0;
await graphql(10, EDGES);
const trips10 = commands.length;
const names10 = [...commands];
commands.length = 0;
await graphql(100, EDGES);
const trips100 = commands.length;
const names100 = [...commands];

console.log(`\nprojects(first: 100) with nested nodes, units, owners, liaison leader (${RUNS} runs)`);
console.log(`  GraphQL over HTTP   p50 ${fmt(g.p50)}   p95 ${fmt(g.p95)}   (target p95 ≤ 50 ms)`);
console.log(`  raw driver          p50 ${fmt(r.p50)}   p95 ${fmt(r.p95)}`);
console.log(`  ratio GraphQL/raw   p50 ${(g.p50 / r.p50).toFixed(2)}×   (target ≤ 2×)`);
console.log(`  database round trips (≥¥5bn page): first=10 → ${trips10}, first=100 → ${trips100}   (target: equal)`);
console.log(`    first=10:  ${names10.join(', ')}\n    first=100: ${names100.join(', ')}`);

server.close();
await db.close();
process.exit(0);
