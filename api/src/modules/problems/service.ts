/**
 * 督办 problem rules: raising one on a project, moving it through its statuses (the moves and
 * who may make them come from domain/problems.ts), re-assigning it, and its evidence. Every
 * change is checked against the problem's version, keeps a timeline step, is audited and
 * notifies the people concerned, all in one transaction.
 */
import { trusted, Types } from 'mongoose';
import { Checks } from '../../lib/checks.js';
import { DomainError, userError, type UserError } from '../../graphql/errors.js';
import { isId, oid } from '../../lib/records.js';
import { inTransaction, type Tx } from '../../lib/tx.js';
import { today } from '../../domain/dates.js';
import { PROBLEM_CATEGORIES, validateProblemTransition, type ProblemActor, type ProblemCategory, type ProblemStatus } from '../../domain/problems.js';
import type { Context } from '../../context.js';
import { canReadProject } from '../../auth/policy.js';
import { audit } from '../audit/service.js';
import { UnitModel } from '../org/model.js';
import { claimEvidenceFile, releaseEvidenceFile } from '../files/service.js';
import { getProject } from '../projects/repository.js';
import type { ProjectRecord } from '../projects/types.js';
import { actorOf, canAssignProblem, canRaiseProblem, canReadProblem, canUploadProblemEvidence } from './policy.js';
import { announceProblemEvent, type ProblemEvent } from './notify.js';
import * as repo from './repository.js';
import type { ProblemDoc, TimelineAction, TimelineDoc } from './model.js';
import type { ProblemRecord } from './types.js';

type Actor = Pick<Context, 'viewer' | 'requestId'>;

const conflict = () => new DomainError(userError('CONFLICT', '督办问题已被他人修改，请刷新后重试', 'version'));
const notFound = () => new DomainError(userError('NOT_FOUND', '督办问题不存在'));
const MAX_EVIDENCE = 20;

/** Evidence files of a problem are claimed under this owner tag (files/routes.ts reads it). */
export const problemFileTag = (problemId: string) => `problem:${problemId}`;

/** The problem and its project, or NOT_FOUND when the viewer may not see them (no existence leak). */
export async function loadReadable(ctx: Actor, id: string, tx?: Tx): Promise<{ problem: ProblemRecord; project: ProjectRecord }> {
  const problem = isId(id) ? await repo.getProblem(id, tx) : null;
  const project = problem ? await getProject(problem.projectId, tx) : null;
  if (!problem || !project || !canReadProblem(ctx.viewer, project, problem)) throw notFound();
  return { problem, project };
}

function step(action: TimelineAction, actor: Actor, from: ProblemStatus | null, to: ProblemStatus | null, note: string | null, at: Date, internal = false): TimelineDoc {
  return {
    _id: new Types.ObjectId(),
    action,
    fromStatus: from,
    toStatus: to,
    by: actor.viewer ? oid(actor.viewer.userId) : null,
    role: actor.viewer?.role ?? 'SYSTEM',
    note,
    internal,
    at,
  };
}

/**
 * Units named on a problem must exist; returns the de-duplicated ids that are well-formed (a
 * malformed one is reported and left out, so that nothing converts it before the checks throw).
 */
async function checkUnits(c: Checks, field: string, ids: string[], label: string): Promise<string[]> {
  const unique = [...new Set(ids)];
  if (unique.some((u) => !isId(u)) || (unique.length && (await UnitModel.countDocuments({ _id: trusted({ $in: unique.map(oid) }) })) !== unique.length)) {
    c.add(field, `${label}不存在`, 'NOT_FOUND');
  }
  return unique.filter(isId);
}

export interface RaiseProblemInput {
  projectId: string;
  category: ProblemCategory;
  title: string;
  description: string;
  leadUnitId?: string | null;
  coUnitIds?: string[] | null;
  deadline: string;
  internalNote?: string | null;
}

