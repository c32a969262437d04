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
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { REPO_ROOT } from '../../tests/testkit/db-process.js';
import { exitOnSignals, spawnApi } from '../lib/api-process.js';
import { tempDir } from '../lib/temp.js';
import { buildPlan } from './plan.js';
import { DEFAULT_WEIGHTS, OP_NAMES, type OpName } from './mix.js';
import type { DriverJob, DriverResult } from './driver.js';
import type { LoadUser } from './users.js';
import { printReport } from './report.js';

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

const root = values.data ?? join(tmpdir(), `zs-load-${projects}`);
const dataDir = join(root, 'data');
const readyFile = join(root, 'ready.json');
const log = (m: string) => console.log(`[load] ${m}`);

/** Runs a node child (tsx loader) to completion; rejects on a non-zero exit. */
function runNode(args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', ...args], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout!.setEncoding('utf8').on('data', (s: string) => (out += s));
    child.once('exit', (code, signal) => (code === 0 ? resolve(out) : reject(new Error(`${args[0]} exited with ${code ?? signal}\n${out}`))));
  });
}

if (values.fresh) rmSync(root, { recursive: true, force: true });
if (!existsSync(readyFile)) {
  mkdirSync(root, { recursive: true });
  log(`building the dataset in ${dataDir} (${projects} projects; reused by later runs)`);
  const t = Date.now();
  const out = await runNode([join(REPO_ROOT, 'bench/load/seed.ts'), dataDir, String(projects)]);
  const seeded = JSON.parse(out.trim().split('\n').pop()!) as { users: LoadUser[] };
  writeFileSync(readyFile, JSON.stringify({ projects, users: seeded.users, builtAt: new Date().toISOString() }));
  log(`dataset ready in ${((Date.now() - t) / 1000).toFixed(1)} s`);
} else log(`reusing the dataset in ${dataDir} (--fresh rebuilds it)`);

const ready = JSON.parse(readFileSync(readyFile, 'utf8')) as { projects: number; users: LoadUser[] };
if (ready.projects !== projects) throw new Error(`${root} holds ${ready.projects} projects, not ${projects}: use --fresh or --data`);

// Every run starts from the dataset as built: the API works on a copy, so one run's writes
// (nodes reported DONE, confirmed) do not leave the next run fewer open nodes to write to.
const scratch = tempDir('zs-load-data-');
const runData = join(scratch.path, 'data');
cpSync(dataDir, runData, { recursive: true });
const t = Date.now();
const api = await spawnApi({
  dataDir: runData,
  compiled: true,
  env: { JOBS_ENABLED: values.jobs ? '1' : '0' },
  nodeArgs: values.profile ? ['--cpu-prof', `--cpu-prof-dir=${values.profile}`] : [],
  startTimeoutMs: 300_000,
});
log(`API pid ${api.pid} ready on ${api.url} in ${((Date.now() - t) / 1000).toFixed(1)} s`);
let exitCode = 1;
const work = tempDir('zs-load-run-').path;
try {
  const plan = await buildPlan(api.url, ready.users, log);
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
  scratch.remove();
}
process.exit(exitCode);
