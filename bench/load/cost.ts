/**
 * What each operation of the load mix costs the API on its own, one request at a time:
 *
 *   npx tsx bench/load/cost.ts [--requests 100] [--ops op,…] [--projects 10000] [--data DIR]
 *
 * Same dataset, users and request builder as bench/load/run.ts. For each operation it sends
 * `--requests` requests one after another and prints the answer time (p50, p95) and the CPU the
 * API process spent per request (user + system time of all its threads from /proc, so the
 * embedded database's thread counts too), split into the main thread (HTTP, GraphQL, the driver)
 * and the others (the embedded database's thread above all, then GC helpers and libuv's pool).
 * Under the closed-loop mix, throughput is bounded by
 * the cores divided by the weighted CPU per request; the last line prints that bound.
 */
import { cpus } from 'node:os';
import { parseArgs } from 'node:util';
import { exitOnSignals } from '../lib/api-process.js';
import { httpPost } from '../lib/gql-client.js';
import { processCpuMs } from '../lib/proc-cpu.js';
import { fmtMs, quantile, table } from '../lib/report.js';
import { buildPlan } from './plan.js';
import { DEFAULT_WEIGHTS, Mix, OP_NAMES, WRITE_OPS, type OpName } from './mix.js';
import { loadDataset, startLoadApi } from './setup.js';

exitOnSignals();
const { values } = parseArgs({
  options: {
    requests: { type: 'string', default: '100' },
    ops: { type: 'string' },
    projects: { type: 'string', default: '10000' },
    data: { type: 'string' },
    fresh: { type: 'boolean', default: false },
    profile: { type: 'string' },
  },
});
const requests = Number(values.requests);
const projects = Number(values.projects);
const ops = values.ops ? (values.ops.split(',') as OpName[]) : OP_NAMES;
if (!(Number.isInteger(requests) && requests > 0) || !Number.isInteger(projects) || ops.some((o) => !OP_NAMES.includes(o))) {
  console.error(`usage: npx tsx bench/load/cost.ts [--requests n] [--ops ${OP_NAMES.join(',')}] [--projects n] [--data dir] [--fresh]`);
  process.exit(2);
}

const log = (m: string) => console.log(`[cost] ${m}`);
const dataset = await loadDataset(projects, values.data, values.fresh, log);
const api = await startLoadApi(dataset, { profileDir: values.profile }, log);
try {
  const plan = await buildPlan(api.url, dataset.users, log);
  const rows: string[][] = [];
  const perOp = new Map<OpName, { all: number; main: number }>();
  // One mix for all operations: writes carry the versions that earlier writes left.
  const mix = new Mix(plan, DEFAULT_WEIGHTS);
  for (const op of ops) {
    const fallbacks = mix.fallbacks;
    const send = async () => {
      const req = mix.nextOf(op);
      const t = performance.now();
      const res = await httpPost(`${api.url}/graphql`, req.body, { 'content-type': 'application/json', cookie: plan.users[req.user].cookie });
      const ms = performance.now() - t;
      const answer = JSON.parse(res.text) as { data?: Record<string, { node?: { version: number; status: string; confirmedAt: string | null }; errors?: unknown[] }>; errors?: unknown[] };
      const payload = answer.data ? Object.values(answer.data)[0] : undefined;
      const failed = res.status !== 200 || !!answer.errors?.length || !!payload?.errors?.length;
      if (failed) throw new Error(`${op}: HTTP ${res.status} ${res.text.slice(0, 300)}`);
      mix.settle(req, WRITE_OPS.has(req.op) ? (payload?.node ?? null) : null);
      return ms;
    };
    for (let i = 0; i < 5; i++) await send(); // warm-up
    const cpu0 = processCpuMs(api.pid);
    const times: number[] = [];
    for (let i = 0; i < requests; i++) times.push(await send());
    const cpu1 = processCpuMs(api.pid);
    const cpu = (cpu1.all - cpu0.all) / requests;
    const main = (cpu1.main - cpu0.main) / requests;
    perOp.set(op, { all: cpu, main });
    rows.push([op, fmtMs(quantile(times, 0.5)), fmtMs(quantile(times, 0.95)), `${cpu.toFixed(1)} ms`, `${main.toFixed(1)} ms`, `${(cpu - main).toFixed(1)} ms`, mix.fallbacks > fallbacks ? String(mix.fallbacks - fallbacks) : '']);
  }
  console.log(`\none request at a time, ${requests} per operation (after 5 warm-up), ${projects} projects:\n`);
  console.log(table(['operation', 'p50', 'p95', 'API CPU / request', 'main thread', 'other threads', 'fell back to a read'], rows));
  if (ops.length === OP_NAMES.length) {
    const total = OP_NAMES.reduce((s, o) => s + DEFAULT_WEIGHTS[o], 0);
    const weighted = (k: 'all' | 'main') => OP_NAMES.reduce((s, o) => s + (DEFAULT_WEIGHTS[o] / total) * perOp.get(o)![k], 0);
    const all = weighted('all');
    const main = weighted('main');
    console.log(
      `\nweighted by the default mix: ${all.toFixed(1)} ms of API CPU per request, ${main.toFixed(1)} ms of it on the main thread; ` +
        `${cpus().length} cores bound the API alone to ${Math.round((1000 * cpus().length) / all)} req/s, and its main thread alone to ${Math.round(1000 / main)} req/s`,
    );
  }
} finally {
  await api.stop();
}
process.exit(0);