export async function raiseProblem(ctx: Context, input: RaiseProblemInput): Promise<ProblemRecord> {
  const v = ctx.viewer!;
  const project = isId(input.projectId) ? await getProject(input.projectId) : null;
  // A project the viewer cannot read does not exist for them.
  if (!project || !canReadProject(v, project)) throw new DomainError(userError('NOT_FOUND', '项目不存在', 'input.projectId'));
  if (project.terminated) throw new DomainError(userError('INVALID_STATE', '项目已终止，不能提出督办问题'));
  if (!canRaiseProblem(v, project)) throw new DomainError(userError('FORBIDDEN', '无权就该项目提出督办问题'));
  const c = new Checks();
  if (!PROBLEM_CATEGORIES.some((k) => k.code === input.category)) c.add('category', '问题类别不正确');
  const title = c.text('title', input.title, '问题标题', { required: true, max: 100 });
  const description = c.text('description', input.description, '问题描述', { required: true, max: 4000 });
  const on = today();
  const deadline = c.date('deadline', input.deadline, '办理期限', { required: true });
  if (deadline && deadline < on) c.add('deadline', '办理期限不能早于今天');
  const leadUnitId = input.leadUnitId ?? project.leadUnitId;
  if (!leadUnitId) c.add('leadUnitId', '请选择牵头单位（项目未设牵头责任单位）');
  else await checkUnits(c, 'leadUnitId', [leadUnitId], '牵头单位');
  const coUnitIds = (await checkUnits(c, 'coUnitIds', input.coUnitIds ?? [], '协办单位')).filter((u) => u !== leadUnitId);
  let internalNote: string | null = null;
  if (input.internalNote != null) {
    if (v.role === 'OWNER') c.add('internalNote', '业主不能填写内部备注');
    else internalNote = c.text('internalNote', input.internalNote, '内部备注', { max: 2000 }) ?? null;
  }
  c.throwIfAny();

  const at = new Date();
  const id = new Types.ObjectId();
  const doc: Omit<ProblemDoc, 'createdAt' | 'updatedAt'> = {
    _id: id,
    projectId: oid(project.id),
    category: input.category,
    title: title!,
    description: description!,
    raisedBy: oid(v.userId),
    raisedByRole: v.role,
    raisedAt: at,
    raisedOn: on,
    leadUnitId: oid(leadUnitId!),
    coUnitIds: coUnitIds.map(oid),
    deadline: deadline!,
    deadlineChanges: [],
    status: 'OPEN',
    response: null,
    respondedBy: null,
    respondedAt: null,
    resolvedBy: null,
    resolvedAt: null,
    resolvedOn: null,
    escalation: null,
    escalatedOn: null,
    evidence: [],
    timeline: [step('RAISE', ctx, null, 'OPEN', null, at)],
    internalNote,
    version: 0,
  };
  return inTransaction(async (tx) => {
    await repo.insertProblem(doc, tx);
    const problem = (await repo.getProblem(id.toHexString(), tx))!;
    await audit(ctx, tx, {
      action: 'problem.raise',
      targetType: 'Problem',
      targetId: problem.id,
      projectId: project.id,
      after: { category: problem.category, title: problem.title, leadUnitId: problem.leadUnitId, coUnitIds: problem.coUnitIds, deadline: problem.deadline },
    });
    await announceProblemEvent(tx, 'RAISED', problem, project, { actorId: v.userId, at });
    return problem;
  });
}

/** The mutations that move a problem, each with the status it starts from where that is ambiguous. */
const INTENTS = {
  ACCEPT: { to: 'ACCEPTED', from: ['OPEN'], action: 'ACCEPT', event: 'ACCEPTED' },
  RESPOND: { to: 'RESPONDED', from: null, action: 'RESPOND', event: 'RESPONDED' },
  RESOLVE: { to: 'RESOLVED', from: null, action: 'RESOLVE', event: 'RESOLVED' },
  SEND_BACK: { to: 'ACCEPTED', from: ['RESPONDED'], action: 'SEND_BACK', event: 'SENT_BACK' },
  ESCALATE: { to: 'ESCALATED', from: null, action: 'ESCALATE', event: 'ESCALATED' },
} as const satisfies Record<string, { to: ProblemStatus; from: readonly ProblemStatus[] | null; action: TimelineAction; event: ProblemEvent }>;
export type ProblemIntent = keyof typeof INTENTS;

