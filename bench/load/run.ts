/**
 * Load test of one API process on the 10,000-project dataset, from a second process:
 *
 *   npx tsx bench/load/run.ts [--duration 120] [--connections 10] [--rate R] [--projects 10000]
 *                             [--data DIR] [--fresh] [--weights op=n,…] [--jobs] [--profile DIR]
 *
 * 1. The dataset: a durable data directory (default $TMPDIR/zs-load-<projects>) with the
 *    synthetic district and the load users (bench/load/users.ts), built once in a child process
 *    and reused by later runs (`--fresh` rebuilds it).
 * 2. The API, compiled as `npm start` runs it, as a child process on that directory, NODE_ENV=production,
 *    LOG_LEVEL=warn, scheduled jobs off unless `--jobs` (a 10,000-project reminder run in the
 *    middle would be measured as request latency).
 * 3. The plan: every load user logs in; what each may read and write is asked as that user.
 * 4. The generator: bench/load/driver.ts in a third process drives autocannon with the mix of
 *    bench/load/mix.ts for `--duration` seconds.
 * Prints throughput, p50/p95/p99 overall and per operation, errors, and the verdict against
 * the targets (≥ 300 requests/s, p99 ≤ 250 ms, zero errors). Exit code 1 when missed.
 * `--profile DIR` writes the API's V8 CPU profile there (summarise it with
 * `npx tsx bench/load/profile-summary.ts DIR/*.cpuprofile`).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { REPO_ROOT } from '../../tests/testkit/db-process.js';
import { exitOnSignals } from '../lib/api-process.js';
import { tempDir } from '../lib/temp.js';
import { buildPlan } from './plan.js';
import { DEFAULT_WEIGHTS, OP_NAMES, type OpName } from './mix.js';
import type { DriverJob, DriverResult } from './driver.js';
import { printReport } from './report.js';
import { loadDataset, runNode, startLoadApi } from './setup.js';

exitOnSignals();
const { values } = parseArgs({
  options: {
    duration: { type: 'string', default: '120' },
    connections: { type: 'string', default: '10' },
    rate: { type: 'string' },
    projects: { type: 'string', default: '10000' },
    data: { type: 'string' },
    fresh: { type: 'boolean', default: false },
    weights: { type: 'string' },
    jobs: { type: 'boolean', default: false },
    profile: { type: 'string' },
  },
});
const duration = Number(values.duration);
const connections = Number(values.connections);
const projects = Number(values.projects);
const rate = values.rate ? Number(values.rate) : undefined;
if (![duration, connections, projects].every((n) => Number.isInteger(n) && n > 0) || (rate !== undefined && !(rate > 0))) {
  console.error('usage: npx tsx bench/load/run.ts [--duration s] [--connections n] [--rate r] [--projects n] [--data dir] [--fresh] [--weights op=n,…] [--jobs]');
  process.exit(2);
}
const weights: Record<OpName, number> = { ...DEFAULT_WEIGHTS };
for (const kv of (values.weights ?? '').split(',').filter(Boolean)) {
  const [k, v] = kv.split('=');
  if (!OP_NAMES.includes(k as OpName) || !(Number(v) >= 0)) {
    console.error(`--weights: unknown operation or weight '${kv}' (operations: ${OP_NAMES.join(', ')})`);
    process.exit(2);
  }
  weights[k as OpName] = Number(v);
}

const log = (m: string) => console.log(`[load] ${m}`);
const dataset = await loadDataset(projects, values.data, values.fresh, log);
const api = await startLoadApi(dataset, { jobs: values.jobs, profileDir: values.profile }, log);
let exitCode = 1;
const work = tempDir('zs-load-run-').path;
try {
  const plan = await buildPlan(api.url, dataset.users, log);
  const planFile = join(work, 'plan.json');
  const resultFile = join(work, 'result.json');
  writeFileSync(planFile, JSON.stringify(plan));
  const job: DriverJob = { planFile, resultFile, duration, connections, rate, weights };
  const jobFile = join(work, 'job.json');
  writeFileSync(jobFile, JSON.stringify(job));
  log(`generator: ${connections} connections for ${duration} s${rate ? ` at ${rate} req/s` : ''} (separate process)`);
  const load0 = loadavg()[0];
  await runNode([join(REPO_ROOT, 'bench/load/driver.ts'), jobFile]);
  const result = JSON.parse(readFileSync(resultFile, 'utf8')) as DriverResult;
  const apiAlive = api.child.exitCode === null && api.child.signalCode === null;
  const pass = printReport(result, { connections, rate, weights, load: [load0, loadavg()[0]], cores: cpus().length, apiAlive });
  if (!apiAlive) console.log(api.output().slice(-4000));
  exitCode = pass ? 0 : 1;
} finally {
  await api.stop();
}
process.exit(exitCode);
