/**
 * The 台账 export of the synthetic 10,000-project dataset: GET /api/ledger.xlsx as district
 * promotion staff sees it (every project, every node column), through the real HTTP stack.
 *
 *   npx tsx bench/export.bench.ts [--projects 10000] [--runs 3]
 *
 * Three processes, as deployed: the database (the embedded server on its own, as an external
 * MongoDB would be), the API compiled to JavaScript as `npm start` and the Dockerfile run it
 * (NODE_ENV=production), and this script as the client. The memory measured is the API
 * process's alone: its peak resident set (VmHWM, reset before each run) and the rise over the
 * idle process. Targets: ≤ 5 s and peak RSS ≤ 300 MB.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { cpus, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { exitOnSignals, spawnApi } from './lib/api-process.js';
import { fmtMB, fmtMs, table } from './lib/report.js';
import { seededDatabase } from './lib/seeded-database.js';

const { values } = parseArgs({ options: { projects: { type: 'string', default: '10000' }, runs: { type: 'string', default: '3' }, pause: { type: 'string', default: '0' } } });
/** Seconds between runs: V8 gives memory back to the system only after the process goes quiet. */
const PAUSE_S = Number(values.pause);
const N = Number(values.projects);
const RUNS = Number(values.runs);
const TIME_TARGET_MS = 5_000;
const RSS_TARGET = 300 * 1024 * 1024;

/** A /proc/<pid>/status figure in bytes (VmRSS: now; VmHWM: peak since start or reset). */
function procStatus(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  const m = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  if (!m) throw new Error(`no ${field} for process ${pid}`);
  return Number(m[1]) * 1024;
}
/** Resets the process's peak resident set to its current size (Linux: clear_refs 5). */
function resetPeak(pid: number): void {
  writeFileSync(`/proc/${pid}/clear_refs`, '5');
}

exitOnSignals();
const { server, uri } = await seededDatabase('bench_export', N, { username: 'bench_promo', displayName: '招商', password: 'Bench@2026', role: 'PROMOTION' });
try {
  const api = await spawnApi({ mongoUri: uri, compiled: true, env: { JOBS_ENABLED: '0' } });
  try {
    const login = await fetch(`${api.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: `mutation { login(username: "bench_promo", password: "Bench@2026") { viewer { user { id } } } }` }),
    });
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0];
    if (!cookie) throw new Error('login failed');
    console.log(`API process ${api.pid} (compiled), idle resident set ${fmtMB(procStatus(api.pid, 'VmRSS'))}`);

    const rows: string[][] = [];
    for (let run = 1; run <= RUNS; run++) {
      if (run > 1 && PAUSE_S > 0) await new Promise((r) => setTimeout(r, PAUSE_S * 1000));
      const idle = procStatus(api.pid, 'VmRSS');
      resetPeak(api.pid);
      const t = performance.now();
      const res = await fetch(`${api.url}/api/ledger.xlsx`, { headers: { cookie } });
      if (res.status !== 200 || !res.body) throw new Error(`export failed: ${res.status} ${await res.text()}`);
      let bytes = 0;
      for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) bytes += chunk.length;
      const ms = performance.now() - t;
      const peak = procStatus(api.pid, 'VmHWM');
      rows.push([
        `run ${run}`,
        fmtMs(ms),
        `${(bytes / 1024 / 1024).toFixed(1)} MB`,
        fmtMB(idle),
        fmtMB(peak),
        fmtMB(peak - idle),
        `${ms <= TIME_TARGET_MS ? 'met' : 'MISSED'} / ${peak <= RSS_TARGET ? 'met' : 'MISSED'}`,
      ]);
    }
    console.log(`\n台账 export of ${N} projects (all node columns), ${RUNS} runs; targets: ≤ ${TIME_TARGET_MS / 1000} s, peak RSS ≤ ${fmtMB(RSS_TARGET)}`);
    console.log(`load average ${loadavg()[0].toFixed(1)} on ${cpus().length} cores\n`);
    console.log(table(['run', 'time', 'file', 'idle RSS', 'peak RSS', 'rise', 'time / RSS'], rows));
  } finally {
    await api.stop();
  }
} finally {
  await server.stop();
}
process.exit(0);
