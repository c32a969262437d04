/**
 * DingTalk robot delivery: the 加签 signature against a value computed by hand (openssl), and
 * the outbox against local HTTP robots on 127.0.0.1 — one that fails and then succeeds (retry
 * with exponential backoff), one that answers errcode ≠ 0, one that hangs (abandoned at the
 * timeout while the others are delivered, and the job runner goes on with other jobs).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Types } from 'mongoose';
import { dingTalkSign, markdownMessage, signedUrl } from '../../api/src/modules/notifications/webhooks/dingtalk.js';
import { backoffDelay, deliverDue, queueForWebhooks } from '../../api/src/modules/notifications/webhooks/outbox.js';
import { OutboxModel, WebhookModel } from '../../api/src/modules/notifications/webhooks/model.js';
import { JobRunner } from '../../api/src/jobs/runner.js';
import { every } from '../../api/src/jobs/schedule.js';
import { memoryLogger, useJobsDb } from './helpers.js';

describe('DingTalk signature', () => {
  // printf '1700000000000\nSEC0123456789abcdef' | openssl dgst -sha256 -hmac 'SEC0123456789abcdef' -binary | base64
  const SIGN = 'TSZbRFUuvaSQaRKUpF970OPCb2/LcQAP3wOvwZIzBZk=';

  it('is base64(HMAC-SHA256(secret, "timestamp\\nsecret")), URL-encoded onto the URL', () => {
    expect(dingTalkSign('SEC0123456789abcdef', 1700000000000)).toBe(SIGN);
    expect(signedUrl('https://oapi.dingtalk.com/robot/send?access_token=abc', 'SEC0123456789abcdef', 1700000000000)).toBe(
      'https://oapi.dingtalk.com/robot/send?access_token=abc&timestamp=1700000000000&sign=TSZbRFUuvaSQaRKUpF970OPCb2%2FLcQAP3wOvwZIzBZk%3D',
    );
    expect(signedUrl('https://robot.example/hook', 'SEC0123456789abcdef', 1700000000000)).toContain('/hook?timestamp=1700000000000&sign=');
    expect(signedUrl('https://robot.example/hook?x=1', null, 1700000000000)).toBe('https://robot.example/hook?x=1');
  });

  it('sends markdown', () => {
    expect(markdownMessage('标题\n换行', '### 内容')).toEqual({ msgtype: 'markdown', markdown: { title: '标题 换行', text: '### 内容' } });
  });

  it('backs off exponentially up to a cap', () => {
    expect([1, 2, 3, 4].map((n) => backoffDelay(n, 1000, 5000))).toEqual([1000, 2000, 4000, 5000]);
    expect(backoffDelay(1)).toBe(30_000);
  });
});

describe('outbox delivery', () => {
  useJobsDb();
  let server: Server;
  let base: string;
  const seen: { path: string; query: URLSearchParams; body: any }[] = [];
  let flakyCalls = 0;

  beforeAll(async () => {
    server = createServer((req: IncomingMessage, res: ServerResponse) => {
      const u = new URL(req.url!, 'http://x');
      let raw = '';
      req.on('data', (c) => (raw += c));
      req.on('end', () => {
        seen.push({ path: u.pathname, query: u.searchParams, body: raw ? JSON.parse(raw) : null });
        const json = (status: number, body: unknown) => res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
        if (u.pathname === '/ok') return json(200, { errcode: 0, errmsg: 'ok' });
        if (u.pathname === '/flaky') return ++flakyCalls === 1 ? json(500, { message: 'busy' }) : json(200, { errcode: 0, errmsg: 'ok' });
        if (u.pathname === '/denied') return json(200, { errcode: 310000, errmsg: 'sign not match' });
        // '/hang': never answers.
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  });

  const hook = async (path: string, secret: string | null = null) => {
    const [doc] = await WebhookModel.create([{ name: path, url: `${base}${path}?access_token=t${path.slice(1)}`, secret, unitId: null }]);
    return doc._id as Types.ObjectId;
  };
  const row = async (id: Types.ObjectId) => (await OutboxModel.findOne({ webhookId: id }).lean())!;

  it('retries a failing robot with backoff, abandons a hanging one at the timeout, delivers the rest', async () => {
    const ok = await hook('/ok', 'SECok');
    const flaky = await hook('/flaky', 'SECflaky');
    const hang = await hook('/hang');
    const t0 = new Date('2026-03-10T00:30:00Z');
    await queueForWebhooks(null, [ok, flaky, hang], { key: 'msg-1', title: '督办提醒', text: '### 督办提醒\n\n- 第一项' }, t0);
    // Queuing again is a no-op.
    expect(await queueForWebhooks(null, [ok, flaky, hang], { key: 'msg-1', title: '督办提醒', text: 'x' }, t0)).toBe(0);

    let clock = t0;
    const now = () => clock;
    const opts = { now, timeoutMs: 400, concurrency: 2, baseDelayMs: 30_000, maxAttempts: 3 };
    const started = Date.now();
    expect(await deliverDue(opts)).toEqual({ sent: 1, retrying: 2, failed: 0 });
    expect(Date.now() - started).toBeLessThan(5_000);

    const sent = seen.find((s) => s.path === '/ok')!;
    expect(sent.body).toEqual({ msgtype: 'markdown', markdown: { title: '督办提醒', text: '### 督办提醒\n\n- 第一项' } });
    expect(sent.query.get('access_token')).toBe('tok');
    expect(sent.query.get('timestamp')).toBe(String(t0.getTime()));
    expect(sent.query.get('sign')).toBe(dingTalkSign('SECok', t0.getTime()));
    expect(await row(ok)).toMatchObject({ status: 'SENT', attempts: 1, lastError: null, sentAt: t0 });
    expect(await row(flaky)).toMatchObject({ status: 'PENDING', attempts: 1, lastError: expect.stringContaining('HTTP 500'), nextAttemptAt: new Date(t0.getTime() + 30_000) });
    expect(await row(hang)).toMatchObject({ status: 'PENDING', attempts: 1, lastError: '请求超时或被中止', nextAttemptAt: new Date(t0.getTime() + 30_000) });

    // Not due yet: nothing is sent.
    clock = new Date(t0.getTime() + 29_000);
    expect(await deliverDue(opts)).toEqual({ sent: 0, retrying: 0, failed: 0 });

    // After the backoff: the flaky robot takes it; the hanging one waits twice as long now.
    clock = new Date(t0.getTime() + 30_000);
    expect(await deliverDue(opts)).toEqual({ sent: 1, retrying: 1, failed: 0 });
    expect(await row(flaky)).toMatchObject({ status: 'SENT', attempts: 2, lastError: null });
    expect(await row(hang)).toMatchObject({ attempts: 2, nextAttemptAt: new Date(clock.getTime() + 60_000) });

    // The last attempt gives up for good.
    clock = new Date(clock.getTime() + 60_000);
    expect(await deliverDue(opts)).toEqual({ sent: 0, retrying: 0, failed: 1 });
    expect(await row(hang)).toMatchObject({ status: 'FAILED', attempts: 3 });
    expect(flakyCalls).toBe(2);
  });

  it('treats a DingTalk errcode as a failure, and a disabled robot as undeliverable', async () => {
    const denied = await hook('/denied', 'SECwrong');
    const off = await hook('/ok');
    await WebhookModel.updateOne({ _id: off }, { $set: { enabled: false } });
    const t = new Date('2026-04-01T00:30:00Z');
    await queueForWebhooks(null, [denied, off], { key: 'msg-2', title: 't', text: 'x' }, t);
    expect(await deliverDue({ now: () => t, timeoutMs: 1000 })).toEqual({ sent: 0, retrying: 1, failed: 1 });
    expect(await row(denied)).toMatchObject({ status: 'PENDING', lastError: 'errcode 310000: sign not match' });
    expect(await row(off)).toMatchObject({ status: 'FAILED', lastError: '机器人已删除或停用' });
  });

  it('a hanging robot holds up no other job of the runner', async () => {
    const hang = await hook('/hang');
    await queueForWebhooks(null, [hang], { key: 'msg-3', title: 't', text: 'x' });
    const counted: string[] = [];
    const { log } = memoryLogger();
    const runner = new JobRunner({
      log,
      tickMs: 20,
      jobs: [
        { name: 'test-webhooks', due: every(60_000), run: async ({ signal }) => void (await deliverDue({ signal, timeoutMs: 1_500, concurrency: 1 })) },
        { name: 'test-count', due: every(50), run: async ({ period }) => void counted.push(period) },
      ],
    });
    const started = Date.now();
    runner.start();
    await new Promise((r) => setTimeout(r, 600));
    // While the delivery still waits on the robot, the other job kept running.
    expect(counted.length).toBeGreaterThanOrEqual(3);
    expect(Date.now() - started).toBeLessThan(1_500);
    // Stopping mid-send hands the message back untouched, for the next run to try.
    await runner.stop(5_000);
    const back = await row(hang);
    expect(back).toMatchObject({ status: 'PENDING', attempts: 0, lastError: null });
    expect(back.nextAttemptAt.getTime()).toBeLessThanOrEqual(Date.now());
  });
});
