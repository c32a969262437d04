/**
 * The full hostile-input run (issue #6 part 3): the API in production mode over the embedded
 * in-memory database, the fixed hostile catalogue and sweeps, then N generated cases from the
 * schema (GraphQL operations with valid-ish, mutated and hostile arguments and documents, and
 * hostile HTTP: uploads, imports, downloads, raw sockets) as every role and anonymously.
 * Prints a verdict (PASS: no failure of any kind), totals per status code, role and category,
 * and each failure with the request that reproduces it; exits 1 on FAIL.
 *
 *   npx tsx bench/fuzz.ts [--ops 5000] [--seed 1] [--quick-sweep | --no-sweeps] [--json report.json]
 *
 * The same seed gives the same cases (fast-check's seeded generator); a failure's case number
 * and seed reproduce it, and its printed request can be replayed by hand.
 */
import { parseArgs } from 'node:util';
import { writeFile } from 'node:fs/promises';
import { buildWorld, generateCases, prepareHostileFiles, runCases, startTarget, type Failure } from '../tests/hardening/fuzz/index.js';

const { values } = parseArgs({
  options: {
    ops: { type: 'string', default: '5000' },
    seed: { type: 'string', default: '1' },
    'no-sweeps': { type: 'boolean', default: false },
    // One sweep value per string position (as the CI smoke test) instead of every value in every one.
    'quick-sweep': { type: 'boolean', default: false },
    json: { type: 'string' },
  },
});
const OPS = Number(values.ops);
const SEED = Number(values.seed);

// The app runs in this process: anything escaping it is a crash, and a failure of the run.
const crashes: string[] = [];
process.on('uncaughtException', (e) => crashes.push(`uncaughtException: ${e.stack ?? e}`));
process.on('unhandledRejection', (e) => crashes.push(`unhandledRejection: ${(e as Error)?.stack ?? e}`));

const started = Date.now();
const t = await startTarget();
const world = await buildWorld(t);
const files = await prepareHostileFiles(t.clients.promo);
const cases = generateCases(t, world, files, { seed: SEED, n: OPS, sweeps: !values['no-sweeps'], fullSweep: !values['quick-sweep'] });
console.log(`fuzz: seed ${SEED}, ${cases.length} cases (${OPS} generated${values['no-sweeps'] ? '' : ' + fixed catalogue and sweeps'}), set up in ${((Date.now() - started) / 1000).toFixed(1)} s`);

const stats = await runCases(t, cases, {
  onProgress: (done, s) => {
    if (done % 500 === 0) console.log(`  ${done}/${cases.length} … ${s.failures.length} failures`);
  },
});
const health = await t.anonymous().request('/healthz');
await t.close();

const table = (title: string, rows: Record<string, number>) =>
  `${title}\n${Object.entries(rows)
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([k, n]) => `  ${k.padEnd(16)} ${String(n).padStart(6)}`)
    .join('\n')}`;

const ok = stats.failures.length === 0 && crashes.length === 0 && health.status === 200;
console.log(`\nverdict: ${ok ? 'PASS' : 'FAIL'}`);
console.log(`requests: ${stats.total} in ${(stats.ms / 1000).toFixed(1)} s (${Math.round(stats.total / (stats.ms / 1000))}/s); HTTP 500: ${stats.byStatus['500'] ?? 0}; crashes: ${crashes.length}`);
console.log(`writes attempted: ${stats.writes}, refused: ${stats.refusedWrites} (each checked against a database snapshot); /healthz checks: ${stats.healthChecks + 1}`);
console.log(table('by status', stats.byStatus));
console.log(table('by role', stats.byRole));
console.log(table('by category', stats.byCategory));

const show = (f: Failure) => `#${f.index} [${f.category}] ${f.who}${f.op ? ` ${f.op}` : ''}\n  ${f.problems.join('\n  ')}\n  reproduce: ${f.repro.replace(/\n/g, '\n  ')}`;
if (stats.failures.length) console.log(`\nfailures (${stats.failures.length}):\n${stats.failures.slice(0, 50).map(show).join('\n\n')}`);
if (crashes.length) console.log(`\ncrashes:\n${crashes.join('\n')}`);
if (health.status !== 200) console.log(`\n/healthz after the run: ${health.status} ${health.text}`);
if (values.json) await writeFile(values.json, JSON.stringify({ seed: SEED, ops: OPS, verdict: ok ? 'PASS' : 'FAIL', ...stats, crashes }, null, 2));
process.exit(ok ? 0 : 1);
