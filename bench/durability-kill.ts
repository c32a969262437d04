/**
 * Repeats the kill -9 durability round N times on one data directory (so later rounds also
 * replay the state of earlier ones) and prints one verdict line.
 *
 *   npx tsx bench/durability-kill.ts [rounds=20] [--writers 4] [--keep]
 *
 * Each round: start the CLI on the directory, stream acknowledged inserts from several
 * writers, SIGKILL the server after a random number of acknowledgements, restart, and
 * check that every acknowledged document is present and intact.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { killRun } from '../tests/testkit/kill-run.js';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { writers: { type: 'string', default: '4' }, keep: { type: 'boolean', default: false } },
});
const rounds = Number(positionals[0] ?? 20);
const writers = Number(values.writers);
if (!Number.isInteger(rounds) || rounds < 1 || !Number.isInteger(writers) || writers < 1) {
  console.error('usage: npx tsx bench/durability-kill.ts [rounds>=1] [--writers N] [--keep]');
  process.exit(2);
}

const dbpath = mkdtempSync(join(tmpdir(), 'zs-kill-'));
let acked = 0;
let lost = 0;
let corrupt = 0;
let failedRounds = 0;
let completed = 0;
let aborted = false;
const started = Date.now();

try {
  for (let r = 1; r <= rounds; r++) {
    // Vary the kill point so it lands at different places in the group-commit cycle.
    const killAfterAcks = 100 + Math.floor(Math.random() * 900);
    const res = await killRun({ dbpath, runId: `round${r}`, writers, killAfterAcks });
    acked += res.acked;
    lost += res.missing.length;
    corrupt += res.corrupt.length;
    const ok = res.missing.length === 0 && res.corrupt.length === 0;
    completed++;
    if (!ok) failedRounds++;
    console.log(
      `round ${String(r).padStart(2)}: acked ${res.acked}, attempted ${res.attempted}, recovered ${res.recovered}, ` +
        `lost ${res.missing.length}, corrupt ${res.corrupt.length} ${ok ? 'ok' : 'FAIL'}`,
    );
    if (!ok) console.log(`  lost ids (first 10): ${res.missing.slice(0, 10).join(', ')}\n${res.log}`);
  }
} catch (err) {
  console.error(`durability-kill: aborted in round ${completed + 1}: ${(err as Error).stack ?? err}`);
  aborted = true;
} finally {
  if (values.keep) console.log(`data directory kept at ${dbpath}`);
  else rmSync(dbpath, { recursive: true, force: true });
}

const secs = ((Date.now() - started) / 1000).toFixed(1);
const pass = failedRounds === 0 && !aborted;
console.log(
  `durability-kill verdict: ${pass ? 'PASS' : 'FAIL'} — ${completed - failedRounds}/${rounds} rounds clean${aborted ? ' (aborted)' : ''}, ` +
    `${acked} acknowledged inserts, ${lost} lost, ${corrupt} corrupt (${secs} s)`,
);
process.exit(pass ? 0 : 1);
