/** Prints the load run's figures and returns the verdict against the issue's targets. */
import { fmtMs, quantile, table } from '../lib/report.js';
import { OP_NAMES, type OpName } from './mix.js';
import type { DriverResult } from './driver.js';

export const TARGETS = { throughput: 300, p99Ms: 250, errors: 0 };

export interface RunInfo {
  connections: number;
  rate?: number;
  weights: Record<OpName, number>;
  load: [number, number];
  cores: number;
  apiAlive: boolean;
}

export function errorCount(r: DriverResult): { non2xx: number; graphql: number; user: number; transport: number; total: number } {
  const non2xx = Object.entries(r.statuses).reduce((s, [code, n]) => s + (code.startsWith('2') ? 0 : n), 0);
  const graphql = Object.values(r.graphqlErrors).reduce((a, b) => a + b, 0);
  const user = Object.values(r.userErrors).reduce((a, b) => a + b, 0);
  const transport = r.connErrors + r.timeouts;
  return { non2xx, graphql, user, transport, total: non2xx + graphql + user + transport };
}

export function printReport(r: DriverResult, info: RunInfo): boolean {
  const throughput = r.completed / r.durationSec;
  const [p50, p95, p99] = [0.5, 0.95, 0.99].map((q) => quantile(r.latencies, q));
  const e = errorCount(r);
  const totalWeight = OP_NAMES.reduce((s, o) => s + info.weights[o], 0);

  console.log(`\nper operation (${r.completed} answered requests in ${r.durationSec} s, ${r.distinctUsers} distinct users):\n`);
  console.log(
    table(
      ['operation', 'weight', 'requests', 'p50', 'p95', 'p99', 'errors'],
      OP_NAMES.filter((o) => r.byOp[o].count || info.weights[o]).map((o) => {
        const s = r.byOp[o];
        return [o, `${((100 * info.weights[o]) / totalWeight).toFixed(0)}%`, String(s.count), fmtMs(quantile(s.latencies, 0.5)), fmtMs(quantile(s.latencies, 0.95)), fmtMs(quantile(s.latencies, 0.99)), String(s.errors)];
      }),
    ),
  );
  console.log(`\nwrites acknowledged: ${r.writesAcknowledged}; writes that fell back to a read (no free node): ${r.fallbacks}; cut off by the end of the run: ${r.unanswered}`);
  if (e.total) {
    console.log(`errors: HTTP non-2xx ${e.non2xx} ${JSON.stringify(r.statuses)}, GraphQL ${e.graphql} ${JSON.stringify(r.graphqlErrors)}, payload ${e.user} ${JSON.stringify(r.userErrors)}, transport ${e.transport} (timeouts ${r.timeouts})`);
    for (const s of r.samples.slice(0, 5)) console.log(`  e.g. ${s}`);
  }

  const met = {
    throughput: throughput >= TARGETS.throughput,
    p99: p99 <= TARGETS.p99Ms,
    errors: e.total === TARGETS.errors && info.apiAlive,
  };
  console.log(`\nload: ${info.connections} connections${info.rate ? `, ${info.rate} req/s offered` : ' (closed loop)'}; load average ${info.load[0].toFixed(1)} → ${info.load[1].toFixed(1)} on ${info.cores} cores\n`);
  console.log(
    table(
      ['figure', 'measured', 'target'],
      [
        ['throughput', `${throughput.toFixed(1)} req/s`, `≥ ${TARGETS.throughput} req/s ${met.throughput ? 'met' : 'MISSED'}`],
        ['p50', fmtMs(p50), ''],
        ['p95', fmtMs(p95), ''],
        ['p99', fmtMs(p99), `≤ ${TARGETS.p99Ms} ms ${met.p99 ? 'met' : 'MISSED'}`],
        ['errors', `${e.total} (non-2xx ${e.non2xx}, GraphQL ${e.graphql}, payload ${e.user}, transport ${e.transport})`, `0 ${met.errors ? 'met' : 'MISSED'}`],
      ],
    ),
  );
  if (!info.apiAlive) console.log('the API process died during the run');
  const pass = met.throughput && met.p99 && met.errors;
  console.log(
    `\nload verdict: ${pass ? 'PASS' : 'FAIL'} — ${throughput.toFixed(0)} req/s, p50 ${fmtMs(p50)}, p95 ${fmtMs(p95)}, p99 ${fmtMs(p99)}, ${e.total} errors`,
  );
  return pass;
}
