/**
 * The full-year metrics dashboard (every figure, district total and cut by platform) over the
 * synthetic 10,000-project dataset, through the real HTTP + GraphQL stack as a LEADER sees it.
 *
 *   npx tsx bench/dashboard.bench.ts [--projects 10000] [--runs 60] [--writes 20] [--in-process] [--profile DIR]
 *
 * As deployed (the default): the database in its own process (the embedded server standing in
 * for an external MongoDB), the API compiled as `npm start` and the Dockerfile run it
 * (NODE_ENV=production) in another, this script as the client. `--in-process` runs the API
 * from the sources in this process with the embedded database inside it, as `npm start` does
 * with no MONGODB_URI: one thread then does the database's work too. `--profile DIR` writes the
 * API process's CPU profile there (bench/load/profile-summary.ts summarises it). Target: p95 ≤ 200 ms.
 *
 * The API keeps decoded facts between requests and re-reads only the projects written since
 * (metrics/facts.ts FactsCache), so three cases are timed: the first request (nothing kept),
 * `--runs` requests over unchanged data, and `--runs` requests each after `--writes` projects of
 * the year were written (through the model, from this process, as another API process would),
 * the office's reports between two looks at the dashboard. The target applies to both series.
 */
import './lib/production-env.js';
import type { AddressInfo } from 'node:net';
import { parseArgs } from 'node:util';
import { cpus, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { connectDatabase } from '../api/src/db/connection.js';
import { ensureIndexes } from '../api/src/db/indexes.js';
import { createApp } from '../api/src/server.js';
import { loadConfig } from '../api/src/config.js';
import { createLogger } from '../api/src/lib/logger.js';
import { endOfYear, startOfYear, today, yearOf } from '../api/src/domain/dates.js';
import { trusted } from 'mongoose';
import { ProjectModel } from '../api/src/modules/projects/model.js';
import { createUser } from '../seeds/factories.js';
import { seedSynthetic } from '../seeds/synthetic.js';
import { exitOnSignals, spawnApi } from './lib/api-process.js';
import { fmtMs, quantile, table } from './lib/report.js';
import { seededDatabase } from './lib/seeded-database.js';

const { values } = parseArgs({
  options: {
    projects: { type: 'string', default: '10000' },
    runs: { type: 'string', default: '60' },
    'in-process': { type: 'boolean', default: false },
    writes: { type: 'string', default: '20' },
    profile: { type: 'string' },
  },
});
const WRITES = Number(values.writes);
if (!Number.isInteger(WRITES) || WRITES < 0) throw new Error('--writes: a number of projects, 0 or more');
const N = Number(values.projects);
const RUNS = Number(values.runs);
const WARMUP = 5;
const P95_TARGET_MS = 200;

const FIGURES = `figures { indicator value numeratorCount denominatorCount final target { met actual } }`;
const QUERY = `query($y: Int!) { metricsDashboard(year: $y) { year asOf total { projectCount ${FIGURES} } cuts(by: PLATFORM) { key label metrics { projectCount ${FIGURES} } } } }`;
const LEADER = { username: 'bench_leader', displayName: '领导', password: 'Bench@2026', role: 'LEADER' } as const;

/** Logs in as the leader at `base` and times the dashboard; prints the report. */
async function measure(base: string, setup: string): Promise<void> {
  const url = `${base}/graphql`;
  const post = async (body: object, cookie?: string) =>
    fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) }, body: JSON.stringify(body) });
  const login = await post({ query: `mutation { login(username: "${LEADER.username}", password: "${LEADER.password}") { viewer { user { id } } } }` });
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0];
  if (!cookie) throw new Error('login failed');
  let t: number;

  const year = yearOf(today());
  let size = 0;
  let figures = 0;
  const ask = async () => {
    t = performance.now();
    const res = await post({ query: QUERY, variables: { y: year } }, cookie);
    const text = await res.text();
    const ms = performance.now() - t;
    const body = JSON.parse(text) as { data?: { metricsDashboard: { total: { figures: unknown[] }; cuts: { metrics: { figures: unknown[] } }[] } }; errors?: unknown };
    if (body.errors || !body.data) throw new Error(`dashboard failed: ${text.slice(0, 500)}`);
    size = text.length;
    const d = body.data.metricsDashboard;
    figures = d.total.figures.length + d.cuts.reduce((s, c) => s + c.metrics.figures.length, 0);
    return ms;
  };
  const first = await ask();
  for (let i = 1; i < WARMUP; i++) await ask();
  const unchanged: number[] = [];
  for (let i = 0; i < RUNS; i++) unchanged.push(await ask());
  // The year's projects, written WRITES at a time between two requests (a description edit: the
  // figures stay comparable, the cache must still re-read each written project).
  const ids = (await ProjectModel.find({ signedOn: trusted({ $gte: startOfYear(year), $lte: endOfYear(year) }) }, { _id: 1 }).lean()).map((d) => d._id);
  const written: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const batch = Array.from({ length: WRITES }, () => ids[Math.floor(Math.random() * ids.length)]);
    if (WRITES > 0) await ProjectModel.bulkWrite(batch.map((_id, k) => ({ updateOne: { filter: { _id }, update: { $set: { description: `bench ${i}.${k}` } } } })));
    written.push(await ask());
  }
  console.log(`\nfull-year dashboard ${year}, district + cut by platform: ${figures} figures, ${(size / 1024).toFixed(0)} KB per response, ${ids.length} projects signed in ${year}; ${setup}\n`);
  const verdict = (xs: number[]) => (quantile(xs, 0.95) <= P95_TARGET_MS ? `≤ ${P95_TARGET_MS} ms met` : `≤ ${P95_TARGET_MS} ms MISSED`);
  console.log(
    table(
      ['case', 'runs', 'p50', 'p95', 'max', 'target (p95)'],
      [
        ['first request (nothing kept)', '1', fmtMs(first), '', '', ''],
        ['data unchanged', String(RUNS), fmtMs(quantile(unchanged, 0.5)), fmtMs(quantile(unchanged, 0.95)), fmtMs(Math.max(...unchanged)), verdict(unchanged)],
        [`${WRITES} projects written before each`, String(RUNS), fmtMs(quantile(written, 0.5)), fmtMs(quantile(written, 0.95)), fmtMs(Math.max(...written)), verdict(written)],
      ],
    ),
  );
  // The machine's load is printed because other work on it stretches every figure above.
  console.log(`\nload average ${loadavg()[0].toFixed(1)} on ${cpus().length} cores`);
}

