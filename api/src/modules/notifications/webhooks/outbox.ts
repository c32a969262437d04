/**
 * The webhook outbox: messages are queued inside the transaction of the change that caused
 * them and delivered by the job runner. Delivery claims a due row by pushing its
 * `nextAttemptAt` past the send timeout (so two senders never send the same row at once),
 * sends with a hard timeout, and on failure retries with exponential backoff until
 * `maxAttempts`, keeping the last error for the administrator.
 *
 * Within one run a robot has at most one message in flight, and a robot that failed is not
 * tried again until the next run: a robot that hangs then holds one sending slot for one
 * timeout per run, instead of every slot for every one of its queued messages while the
 * messages of working robots wait behind them.
 */
import { trusted, Types } from 'mongoose';
import type { Logger } from '../../../lib/logger.js';
import { oid } from '../../../lib/records.js';
import type { Tx } from '../../../lib/tx.js';
import { OutboxModel, WebhookModel, type OutboxDoc, type WebhookDoc } from './model.js';
import { unseal } from '../../../lib/sealed.js';
import { markdownMessage, postToRobot, WebhookError } from './dingtalk.js';

export interface WebhookMessage {
  /** Identifies the message; one outbox row per (key, webhook). */
  key: string;
  title: string;
  /** Markdown. */
  text: string;
}

/** Queues a message for the enabled webhooks of these units and, if asked, the global ones. */
export async function enqueueWebhooks(tx: Tx | null, target: { unitIds?: string[]; global?: boolean }, msg: WebhookMessage, now = new Date()): Promise<number> {
  const or: Record<string, unknown>[] = [];
  const unitIds = [...new Set(target.unitIds ?? [])];
  if (unitIds.length) or.push({ unitId: trusted({ $in: unitIds.map(oid) }) });
  if (target.global) or.push({ unitId: null });
  if (!or.length) return 0;
  const hooks = (await WebhookModel.find({ enabled: true, $or: or }, { _id: 1 }).session(tx ?? null).lean()) as Pick<WebhookDoc, '_id'>[];
  return queueForWebhooks(tx, hooks.map((h) => h._id), msg, now);
}

/** Queues a message for these webhooks; idempotent per (message key, webhook). */
export async function queueForWebhooks(tx: Tx | null, webhookIds: Types.ObjectId[], msg: WebhookMessage, now = new Date()): Promise<number> {
  if (!webhookIds.length) return 0;
  const ops = webhookIds.map((webhookId) => {
    const row: OutboxDoc = {
      _id: new Types.ObjectId(),
      webhookId,
      key: `${msg.key}:${webhookId.toHexString()}`,
      title: msg.title,
      text: msg.text,
      status: 'PENDING',
      attempts: 0,
      nextAttemptAt: now,
      lastError: null,
      sentAt: null,
      createdAt: now,
    };
    return { updateOne: { filter: { key: row.key }, update: { $setOnInsert: row }, upsert: true } };
  });
  // The native collection: mongoose would add its own _id/defaults to the upsert.
  const r = await OutboxModel.collection.bulkWrite(ops, { ordered: false, session: tx ?? undefined });
  return r.upsertedCount;
}

export interface DeliveryOptions {
  now?: () => Date;
  /** Per request, headers and body included. */
  timeoutMs?: number;
  /** Requests in flight at once: a hanging robot holds one slot, the others carry on. */
  concurrency?: number;
  /** Rows handled per call at most. */
  batch?: number;
  maxAttempts?: number;
  /** First retry after this long, then doubling, capped at maxDelayMs. */
  baseDelayMs?: number;
  maxDelayMs?: number;
  fetchImpl?: typeof fetch;
  log?: Logger;
  /** The job's signal: stops claiming new rows (a send in flight is bounded by its timeout). */
  signal?: AbortSignal;
}

export const DELIVERY_DEFAULTS = { timeoutMs: 10_000, concurrency: 4, batch: 200, maxAttempts: 8, baseDelayMs: 30_000, maxDelayMs: 3_600_000 };

/** Delay before attempt n+1 after n failed attempts: base·2^(n−1), capped. */
export function backoffDelay(failedAttempts: number, baseDelayMs = DELIVERY_DEFAULTS.baseDelayMs, maxDelayMs = DELIVERY_DEFAULTS.maxDelayMs): number {
  return Math.min(maxDelayMs, baseDelayMs * 2 ** Math.max(0, failedAttempts - 1));
}

