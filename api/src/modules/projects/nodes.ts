/**
 * Node rules: progress reports (an owner's report on a gate waits for the unit's confirmation),
 * confirmation, plan edits before the baseline is frozen, re-plan requests and their approval,
 * evidence. Each change is checked against the node's version, audited, and moves the project's
 * index fields (stage, units) in the same transaction.
 */
import { Types } from 'mongoose';
import { Checks } from '../../lib/checks.js';
import { DomainError, userError } from '../../graphql/errors.js';
import { isId, oid } from '../../lib/records.js';
import { inTransaction, type Tx } from '../../lib/tx.js';
import { today } from '../../domain/dates.js';
import { validateNodeTransition, type GateStage, type NodeStatus } from '../../domain/lifecycle.js';
import {
  canConfirmNode,
  canDecideReplan,
  canEditNodePlan,
  canReadProject,
  canReportNode,
  canRequestReplan,
  canUploadEvidence,
} from '../../auth/policy.js';
import type { Context } from '../../context.js';
import { audit } from '../audit/service.js';
import { UnitModel } from '../org/model.js';
import { claimEvidenceFile, releaseEvidenceFile } from '../files/service.js';
import * as repo from './repository.js';
import { projectIndexFields } from './derive.js';
import type { NodeRecord, ProjectRecord } from './types.js';

const conflict = () => new DomainError(userError('CONFLICT', '节点已被他人修改，请刷新后重试', 'version'));

/** The node and its project, or NOT_FOUND when the viewer may not see them (no existence leak). */
async function load(ctx: Context, nodeId: string): Promise<{ node: NodeRecord; project: ProjectRecord }> {
  const node = isId(nodeId) ? await repo.getNode(nodeId) : null;
  const project = node ? await repo.getProject(node.projectId) : null;
  if (!node || !project || !canReadProject(ctx.viewer, project)) throw new DomainError(userError('NOT_FOUND', '节点不存在'));
  return { node, project };
}

function fail(errors: { message: string; field?: string }[], prefix = 'input'): never {
  throw new DomainError(errors.map((e) => userError('VALIDATION', e.message, e.field ? `${prefix}.${e.field === 'reason' ? 'skipReason' : e.field}` : null)));
}

/**
 * Re-derives the project's index fields after a node change, in the same transaction: a gate's
 * status (gates, stage), a node's unit (unitIds), a node opening or closing or moving its planned
 * date (openDue). The node was written at the version read, so `node` is what it was before.
 */
async function refreshProject(ctx: Context, project: ProjectRecord, tx: Tx): Promise<void> {
  const nodes = await repo.nodesOf(project.id, tx);
  const f = projectIndexFields(project, nodes, await ctx.settings());
  await repo.setProjectIndexFields(project.id, { gates: f.gates, stage: f.stage, unitIds: f.unitIds, openDue: f.openDue }, tx);
}

/** Whether writing `set` to `node` moves an index field of its project (see refreshProject). */
function movesProject(node: NodeRecord, set: Record<string, unknown>): boolean {
  const changed = (k: 'closedOn' | 'plannedDate' | 'unitId' | 'status' | 'actualDate') => k in set && String(set[k] ?? '') !== String(node[k] ?? '');
  return (node.gate !== null && (changed('status') || changed('actualDate'))) || changed('closedOn') || changed('plannedDate') || changed('unitId');
}

/**
 * The fields a status change writes. `doneRecordedOn` is the day the DONE fact was entered:
 * today when a node becomes DONE; kept when a DONE node's date is corrected (a correction is not
 * news); cleared when it stops being DONE.
 */
function statusFields(to: NodeStatus, actualDate: string | null, skipReason: string | null, on: string, prev: Pick<NodeRecord, 'status' | 'doneRecordedOn'>) {
  return {
    status: to,
    actualDate: to === 'DONE' ? actualDate : null,
    closedOn: to === 'DONE' ? actualDate : to === 'SKIPPED' ? on : null,
    doneRecordedOn: to !== 'DONE' ? null : prev.status === 'DONE' ? (prev.doneRecordedOn ?? null) : on,
    skipReason: to === 'SKIPPED' ? skipReason : null,
  };
}