if (values['in-process']) {
  const db = await connectDatabase({ memory: true, dbName: 'bench_dashboard' });
  try {
    await ensureIndexes();
    const t = performance.now();
    const seeded = await seedSynthetic(N);
    console.log(`dataset: ${seeded.projects} projects, ${seeded.nodes} nodes (${((performance.now() - t) / 1000).toFixed(1)} s)`);
    await createUser(LEADER);
    const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', SESSION_SECRET: 'bench-secret-0123456789abcdef' });
    const { app } = await createApp({ config, log: createLogger('silent'), connection: db.connection });
    const server = app.listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    try {
      await measure(`http://127.0.0.1:${(server.address() as AddressInfo).port}`, 'API from the sources with the embedded database in this process');
    } finally {
      server.close();
    }
  } finally {
    await db.close();
  }
} else {
  exitOnSignals();
  const { server, uri } = await seededDatabase('bench_dashboard', N, LEADER);
  try {
    const api = await spawnApi({
      mongoUri: uri,
      compiled: true,
      env: { JOBS_ENABLED: '0' },
      nodeArgs: values.profile ? ['--cpu-prof', `--cpu-prof-dir=${values.profile}`] : [],
    });
    const db = await connectDatabase({ uri });
    try {
      await measure(api.url, `compiled API in process ${api.pid}, database in process ${server.pid}`);
    } finally {
      await db.close();
      await api.stop();
    }
  } finally {
    await server.stop();
  }
}
process.exit(0);
