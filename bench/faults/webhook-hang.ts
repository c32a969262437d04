/**
 * Group robots that hang or fail never slow the API:
 *
 *   npx tsx bench/faults/webhook-hang.ts [--before 20] [--during 45]
 *
 * The API (demo district, jobs on, deliveries every second, 10 s send timeout) under a steady
 * workload of reads and 批示 writes, first `--before` seconds with no robots, then `--during`
 * seconds with two robots that accept the connection and never answer, one that answers
 * HTTP 500 and one that works; every 批示 queues a message for each of them.
 * PASS when the workload has no errors, its p50 and p95 with the robots stay within
 * 1.5 × before + 25 ms, the faulty robots' messages wait for a retry with the error recorded
 * (timeout / HTTP 500) and scheduled within their backoff, none counts as sent, the working
 * robot gets every message within 5 s of its queuing (the faulty ones do not hold it up), and
 * the API shuts down cleanly.
 */
import { parseArgs } from 'node:util';
import { fmtMs } from '../lib/report.js';
import { webhookRound, WEBHOOK_LIMITS } from './lib/webhook-round.js';
import { exitOnSignals } from '../lib/api-process.js';

exitOnSignals();
const { values } = parseArgs({ options: { before: { type: 'string', default: '20' }, during: { type: 'string', default: '45' } } });
const beforeMs = Number(values.before) * 1000;
const duringMs = Number(values.during) * 1000;
if (!(beforeMs > 0) || !(duringMs > 0)) {
  console.error('usage: npx tsx bench/faults/webhook-hang.ts [--before seconds] [--during seconds]');
  process.exit(2);
}

let pass = false;
try {
  const r = await webhookRound({ beforeMs, duringMs, log: (m) => console.log(`  ${m}`) });
  const line = (name: string, s: typeof r.before) => `${name}: ${s.requests} requests, ${s.errors} errors, p50 ${fmtMs(s.p50)}, p95 ${fmtMs(s.p95)}, max ${fmtMs(s.max)}`;
  console.log(line('no robots     ', r.before));
  console.log(line('faulty robots ', r.during));
  for (const kind of ['hang', 'fail', 'ok'] as const) {
    const rows = r.deliveries[kind];
    const attempts = rows.reduce((s, x) => s + x.attempts, 0);
    const status = rows.reduce<Record<string, number>>((m, x) => ((m[x.status] = (m[x.status] ?? 0) + 1), m), {});
    console.log(`robot ${kind}: ${rows.length} messages ${JSON.stringify(status)}, ${attempts} attempts, ${r.robots[kind].received} requests received; e.g. ${rows.find((x) => x.lastError)?.lastError ?? '—'}`);
  }
  console.log(`working robot: ${r.okSent} of ${r.okDue} messages queued 5 s or more before the end were sent`);
  console.log(`shutdown: exit ${r.stopCode} in ${(r.stopMs / 1000).toFixed(1)} s`);
  for (const p of r.problems) console.log(`  ${p}`);
  pass = r.problems.length === 0;
  console.log(
    `webhook-hang verdict: ${pass ? 'PASS' : 'FAIL'} — p50 ${fmtMs(r.before.p50)} → ${fmtMs(r.during.p50)}, p95 ${fmtMs(r.before.p95)} → ${fmtMs(r.during.p95)} ` +
      `(allowed ${WEBHOOK_LIMITS.factor}× + ${WEBHOOK_LIMITS.slackMs} ms), ${r.before.errors + r.during.errors} errors`,
  );
} catch (e) {
  console.error(`webhook-hang: aborted: ${(e as Error).stack ?? e}`);
  console.log('webhook-hang verdict: FAIL (aborted)');
}
process.exit(pass ? 0 : 1);
