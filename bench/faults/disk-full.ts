/**
 * The data directory's disk fills up under a stream of writes:
 *
 *   sudo npx tsx bench/faults/disk-full.ts        (mounts a 32 MiB tmpfs: needs root)
 *
 * The API (embedded durable database in the tmpfs, demo district) takes follow-ups and node
 * reports from five clients; the rest of the tmpfs is filled until ENOSPC. PASS when: writes
 * are refused with STORAGE_FULL and a Chinese message within 5 s each (no crash, no hang) while
 * reads keep working; once the filler is removed writes are acknowledged again within 15 s
 * without a restart; after a restart every acknowledged write is there with exactly one audit
 * entry and no refused one is. Exits 1 on FAIL, 2 when a tmpfs cannot be mounted.
 */
import { fmtMs } from '../lib/report.js';
import { CannotMount, diskFullRound } from './lib/disk-full-round.js';
import { exitOnSignals } from '../lib/api-process.js';

exitOnSignals();
let code = 1;
try {
  const r = await diskFullRound({ log: (m) => console.log(`  ${m}`) });
  const v = r.verification;
  console.log(
    `acknowledged ${v.acked} (${r.ackedBeforeFull} before the disk filled, ${r.ackedWhileFull} into preallocated journal space), refused ${r.refusals} ${JSON.stringify(r.codes)}, ` +
      `slowest refusal ${fmtMs(r.slowestRefusalMs)}, writable ${r.writableAfterFreeMs === null ? 'never' : fmtMs(r.writableAfterFreeMs)} after freeing space`,
  );
  if (r.sampleMessage) console.log(`refusal message: ${r.sampleMessage}`);
  for (const p of r.problems) console.log(`  ${p}`);
  const pass = r.problems.length === 0;
  console.log(
    `disk-full verdict: ${pass ? 'PASS' : 'FAIL'} — ${v.acked} acknowledged writes, ${r.problems.filter((p) => p.startsWith('acknowledged')).length} lost; ` +
      `${r.refusals} refused, ${r.codes.STORAGE_FULL ?? 0} of them with STORAGE_FULL`,
  );
  code = pass ? 0 : 1;
} catch (e) {
  if (e instanceof CannotMount) {
    console.log(`disk-full: not run — ${e.message}`);
    code = 2;
  } else {
    console.error(`disk-full: aborted: ${(e as Error).stack ?? e}`);
    console.log('disk-full verdict: FAIL (aborted)');
  }
}
process.exit(code);
