/**
 * ADMIN manages the group robots. The URL carries the robot's access token and the secret
 * signs every message, so neither is ever returned or written to the audit log in full.
 */
import { Types } from 'mongoose';
import { Checks } from '../../../lib/checks.js';
import { DomainError, userError } from '../../../graphql/errors.js';
import { isId, oid, toPlain } from '../../../lib/records.js';
import { seal, unseal } from '../../../lib/sealed.js';
import { inTransaction } from '../../../lib/tx.js';
import type { Context } from '../../../context.js';
import { audit } from '../../audit/service.js';
import { UnitModel } from '../../org/model.js';
import { OutboxModel, WebhookModel, type OutboxDoc, type WebhookDoc } from './model.js';
import { queueForWebhooks } from './outbox.js';
import type { WebhookDeliveryRecord, WebhookRecord } from '../types.js';

const conflict = () => new DomainError(userError('CONFLICT', '机器人配置已被他人修改，请刷新后重试', 'input.version'));
const notFound = () => new DomainError(userError('NOT_FOUND', '机器人不存在'));

/** The robot's URL in plain text; null when it is sealed under a key this process does not hold. */
export function webhookUrl(d: Pick<WebhookDoc, 'url'>): string | null {
  try {
    return unseal(d.url, 'webhook.url');
  } catch {
    return null;
  }
}

export function toWebhook(d: WebhookDoc): WebhookRecord {
  const { secret, url: _sealed, ...rest } = d;
  return { ...(toPlain(rest) as Omit<WebhookRecord, 'hasSecret' | 'url'>), url: webhookUrl(d), hasSecret: !!secret };
}

/** The URL as the administrator may see it; says so when this process cannot open it. */
export function urlPreview(url: string | null): string {
  return url === null ? '（已加密，当前密钥无法解密）' : maskUrl(url);
}

/** Scheme, host and path; the query (access_token=…) is shown only by its first characters. */
export function maskUrl(raw: string): string {
  try {
    const u = new URL(raw);
    const query = u.search.length > 1 ? `?${u.search.slice(1, 14)}…` : '';
    return `${u.protocol}//${u.host}${u.pathname}${query}`;
  } catch {
    return '（地址无效）';
  }
}

export async function listWebhooks(): Promise<WebhookRecord[]> {
  const docs = (await WebhookModel.find({}).sort({ unitId: 1, name: 1, _id: 1 }).lean()) as WebhookDoc[];
  return docs.map(toWebhook);
}

export async function recentDeliveries(webhookId: string, first: number): Promise<WebhookDeliveryRecord[]> {
  const docs = (await OutboxModel.find({ webhookId: oid(webhookId) }).sort({ createdAt: -1, _id: -1 }).limit(first).lean()) as OutboxDoc[];
  return docs.map((d) => toPlain(d) as WebhookDeliveryRecord);
}

export interface WebhookInput {
  id?: string | null;
  version?: number | null;
  name: string;
  url?: string | null;
  secret?: string | null;
  unitId?: string | null;
  enabled?: boolean | null;
}

