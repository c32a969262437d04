/**
 * The 台账 export of the synthetic 10,000-project dataset: GET /api/ledger.xlsx as district
 * promotion staff sees it (every project, every node column), through the real HTTP stack.
 *
 *   npx tsx bench/export.bench.ts [--projects 10000] [--runs 3]
 *
 * The embedded database runs in its own process (as in a deployment with an external
 * database), so the resident memory measured is the API process's alone: sampled every 10 ms
 * during the export, reported as the peak and as the rise over the idle process. Targets:
 * ≤ 5 s and peak RSS ≤ 300 MB.
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
import { createUser } from '../seeds/factories.js';
import { REPO_ROOT, spawnServer } from '../tests/testkit/db-process.js';
import { spawnSync } from 'node:child_process';
import { fmtMB, fmtMs, table } from './lib/report.js';

const { values } = parseArgs({ options: { projects: { type: 'string', default: '10000' }, runs: { type: 'string', default: '3' } } });
const N = Number(values.projects);
const RUNS = Number(values.runs);
const TIME_TARGET_MS = 5_000;
const RSS_TARGET = 300 * 1024 * 1024;

const server = await spawnServer({ memory: true });
const url = new URL(server.uri);
url.pathname = '/bench_export';
const uri = url.toString();
// The dataset is written by a separate seeding process, so this one starts as an idle API.
const seeding = spawnSync(process.execPath, ['--import', 'tsx', 'seeds/cli.ts', '--synthetic', String(N)], { cwd: REPO_ROOT, env: { ...process.env, MONGODB_URI: uri }, encoding: 'utf8' });
if (seeding.status !== 0) throw new Error(`seeding failed: ${seeding.stderr || seeding.stdout}`);
console.log(seeding.stdout.trim().split('\n').pop(), `(database in process ${server.pid})`);
const db = await connectDatabase({ uri });
try {
  await ensureIndexes();
  await createUser({ username: 'bench_promo', displayName: '招商', password: 'Bench@2026', role: 'PROMOTION' });

  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', SESSION_SECRET: 'bench-secret-0123456789abcdef' });
  const { app } = await createApp({ config, log: createLogger('silent'), connection: db.connection });
  const http = app.listen(0, '127.0.0.1');
  await new Promise((r) => http.once('listening', r));
  const base = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  try {
    const login = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: `mutation { login(username: "bench_promo", password: "Bench@2026") { viewer { user { id } } } }` }),
    });
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0];
    if (!cookie) throw new Error('login failed');

    const rows: string[][] = [];
    for (let run = 1; run <= RUNS; run++) {
      (globalThis as { gc?: () => void }).gc?.();
      const idle = process.memoryUsage().rss;
      let peak = idle;
      const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 10);
      const t = performance.now();
      const res = await fetch(`${base}/api/ledger.xlsx`, { headers: { cookie } });
      if (res.status !== 200 || !res.body) throw new Error(`export failed: ${res.status} ${await res.text()}`);
      let bytes = 0;
      for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) bytes += chunk.length;
      const ms = performance.now() - t;
      clearInterval(sampler);
      peak = Math.max(peak, process.memoryUsage().rss);
      rows.push([
        `run ${run}`,
        fmtMs(ms),
        `${(bytes / 1024 / 1024).toFixed(1)} MB`,
        fmtMB(peak),
        fmtMB(peak - idle),
        `${ms <= TIME_TARGET_MS ? 'met' : 'MISSED'} / ${peak <= RSS_TARGET ? 'met' : 'MISSED'}`,
      ]);
    }
    console.log(`\n台账 export of ${N} projects (all node columns), ${RUNS} runs; targets: ≤ ${TIME_TARGET_MS / 1000} s, peak RSS ≤ ${fmtMB(RSS_TARGET)}`);
    console.log(`load average ${loadavg()[0].toFixed(1)} on ${cpus().length} cores\n`);
    console.log(table(['run', 'time', 'file', 'peak RSS', 'RSS rise', 'time / RSS'], rows));
  } finally {
    http.close();
  }
} finally {
  await db.close();
  await server.stop();
}