export interface DeliveryReport {
  sent: number;
  retrying: number;
  failed: number;
}

/** Sends every due outbox row (up to `batch`), `concurrency` at a time. */
export async function deliverDue(options: DeliveryOptions = {}): Promise<DeliveryReport> {
  const o = { ...DELIVERY_DEFAULTS, ...options };
  const now = o.now ?? (() => new Date());
  const report: DeliveryReport = { sent: 0, retrying: 0, failed: 0 };
  let claimed = 0;
  /** Robots with a message in flight, and robots that failed in this run: skipped by `claim`. */
  const sending = new Set<string>();
  const failedThisRun = new Set<string>();

  const claimNext = async (): Promise<OutboxDoc | null> => {
    if (claimed >= o.batch || o.signal?.aborted) return null;
    const t = now();
    const skip = [...sending, ...failedThisRun].map(oid);
    const row = (await OutboxModel.findOneAndUpdate(
      { status: 'PENDING', nextAttemptAt: trusted({ $lte: t }), ...(skip.length ? { webhookId: trusted({ $nin: skip }) } : {}) },
      // Held for the send's timeout and a margin; released by the outcome below.
      { $set: { nextAttemptAt: new Date(t.getTime() + o.timeoutMs + 30_000) } },
      { sort: { nextAttemptAt: 1, _id: 1 }, returnDocument: 'after' },
    ).lean()) as OutboxDoc | null;
    if (row) {
      claimed++;
      sending.add(row.webhookId.toHexString());
    }
    return row;
  };
  // One claim at a time, so that two workers never both take a message of the same robot.
  let claims: Promise<unknown> = Promise.resolve();
  const claim = (): Promise<OutboxDoc | null> => {
    const next = claims.then(claimNext);
    claims = next.catch(() => undefined);
    return next;
  };

  /** False when the robot failed (its other messages then wait for the next run). */
  const sendOne = async (row: OutboxDoc): Promise<boolean> => {
    const hook = (await WebhookModel.findById(row.webhookId).lean()) as WebhookDoc | null;
    if (!hook || !hook.enabled) {
      // Closed without a request: the robot's other messages may be closed in this run too.
      await OutboxModel.updateOne({ _id: row._id }, { $set: { status: 'FAILED', lastError: '机器人已删除或停用' } });
      report.failed++;
      return true;
    }
    const signals = [AbortSignal.timeout(o.timeoutMs), ...(o.signal ? [o.signal] : [])];
    try {
      // Opened here, inside the try: a key that cannot open them fails the delivery with a reason
      // the administrator sees (lastError), like any other failure.
      const url = unseal(hook.url, 'webhook.url');
      const secret = hook.secret ? unseal(hook.secret, 'webhook.secret') : null;
      await postToRobot(url, secret, markdownMessage(row.title, row.text), {
        signal: signals.length > 1 ? AbortSignal.any(signals) : signals[0],
        timestampMs: now().getTime(),
        fetchImpl: o.fetchImpl,
      });
      await OutboxModel.updateOne({ _id: row._id }, { $set: { status: 'SENT', sentAt: now(), lastError: null }, $inc: { attempts: 1 } });
      report.sent++;
      return true;
    } catch (e) {
      if (o.signal?.aborted) {
        // Shutting down mid-send: not the robot's fault; hand the row back for the next run.
        await OutboxModel.updateOne({ _id: row._id }, { $set: { nextAttemptAt: now() } });
        return true;
      }
      const attempts = row.attempts + 1;
      const lastError = e instanceof WebhookError ? e.message : String((e as Error)?.message ?? e).slice(0, 300);
      const dead = attempts >= o.maxAttempts;
      await OutboxModel.updateOne(
        { _id: row._id },
        { $set: { attempts, lastError, status: dead ? 'FAILED' : 'PENDING', nextAttemptAt: new Date(now().getTime() + backoffDelay(attempts, o.baseDelayMs, o.maxDelayMs)) } },
      );
      if (dead) report.failed++;
      else report.retrying++;
      o.log?.warn({ webhookId: hook._id.toHexString(), key: row.key, attempts, err: lastError }, dead ? 'webhook delivery abandoned' : 'webhook delivery failed; will retry');
      return false;
    }
  };

  const worker = async () => {
    for (let row = await claim(); row; row = await claim()) {
      const hook = row.webhookId.toHexString();
      try {
        if (!(await sendOne(row))) failedThisRun.add(hook);
      } finally {
        sending.delete(hook);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, o.concurrency) }, worker));
  return report;
}
