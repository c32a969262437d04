/**
 * In-app notifications and robot webhooks through GraphQL: a 批示 notifies the staff of the
 * units it names (and only them) and queues messages for those units' robots and the
 * district's; each user reads, counts and marks only their own notifications; ADMIN alone
 * manages robots, whose URL token and secret never come back.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { useApi, type Client } from '../testkit/api.js';
import { createProject } from '../testkit/projects.js';
import { notificationsOf } from '../testkit/problems.js';
import { trusted } from 'mongoose';
import { OutboxModel } from '../../api/src/modules/notifications/webhooks/model.js';
import { AuditModel } from '../../api/src/modules/audit/model.js';

const api = useApi();
const WHO = ['admin', 'promo', 'unit_land', 'unit_jx', 'unit_hzw', 'owner_a', 'leader'] as const;
const c = {} as Record<(typeof WHO)[number], Client>;
let A: Awaited<ReturnType<typeof createProject>>;
const unit = (name: string) => api.ref.units.get(name)!;

const instruct = (content: string, unitIds: string[]) =>
  c.leader.gql(`mutation($i: InstructionInput!) { writeInstruction(input: $i) { instruction { id } errors { code field } } }`, { i: { projectId: A.id, content, unitIds } });

const WEBHOOK = `id name urlPreview hasSecret enabled version unit { id } recentDeliveries { title status attempts }`;
const save = (as: Client, input: Record<string, unknown>) => as.gql(`mutation($i: WebhookInput!) { saveWebhook(input: $i) { webhook { ${WEBHOOK} } errors { code field } } }`, { i: input });

beforeAll(async () => {
  for (const w of WHO) c[w] = await api.as(w);
  A = await createProject(api, c.promo, { ownerUserIds: [api.users.owner_a.id], platformId: api.ref.platforms.get('杭州湾经开区') });
});

describe('批示 notifications', () => {
  it('reach the staff of the units named, and nobody else', async () => {
    const r = await instruct('请区经信局、自然资源分局本周内协调解决用地指标', [unit('区经信局'), unit('区自然资源和规划分局')]);
    expect(r.data.writeInstruction.errors).toEqual([]);
    for (const who of ['unit_jx', 'unit_land'] as const) {
      const mine = (await notificationsOf(c[who])).filter((n) => n.kind === 'INSTRUCTION');
      expect(mine).toHaveLength(1);
      expect(mine[0]).toMatchObject({ read: false, project: { id: A.id }, problem: null });
      expect(mine[0].title).toContain('领导批示');
      expect(mine[0].body).toContain('本周内协调解决用地指标');
    }
    for (const who of ['unit_hzw', 'promo', 'owner_a', 'leader'] as const) {
      expect((await notificationsOf(c[who])).filter((n) => n.kind === 'INSTRUCTION')).toEqual([]);
    }
  });

  it('a rejected 批示 notifies nobody', async () => {
    const before = (await notificationsOf(c.unit_jx)).length;
    const r = await instruct('', [unit('区经信局')]);
    expect(r.data.writeInstruction.errors.map((e: { field: string }) => e.field)).toEqual(['input.content']);
    expect((await notificationsOf(c.unit_jx)).length).toBe(before);
  });
});

describe('reading notifications', () => {
  it('counts, pages and marks only the viewer\u2019s own', async () => {
    await instruct('第二条批示', [unit('区经信局'), unit('区自然资源和规划分局')]);
    await instruct('第三条批示', [unit('区经信局')]);
    const count = async (who: Client) => (await who.gql(`{ unreadNotificationCount }`)).data.unreadNotificationCount as number;
    const jx = await notificationsOf(c.unit_jx);
    expect(jx.length).toBeGreaterThanOrEqual(3);
    expect(await count(c.unit_jx)).toBe(jx.length);
    // Newest first.
    expect(jx[0].body).toContain('第三条批示');

    const seen: string[] = [];
    let after: string | null = null;
    for (;;) {
      const r: { data: { notifications: { nodes: { id: string }[]; pageInfo: { hasNextPage: boolean; endCursor: string } } } } = await c.unit_jx.gql(
        `query($a: String) { notifications(first: 1, after: $a) { nodes { id } pageInfo { hasNextPage endCursor } } }`,
        { a: after },
      );
      seen.push(...r.data.notifications.nodes.map((n) => n.id));
      if (!r.data.notifications.pageInfo.hasNextPage) break;
      after = r.data.notifications.pageInfo.endCursor;
    }
    expect(seen).toEqual(jx.map((n) => n.id));

    const land = await notificationsOf(c.unit_land);
    const landUnread = await count(c.unit_land);
    // Someone else's id changes nothing.
    const foreign = await c.unit_jx.gql(`mutation($ids: [ID!]!) { markNotificationsRead(ids: $ids) { count unreadCount errors { code } } }`, { ids: [land[0].id] });
    expect(foreign.data.markNotificationsRead).toEqual({ count: 0, unreadCount: jx.length, errors: [] });
    expect(await count(c.unit_land)).toBe(landUnread);

    const one = await c.unit_jx.gql(`mutation($ids: [ID!]!) { markNotificationsRead(ids: $ids) { count unreadCount } }`, { ids: [jx[0].id, jx[0].id] });
    expect(one.data.markNotificationsRead).toEqual({ count: 1, unreadCount: jx.length - 1 });
    const unread = await c.unit_jx.gql(`{ notifications(unreadOnly: true, first: 100) { totalCount nodes { id } } }`);
    expect(unread.data.notifications.nodes.map((n: { id: string }) => n.id)).not.toContain(jx[0].id);
    expect(unread.data.notifications.totalCount).toBe(jx.length - 1);

    const all = await c.unit_jx.gql(`mutation { markAllNotificationsRead { count unreadCount } }`);
    expect(all.data.markAllNotificationsRead).toEqual({ count: jx.length - 1, unreadCount: 0 });
    expect(await count(c.unit_land)).toBe(landUnread);
  });

  it('needs a signed-in user', async () => {
    const r = await api.anonymous().gql(`{ unreadNotificationCount }`);
    expect(r.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });
});

describe('robot webhooks', () => {
  const TOKEN = 'abcdef0123456789abcdef0123456789abcdef0123456789';
  const URL_ = `https://oapi.dingtalk.com/robot/send?access_token=${TOKEN}`;
  let first: { id: string }; // the first test's robot, of 区经信局

  it('only ADMIN manages them; the token and secret never come back', async () => {
    for (const who of ['promo', 'leader', 'unit_jx'] as const) {
      const r = await save(c[who], { name: '经信局群', url: URL_ });
      expect(r.errors?.[0].extensions?.code).toBe('FORBIDDEN');
      expect((await c[who].gql(`{ webhooks { id } }`)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    }
    const bad = await save(c.admin, { name: '', url: 'ftp://example.com/x', unitId: '0123456789abcdef01234567' });
    expect(bad.data.saveWebhook.errors.map((e: { field: string }) => e.field).sort()).toEqual(['input.name', 'input.unitId', 'input.url']);

    const made = await save(c.admin, { name: '经信局群', url: URL_, secret: 'SEC000111', unitId: unit('区经信局') });
    expect(made.data.saveWebhook.errors).toEqual([]);
    const w = made.data.saveWebhook.webhook;
    first = w;
    expect(w).toMatchObject({ name: '经信局群', hasSecret: true, enabled: true, unit: { id: unit('区经信局') } });
    expect(w.urlPreview).not.toContain(TOKEN);
    expect(w.urlPreview.startsWith('https://oapi.dingtalk.com/robot/send?')).toBe(true);
    const listed = await c.admin.gql(`{ webhooks { id urlPreview hasSecret } }`);
    expect(JSON.stringify(listed.data)).not.toContain(TOKEN);
    expect(JSON.stringify(listed.data)).not.toContain('SEC000111');
    // Audited, without the token or the secret.
    const audit = await AuditModel.find({ targetType: 'Webhook' }).lean();
    expect(audit.map((a) => a.action)).toContain('webhook.create');
    expect(JSON.stringify(audit)).not.toContain(TOKEN);
    expect(JSON.stringify(audit)).not.toContain('SEC000111');

    // Optimistic concurrency on updates; an empty secret removes signing.
    const stale = await save(c.admin, { id: w.id, version: w.version + 1, name: '经信局群' });
    expect(stale.data.saveWebhook.errors.map((e: { code: string }) => e.code)).toEqual(['CONFLICT']);
    const updated = await save(c.admin, { id: w.id, version: w.version, name: '经信局工作群', secret: '' });
    expect(updated.data.saveWebhook.webhook).toMatchObject({ name: '经信局工作群', hasSecret: false, unit: { id: unit('区经信局') } });
  });

  it('a 批示 queues one message per robot concerned; deleting a robot abandons its queue', async () => {
    const jx = (await save(c.admin, { name: '经信局群2', url: URL_, unitId: unit('区经信局') })).data.saveWebhook.webhook;
    const global = (await save(c.admin, { name: '全区群', url: URL_, secret: 'SECglobal' })).data.saveWebhook.webhook;
    const other = (await save(c.admin, { name: '住建局群', url: URL_, unitId: unit('区住建局') })).data.saveWebhook.webhook;
    const r = await instruct('请经信局牵头研究能耗指标', [unit('区经信局')]);
    const id = r.data.writeInstruction.instruction.id;
    const rows = await OutboxModel.find({ key: trusted({ $regex: `^instruction:${id}:` }) }).lean();
    // The robots of 区经信局 and the district's; not 住建局's.
    expect(rows.map((x) => x.webhookId.toHexString()).sort()).toEqual([jx.id, global.id, first.id].sort());
    expect(rows.every((x) => x.status === 'PENDING' && x.attempts === 0 && x.text.includes('请经信局牵头研究能耗指标'))).toBe(true);
    expect(rows.map((x) => x.webhookId.toHexString())).not.toContain(other.id);

    const deliveries = await c.admin.gql(`query { webhooks { id recentDeliveries(first: 5) { title status } } }`);
    const mine = deliveries.data.webhooks.find((h: { id: string }) => h.id === global.id);
    expect(mine.recentDeliveries[0]).toEqual({ title: expect.stringContaining('领导批示'), status: 'PENDING' });

    const del = await c.admin.gql(`mutation($id: ID!) { deleteWebhook(id: $id) { deletedId errors { code } } }`, { id: global.id });
    expect(del.data.deleteWebhook).toEqual({ deletedId: global.id, errors: [] });
    const after = await OutboxModel.find({ webhookId: global.id }).lean();
    expect(after.every((x) => x.status === 'FAILED')).toBe(true);

    const test = await c.admin.gql(`mutation($id: ID!) { testWebhook(id: $id) { webhook { recentDeliveries(first: 1) { title status } } errors { code } } }`, { id: other.id });
    expect(test.data.testWebhook.errors).toEqual([]);
    expect(await OutboxModel.countDocuments({ webhookId: other.id, title: '测试消息' })).toBe(1);
  });
});