const LABEL: Record<ProblemIntent, string> = { ACCEPT: '签收', RESPOND: '答复', RESOLVE: '销号', SEND_BACK: '退回', ESCALATE: '升级' };

/** Domain verdicts as payload errors: who/when problems first, then missing input. */
function verdict(errors: { code: string; message: string; field?: string }[]): UserError[] {
  const blocking = errors.filter((e) => e.code === 'PROBLEM_TRANSITION_NOT_ALLOWED' || e.code === 'PROBLEM_ACTOR_NOT_ALLOWED');
  const list = blocking.length ? blocking : errors;
  return list.map((e) =>
    userError(e.code === 'PROBLEM_ACTOR_NOT_ALLOWED' ? 'FORBIDDEN' : e.code === 'PROBLEM_TRANSITION_NOT_ALLOWED' ? 'INVALID_STATE' : 'VALIDATION', e.message, e.field ? e.field : null),
  );
}

/** Fields a move writes besides the status. */
function moveFields(intent: ProblemIntent, p: ProblemRecord, project: ProjectRecord, actor: Actor, text: string | null, at: Date, on: string): Record<string, unknown> {
  const by = actor.viewer ? oid(actor.viewer.userId) : null;
  switch (intent) {
    case 'RESPOND':
      return { response: text, respondedBy: by, respondedAt: at };
    case 'RESOLVE':
      return { resolvedBy: by, resolvedAt: at, resolvedOn: on };
    case 'SEND_BACK':
      return { response: null, respondedBy: null, respondedAt: null };
    case 'ESCALATE':
      return {
        escalation: { reason: text, by, at, liaisonLeaderId: project.liaisonLeaderId ? oid(project.liaisonLeaderId) : null },
        escalatedOn: p.escalatedOn ?? on,
      };
    case 'ACCEPT':
      return {};
  }
}

async function applyMove(actor: Actor, who: ProblemActor, intent: ProblemIntent, problem: ProblemRecord, project: ProjectRecord, version: number, text: string | null, tx: Tx): Promise<ProblemRecord> {
  const rule = INTENTS[intent];
  if (rule.from && !(rule.from as readonly string[]).includes(problem.status)) {
    throw new DomainError(userError('INVALID_STATE', `该问题当前状态不能${LABEL[intent]}`));
  }
  const check = validateProblemTransition({ from: problem.status, to: rule.to, actor: who, evidenceCount: problem.evidence.length, reason: text });
  if (!check.ok) throw new DomainError(verdict(check.errors));
  const at = new Date();
  const on = today(at);
  const set = { status: rule.to, ...moveFields(intent, problem, project, actor, text, at, on) };
  const entry = step(rule.action, actor, problem.status, rule.to, text, at);
  if (!(await repo.updateProblemAt(problem.id, version, { $set: set, $push: { timeline: entry } }, tx))) throw conflict();
  const after = (await repo.getProblem(problem.id, tx))!;
  await audit(actor, tx, {
    action: `problem.${intent === 'SEND_BACK' ? 'sendBack' : intent.toLowerCase()}`,
    targetType: 'Problem',
    targetId: problem.id,
    projectId: project.id,
    before: { status: problem.status },
    after: { status: rule.to, ...(text ? { note: text } : {}) },
  });
  await announceProblemEvent(tx, rule.event, after, project, { actorId: actor.viewer?.userId ?? null, note: text, at });
  return after;
}

/**
 * A person's move. `text` is the note (accept, resolve), the answer (respond) or the reason
 * (send back, escalate).
 */
export async function moveProblem(ctx: Context, intent: ProblemIntent, id: string, version: number, text: string | null | undefined): Promise<ProblemRecord> {
  const { problem, project } = await loadReadable(ctx, id);
  const c = new Checks('');
  const field = intent === 'RESPOND' ? 'response' : intent === 'SEND_BACK' || intent === 'ESCALATE' ? 'reason' : 'note';
  const label = intent === 'RESPOND' ? '答复内容' : intent === 'SEND_BACK' ? '退回原因' : intent === 'ESCALATE' ? '升级原因' : '说明';
  const clean = c.text(field, text, label, { required: intent === 'RESPOND', max: intent === 'RESPOND' ? 4000 : 1000 }) ?? null;
  if (project.terminated) c.add(null, '项目已终止，督办问题不能再办理', 'INVALID_STATE');
  c.throwIfAny();
  return inTransaction((tx) => applyMove(ctx, actorOf(ctx.viewer!, problem), intent, problem, project, version, clean, tx));
}