export async function reportNode(
  ctx: Context,
  input: { nodeId: string; version: number; status: NodeStatus; actualDate?: string | null; note?: string | null; skipReason?: string | null },
): Promise<NodeRecord> {
  const { node, project } = await load(ctx, input.nodeId);
  const v = ctx.viewer!;
  // canReportNode refuses the SIGN gate to everyone; say why rather than "no permission".
  if (node.gate === 'SIGNED') throw new DomainError(userError('INVALID_STATE', '签约节点随项目签约完成，不能重新填报或修改日期'));
  if (!canReportNode(v, project, node)) throw new DomainError(userError('FORBIDDEN', '无权填报该节点'));
  const c = new Checks();
  const note = c.text('note', input.note, '进展说明', { max: 2000 });
  const skipReason = c.text('skipReason', input.skipReason, '原因', { max: 500 });
  c.date('actualDate', input.actualDate, '实际完成日期', { notFuture: true });
  if (input.actualDate && project.signedOn && input.actualDate < project.signedOn) c.add('actualDate', '实际完成日期不能早于签约日期');
  c.throwIfAny();
  const on = today();
  const gate = (node.gate as GateStage | null) ?? null;
  const actualDate = input.actualDate ?? null;

  // An owner's DONE on a gate node waits for the unit's confirmation.
  if (v.role === 'OWNER' && input.status === 'DONE' && gate) {
    const check = validateNodeTransition({ node: { gate, status: node.status }, to: 'DONE', actualDate, today: on, evidenceCount: 1, unitConfirmed: true });
    if (!check.ok) fail(check.errors);
    return inTransaction(async (tx) => {
      const pendingReport = { status: 'DONE', actualDate, note: note ?? null, by: oid(v.userId), at: new Date() };
      const written = await repo.updateNodeAt(node.id, input.version, { $set: { pendingReport, ...(note ? { notes: note } : {}) } }, tx);
      if (!written) throw conflict();
      await audit(ctx, tx, { action: 'node.report', targetType: 'Node', targetId: node.id, projectId: project.id, before: { status: node.status }, after: { pendingReport: { status: 'DONE', actualDate, note } } });
      return written;
    });
  }

  const check = validateNodeTransition({
    node: { gate, status: node.status },
    to: input.status,
    actualDate: input.status === 'DONE' ? actualDate : (actualDate ?? null),
    reason: input.status === 'SKIPPED' ? skipReason : (skipReason ?? note),
    evidenceCount: node.evidence.length,
    unitConfirmed: v.role === 'UNIT',
    today: on,
  });
  if (!check.ok) fail(check.errors);
  return inTransaction(async (tx) => {
    const set: Record<string, unknown> = { ...statusFields(input.status, actualDate, skipReason ?? null, on, node), pendingReport: null };
    if (note !== undefined) set.notes = note;
    if (input.status === 'DONE' && v.role === 'UNIT') Object.assign(set, { confirmedBy: oid(v.userId), confirmedAt: new Date() });
    if (input.status !== 'DONE') Object.assign(set, { confirmedBy: null, confirmedAt: null });
    const written = await repo.updateNodeAt(node.id, input.version, { $set: set }, tx);
    if (!written) throw conflict();
    if (movesProject(node, set)) await refreshProject(ctx, project, tx);
    await audit(ctx, tx, {
      action: 'node.report',
      targetType: 'Node',
      targetId: node.id,
      projectId: project.id,
      before: { status: node.status, actualDate: node.actualDate },
      after: { status: input.status, actualDate: set.actualDate, note, skipReason: set.skipReason },
    });
    return written;
  });
}

export async function confirmNode(ctx: Context, nodeId: string, version: number): Promise<NodeRecord> {
  const { node, project } = await load(ctx, nodeId);
  const v = ctx.viewer!;
  if (!canConfirmNode(v, project, node)) throw new DomainError(userError('FORBIDDEN', '无权确认该节点'));
  const on = today();
  const report = node.pendingReport;
  if (report) {
    const check = validateNodeTransition({
      node: { gate: (node.gate as GateStage | null) ?? null, status: node.status },
      to: report.status,
      actualDate: report.actualDate,
      reason: report.note,
      evidenceCount: node.evidence.length,
      unitConfirmed: true,
      today: on,
    });
    if (!check.ok) fail(check.errors, 'node');
  }
  return inTransaction(async (tx) => {
    const set: Record<string, unknown> = { confirmedBy: oid(v.userId), confirmedAt: new Date(), pendingReport: null };
    if (report) Object.assign(set, statusFields(report.status, report.actualDate, null, on, node));
    const written = await repo.updateNodeAt(node.id, version, { $set: set }, tx);
    if (!written) throw conflict();
    if (movesProject(node, set)) await refreshProject(ctx, project, tx);
    await audit(ctx, tx, {
      action: 'node.confirm',
      targetType: 'Node',
      targetId: node.id,
      projectId: project.id,
      before: { status: node.status, actualDate: node.actualDate },
      after: { status: report?.status ?? node.status, actualDate: report?.actualDate ?? node.actualDate, confirmed: true },
    });
    return written;
  });
}

