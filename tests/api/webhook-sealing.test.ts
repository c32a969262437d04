/**
 * Group robots' URLs (with their access token) and 加签 secrets are sealed in the database under
 * SECRETS_KEY (lib/sealed.ts): the stored bytes hold neither, the administrator still sees the
 * masked URL, the sender still posts to the right signed URL, a robot stored plain before the
 * key was set is sealed at start-up, and a key that cannot open them is said plainly instead of
 * failing the page.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Types } from 'mongoose';
import { useApi, type Client } from '../testkit/api.js';
import { isSealed, seal, SealedSecretError, setSecretsKey, unseal } from '../../api/src/lib/sealed.js';
import { OutboxModel, WebhookModel } from '../../api/src/modules/notifications/webhooks/model.js';
import { deliverDue, queueForWebhooks } from '../../api/src/modules/notifications/webhooks/outbox.js';
import { runUpgrades } from '../../api/src/db/upgrades.js';
import { AuditModel } from '../../api/src/modules/audit/model.js';
import { loadConfig } from '../../api/src/config.js';
import { memoryLogger } from '../jobs/helpers.js';

const api = useApi();
const KEY = randomBytes(32).toString('hex');
const TOKEN = 'feedface0123456789feedface0123456789feedface01';
const URL_ = `https://oapi.dingtalk.com/robot/send?access_token=${TOKEN}`;
const SECRET = 'SECsealed0123456789';
let admin: Client;

beforeAll(async () => {
  admin = await api.as('admin');
  setSecretsKey(KEY);
});
afterAll(() => setSecretsKey(null));

const save = (input: Record<string, unknown>) =>
  admin.gql(`mutation($i: WebhookInput!) { saveWebhook(input: $i) { webhook { id name urlPreview hasSecret version } errors { code field message } } }`, { i: input });

/** Posts captured by a stand-in for fetch: the URL the sender signed, and a DingTalk "ok". */
function robot() {
  const urls: string[] = [];
  const fetchImpl = (async (url: string | URL) => {
    urls.push(String(url));
    return new Response(JSON.stringify({ errcode: 0, errmsg: 'ok' }), { status: 200 });
  }) as typeof fetch;
  return { urls, fetchImpl };
}

describe('sealing', () => {
  it('opens what it sealed, only with the same key and for the same field; keeps plain text without a key', () => {
    const a = seal('https://x.example/hook?access_token=t', 'webhook.url');
    const b = seal('https://x.example/hook?access_token=t', 'webhook.url');
    expect(isSealed(a) && a !== b).toBe(true); // a fresh IV each time
    expect(unseal(a, 'webhook.url')).toBe('https://x.example/hook?access_token=t');
    expect(() => unseal(a, 'webhook.secret')).toThrow(SealedSecretError);
    const altered = a.slice(0, -4) + (a.endsWith('AAAA') ? 'BBBB' : 'AAAA');
    expect(() => unseal(altered, 'webhook.url')).toThrow(SealedSecretError);
    setSecretsKey(randomBytes(32).toString('hex'));
    expect(() => unseal(a, 'webhook.url')).toThrow('SECRETS_KEY');
    setSecretsKey(null);
    expect(seal('SECplain', 'webhook.secret')).toBe('SECplain');
    expect(() => unseal(a, 'webhook.url')).toThrow(SealedSecretError);
    setSecretsKey(KEY);
    expect(unseal('SEClegacy', 'webhook.secret')).toBe('SEClegacy');
  });

  it('refuses a key that is not 32 bytes of hex, at start-up', () => {
    expect(() => loadConfig({ SECRETS_KEY: 'abc' })).toThrow('SECRETS_KEY');
    expect(loadConfig({ SECRETS_KEY: KEY }).SECRETS_KEY).toBe(KEY);
  });
});