/**
 * The reminder job escalates, as SYSTEM, a problem that nobody has answered and that has gone
 * RED (overdue beyond the yellow window). A problem already answered waits for the raiser, not
 * for the unit, and is left alone. Returns false when the problem changed meanwhile.
 */
export async function escalateAsSystem(problemId: string, reason: string, requestId: string): Promise<boolean> {
  const actor: Actor = { viewer: null, requestId };
  return inTransaction(async (tx) => {
    const problem = await repo.getProblem(problemId, tx);
    if (!problem || (problem.status !== 'OPEN' && problem.status !== 'ACCEPTED')) return false;
    const project = await getProject(problem.projectId, tx);
    if (!project || project.terminated) return false;
    try {
      await applyMove(actor, { role: 'SYSTEM', isLeadUnit: false, isRaiser: false }, 'ESCALATE', problem, project, problem.version, reason, tx);
      return true;
    } catch (e) {
      if (e instanceof DomainError) return false;
      throw e;
    }
  });
}

export interface AssignProblemInput {
  id: string;
  version: number;
  leadUnitId?: string | null;
  coUnitIds?: string[] | null;
  deadline?: string | null;
  internalNote?: string | null;
}

/** PROMOTION re-assigns an unresolved problem: lead unit (before it is signed for), co-units, deadline. */
export async function assignProblem(ctx: Context, input: AssignProblemInput): Promise<ProblemRecord> {
  const { problem, project } = await loadReadable(ctx, input.id);
  if (!canAssignProblem(ctx.viewer, project, problem)) throw new DomainError(userError('FORBIDDEN', '无权调整该督办问题'));
  const c = new Checks();
  const set: Record<string, unknown> = {};
  const changes: string[] = [];
  const names = async (ids: string[]) =>
    ((await UnitModel.find({ _id: trusted({ $in: ids.map(oid) }) }, { name: 1 }).lean()) as { name: string }[]).map((u) => u.name).join('、') || '无';
  let leadUnitId = problem.leadUnitId;
  if (input.leadUnitId != null && input.leadUnitId !== problem.leadUnitId) {
    if (problem.status !== 'OPEN') c.add('leadUnitId', '问题已签收，不能更换牵头单位', 'INVALID_STATE');
    else {
      const [valid] = await checkUnits(c, 'leadUnitId', [input.leadUnitId], '牵头单位');
      leadUnitId = input.leadUnitId;
      if (valid) set.leadUnitId = oid(valid);
    }
  }
  let coUnitIds = problem.coUnitIds.filter((u) => u !== leadUnitId);
  if (input.coUnitIds != null) coUnitIds = (await checkUnits(c, 'coUnitIds', input.coUnitIds, '协办单位')).filter((u) => u !== leadUnitId);
  if (JSON.stringify(coUnitIds) !== JSON.stringify(problem.coUnitIds)) set.coUnitIds = coUnitIds.map(oid);
  if (input.deadline != null && input.deadline !== problem.deadline) {
    const d = c.date('deadline', input.deadline, '办理期限');
    if (d && d < today()) c.add('deadline', '办理期限不能早于今天');
    set.deadline = d;
  }
  if (input.internalNote !== undefined) set.internalNote = c.text('internalNote', input.internalNote, '内部备注', { max: 2000 }) ?? null;
  c.throwIfAny();
  if (!Object.keys(set).length) return problem;
  if (set.leadUnitId) changes.push(`牵头单位改为${await names([leadUnitId])}`);
  if (set.coUnitIds) changes.push(`协办单位改为${await names(coUnitIds)}`);
  if (set.deadline) changes.push(`办理期限由${problem.deadline}改为${set.deadline as string}`);
  const onlyNote = changes.length === 0;
  return inTransaction(async (tx) => {
    const at = new Date();
    const entry = step('ASSIGN', ctx, problem.status, problem.status, onlyNote ? '更新内部备注' : changes.join('；'), at, onlyNote);
    const push: Record<string, unknown> = { timeline: entry };
    if (set.deadline) push.deadlineChanges = { on: today(), from: problem.deadline, to: set.deadline };
    if (!(await repo.updateProblemAt(problem.id, input.version, { $set: set, $push: push }, tx))) throw conflict();
    const after = (await repo.getProblem(problem.id, tx))!;
    await audit(ctx, tx, {
      action: 'problem.assign',
      targetType: 'Problem',
      targetId: problem.id,
      projectId: project.id,
      before: { leadUnitId: problem.leadUnitId, coUnitIds: problem.coUnitIds, deadline: problem.deadline, internalNote: problem.internalNote },
      after: { leadUnitId: after.leadUnitId, coUnitIds: after.coUnitIds, deadline: after.deadline, internalNote: after.internalNote },
    });
    const before = new Set([problem.leadUnitId, ...problem.coUnitIds]);
    const added = [after.leadUnitId, ...after.coUnitIds].filter((u) => !before.has(u));
    if (added.length) await announceProblemEvent(tx, 'ASSIGNED', after, project, { actorId: ctx.viewer!.userId, newUnitIds: added, at });
    return after;
  });
}

