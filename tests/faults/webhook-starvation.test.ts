/**
 * Regression (found by bench/faults/webhook-hang.ts): robots that hang took every sending slot,
 * one 10 s timeout per queued message, so a working robot got 5 of 36 messages in 30 s. Now a
 * robot has one message in flight at a time and, once it failed, waits for the next run.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { trusted, type Types } from 'mongoose';
import { deliverDue, queueForWebhooks } from '../../api/src/modules/notifications/webhooks/outbox.js';
import { OutboxModel, WebhookModel } from '../../api/src/modules/notifications/webhooks/model.js';
import { useJobsDb } from '../jobs/helpers.js';
import { startRobot, type Robot } from '../../bench/faults/lib/robots.js';

describe('a hanging robot and a working one', () => {
  useJobsDb();
  const robots: Robot[] = [];
  afterAll(async () => {
    for (const r of robots) await r.close();
  });

  let hang: Robot;
  let hang2: Robot;
  let ok: Robot;
  beforeAll(async () => {
    [hang, hang2, ok] = await Promise.all([startRobot('hang'), startRobot('hang'), startRobot('ok')]);
    robots.push(hang, hang2, ok);
  });

  const hook = async (name: string, url: string) => (await WebhookModel.create([{ name, url, secret: null, unitId: null }]))[0]._id as Types.ObjectId;

  it('sends every message of the working robot in one run, trying each hanging robot once', async () => {
    const [h1, h2, good] = [await hook('hang-1', hang.url), await hook('hang-2', hang2.url), await hook('ok', ok.url)];
    const t0 = new Date('2026-05-01T00:00:00Z');
    // Queued first, so that a plain oldest-first claim gives every slot to the hanging robots.
    for (let i = 0; i < 4; i++) await queueForWebhooks(null, [h1, h2], { key: `hang-${i}`, title: 't', text: 'x' }, new Date(t0.getTime() + i));
    for (let i = 0; i < 5; i++) await queueForWebhooks(null, [good], { key: `ok-${i}`, title: 't', text: 'x' }, new Date(t0.getTime() + 100 + i));

    const started = Date.now();
    const report = await deliverDue({ now: () => new Date(t0.getTime() + 1_000), timeoutMs: 500, concurrency: 3 });
    const elapsed = Date.now() - started;

    expect(report).toEqual({ sent: 5, retrying: 2, failed: 0 });
    expect(ok.received).toBe(5);
    // One request per hanging robot; their other messages were left for the next run, untouched.
    expect(hang.received + hang2.received).toBe(2);
    const hangRows = await OutboxModel.find({ webhookId: trusted({ $in: [h1, h2] }) }).lean();
    expect(hangRows.filter((r) => r.attempts === 1)).toHaveLength(2);
    expect(hangRows.filter((r) => r.attempts === 0 && r.status === 'PENDING')).toHaveLength(6);
    // Bounded by one timeout, not one per queued message.
    expect(elapsed).toBeLessThan(1_500);
  });
});
