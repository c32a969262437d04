/**
 * The load generator, run as its own process by bench/load/run.ts so that the API under test
 * and the generator never share an event loop or a core's time slice:
 *
 *   node --import tsx bench/load/driver.ts <job.json>
 *
 * job.json: { planFile, resultFile, duration, connections, rate?, weights }. Drives autocannon
 * (one instance, `connections` keep-alive connections, each sending its next request when the
 * previous one is answered) with requests built by the Mix, classifies every answer, and
 * writes a DriverResult to resultFile.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import autocannon from 'autocannon';
import { Mix, OP_NAMES, WRITE_OPS, type BuiltRequest, type OpName } from './mix.js';
import type { Plan } from './plan.js';

export interface DriverJob {
  planFile: string;
  resultFile: string;
  duration: number;
  connections: number;
  /** Requests per second over all connections (open model); absent: as fast as answered. */
  rate?: number;
  weights: Record<OpName, number>;
}

export interface OpStats {
  count: number;
  latencies: number[];
  errors: number;
}

export interface DriverResult {
  durationSec: number;
  /** Answered requests. */
  completed: number;
  latencies: number[];
  byOp: Record<OpName, OpStats>;
  /** HTTP status → count. */
  statuses: Record<string, number>;
  /** Connection errors and timeouts (autocannon). */
  connErrors: number;
  timeouts: number;
  /** Top-level GraphQL errors by extensions.code. */
  graphqlErrors: Record<string, number>;
  /** Mutation payload errors (CONFLICT, VALIDATION, …) by code. */
  userErrors: Record<string, number>;
  /** Up to 20 error answers, for diagnosis. */
  samples: string[];
  distinctUsers: number;
  writesAcknowledged: number;
  fallbacks: number;
  /** Writes sent but never answered (timeouts, connection errors). */
  unanswered: number;
}

type Answer = {
  data?: Record<string, { node?: { version: number; status: string; confirmedAt: string | null } | null; errors?: { code: string; message: string }[] } | unknown>;
  errors?: { message: string; extensions?: { code?: string } }[];
};

const job = JSON.parse(readFileSync(process.argv[2], 'utf8')) as DriverJob;
const plan = JSON.parse(readFileSync(job.planFile, 'utf8')) as Plan;
const mix = new Mix(plan, job.weights);

const inflight = new Map<string, BuiltRequest>();
const result: DriverResult = {
  durationSec: 0,
  completed: 0,
  latencies: [],
  byOp: Object.fromEntries(OP_NAMES.map((o) => [o, { count: 0, latencies: [], errors: 0 }])) as unknown as Record<OpName, OpStats>,
  statuses: {},
  connErrors: 0,
  timeouts: 0,
  graphqlErrors: {},
  userErrors: {},
  samples: [],
  distinctUsers: 0,
  writesAcknowledged: 0,
  fallbacks: 0,
  unanswered: 0,
};
const users = new Set<number>();
let seq = 0;
let lastOp: OpName | null = null;
let lastFailed = false;
const bump = (m: Record<string, number>, k: string) => (m[k] = (m[k] ?? 0) + 1);
const sample = (s: string) => result.samples.length < 20 && result.samples.push(s.slice(0, 400));

function onAnswer(status: number, text: string, headers: Record<string, string | string[]>) {
  const id = String(headers['x-request-id'] ?? headers['X-Request-Id'] ?? '');
  const req = inflight.get(id);
  inflight.delete(id);
  lastOp = req?.op ?? null;
  lastFailed = false;
  if (!req) return;
  users.add(req.user);
  let answer: Answer | null = null;
  try {
    answer = JSON.parse(text) as Answer;
  } catch {
    answer = null;
  }
  let node: { version: number; status: string; confirmedAt: string | null } | null = null;
  if (status < 200 || status >= 300 || !answer) {
    lastFailed = true;
    sample(`${req.op} HTTP ${status}: ${text}`);
  } else if (answer.errors?.length) {
    lastFailed = true;
    for (const e of answer.errors) bump(result.graphqlErrors, e.extensions?.code ?? 'UNKNOWN');
    sample(`${req.op}: ${JSON.stringify(answer.errors)}`);
  } else if (WRITE_OPS.has(req.op)) {
    const payload = Object.values(answer.data ?? {})[0] as { node?: typeof node; errors?: { code: string; message: string }[] };
    if (payload?.errors?.length) {
      lastFailed = true;
      for (const e of payload.errors) bump(result.userErrors, e.code);
      sample(`${req.op}: ${JSON.stringify(payload.errors)}`);
    } else {
      node = payload?.node ?? null;
      result.writesAcknowledged++;
    }
  }
  mix.settle(req, node);
}

let finish!: (r: autocannon.Result) => void;
let fail!: (e: Error) => void;
const finished = new Promise<autocannon.Result>((res, rej) => ((finish = res), (fail = rej)));
const instance = autocannon(
  {
  url: `${plan.url}/graphql`,
  connections: job.connections,
  duration: job.duration,
  timeout: 30,
  ...(job.rate ? { overallRate: job.rate } : {}),
  requests: [
    {
      method: 'POST',
      path: '/graphql',
      setupRequest: (req) => {
        const built = mix.next();
        const id = `load-${(++seq).toString(36)}-${process.pid}`;
        inflight.set(id, built);
        return {
          ...req,
          method: 'POST',
          path: '/graphql',
          headers: { 'content-type': 'application/json', cookie: plan.users[built.user].cookie, 'x-request-id': id },
          body: built.body,
        };
      },
      onResponse: (status, body, _ctx, headers) => onAnswer(status, body, (headers ?? {}) as Record<string, string | string[]>),
    },
  ],
  },
  (err, res) => (err ? fail(err as Error) : finish(res)),
);

instance.on('response', (_client: unknown, status: number, _bytes: number, ms: number) => {
  result.completed++;
  result.latencies.push(ms);
  bump(result.statuses, String(status));
  if (lastOp) {
    const s = result.byOp[lastOp];
    s.count++;
    s.latencies.push(ms);
    if (lastFailed) s.errors++;
  }
  lastOp = null;
});

let ticks = 0;
let before = 0;
instance.on('tick', () => {
  if (++ticks % 10) return;
  process.stderr.write(`  ${ticks} s: ${((result.completed - before) / 10).toFixed(0)} req/s over the last 10 s, ${result.completed} answered\n`);
  before = result.completed;
});

const done = await finished;
result.durationSec = done.duration;
result.connErrors = done.errors - done.timeouts;
result.timeouts = done.timeouts;
result.distinctUsers = users.size;
result.fallbacks = mix.fallbacks;
result.unanswered = [...inflight.values()].filter((r) => WRITE_OPS.has(r.op)).length;
writeFileSync(job.resultFile, JSON.stringify(result));
