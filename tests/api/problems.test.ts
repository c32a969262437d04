/**
 * 督办 problems through GraphQL: the lifecycle with each actor and the moves they may not make,
 * colours at the yellow/red edge, owner and unit scope (by id, in lists, through nested
 * edges), internal fields, 批示 on a problem, and a project's light turned YELLOW by an overdue
 * problem.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { useApi, type Client } from '../testkit/api.js';
import { createProject } from '../testkit/projects.js';
import { attachPdf, move, notificationsOf, raise, raiseOk, read } from '../testkit/problems.js';
import { addDays, today } from '../../api/src/domain/dates.js';
import { ProblemModel } from '../../api/src/modules/problems/model.js';
import { oid } from '../../api/src/lib/records.js';

const api = useApi();
const WHO = ['admin', 'promo', 'promo_cej', 'unit_land', 'unit_jx', 'unit_hzw', 'owner_a', 'owner_b', 'leader'] as const;
const c = {} as Record<(typeof WHO)[number], Client>;
let A: Awaited<ReturnType<typeof createProject>>; // 杭州湾经开区, owner_a, lead unit 区经信局, a liaison leader
let B: Awaited<ReturnType<typeof createProject>>; // 曹娥江经开区, owner_b
const unit = (name: string) => api.ref.units.get(name)!;

beforeAll(async () => {
  for (const w of WHO) c[w] = await api.as(w);
  A = await createProject(api, c.promo, {
    ownerUserIds: [api.users.owner_a.id],
    platformId: api.ref.platforms.get('杭州湾经开区'),
    leadUnitId: unit('区经信局'),
    liaisonLeaderId: api.ref.leaders[1],
  });
  B = await createProject(api, c.promo, { ownerUserIds: [api.users.owner_b.id], platformId: api.ref.platforms.get('曹娥江经开区'), leadUnitId: unit('区经信局') });
});

describe('lifecycle', () => {
  it('goes OPEN → ACCEPTED → RESPONDED → (sent back) → RESPONDED → RESOLVED, each move by its actor only', async () => {
    const raised = await raise(c.owner_a, { projectId: A.id, coUnitIds: [unit('区自然资源和规划分局')] });
    expect(raised.errors).toEqual([]);
    let p = raised.problem!;
    expect(p).toMatchObject({ status: 'OPEN', colour: 'BLUE', overdue: false, leadUnit: { name: '区经信局' }, coUnits: [{ name: '区自然资源和规划分局' }], projectName: expect.any(String) });
    expect(p.timeline.map((s) => s.action)).toEqual(['RAISE']);

    // The lead unit's and co-unit's staff are told; the project's owner (who raised it) is not.
    expect((await notificationsOf(c.unit_jx)).filter((n) => n.problem?.id === p.id).map((n) => n.kind)).toEqual(['PROBLEM_RAISED']);
    expect((await notificationsOf(c.unit_land)).filter((n) => n.problem?.id === p.id).map((n) => n.kind)).toEqual(['PROBLEM_RAISED']);
    expect((await notificationsOf(c.owner_a)).filter((n) => n.problem?.id === p.id)).toEqual([]);

    const asUnit = await read(c.unit_jx, p.id);
    expect(asUnit!.viewerCan).toMatchObject({ accept: true, respond: false, resolve: false, escalate: false });
    expect((await read(c.unit_land, p.id))!.viewerCan).toMatchObject({ accept: false });

    // Only the lead unit signs for it; answering needs signing first.
    expect((await move(c.unit_land, 'acceptProblem', p.id, p.version)).errors.map((e) => e.code)).toEqual(['FORBIDDEN']);
    expect((await move(c.leader, 'acceptProblem', p.id, p.version)).errors.map((e) => e.code)).toEqual(['FORBIDDEN']);
    expect((await move(c.owner_a, 'acceptProblem', p.id, p.version)).errors.map((e) => e.code)).toEqual(['FORBIDDEN']);
    expect((await move(c.unit_jx, 'respondProblem', p.id, p.version, '已协调')).errors.map((e) => e.code)).toEqual(['INVALID_STATE']);
    expect((await move(c.unit_jx, 'acceptProblem', p.id, p.version + 1)).errors.map((e) => e.code)).toEqual(['CONFLICT']);

    let r = await move(c.unit_jx, 'acceptProblem', p.id, p.version, '已签收，正在协调');
    expect(r.errors).toEqual([]);
    p = r.problem!;
    expect(p.status).toBe('ACCEPTED');
    expect((await notificationsOf(c.owner_a)).filter((n) => n.problem?.id === p.id).map((n) => n.kind)).toEqual(['PROBLEM_ACCEPTED']);

    expect((await move(c.owner_a, 'resolveProblem', p.id, p.version)).errors.map((e) => e.code)).toEqual(['INVALID_STATE']);
    r = await move(c.unit_jx, 'respondProblem', p.id, p.version, '   ');
    expect(r.errors).toEqual([expect.objectContaining({ code: 'VALIDATION', field: 'response' })]);
    r = await move(c.unit_jx, 'respondProblem', p.id, p.version, '已与自然资源分局对接，指标本月下达');
    expect(r.errors).toEqual([]);
    p = r.problem!;
    expect(p).toMatchObject({ status: 'RESPONDED', response: '已与自然资源分局对接，指标本月下达' });

    // The unit cannot close its own answer; the raiser sends it back, with a reason.
    expect((await move(c.unit_jx, 'resolveProblem', p.id, p.version)).errors.map((e) => e.code)).toEqual(['FORBIDDEN']);
    expect((await move(c.owner_b, 'resolveProblem', p.id, p.version)).errors.map((e) => e.code)).toEqual(['NOT_FOUND']);
    r = await move(c.owner_a, 'sendBackProblem', p.id, p.version, '');
    expect(r.errors).toEqual([expect.objectContaining({ code: 'VALIDATION', field: 'reason' })]);
    r = await move(c.owner_a, 'sendBackProblem', p.id, p.version, '指标仍未下达');
    expect(r.errors).toEqual([]);
    p = r.problem!;
    expect(p).toMatchObject({ status: 'ACCEPTED', response: null });
    expect((await notificationsOf(c.unit_jx)).filter((n) => n.problem?.id === p.id).map((n) => n.kind).sort()).toEqual(['PROBLEM_RAISED', 'PROBLEM_SENT_BACK']);

    p = (await move(c.unit_jx, 'respondProblem', p.id, p.version, '指标已下达，见附件')).problem!;
    // Resolving needs evidence.
    r = await move(c.owner_a, 'resolveProblem', p.id, p.version);
    expect(r.errors).toEqual([expect.objectContaining({ code: 'VALIDATION', field: 'evidence' })]);
    expect((await attachPdf(c.owner_b, p.id)).errors.map((e) => e.code)).toEqual(['NOT_FOUND']);
    r = await attachPdf(c.unit_jx, p.id, '用地指标批复.pdf');
    expect(r.errors).toEqual([]);
    p = r.problem!;
    expect(p.evidence.map((e) => e.filename)).toEqual(['用地指标批复.pdf']);
    // Whoever sees the problem downloads its evidence; another owner does not.
    expect((await c.owner_a.agent.get(p.evidence[0].url)).status).toBe(200);
    expect((await c.owner_b.agent.get(p.evidence[0].url)).status).toBe(404);

    r = await move(c.owner_a, 'resolveProblem', p.id, p.version, '确认已解决');
    expect(r.errors).toEqual([]);
    p = r.problem!;
    expect(p).toMatchObject({ status: 'RESOLVED', colour: null, overdue: false });
    expect(p.viewerCan).toMatchObject({ accept: false, respond: false, resolve: false, escalate: false, uploadEvidence: false });
    expect(p.timeline.map((s) => `${s.action}:${s.toStatus ?? ''}`)).toEqual([
      'RAISE:OPEN',
      'ACCEPT:ACCEPTED',
      'RESPOND:RESPONDED',
      'SEND_BACK:ACCEPTED',
      'RESPOND:RESPONDED',
      'ATTACH_EVIDENCE:RESPONDED',
      'RESOLVE:RESOLVED',
    ]);
    expect(p.timeline[3]).toMatchObject({ actor: { id: api.users.owner_a.id }, actorRole: 'OWNER', note: '指标仍未下达' });
    expect((await move(c.promo, 'escalateProblem', p.id, p.version, '测试')).errors.map((e) => e.code)).toEqual(['INVALID_STATE']);

    // Every step is audited in the project's history.
    const h = await c.promo.gql(`query($id: ID!) { project(id: $id) { history(first: 50) { nodes { action actor { id } } } } }`, { id: A.id });
    const actions = h.data.project.history.nodes.map((n: { action: string }) => n.action);
    for (const a of ['problem.raise', 'problem.accept', 'problem.respond', 'problem.sendBack', 'problem.attachEvidence', 'problem.resolve']) expect(actions).toContain(a);
  });

  it('PROMOTION escalates to the liaison leader; the lead unit still answers; it stays RED', async () => {
    let p = await raiseOk(c.promo, { projectId: A.id, category: 'FUNDING', title: '设备补助资金未拨付', internalNote: '财政资金紧张' });
    p = (await move(c.unit_jx, 'acceptProblem', p.id, p.version)).problem!;
    expect((await move(c.unit_jx, 'escalateProblem', p.id, p.version, '协调不动')).errors.map((e) => e.code)).toEqual(['FORBIDDEN']);
    expect((await move(c.owner_a, 'escalateProblem', p.id, p.version, '协调不动')).errors.map((e) => e.code)).toEqual(['FORBIDDEN']);
    expect((await move(c.promo_cej, 'escalateProblem', p.id, p.version, '协调不动')).errors.map((e) => e.code)).toEqual(['NOT_FOUND']);
    expect((await move(c.promo, 'escalateProblem', p.id, p.version, ' ')).errors).toEqual([expect.objectContaining({ code: 'VALIDATION', field: 'reason' })]);
    const r = await move(c.promo, 'escalateProblem', p.id, p.version, '涉及多部门，需领导协调');
    expect(r.errors).toEqual([]);
    p = r.problem!;
    expect(p).toMatchObject({ status: 'ESCALATED', colour: 'RED', escalation: { reason: '涉及多部门，需领导协调', by: { id: api.users.promo.id }, liaisonLeader: { id: api.ref.leaders[1] } } });
    const leaderNews = (await notificationsOf(c.leader)).filter((n) => n.problem?.id === p.id);
    expect(leaderNews.map((n) => n.kind)).toEqual(['PROBLEM_ESCALATED']);
    expect(leaderNews[0].body).toContain('包联领导');

    p = (await move(c.unit_jx, 'respondProblem', p.id, p.version, '已报请领导协调，资金下周拨付')).problem!;
    expect(p).toMatchObject({ status: 'RESPONDED', colour: 'RED' });
    // The raiser (here PROMOTION) may send the answer back.
    expect((await move(c.promo, 'sendBackProblem', p.id, p.version, '请明确拨付日期')).problem!.status).toBe('ACCEPTED');
  });

  it('re-assigns the lead unit only while OPEN, and tells the new unit', async () => {
    let p = await raiseOk(c.owner_a, { projectId: A.id, category: 'APPROVAL', title: '环评批复进度' });
    expect((await c.unit_jx.gql(`mutation($i: AssignProblemInput!) { assignProblem(input: $i) { errors { code } } }`, { i: { id: p.id, version: p.version, leadUnitId: unit('区自然资源和规划分局') } })).data.assignProblem.errors).toEqual([
      { code: 'FORBIDDEN' },
    ]);
    const assign = async (i: Record<string, unknown>) =>
      (await c.promo.gql(`mutation($i: AssignProblemInput!) { assignProblem(input: $i) { problem { id version status deadline leadUnit { name } timeline { action note } } errors { code field } } }`, { i })).data.assignProblem;
    let r = await assign({ id: p.id, version: p.version, leadUnitId: unit('区自然资源和规划分局'), deadline: addDays(today(), 20) });
    expect(r.errors).toEqual([]);
    expect(r.problem).toMatchObject({ leadUnit: { name: '区自然资源和规划分局' }, deadline: addDays(today(), 20) });
    expect(r.problem.timeline.at(-1).action).toBe('ASSIGN');
    expect((await notificationsOf(c.unit_land)).filter((n) => n.problem?.id === p.id).map((n) => n.kind)).toEqual(['PROBLEM_ASSIGNED']);
    p = (await read(c.promo, p.id))!;
    p = (await move(c.unit_land, 'acceptProblem', p.id, p.version)).problem!;
    r = await assign({ id: p.id, version: p.version, leadUnitId: unit('区经信局') });
    expect(r.errors).toEqual([{ code: 'INVALID_STATE', field: 'input.leadUnitId' }]);
    r = await assign({ id: p.id, version: p.version, deadline: addDays(today(), -1) });
    expect(r.errors).toEqual([{ code: 'VALIDATION', field: 'input.deadline' }]);
  });

  it('rejects bad input when raising, and nobody outside the project may raise on it', async () => {
    const bad = await raise(c.owner_a, { projectId: A.id, title: '', deadline: addDays(today(), -1), coUnitIds: ['0123456789abcdef01234567'], internalNote: '内部' });
    expect(bad.errors.map((e) => e.field).sort()).toEqual(['input.coUnitIds', 'input.deadline', 'input.internalNote', 'input.title']);
    expect((await raise(c.owner_b, { projectId: A.id })).errors.map((e) => e.code)).toEqual(['NOT_FOUND']);
    expect((await raise(c.leader, { projectId: A.id })).errors.map((e) => e.code)).toEqual(['FORBIDDEN']);
    expect((await raise(c.promo_cej, { projectId: A.id })).errors.map((e) => e.code)).toEqual(['NOT_FOUND']);
    const noLead = await createProject(api, c.promo, { platformId: api.ref.platforms.get('杭州湾经开区') });
    expect((await raise(c.promo, { projectId: noLead.id })).errors.map((e) => e.field)).toEqual(['input.leadUnitId']);
  });
});

describe('colour as of a date', () => {
  it('is BLUE to the deadline, YELLOW up to 15 days over, RED from the 16th', async () => {
    const deadline = addDays(today(), 3);
    const p = await raiseOk(c.promo, { projectId: A.id, deadline, title: '电力增容' });
    const at = async (d: string) => {
      const v = (await read(c.promo, p.id, d))!;
      return [v.colour, v.overdue, v.overdueDays];
    };
    expect(await at(addDays(today(), -1))).toEqual([null, false, 0]); // not raised yet
    expect(await at(deadline)).toEqual(['BLUE', false, 0]);
    expect(await at(addDays(deadline, 1))).toEqual(['YELLOW', true, 1]);
    expect(await at(addDays(deadline, 15))).toEqual(['YELLOW', true, 15]);
    expect(await at(addDays(deadline, 16))).toEqual(['RED', true, 16]);

    const list = async (colour: string, d: string) =>
      (await c.promo.gql(`query($f: ProblemFilter, $d: Date) { problems(filter: $f, asOf: $d, first: 100) { nodes { id } } }`, { f: { projectId: A.id, colour: [colour] }, d })).data.problems.nodes.map(
        (n: { id: string }) => n.id,
      );
    expect(await list('YELLOW', addDays(deadline, 15))).toContain(p.id);
    expect(await list('RED', addDays(deadline, 15))).not.toContain(p.id);
    expect(await list('RED', addDays(deadline, 16))).toContain(p.id);
    expect(await list('YELLOW', addDays(deadline, 16))).not.toContain(p.id);
    expect(await list('BLUE', deadline)).toContain(p.id);
    const overdue = await c.promo.gql(`query($d: Date) { problems(filter: { overdue: true }, asOf: $d, first: 100) { nodes { id overdueDays } } }`, { d: addDays(deadline, 2) });
    expect(overdue.data.problems.nodes).toContainEqual({ id: p.id, overdueDays: 2 });
  });
});

describe('scope', () => {
  let onA: string;
  let onB: string;
  beforeAll(async () => {
    onA = (await raiseOk(c.promo, { projectId: A.id, title: 'A的问题', internalNote: '内部：企业欠税' })).id;
    onB = (await raiseOk(c.owner_b, { projectId: B.id, title: 'B的问题', coUnitIds: [unit('杭州湾经开区管委会')] })).id;
    const w = await c.leader.gql(`mutation($i: InstructionInput!) { writeInstruction(input: $i) { instruction { id problem { id } } errors { code field } } }`, {
      i: { projectId: A.id, problemId: onA, content: '请经信局一周内办结', unitIds: [unit('区经信局')] },
    });
    expect(w.data.writeInstruction.errors).toEqual([]);
    expect(w.data.writeInstruction.instruction.problem).toEqual({ id: onA });
  });

  it('an owner never reaches another owner\u2019s problem: not by id, list or nested edge', async () => {
    expect(await read(c.owner_b, onA)).toBeNull();
    const list = await c.owner_b.gql(`{ problems(first: 100) { totalCount nodes { id project { id } } } }`);
    expect(list.errors).toBeUndefined();
    const ids = list.data.problems.nodes.map((n: { id: string }) => n.id);
    expect(ids).toContain(onB);
    expect(ids).not.toContain(onA);
    expect(list.data.problems.nodes.every((n: { project: { id: string } }) => n.project.id === B.id)).toBe(true);
    expect(list.data.problems.totalCount).toBe(ids.length);
    const nested = await c.owner_b.gql(`query($id: ID!) { project(id: $id) { problems { id } openProblemCount } }`, { id: A.id });
    expect(nested.data.project).toBeNull();
    const filtered = await c.owner_b.gql(`query($p: ID!) { problems(filter: { projectId: $p }) { nodes { id } } }`, { p: A.id });
    expect(filtered.data.problems.nodes).toEqual([]);
  });

  it('an owner sees their project\u2019s problems without internal fields', async () => {
    const own = (await read(c.owner_a, onA))!;
    expect(own.internalNote).toBeNull();
    expect(own.timeline.map((s) => s.action)).not.toContain('INSTRUCTION');
    const ins = await c.owner_a.gql(`query($id: ID!) { problem(id: $id) { instructions { id } } project(id: "${A.id}") { problems { id } openProblemCount } }`, { id: onA });
    expect(ins.data.problem.instructions).toEqual([]);
    expect(ins.data.project.problems.map((p: { id: string }) => p.id)).toContain(onA);
    expect(ins.data.project.openProblemCount).toBeGreaterThan(0);

    const staff = (await read(c.promo, onA))!;
    expect(staff.internalNote).toBe('内部：企业欠税');
    expect(staff.timeline.map((s) => s.action)).toEqual(['RAISE', 'INSTRUCTION']);
    const ins2 = await c.promo.gql(`query($id: ID!) { problem(id: $id) { instructions { content leader { id } } } }`, { id: onA });
    expect(ins2.data.problem.instructions).toEqual([{ content: '请经信局一周内办结', leader: { id: api.users.leader.id } }]);
  });

  it('a co-unit outside the project\u2019s scope sees the problem but not the project', async () => {
    expect((await c.unit_hzw.gql(`query($id: ID!) { project(id: $id) { id } }`, { id: B.id })).data.project).toBeNull();
    const p = (await read(c.unit_hzw, onB))!;
    expect(p).toMatchObject({ id: onB, project: null, projectName: expect.any(String) });
    const mine = await c.unit_hzw.gql(`{ problems(filter: { mine: true }, first: 100) { nodes { id } } }`);
    expect(mine.data.problems.nodes.map((n: { id: string }) => n.id)).toContain(onB);
    expect((await read(c.promo_cej, onA))).toBeNull();
  });

  it('a 批示 must name a problem of its own project', async () => {
    const w = await c.leader.gql(`mutation($i: InstructionInput!) { writeInstruction(input: $i) { instruction { id } errors { code field } } }`, {
      i: { projectId: A.id, problemId: onB, content: '请办理', unitIds: [unit('区经信局')] },
    });
    expect(w.data.writeInstruction).toEqual({ instruction: null, errors: [{ code: 'NOT_FOUND', field: 'input.problemId' }] });
  });
});

describe('project light', () => {
  it('turns YELLOW when a problem is overdue, in the field and in the filter', async () => {
    // Signed 10 days ago: the next node (公司注册, +30) is 20 days away, so the nodes alone are GREEN.
    const P = await createProject(api, c.promo, { platformId: api.ref.platforms.get('杭州湾经开区'), leadUnitId: unit('区经信局') });
    const p = await raiseOk(c.promo, { projectId: P.id, deadline: today(), title: '天然气接入' });
    const later = addDays(today(), 2);
    const light = async (d: string) => (await c.promo.gql(`query($id: ID!, $d: Date) { project(id: $id) { light(asOf: $d) } }`, { id: P.id, d })).data.project.light;
    expect(await light(today())).toBe('GREEN');
    expect(await light(later)).toBe('YELLOW');
    const filter = async (l: string, d: string) =>
      (await c.promo.gql(`query($d: Date, $l: [Light!]) { projects(filter: { light: $l }, asOf: $d, first: 100) { nodes { id light } } }`, { d, l: [l] })).data.projects.nodes.map(
        (n: { id: string }) => n.id,
      );
    expect(await filter('YELLOW', later)).toContain(P.id);
    expect(await filter('GREEN', later)).not.toContain(P.id);
    expect(await filter('GREEN', today())).toContain(P.id);

    // Once resolved, the problem no longer lights the project.
    let q = (await move(c.unit_jx, 'acceptProblem', p.id, p.version)).problem!;
    q = (await move(c.unit_jx, 'respondProblem', q.id, q.version, '已接入')).problem!;
    q = (await attachPdf(c.unit_jx, q.id)).problem!;
    expect((await move(c.promo, 'resolveProblem', q.id, q.version)).errors).toEqual([]);
    expect(await light(later)).toBe('GREEN');
    expect(await filter('YELLOW', later)).not.toContain(P.id);
  });
});

describe('a deadline moved today', () => {
  it('leaves yesterday\u2019s colour, overdue lists and project light as they were', async () => {
    // Signed 10 days ago: the nodes alone keep the project GREEN.
    const P = await createProject(api, c.promo, { platformId: api.ref.platforms.get('杭州湾经开区'), leadUnitId: unit('区经信局') });
    const raised = await raiseOk(c.promo, { projectId: P.id, deadline: today(), title: '排污指标' });
    // As recorded history: raised 5 days ago, due 3 days ago.
    await ProblemModel.updateOne({ _id: oid(raised.id) }, { $set: { raisedOn: addDays(today(), -5), deadline: addDays(today(), -3) } });
    const yesterday = addDays(today(), -1);
    const lists = async (d: string) => {
      const ids = async (filter: Record<string, unknown>) =>
        (await c.promo.gql(`query($f: ProblemFilter, $d: Date) { problems(filter: $f, asOf: $d, first: 100) { nodes { id } } }`, { f: filter, d })).data.problems.nodes.map((n: { id: string }) => n.id);
      const projects = async (l: string) =>
        (await c.promo.gql(`query($d: Date, $l: [Light!]) { projects(filter: { light: $l }, asOf: $d, first: 200) { nodes { id } } }`, { d, l: [l] })).data.projects.nodes.map((n: { id: string }) => n.id);
      const light = (await c.promo.gql(`query($id: ID!, $d: Date) { project(id: $id) { light(asOf: $d) } }`, { id: P.id, d })).data.project.light;
      return {
        problem: (({ colour, overdue, overdueDays }) => ({ colour, overdue, overdueDays }))((await read(c.promo, raised.id, d))!),
        yellow: (await ids({ colour: ['YELLOW'] })).includes(raised.id),
        blue: (await ids({ colour: ['BLUE'] })).includes(raised.id),
        overdue: (await ids({ overdue: true })).includes(raised.id),
        notOverdue: (await ids({ overdue: false })).includes(raised.id),
        light,
        yellowProject: (await projects('YELLOW')).includes(P.id),
        greenProject: (await projects('GREEN')).includes(P.id),
      };
    };
    const wasYesterday = { problem: { colour: 'YELLOW', overdue: true, overdueDays: 2 }, yellow: true, blue: false, overdue: true, notOverdue: false, light: 'YELLOW', yellowProject: true, greenProject: false };
    expect(await lists(yesterday)).toEqual(wasYesterday);

    const assigned = await c.promo.gql(`mutation($i: AssignProblemInput!) { assignProblem(input: $i) { problem { deadline } errors { message } } }`, {
      i: { id: raised.id, version: raised.version, deadline: addDays(today(), 10) },
    });
    expect(assigned.data.assignProblem).toEqual({ problem: { deadline: addDays(today(), 10) }, errors: [] });
    expect(await lists(yesterday)).toEqual(wasYesterday);
    expect(await lists(today())).toEqual({ problem: { colour: 'BLUE', overdue: false, overdueDays: 0 }, yellow: false, blue: true, overdue: false, notOverdue: true, light: 'GREEN', yellowProject: false, greenProject: true });
  });
});

describe('lists', () => {
  it('pages by cursor without repeats and filters by unit and status', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    for (let i = 0; i < 50; i++) {
      const r: { data: { problems: { nodes: { id: string }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } } } = await c.promo.gql(
        `query($a: String) { problems(first: 2, after: $a) { nodes { id } pageInfo { hasNextPage endCursor } } }`,
        { a: after },
      );
      seen.push(...r.data.problems.nodes.map((n) => n.id));
      if (!r.data.problems.pageInfo.hasNextPage) break;
      after = r.data.problems.pageInfo.endCursor;
    }
    const all = await c.promo.gql(`{ problems(first: 100) { totalCount nodes { id } } }`);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.sort()).toEqual(all.data.problems.nodes.map((n: { id: string }) => n.id).sort());
    expect(all.data.problems.totalCount).toBe(seen.length);

    const resolved = await c.promo.gql(`{ problems(filter: { status: [RESOLVED] }, first: 100) { nodes { status } } }`);
    expect(resolved.data.problems.nodes.length).toBeGreaterThan(0);
    expect(resolved.data.problems.nodes.every((n: { status: string }) => n.status === 'RESOLVED')).toBe(true);
    const land = await c.promo.gql(`query($u: ID!) { problems(filter: { unitId: $u }, first: 100) { nodes { leadUnit { id } coUnits { id } } } }`, { u: unit('区自然资源和规划分局') });
    expect(land.data.problems.nodes.length).toBeGreaterThan(0);
    for (const n of land.data.problems.nodes) expect([n.leadUnit.id, ...n.coUnits.map((x: { id: string }) => x.id)]).toContain(unit('区自然资源和规划分局'));
  });
});
