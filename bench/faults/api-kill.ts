/**
 * kill -9 of the API process during a stream of mutations, on the embedded durable database
 * (in-process, one data directory for every round, so later rounds also replay earlier ones):
 *
 *   npx tsx bench/faults/api-kill.ts [--runs 1] [--keep]
 *
 * Each round: 3 PROMOTION clients add follow-ups to leads and 3 owner/unit clients report
 * progress on nodes, all at once; SIGKILL to the API's process group after a random number
 * (20–200) of acknowledgements; restart on the same DATA_DIR; then every acknowledged mutation
 * must be present with exactly one audit entry, every unanswered one present at most once and
 * only with its audit entry, each node's version and note consistent, and the restarted API must
 * take a new mutation. Prints one line per round and the verdict; exits 1 on FAIL.
 */
import { parseArgs } from 'node:util';
import { apiKillRound, startFaultApi } from './lib/api-kill-round.js';
import { exitOnSignals, type ApiProcess } from '../lib/api-process.js';
import { tempDir } from '../lib/temp.js';

exitOnSignals();
const { values } = parseArgs({ options: { runs: { type: 'string', default: '1' }, keep: { type: 'boolean', default: false } } });
const runs = Number(values.runs);
if (!Number.isInteger(runs) || runs < 1) {
  console.error('usage: npx tsx bench/faults/api-kill.ts [--runs N] [--keep]');
  process.exit(2);
}

const dir = tempDir('zs-api-kill-');
const dataDir = dir.path;
const started = Date.now();
let api: ApiProcess | null = null;
let failed = 0;
let completed = 0;
let acked = 0;
let lost = 0;
let aborted = false;
const restarts: number[] = [];
try {
  console.log(`api-kill: demo district in ${dataDir}`);
  api = await startFaultApi(dataDir, true);
  for (let r = 1; r <= runs; r++) {
    const killAfter = 20 + Math.floor(Math.random() * 181);
    const res = await apiKillRound(api, dataDir, { killAfter });
    api = res.api;
    const v = res.verification;
    const ok = v.ok && res.writableAfterRestart;
    completed++;
    acked += v.acked;
    lost += v.problems.filter((p) => p.startsWith('acknowledged')).length;
    restarts.push(res.restartMs);
    if (!ok) failed++;
    console.log(
      `run ${String(r).padStart(2)}: killed after ${res.killedAfterAcks} acks — acknowledged ${v.acked}, unanswered ${v.unknown} (${v.unknownCommitted} committed), ` +
        `refused ${res.record.refused.length}; restart ${(res.restartMs / 1000).toFixed(1)} s; ${ok ? 'ok' : 'FAIL'}`,
    );
    for (const p of v.problems.slice(0, 10)) console.log(`  ${p}`);
    if (!res.writableAfterRestart) console.log('  the restarted API refused a new mutation');
  }
} catch (e) {
  aborted = true;
  console.error(`api-kill: aborted in run ${completed + 1}: ${(e as Error).stack ?? e}`);
  if (api) console.error(api.output().slice(-3000));
} finally {
  await api?.stop();
  if (values.keep) {
    dir.keep();
    console.log(`data directory kept at ${dataDir}`);
  } else dir.remove();
}

const pass = !aborted && failed === 0 && completed === runs;
const maxRestart = restarts.length ? Math.max(...restarts) / 1000 : 0;
console.log(
  `api-kill verdict: ${pass ? 'PASS' : 'FAIL'} — ${completed - failed}/${runs} runs clean${aborted ? ' (aborted)' : ''}, ${acked} acknowledged mutations, ` +
    `${lost} lost or not audited exactly once; restart ≤ ${maxRestart.toFixed(1)} s (${((Date.now() - started) / 1000).toFixed(0)} s in all)`,
);
process.exit(pass ? 0 : 1);
