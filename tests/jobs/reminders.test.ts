/**
 * Daily reminders: the selection for a fixed date (pure), then a real run against the database
 * that is idempotent for the day; the weekly digest; the system's escalation of problems that
 * went RED without an answer.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { Types } from 'mongoose';
import { DEFAULT_LIGHT_CONFIG } from '../../api/src/domain/lights.js';
import { addDays, today } from '../../api/src/domain/dates.js';
import { reminderKey, reminderMessage, selectReminders, type ReminderInput } from '../../api/src/jobs/reminders/select.js';
import { sendDailyReminders } from '../../api/src/jobs/reminders/send.js';
import { sendWeeklyDigest } from '../../api/src/jobs/digest.js';
import { escalateOverdueProblems } from '../../api/src/jobs/escalate.js';
import { NotificationModel } from '../../api/src/modules/notifications/model.js';
import { OutboxModel, WebhookModel } from '../../api/src/modules/notifications/webhooks/model.js';
import { ProblemModel } from '../../api/src/modules/problems/model.js';
import { raiseProblem, moveProblem } from '../../api/src/modules/problems/service.js';
import { createUser, signProject } from '../../seeds/factories.js';
import { serviceContext } from '../../seeds/context.js';
import type { UserRecord } from '../../api/src/modules/users/types.js';
import { useJobsDb } from './helpers.js';

const open = (plannedDate: string) => ({ status: 'PENDING' as const, actualDate: null, plannedDate });

describe('selectReminders (fixed date 2026-03-10)', () => {
  const D = '2026-03-10';
  const input: ReminderInput = {
    asOf: D,
    lights: DEFAULT_LIGHT_CONFIG,
    problemDueSoonDays: 3,
    projects: [
      { id: 'P1', name: '项目一', code: 'SY1', ownerUserIds: ['o1'] },
      { id: 'P2', name: '项目二', code: 'SY2', ownerUserIds: [] },
    ],
    nodes: [
      { id: 'n1', projectId: 'P1', name: '公司注册', unitId: 'U1', facts: open('2026-03-01') }, // overdue 9
      { id: 'n2', projectId: 'P1', name: '土地摘牌', unitId: 'U2', facts: open('2026-03-25') }, // due in 15: the edge, in
      { id: 'n3', projectId: 'P1', name: '施工许可', unitId: 'U1', facts: open('2026-03-26') }, // 16: out
      { id: 'n4', projectId: 'P1', name: '立项备案', unitId: 'U1', facts: { status: 'DONE', actualDate: '2026-03-02', plannedDate: '2026-03-01' } },
      { id: 'n5', projectId: 'P3', name: '开工', unitId: 'U1', facts: open('2026-01-01') }, // project not live
      { id: 'n6', projectId: 'P2', name: '开工', unitId: null, facts: open(D) }, // due today, nobody to tell
    ],
    problems: [
      { id: 'q1', projectId: 'P2', title: '用电增容', leadUnitId: 'U2', coUnitIds: ['U3'], facts: { raisedOn: '2026-03-01', deadline: '2026-03-09' } }, // overdue 1
      { id: 'q2', projectId: 'P1', title: '人才公寓', leadUnitId: 'U1', coUnitIds: [], facts: { raisedOn: '2026-03-01', deadline: '2026-03-13' } }, // due in 3: in
      { id: 'q3', projectId: 'P1', title: '政策兑现', leadUnitId: 'U1', coUnitIds: [], facts: { raisedOn: '2026-03-01', deadline: '2026-03-14' } }, // 4: out
      { id: 'q4', projectId: 'P1', title: '已销号', leadUnitId: 'U1', coUnitIds: [], facts: { raisedOn: '2026-02-01', deadline: '2026-03-01', resolvedOn: '2026-03-05' } },
      { id: 'q5', projectId: 'P1', title: '明天才提', leadUnitId: 'U1', coUnitIds: [], facts: { raisedOn: '2026-03-11', deadline: '2026-03-01' } },
    ],
    usersByUnit: new Map([
      ['U1', ['u1a', 'u1b']],
      ['U2', ['u2']],
      ['U3', ['u3']],
    ]),
  };
  const r = selectReminders(input);
  const ids = (list: { nodeId: string | null; problemId: string | null }[] | undefined) => (list ?? []).map((i) => i.nodeId ?? i.problemId);

  it('picks overdue and due-soon items of live projects, most overdue first', () => {
    expect(r.items.map((i) => [i.nodeId ?? i.problemId, i.kind, i.days])).toEqual([
      ['n1', 'NODE_OVERDUE', 9],
      ['q1', 'PROBLEM_OVERDUE', 1],
      ['n6', 'NODE_DUE_SOON', 0],
      ['q2', 'PROBLEM_DUE_SOON', 3],
      ['n2', 'NODE_DUE_SOON', 15],
    ]);
  });

  it('sends each to the responsible unit\u2019s staff and the project\u2019s owners', () => {
    expect(Object.fromEntries([...r.byUser].map(([u, list]) => [u, ids(list)]))).toEqual({
      u1a: ['n1', 'q2'],
      u1b: ['n1', 'q2'],
      u2: ['q1', 'n2'],
      u3: ['q1'],
      o1: ['n1', 'q2', 'n2'],
    });
    expect(Object.fromEntries([...r.byUnit].map(([u, list]) => [u, ids(list)]))).toEqual({ U1: ['n1', 'q2'], U2: ['q1', 'n2'], U3: ['q1'] });
  });

  it('words a reminder in Chinese, one line per item', () => {
    const m = reminderMessage(D, r.byUser.get('o1')!);
    expect(m.title).toBe('2026-03-10 每日提醒：1个节点逾期、1个节点即将到期、1个督办问题即将到期');
    expect(m.body.split('\n')).toEqual(['【节点逾期9天】项目一 · 公司注册', '【督办问题3天后到期】项目一 · 人才公寓', '【节点15天后到期】项目一 · 土地摘牌']);
    expect(reminderKey(D, 'o1')).toBe('reminder:2026-03-10:o1');
    const many = reminderMessage(D, Array.from({ length: 40 }, () => r.items[0]), 30);
    expect(many.body.split('\n')).toHaveLength(31);
    expect(many.body).toContain('等共40项');
  });
});

describe('the daily run against the database', () => {
  const db = useJobsDb({ reference: true });
  const users = {} as Record<'promo' | 'unit_land' | 'unit_jx' | 'owner' | 'leader' | 'leader2', UserRecord>;
  let projectId: string;
  let problemId: string;

  beforeAll(async () => {
    const mk = (username: string, role: UserRecord['role'], unit?: string) =>
      createUser({ username, displayName: username, password: 'Test@2026', role, unitId: unit ? db.ref.units.get(unit)! : null });
    users.promo = await mk('promo', 'PROMOTION');
    users.unit_land = await mk('unit_land', 'UNIT', '区自然资源和规划分局');
    users.unit_jx = await mk('unit_jx', 'UNIT', '区经信局');
    users.owner = await mk('owner', 'OWNER');
    users.leader = await mk('leader', 'LEADER');
    users.leader2 = await mk('leader2', 'LEADER');
    // Signed 100 days ago: 公司注册 (+30), 立项备案 (+45) and 土地摘牌 (+90, 区自然资源和规划分局) are overdue.
    const p = await signProject(users.promo, {
      name: '提醒测试项目',
      investor: '提醒测试有限公司',
      industryCode: 'C2651',
      source: 'NEW_INVESTMENT',
      platformId: db.ref.platforms.get('杭州湾经开区')!,
      totalInvestment: 200_000_000,
      templateKey: 'STANDARD_LAND',
      signedOn: addDays(today(), -100),
      leadUnitId: db.ref.units.get('区经信局')!,
      ownerUserIds: [users.owner.id],
    });
    projectId = p.id;
    const q = await raiseProblem(serviceContext(users.owner), { projectId, category: 'UTILITIES', title: '天然气管网接入', description: '管网未到厂区', deadline: addDays(today(), 2) });
    problemId = q.id;
    await WebhookModel.create([
      { name: '自然资源分局群', url: 'https://oapi.dingtalk.com/robot/send?access_token=x1', unitId: new Types.ObjectId(db.ref.units.get('区自然资源和规划分局')!) },
      { name: '全区群', url: 'https://oapi.dingtalk.com/robot/send?access_token=x2', unitId: null },
    ]);
  });

  it('gives each person one reminder for the day, however often it runs', async () => {
    const D = today();
    const first = await sendDailyReminders(D, { problemDueSoonDays: 3 });
    expect(first.notified).toBe(3); // unit_land (土地摘牌), unit_jx (the problem), the owner (everything)
    const again = await sendDailyReminders(D, { problemDueSoonDays: 3 });
    expect(again).toMatchObject({ notified: 0, robotMessages: 0, items: first.items });

    const reminders = await NotificationModel.find({ kind: 'DAILY_REMINDER' }).lean();
    const byUser = new Map(reminders.map((n) => [n.userId.toHexString(), n]));
    expect(reminders).toHaveLength(3);
    expect([...byUser.keys()].sort()).toEqual([users.unit_land.id, users.unit_jx.id, users.owner.id].sort());
    expect(byUser.get(users.unit_land.id)!.body).toBe('【节点逾期10天】提醒测试项目 · 土地摘牌(供地)');
    expect(byUser.get(users.unit_jx.id)!.body).toBe('【督办问题2天后到期】提醒测试项目 · 天然气管网接入');
    expect(byUser.get(users.unit_jx.id)!.problemId?.toHexString()).toBe(problemId);
    expect(byUser.get(users.owner.id)!.title).toBe(`${D} 每日提醒：3个节点逾期、1个督办问题即将到期`);
    expect(byUser.get(users.owner.id)!.key).toBe(`reminder:${D}:${users.owner.id}`);

    // One robot message for the unit, one district summary; none for units without a robot.
    const rows = await OutboxModel.find({}).lean();
    expect(rows.map((r) => r.key.split(':').slice(0, 3).join(':')).sort()).toEqual([`reminder:${D}:district`, `reminder:${D}:unit`].sort());

    // The next day is a new reminder.
    await sendDailyReminders(addDays(D, 1), { problemDueSoonDays: 3 });
    expect(await NotificationModel.countDocuments({ kind: 'DAILY_REMINDER', userId: users.owner.id } as never)).toBe(2);
  });

  it('sends leaders one digest a week', async () => {
    const monday = today();
    expect(await sendWeeklyDigest(monday)).toBe(2);
    expect(await sendWeeklyDigest(monday)).toBe(0);
    const digests = await NotificationModel.find({ kind: 'WEEKLY_DIGEST' }).lean();
    expect(digests.map((d) => d.userId.toHexString()).sort()).toEqual([users.leader.id, users.leader2.id].sort());
    expect(digests[0].body).toContain('逾期节点3个');
    expect(digests[0].body).toContain('在办督办问题1个');
  });

  it('escalates, as the system, unanswered problems overdue beyond 15 days, once', async () => {
    const ctx = serviceContext(users.owner);
    const late = await raiseProblem(ctx, { projectId, category: 'LAND', title: '土地出让延期', description: '出让公告未发布', deadline: today() });
    const answered = await raiseProblem(ctx, { projectId, category: 'POLICY', title: '政策兑现', description: '补助未兑现', deadline: today() });
    const jx = serviceContext(users.unit_jx);
    const accepted = await moveProblem(jx, 'ACCEPT', answered.id, answered.version, null);
    await moveProblem(jx, 'RESPOND', answered.id, accepted.version, '已提交财政审核');
    const D = addDays(today(), 16);
    // As of D both deadlines are 16 days past: RED. Only the unanswered one is escalated.
    expect(await escalateOverdueProblems(addDays(today(), 15))).toBe(0);
    expect(await escalateOverdueProblems(D)).toBe(1);
    expect(await escalateOverdueProblems(D)).toBe(0);
    const doc = (await ProblemModel.findById(late.id).lean())!;
    expect(doc.status).toBe('ESCALATED');
    expect(doc.escalation).toMatchObject({ by: null, reason: '逾期超过15天仍未答复，系统自动升级' });
    expect(doc.timeline.at(-1)).toMatchObject({ action: 'ESCALATE', by: null, role: 'SYSTEM' });
    expect((await ProblemModel.findById(answered.id).lean())!.status).toBe('RESPONDED');
    const told = await NotificationModel.find({ kind: 'PROBLEM_ESCALATED', problemId: late.id } as never).lean();
    expect(told.map((n) => n.userId.toHexString()).sort()).toEqual([users.unit_jx.id, users.owner.id, users.leader.id, users.leader2.id].sort());
  });
});