export async function attachProblemEvidence(ctx: Context, id: string, fileId: string): Promise<ProblemRecord> {
  const { problem, project } = await loadReadable(ctx, id);
  if (!canUploadProblemEvidence(ctx.viewer, project, problem)) throw new DomainError(userError('FORBIDDEN', '无权为该问题上传佐证材料'));
  if (problem.evidence.length >= MAX_EVIDENCE) throw new DomainError(userError('VALIDATION', `每个问题最多上传${MAX_EVIDENCE}个佐证材料`));
  const v = ctx.viewer!;
  return inTransaction(async (tx) => {
    const file = await claimEvidenceFile(fileId, v.userId, problemFileTag(problem.id), tx);
    if (!file) throw new DomainError(userError('NOT_FOUND', '文件不存在或已被使用，请重新上传', 'fileId'));
    const at = new Date();
    const entry = { fileId: oid(fileId), filename: file.filename, contentType: file.contentType, size: file.size, by: oid(v.userId), at };
    const update = { $push: { evidence: entry, timeline: step('ATTACH_EVIDENCE', ctx, problem.status, problem.status, file.filename, at) } };
    if (!(await repo.updateProblemAt(problem.id, problem.version, update, tx))) throw conflict();
    await audit(ctx, tx, { action: 'problem.attachEvidence', targetType: 'Problem', targetId: problem.id, projectId: project.id, after: { fileId, filename: file.filename, size: file.size } });
    return (await repo.getProblem(problem.id, tx))!;
  });
}

export async function removeProblemEvidence(ctx: Context, id: string, fileId: string): Promise<ProblemRecord> {
  const { problem, project } = await loadReadable(ctx, id);
  const entry = problem.evidence.find((e) => e.fileId === fileId);
  if (!entry) throw new DomainError(userError('NOT_FOUND', '佐证材料不存在', 'fileId'));
  const v = ctx.viewer!;
  if (problem.status === 'RESOLVED') throw new DomainError(userError('INVALID_STATE', '已销号的问题不能删除佐证材料'));
  if (entry.by !== v.userId && !canAssignProblem(v, project, problem)) throw new DomainError(userError('FORBIDDEN', '只能删除自己上传的佐证材料'));
  return inTransaction(async (tx) => {
    const at = new Date();
    const update = { $pull: { evidence: { fileId: oid(fileId) } }, $push: { timeline: step('REMOVE_EVIDENCE', ctx, problem.status, problem.status, entry.filename, at) } };
    if (!(await repo.updateProblemAt(problem.id, problem.version, update, tx))) throw conflict();
    await releaseEvidenceFile(fileId, tx);
    await audit(ctx, tx, { action: 'problem.removeEvidence', targetType: 'Problem', targetId: problem.id, projectId: project.id, before: { fileId, filename: entry.filename } });
    return (await repo.getProblem(problem.id, tx))!;
  });
}
