/**
 * Group robots that hang or fail must never slow the API. Two phases of the same workload on
 * the demo district (readers on lists, project pages, workbenches; a leader writing 批示, which
 * queues a robot message per matching robot in its transaction): first with no robots, then
 * with robots that hang, answer 500, and one that works. Compares the request latencies of the
 * two phases and reads the outbox as the administrator sees it.
 *
 * Shared by bench/faults/webhook-hang.ts and tests/faults.
 */
import { MongoClient, ObjectId } from 'mongodb';
import { DEFAULT_DB_NAME } from '../../../api/src/db/connection.js';
import { backoffDelay } from '../../../api/src/modules/notifications/webhooks/outbox.js';
import { quantile } from '../../lib/report.js';
import { spawnApi } from '../../lib/api-process.js';
import { tempDir } from '../../lib/temp.js';
import type { Session } from '../../lib/gql-client.js';
import { startRobot, type Robot } from './robots.js';
import { loginFresh } from './stream.js';

/** The verdict's latency allowance: during ≤ factor × before + slackMs, for p50 and p95. */
export const WEBHOOK_LIMITS = { factor: 1.5, slackMs: 25 };

export interface PhaseStats {
  requests: number;
  errors: number;
  p50: number;
  p95: number;
  max: number;
}

/** An outbox row as stored. */
export interface Delivery {
  status: string;
  attempts: number;
  nextAttemptAt: Date;
  lastError: string | null;
  createdAt: Date;
  sentAt: Date | null;
}

export interface WebhookRoundResult {
  before: PhaseStats;
  during: PhaseStats;
  deliveries: Record<'hang' | 'fail' | 'ok', Delivery[]>;
  robots: Record<'hang' | 'fail' | 'ok', { received: number }>;
  /** Messages for the working robot queued at least `okGraceMs` before the end, and how many of those were sent. */
  okDue: number;
  okSent: number;
  apiSurvived: boolean;
  stopMs: number;
  stopCode: number | null;
  problems: string[];
}

type Op = (s: Session) => Promise<{ status: number; errors?: unknown[]; data?: unknown }>;
type Loop = { session: Session; ops: Op[]; pauseMs?: number };

/** A message to the working robot must be sent within this long of being queued. */
export const OK_GRACE_MS = 5_000;

/** Runs `loops` (one per session) until `ms` elapsed; returns their latencies and error count. */
async function phase(loops: Loop[], ms: number): Promise<{ samples: number[]; errors: number; sampleErrors: string[] }> {
  const until = Date.now() + ms;
  const samples: number[] = [];
  const sampleErrors: string[] = [];
  let errors = 0;
  await Promise.all(
    loops.map(async ({ session, ops, pauseMs }) => {
      for (let i = 0; Date.now() < until; i++) {
        const t = performance.now();
        try {
          const r = await ops[i % ops.length](session);
          const payloadErrors = (Object.values((r.data ?? {}) as Record<string, { errors?: unknown[] }>)[0]?.errors ?? []).length;
          if (r.status !== 200 || r.errors?.length || payloadErrors) {
            errors++;
            if (sampleErrors.length < 5) sampleErrors.push(JSON.stringify(r).slice(0, 300));
          }
        } catch (e) {
          errors++;
          if (sampleErrors.length < 5) sampleErrors.push((e as Error).message);
        }
        samples.push(performance.now() - t);
        if (pauseMs) await new Promise((r) => setTimeout(r, pauseMs));
      }
    }),
  );
  return { samples, errors, sampleErrors };
}

const stats = (p: { samples: number[]; errors: number }): PhaseStats => ({
  requests: p.samples.length,
  errors: p.errors,
  p50: quantile(p.samples, 0.5),
  p95: quantile(p.samples, 0.95),
  max: Math.max(...p.samples),
});

export interface WebhookRoundOptions {
  beforeMs: number;
  duringMs: number;
  /** The API's send timeout per robot request (WEBHOOK_TIMEOUT_MS, default 10 s as in production). */
  sendTimeoutMs?: number;
  limits?: { factor: number; slackMs: number };
  log?: (m: string) => void;
}

