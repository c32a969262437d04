/**
 * kill -9 of the database under a running API:
 *
 *   npx tsx bench/faults/db-kill.ts [--runs 1] [--outage 20] [--keep]
 *
 * The standalone embedded server (`npm run db`) on a data directory, the API on MONGODB_URI
 * with the demo district, four clients writing (follow-ups, node reports) and two probes
 * (/healthz, a signed-in GraphQL read). SIGKILL to the database after 30–150
 * acknowledgements, `--outage` seconds down (longer than the driver's 10 s server selection
 * timeout, so requests made during it must fail rather than wait), restart on the same directory and port.
 * PASS when: the API process survives; while the database is down every request is answered
 * within 15 s, /healthz says 503 `database: unreachable` and GraphQL says DATABASE_UNAVAILABLE
 * in Chinese; within 30 s of the restart /healthz is 200 and writes are acknowledged again with
 * no API restart; every acknowledged write is there with exactly one audit entry.
 */
import { parseArgs } from 'node:util';
import { dbKillRound, DB_KILL_LIMITS } from './lib/db-kill-round.js';
import { exitOnSignals } from '../lib/api-process.js';
import { tempDir, type TempDir } from '../lib/temp.js';

exitOnSignals();
const { values } = parseArgs({ options: { runs: { type: 'string', default: '1' }, outage: { type: 'string', default: '20' }, keep: { type: 'boolean', default: false } } });
const runs = Number(values.runs);
const outageMs = Number(values.outage) * 1000;
if (!Number.isInteger(runs) || runs < 1 || !(outageMs > 0)) {
  console.error('usage: npx tsx bench/faults/db-kill.ts [--runs N] [--outage seconds] [--keep]');
  process.exit(2);
}

let failed = 0;
let completed = 0;
let aborted = false;
const dirs: TempDir[] = [];
try {
  for (let r = 1; r <= runs; r++) {
    const dir = tempDir('zs-db-kill-');
    dirs.push(dir);
    const res = await dbKillRound(dir.path, { killAfter: 30 + Math.floor(Math.random() * 121), outageMs, log: (m) => console.log(`  ${m}`) });
    completed++;
    const ok = res.problems.length === 0;
    if (!ok) failed++;
    const fmt = (ms: number | null) => (ms === null ? 'never' : `${(ms / 1000).toFixed(1)} s`);
    console.log(
      `run ${r}: ${res.verification.acked} acknowledged, ${res.verification.unknown} unanswered/failed (${res.verification.unknownCommitted} committed), ` +
        `probes while down: ${res.clearAnswers} clear, ${res.waitedAnswers} waited and succeeded, ${res.unclear.length} unclear (slowest ${(res.slowestOutageAnswerMs / 1000).toFixed(1)} s); ` +
        `healthy ${fmt(res.healthyAfterMs)} and writable ${fmt(res.writableAfterMs)} after the restart; ${ok ? 'ok' : 'FAIL'}`,
    );
    for (const p of res.problems.slice(0, 10)) console.log(`  ${p}`);
  }
} catch (e) {
  aborted = true;
  console.error(`db-kill: aborted in run ${completed + 1}: ${(e as Error).stack ?? e}`);
} finally {
  for (const d of dirs) {
    if (values.keep) {
      d.keep();
      console.log(`data directory kept at ${d.path}`);
    } else d.remove();
  }
}
const pass = !aborted && failed === 0 && completed === runs;
console.log(
  `db-kill verdict: ${pass ? 'PASS' : 'FAIL'} — ${completed - failed}/${runs} runs clean${aborted ? ' (aborted)' : ''} ` +
    `(limits: answers within ${DB_KILL_LIMITS.answerWithinMs / 1000} s while down, recovery within ${DB_KILL_LIMITS.recoverWithinMs / 1000} s)`,
);
process.exit(pass ? 0 : 1);
