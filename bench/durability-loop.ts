/**
 * kill -9 durability loop for the embedded server's storage: N rounds of "append from a
 * child process, SIGKILL it at a random point, recover, check that every acknowledged
 * batch is there, whole". Rounds reuse one data directory, so each round also recovers from
 * the previous crash; snapshot frequency and writer count vary so kills land during
 * appends, snapshot writes and compaction alike. Exits 1 on the first loss.
 *
 *   npx tsx bench/durability-loop.ts [rounds=20]
 */
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crashRound } from '../tests/db/storage/fixtures/crash-run.js';

const rounds = Number(process.argv[2] ?? 20);
const dir = await mkdtemp(join(tmpdir(), 'zs-durability-'));
const acked = new Set<number>();
const random = (lo: number, hi: number) => lo + Math.floor(Math.random() * (hi - lo + 1));
const started = performance.now();
let failure: string | null = null;

for (let i = 1; i <= rounds && !failure; i++) {
  const opts = { killAfterAcks: random(1, 800), snapshotEveryRecords: random(30, 3000), writers: random(1, 32) };
  const r = await crashRound(dir, acked, opts);
  const files = await readdir(dir);
  console.log(
    `round ${String(i).padStart(3)}: ${JSON.stringify(opts)} acked ${r.acked}, total ${acked.size}; ` +
      `files ${files.filter((f) => /\.(wal|snap)$/.test(f)).join(' ')}` +
      (r.warnings.length ? `; recovery: ${r.warnings.join(' | ')}` : ''),
  );
  if (r.missing.length) failure = `round ${i}: ${r.missing.length} acknowledged batch(es) lost, e.g. ${r.missing.slice(0, 10).join(', ')}`;
  else if (r.partial.length) failure = `round ${i}: batch(es) ${r.partial.slice(0, 10).join(', ')} came back in part`;
  else if (/error/i.test(r.childStderr)) failure = `round ${i}: the child reported: ${r.childStderr.trim()}`;
}

const seconds = ((performance.now() - started) / 1000).toFixed(1);
if (failure) {
  console.log(`FAIL after ${seconds} s: ${failure}. Data directory kept at ${dir}`);
  process.exit(1);
}
await rm(dir, { recursive: true, force: true });
console.log(`PASS: ${rounds} kill -9 rounds in ${seconds} s, ${acked.size} acknowledged batches, none lost or torn.`);