export async function rejectNodeReport(ctx: Context, nodeId: string, version: number, reason: string): Promise<NodeRecord> {
  const { node, project } = await load(ctx, nodeId);
  if (!canConfirmNode(ctx.viewer, project, node) || !node.pendingReport) throw new DomainError(userError('FORBIDDEN', '没有待确认的填报'));
  const c = new Checks('');
  const why = c.text('reason', reason, '退回原因', { required: true, max: 500 });
  c.throwIfAny();
  return inTransaction(async (tx) => {
    const written = await repo.updateNodeAt(node.id, version, { $set: { pendingReport: null } }, tx);
    if (!written) throw conflict();
    await audit(ctx, tx, { action: 'node.rejectReport', targetType: 'Node', targetId: node.id, projectId: project.id, before: { pendingReport: node.pendingReport }, after: { rejected: why } });
    return written;
  });
}

export async function updateNodePlan(
  ctx: Context,
  input: { nodeId: string; version: number; plannedDate?: string | null; unitId?: string | null; person?: string | null; internalNote?: string | null },
): Promise<NodeRecord> {
  const { node, project } = await load(ctx, input.nodeId);
  if (!canEditNodePlan(ctx.viewer, project)) throw new DomainError(userError('FORBIDDEN', '无权调整该节点'));
  const c = new Checks();
  const set: Record<string, unknown> = {};
  if (input.plannedDate != null) {
    if (project.baselineFrozen && input.plannedDate !== node.plannedDate) c.add('plannedDate', '基线已冻结，调整计划日期须提交调整申请');
    c.date('plannedDate', input.plannedDate, '计划日期');
    if (project.signedOn && input.plannedDate < project.signedOn) c.add('plannedDate', '计划日期不能早于签约日期');
    set.plannedDate = input.plannedDate;
  }
  if (input.unitId !== undefined) {
    if (input.unitId === null) set.unitId = null;
    else if (!isId(input.unitId) || !(await UnitModel.exists({ _id: oid(input.unitId) }))) c.add('unitId', '责任单位不存在', 'NOT_FOUND');
    else set.unitId = oid(input.unitId);
  }
  if (input.person !== undefined) set.person = c.text('person', input.person, '责任人', { max: 32 }) ?? null;
  if (input.internalNote !== undefined) set.internalNote = c.text('internalNote', input.internalNote, '内部备注', { max: 2000 }) ?? null;
  c.throwIfAny();
  if (!Object.keys(set).length) return node;
  return inTransaction(async (tx) => {
    const after = await repo.updateNodeAt(node.id, input.version, { $set: set }, tx);
    if (!after) throw conflict();
    if (movesProject(node, set)) await refreshProject(ctx, project, tx);
    await audit(ctx, tx, {
      action: 'node.updatePlan',
      targetType: 'Node',
      targetId: node.id,
      projectId: project.id,
      before: { plannedDate: node.plannedDate, unitId: node.unitId, person: node.person },
      after: { plannedDate: after.plannedDate, unitId: after.unitId, person: after.person },
    });
    return after;
  });
}

export async function requestReplan(ctx: Context, input: { nodeId: string; toDate: string; reason: string }): Promise<NodeRecord> {
  const { node, project } = await load(ctx, input.nodeId);
  if (!canRequestReplan(ctx.viewer, project, node)) {
    throw new DomainError(userError(project.baselineFrozen ? 'FORBIDDEN' : 'INVALID_STATE', project.baselineFrozen ? '无权申请调整该节点计划' : '基线尚未冻结，可直接调整计划日期'));
  }
  const c = new Checks();
  c.date('toDate', input.toDate, '调整后日期', { required: true });
  const reason = c.text('reason', input.reason, '调整原因', { required: true, max: 500 });
  if (input.toDate === node.plannedDate) c.add('toDate', '调整后日期与当前计划日期相同');
  if (project.signedOn && input.toDate < project.signedOn) c.add('toDate', '调整后日期不能早于签约日期');
  c.throwIfAny();
  return inTransaction(async (tx) => {
    const req = { _id: new Types.ObjectId(), fromDate: node.plannedDate, toDate: input.toDate, reason, status: 'PENDING', by: oid(ctx.viewer!.userId), at: new Date(), decidedBy: null, decidedAt: null, decisionNote: null };
    const written = await repo.updateNodeAt(node.id, node.version, { $push: { replans: req } }, tx);
    if (!written) throw conflict();
    await audit(ctx, tx, { action: 'node.requestReplan', targetType: 'Node', targetId: node.id, projectId: project.id, after: { fromDate: node.plannedDate, toDate: input.toDate, reason } });
    return written;
  });
}