describe('group robots under SECRETS_KEY', () => {
  it('stores neither the token nor the secret, shows the masked URL, audits without them, and sends signed', async () => {
    const made = await save({ name: '加密测试群', url: URL_, secret: SECRET });
    expect(made.data.saveWebhook.errors).toEqual([]);
    const w = made.data.saveWebhook.webhook;
    expect(w.hasSecret).toBe(true);
    expect(w.urlPreview).toBe('https://oapi.dingtalk.com/robot/send?access_token=…');

    const stored = (await WebhookModel.collection.findOne({ _id: new Types.ObjectId(w.id) }))!;
    expect(isSealed(stored.url) && isSealed(stored.secret)).toBe(true);
    expect(JSON.stringify(stored)).not.toContain(TOKEN);
    expect(JSON.stringify(stored)).not.toContain(SECRET);
    const audit = await AuditModel.find({ targetType: 'Webhook', targetId: w.id }).lean();
    expect(JSON.stringify(audit)).toContain('https://oapi.dingtalk.com/robot/send?access_token=…');
    expect(JSON.stringify(audit)).not.toContain(TOKEN);
    expect(JSON.stringify(audit)).not.toContain('sealed:v1:');

    await queueForWebhooks(null, [new Types.ObjectId(w.id)], { key: `seal-test:${w.id}`, title: '测试', text: '测试' });
    const { urls, fetchImpl } = robot();
    expect((await deliverDue({ fetchImpl })).sent).toBe(1);
    expect(urls).toHaveLength(1);
    const sent = new URL(urls[0]);
    expect(sent.searchParams.get('access_token')).toBe(TOKEN);
    expect(sent.searchParams.get('sign')).toBeTruthy();
  });

  it('takes the longest URL and secret an administrator may enter, sealed', async () => {
    const long = `https://oapi.dingtalk.com/robot/send?access_token=${'t'.repeat(1000 - 50)}`;
    expect(long).toHaveLength(1000);
    const r = await save({ name: '最长地址群', url: long, secret: `SEC${'s'.repeat(197)}` });
    expect(r.data.saveWebhook.errors).toEqual([]);
    const stored = (await WebhookModel.collection.findOne({ _id: new Types.ObjectId(r.data.saveWebhook.webhook.id) }))!;
    expect(unseal(stored.url, 'webhook.url')).toBe(long);
    expect(unseal(stored.secret, 'webhook.secret')).toBe(`SEC${'s'.repeat(197)}`);
  });

  it('seals a robot stored plain before the key was set, at start-up, and it still sends', async () => {
    const id = new Types.ObjectId();
    await WebhookModel.collection.insertOne({ _id: id, name: '旧机器人', url: URL_, secret: SECRET, unitId: null, enabled: true, version: 0, createdAt: new Date(), updatedAt: new Date() });
    const { log, lines } = memoryLogger();
    await runUpgrades(log);
    const stored = (await WebhookModel.collection.findOne({ _id: id }))!;
    expect(isSealed(stored.url) && isSealed(stored.secret)).toBe(true);
    expect(lines.some((l) => l.msg?.includes('sealed group robot URLs'))).toBe(true);
    await runUpgrades(log); // idempotent: sealed values are left as they are
    expect((await WebhookModel.collection.findOne({ _id: id }))!.url).toBe(stored.url);
    const listed = await admin.gql(`{ webhooks { id urlPreview } }`);
    expect(listed.data.webhooks.find((x: { id: string }) => x.id === id.toHexString()).urlPreview).toBe('https://oapi.dingtalk.com/robot/send?access_token=…');
  });

  it('says so when the key cannot open them: the list shows it, deliveries fail with the reason', async () => {
    const w = (await save({ name: '换钥匙群', url: URL_, secret: SECRET })).data.saveWebhook.webhook;
    await queueForWebhooks(null, [new Types.ObjectId(w.id)], { key: `seal-lost:${w.id}`, title: '测试', text: '测试' });
    setSecretsKey(randomBytes(32).toString('hex'));
    try {
      const listed = await admin.gql(`{ webhooks { id urlPreview } }`);
      expect(listed.errors).toBeUndefined();
      expect(listed.data.webhooks.find((x: { id: string }) => x.id === w.id).urlPreview).toBe('（已加密，当前密钥无法解密）');
      const { urls, fetchImpl } = robot();
      await deliverDue({ fetchImpl });
      expect(urls).toEqual([]);
      const row = (await OutboxModel.findOne({ webhookId: new Types.ObjectId(w.id) }).lean())!;
      expect(row.lastError).toBe('机器人地址或加签密钥无法解密：请检查服务器的 SECRETS_KEY 配置');
    } finally {
      setSecretsKey(KEY);
    }
  });
});