export async function webhookRound(opts: WebhookRoundOptions): Promise<WebhookRoundResult> {
  const log = opts.log ?? (() => {});
  const limits = opts.limits ?? WEBHOOK_LIMITS;
  const dir = tempDir('zs-webhook-');
  const dataDir = dir.path;
  const robots: Robot[] = [];
  // Deliveries every second (instead of 10 s) so that the faulty robots are tried many times.
  // Info level: the outbox is read from the embedded database the API runs.
  const api = await spawnApi({
    dataDir,
    env: { SEED_IF_EMPTY: '1', LOG_LEVEL: 'info', JOBS_ENABLED: '1', JOB_TICK_MS: '500', WEBHOOK_INTERVAL_MS: '1000', WEBHOOK_TIMEOUT_MS: String(opts.sendTimeoutMs ?? 10_000) },
  });
  try {
    const [admin, promo, unit, leader] = await Promise.all(['admin', 'zhaoshang', 'jingxin', 'lingdao'].map((u) => loginFresh(api.url, u)));
    const projects = await promo.gql<{ projects: { nodes: { id: string }[] } }>(`{ projects(first: 20) { nodes { id } } }`);
    const projectIds = projects.data!.projects.nodes.map((p) => p.id);
    const me = await unit.gql<{ viewer: { user: { unit: { id: string } } } }>(`{ viewer { user { unit { id } } } }`);
    const unitId = me.data!.viewer.user.unit.id;
    let n = 0;
    const loops: Loop[] = [
      {
        session: promo,
        ops: [
          (s) => s.gql(`{ projects(first: 20) { nodes { id code name stage light overdueNodeCount platform { name } } totalCount } }`),
          (s) => s.gql(`query($id: ID!) { project(id: $id) { id name nodes { id name status plannedDate light } } }`, { id: projectIds[n++ % projectIds.length] }),
        ],
      },
      { session: unit, ops: [(s) => s.gql(`{ myNodes(first: 50) { id name plannedDate light project { id name } } }`)] },
      { session: leader, ops: [(s) => s.gql(`{ overdueNodes(first: 20) { nodes { overdueDays node { id name } project { id name } } totalCount } }`), (s) => s.gql(`{ viewer { user { id } } }`)] },
      {
        // 批示 to the unit, two a second: one robot message per global robot and per robot of the
        // unit, queued in the write's transaction.
        session: leader,
        pauseMs: 500,
        ops: [
          (s) =>
            s.gql(`mutation($input: InstructionInput!) { writeInstruction(input: $input) { instruction { id } errors { code message } } }`, {
              input: { projectId: projectIds[n++ % projectIds.length], content: `请加快推进（压测${n}）`, unitIds: [unitId] },
            }),
        ],
      },
    ];

    log(`phase 1: ${opts.beforeMs / 1000} s with no robots`);
    const before = await phase(loops, opts.beforeMs);

    for (const kind of ['hang', 'fail', 'ok'] as const) robots.push(await startRobot(kind));
    const [hang, fail, ok] = robots;
    const save = (name: string, url: string, unit: string | null) =>
      admin.gql<{ saveWebhook: { webhook: { id: string } | null; errors: unknown[] } }>(`mutation($input: WebhookInput!) { saveWebhook(input: $input) { webhook { id } errors { code message } } }`, {
        input: { name, url, unitId: unit, secret: 'SEC0123456789abcdef' },
      });
    const hooks = {
      hang: [await save('挂起的机器人（全区）', hang.url, null), await save('挂起的机器人（单位）', hang.url, unitId)],
      fail: [await save('报错的机器人', fail.url, null)],
      ok: [await save('正常的机器人', ok.url, null)],
    };
    for (const h of Object.values(hooks).flat()) if (!h.data?.saveWebhook.webhook) throw new Error(`saveWebhook failed: ${JSON.stringify(h)}`);
    log(`phase 2: ${opts.duringMs / 1000} s with robots that hang (2), fail with 500 (1) and work (1)`);
    const during = await phase(loops, opts.duringMs);

    const phaseEnd = Date.now();
    const deliveries = await readOutbox(api.embeddedUri(), {
      hang: hooks.hang.map((h) => h.data!.saveWebhook.webhook!.id),
      fail: hooks.fail.map((h) => h.data!.saveWebhook.webhook!.id),
      ok: hooks.ok.map((h) => h.data!.saveWebhook.webhook!.id),
    });
    const okDueRows = deliveries.ok.filter((x) => x.createdAt.getTime() <= phaseEnd - OK_GRACE_MS);
    const okSent = okDueRows.filter((x) => x.status === 'SENT').length;
    const apiSurvived = api.child.exitCode === null && api.child.signalCode === null;

    const t = Date.now();
    const exit = await api.stop();
    const stopMs = Date.now() - t;

    const b = stats(before);
    const d = stats(during);
    const problems: string[] = [];
    const allowed = (x: number) => limits.factor * x + limits.slackMs;
    if (!apiSurvived) problems.push('the API process exited');
    if (b.errors || d.errors) problems.push(`request errors: ${b.errors} before, ${d.errors} with the robots; e.g. ${[...before.sampleErrors, ...during.sampleErrors][0]}`);
    if (d.p50 > allowed(b.p50)) problems.push(`p50 ${d.p50.toFixed(1)} ms with the robots > ${allowed(b.p50).toFixed(1)} ms allowed`);
    if (d.p95 > allowed(b.p95)) problems.push(`p95 ${d.p95.toFixed(1)} ms with the robots > ${allowed(b.p95).toFixed(1)} ms allowed`);
    const now = Date.now();
    const backedOff = (x: Delivery) => x.status === 'PENDING' && x.attempts >= 1 && !!x.lastError && x.nextAttemptAt.getTime() > now;
    // A failed row's next try is at most one backoff step after its last failure (before now).
    const withinBackoff = (x: Delivery) => x.attempts === 0 || x.nextAttemptAt.getTime() - now <= backoffDelay(x.attempts);
    for (const kind of ['hang', 'fail'] as const) {
      const rows = deliveries[kind];
      if (!rows.some(backedOff)) problems.push(`no ${kind} robot message is waiting for a retry with its error recorded`);
      if (rows.some((x) => x.status === 'SENT')) problems.push(`a message to the ${kind} robot counts as sent`);
      if (!rows.every(withinBackoff)) problems.push(`a ${kind} robot message is scheduled beyond its backoff`);
    }
    if (!deliveries.hang.filter(backedOff).every((x) => /超时|中止/.test(x.lastError!))) problems.push('a hanging robot message failed with something other than a timeout');
    if (!deliveries.fail.filter(backedOff).every((x) => /HTTP 500/.test(x.lastError!))) problems.push('a failing robot message does not record HTTP 500');
    if (okSent < okDueRows.length) problems.push(`the working robot got ${okSent} of the ${okDueRows.length} messages queued ${OK_GRACE_MS / 1000} s or more before the end: the faulty robots held it up`);
    if (exit.code !== 0) problems.push(`the API did not shut down cleanly (exit ${JSON.stringify(exit)})`);
    return {
      before: b,
      during: d,
      deliveries,
      robots: { hang: { received: hang.received }, fail: { received: fail.received }, ok: { received: ok.received } },
      okDue: okDueRows.length,
      okSent,
      apiSurvived,
      stopMs,
      stopCode: exit.code,
      problems,
    };
  } finally {
    await api.stop();
    for (const r of robots) await r.close();
    dir.remove();
  }
}

async function readOutbox(uri: string, ids: Record<'hang' | 'fail' | 'ok', string[]>): Promise<WebhookRoundResult['deliveries']> {
  const client = new MongoClient(uri, { serverSelectionTimeoutMS: 10_000 });
  try {
    const coll = client.db(DEFAULT_DB_NAME).collection<Delivery & { webhookId: ObjectId }>('webhookOutbox');
    const read = (list: string[]) => coll.find({ webhookId: { $in: list.map((id) => new ObjectId(id)) } }).toArray();
    return { hang: await read(ids.hang), fail: await read(ids.fail), ok: await read(ids.ok) };
  } finally {
    await client.close();
  }
}