export async function saveWebhook(ctx: Context, input: WebhookInput): Promise<WebhookRecord> {
  const c = new Checks();
  const creating = !input.id;
  const current = input.id ? (isId(input.id) ? ((await WebhookModel.findById(oid(input.id)).lean()) as WebhookDoc | null) : null) : null;
  if (!creating && !current) throw notFound();
  if (!creating && input.version == null) c.add('version', '请提供版本号');
  const set: Record<string, unknown> = {};
  /** The URL before sealing: what the audit log describes (masked). */
  let plainUrl: string | undefined;
  set.name = c.text('name', input.name, '名称', { required: true, max: 64 });
  if (creating || input.url != null) {
    const url = c.text('url', input.url, '机器人地址', { required: true, max: 1000 });
    if (url) {
      let ok = false;
      try {
        const u = new URL(url);
        ok = (u.protocol === 'https:' || u.protocol === 'http:') && !u.username && !u.password && !u.hash;
      } catch {
        ok = false;
      }
      if (!ok) c.add('url', '机器人地址须为http(s)网址');
      plainUrl = url;
      set.url = seal(url, 'webhook.url');
    }
  }
  if (input.secret !== undefined && input.secret !== null) {
    const secret = input.secret.trim();
    if (secret.length > 200) c.add('secret', '加签密钥不能超过200个字符');
    set.secret = secret ? seal(secret, 'webhook.secret') : null;
  } else if (creating) set.secret = null;
  if (input.unitId !== undefined) {
    if (input.unitId === null) set.unitId = null;
    else if (!isId(input.unitId) || !(await UnitModel.exists({ _id: oid(input.unitId) }))) c.add('unitId', '单位不存在', 'NOT_FOUND');
    else set.unitId = oid(input.unitId);
  } else if (creating) set.unitId = null;
  set.enabled = input.enabled ?? true;
  c.throwIfAny();
  const shown = (s: Record<string, unknown>, url: string | null | undefined) => ({
    name: s.name,
    url: url === undefined ? undefined : urlPreview(url),
    signed: s.secret === undefined ? undefined : !!s.secret,
    unitId: s.unitId instanceof Types.ObjectId ? s.unitId.toHexString() : s.unitId,
    enabled: s.enabled,
  });
  return inTransaction(async (tx) => {
    let id: Types.ObjectId;
    if (creating) {
      id = new Types.ObjectId();
      await WebhookModel.create([{ _id: id, ...set, version: 0 }], { session: tx });
    } else {
      id = current!._id;
      const r = await WebhookModel.updateOne({ _id: id, version: input.version! }, { $set: set, $inc: { version: 1 } }, { session: tx });
      if (r.matchedCount !== 1) throw conflict();
    }
    await audit(ctx, tx, {
      action: creating ? 'webhook.create' : 'webhook.update',
      targetType: 'Webhook',
      targetId: id.toHexString(),
      before: current ? shown({ ...current, secret: current.secret ?? null }, webhookUrl(current)) : undefined,
      after: shown(set, plainUrl),
    });
    return toWebhook((await WebhookModel.findById(id).session(tx).lean()) as WebhookDoc);
  });
}

export async function deleteWebhook(ctx: Context, id: string): Promise<string> {
  const current = isId(id) ? ((await WebhookModel.findById(oid(id)).lean()) as WebhookDoc | null) : null;
  if (!current) throw notFound();
  return inTransaction(async (tx) => {
    await WebhookModel.deleteOne({ _id: current._id }, { session: tx });
    // Queued messages for it can never be sent.
    await OutboxModel.updateMany({ webhookId: current._id, status: 'PENDING' }, { $set: { status: 'FAILED', lastError: '机器人已删除' } }, { session: tx });
    await audit(ctx, tx, { action: 'webhook.delete', targetType: 'Webhook', targetId: id, before: { name: current.name, url: urlPreview(webhookUrl(current)) } });
    return id;
  });
}

/** Queues a test message (sent by the job runner within seconds). */
export async function testWebhook(ctx: Context, id: string): Promise<WebhookRecord> {
  const current = isId(id) ? ((await WebhookModel.findById(oid(id)).lean()) as WebhookDoc | null) : null;
  if (!current) throw notFound();
  if (!current.enabled) throw new DomainError(userError('INVALID_STATE', '机器人已停用，请先启用'));
  await inTransaction(async (tx) => {
    const key = `test:${new Types.ObjectId().toHexString()}`;
    const text = `### 测试消息\n\n这是招商项目全周期管理系统发送的测试消息，收到即表示机器人“${current.name}”配置正确。`;
    await queueForWebhooks(tx, [current._id], { key, title: '测试消息', text });
    await audit(ctx, tx, { action: 'webhook.test', targetType: 'Webhook', targetId: id });
  });
  return toWebhook(current);
}