export async function decideReplan(ctx: Context, nodeId: string, requestId: string, approve: boolean, note: string | null | undefined): Promise<NodeRecord> {
  const { node, project } = await load(ctx, nodeId);
  if (!canDecideReplan(ctx.viewer, project, node)) throw new DomainError(userError('FORBIDDEN', '无权审批该调整申请'));
  const req = node.replans.find((r) => r.id === requestId);
  if (!req) throw new DomainError(userError('NOT_FOUND', '调整申请不存在', 'requestId'));
  if (req.status !== 'PENDING') throw new DomainError(userError('INVALID_STATE', '该调整申请已处理'));
  const c = new Checks('');
  const decisionNote = c.text('note', note, '审批意见', { max: 500 }) ?? null;
  if (!approve && !decisionNote) c.add('note', '退回调整申请须填写审批意见');
  c.throwIfAny();
  return inTransaction(async (tx) => {
    const idx = node.replans.findIndex((r) => r.id === requestId);
    const set: Record<string, unknown> = {
      [`replans.${idx}.status`]: approve ? 'APPROVED' : 'REJECTED',
      [`replans.${idx}.decidedBy`]: oid(ctx.viewer!.userId),
      [`replans.${idx}.decidedAt`]: new Date(),
      [`replans.${idx}.decisionNote`]: decisionNote,
    };
    if (approve) set.plannedDate = req.toDate;
    const written = await repo.updateNodeAt(node.id, node.version, { $set: set }, tx);
    if (!written) throw conflict();
    if (movesProject(node, set)) await refreshProject(ctx, project, tx);
    await audit(ctx, tx, {
      action: approve ? 'node.approveReplan' : 'node.rejectReplan',
      targetType: 'Node',
      targetId: node.id,
      projectId: project.id,
      before: { plannedDate: node.plannedDate },
      after: { plannedDate: approve ? req.toDate : node.plannedDate, note: decisionNote },
    });
    return written;
  });
}

export async function attachEvidence(ctx: Context, nodeId: string, fileId: string): Promise<NodeRecord> {
  const { node, project } = await load(ctx, nodeId);
  if (!canUploadEvidence(ctx.viewer, project, node)) throw new DomainError(userError('FORBIDDEN', '无权为该节点上传佐证材料'));
  if (node.evidence.length >= 20) throw new DomainError(userError('VALIDATION', '每个节点最多上传20个佐证材料'));
  return inTransaction(async (tx) => {
    const file = await claimEvidenceFile(fileId, ctx.viewer!.userId, node.id, tx);
    if (!file) throw new DomainError(userError('NOT_FOUND', '文件不存在或已被使用，请重新上传', 'fileId'));
    const entry = { fileId: oid(fileId), filename: file.filename, contentType: file.contentType, size: file.size, by: oid(ctx.viewer!.userId), at: new Date() };
    const written = await repo.updateNodeAt(node.id, node.version, { $push: { evidence: entry } }, tx);
    if (!written) throw conflict();
    await audit(ctx, tx, { action: 'node.attachEvidence', targetType: 'Node', targetId: node.id, projectId: project.id, after: { fileId, filename: file.filename, size: file.size } });
    return written;
  });
}

export async function removeEvidence(ctx: Context, nodeId: string, fileId: string): Promise<NodeRecord> {
  const { node, project } = await load(ctx, nodeId);
  const entry = node.evidence.find((e) => e.fileId === fileId);
  if (!entry) throw new DomainError(userError('NOT_FOUND', '佐证材料不存在', 'fileId'));
  const v = ctx.viewer!;
  const mayRemove = (entry.by === v.userId || canConfirmNode(v, project, node)) && !(node.status === 'DONE' && node.confirmedAt);
  if (!mayRemove) throw new DomainError(userError('FORBIDDEN', '已确认完成的节点不能删除佐证材料'));
  return inTransaction(async (tx) => {
    const written = await repo.updateNodeAt(node.id, node.version, { $pull: { evidence: { fileId: oid(fileId) } } }, tx);
    if (!written) throw conflict();
    await releaseEvidenceFile(fileId, tx);
    await audit(ctx, tx, { action: 'node.removeEvidence', targetType: 'Node', targetId: node.id, projectId: project.id, before: { fileId, filename: entry.filename } });
    return written;
  });
}
