/**
 * 履约监管 rules: recording an agreement's commitments, holding a capacity review against them
 * (evaluated by domain/agreements with the administrator's tolerance), opening the 整改 item a
 * failed review requires and closing it with evidence. Scheduling: the first review is due
 * `reviewLagDays` after the committed capacity date; each review held schedules the next yearly
 * 亩均 evaluation twelve months after the one it answered, unless one is already pending.
 * Every change commits with its audit entry, guarded by the agreement's version.
 */
import { Types } from 'mongoose';
import { AGREEMENT_INDICATORS, evaluateReview, firstReviewDueOn } from '../../domain/agreements.js';
import { addMonths, yearOf } from '../../domain/dates.js';
import { Checks } from '../../lib/checks.js';
import { DomainError, userError } from '../../graphql/errors.js';
import { isId, oid } from '../../lib/records.js';
import { inTransaction } from '../../lib/tx.js';
import type { Context } from '../../context.js';
import { audit } from '../audit/service.js';
import { claimEvidenceFile } from '../files/service.js';
import { getProject, nodesOf } from '../projects/repository.js';
import type { ProjectRecord } from '../projects/types.js';
import { actualIndicators, agreementConfig, committedIndicators } from './derive.js';
import type { ActualsDoc, CommitmentsDoc, RectificationDoc, ReviewDoc } from './model.js';
import { canReadAgreements, canRecordAgreements } from './policy.js';
import * as repo from './repository.js';
import type { AgreementRecord, RectificationRecord, ReviewRecord } from './types.js';

export interface CommitmentsInput {
  taxPerMu?: number | null;
  outputPerMu?: number | null;
  valueAddedPerMu?: number | null;
  energyPerValueAdded?: number | null;
  rdRatio?: number | null;
}

export interface AgreementInput {
  title: string;
  signedOn: string;
  landAreaMu: number;
  fixedAssetInvestment: number;
  commitments?: CommitmentsInput | null;
  committedStartOn?: string | null;
  committedCompletionOn?: string | null;
  committedCapacityOn?: string | null;
}

const notFound = () => new DomainError(userError('NOT_FOUND', '协议不存在'));
const conflict = () => new DomainError(userError('CONFLICT', '协议已被他人修改，请刷新后重试', 'version'));

/** The project when the viewer may read it, else NOT_FOUND (no existence leak). */
async function readableProject(ctx: Context, projectId: string): Promise<ProjectRecord> {
  const p = isId(projectId) ? await getProject(projectId) : null;
  if (!p || !canReadAgreements(ctx.viewer, p)) throw new DomainError(userError('NOT_FOUND', '项目不存在', 'input.projectId'));
  return p;
}

async function requireRecorder(ctx: Context, p: ProjectRecord): Promise<void> {
  if (p.terminated) throw new DomainError(userError('INVALID_STATE', '项目已终止，不能登记履约信息'));
  if (!canRecordAgreements(ctx.viewer, p, await nodesOf(p.id))) throw new DomainError(userError('FORBIDDEN', '无权登记该项目的履约信息'));
}

/** The agreement and its project, readable by the viewer. */
export async function loadAgreement(ctx: Context, id: string): Promise<{ agreement: AgreementRecord; project: ProjectRecord }> {
  const agreement = await repo.getAgreement(id);
  const project = agreement ? await getProject(agreement.projectId) : null;
  if (!agreement || !project || !canReadAgreements(ctx.viewer, project)) throw notFound();
  return { agreement, project };
}

const COMMITMENT_LABELS: Record<keyof CommitmentsDoc, string> = {
  taxPerMu: '亩均税收',
  outputPerMu: '亩均产出',
  valueAddedPerMu: '亩均增加值',
  energyPerValueAdded: '单位增加值能耗',
  rdRatio: '研发经费占比',
};

function commitments(c: Checks, input: CommitmentsInput | null | undefined, prefix: string): CommitmentsDoc {
  const out = {} as CommitmentsDoc;
  for (const key of Object.keys(COMMITMENT_LABELS) as (keyof CommitmentsDoc)[]) {
    const v = input?.[key] ?? null;
    if (v !== null && !(Number.isFinite(v) && v >= 0 && v < 1e9)) c.add(`${prefix}.${key}`, `${COMMITMENT_LABELS[key]}应为非负数`);
    else if (key === 'rdRatio' && v !== null && v > 100) c.add(`${prefix}.${key}`, '研发经费占比应在0—100（%）之间');
    out[key] = v;
  }
  return out;
}

function checkAgreement(c: Checks, input: AgreementInput, project: ProjectRecord) {
  const title = c.text('title', input.title, '协议名称', { required: true, max: 128 });
  const signedOn = c.date('signedOn', input.signedOn, '协议签订日期', { required: true, notFuture: true });
  if (!(Number.isFinite(input.landAreaMu) && input.landAreaMu > 0 && input.landAreaMu < 1e6)) c.add('landAreaMu', '用地面积（亩）应为正数');
  c.amount('fixedAssetInvestment', input.fixedAssetInvestment, '承诺固定资产投资', { required: true });
  const dates = (['committedStartOn', 'committedCompletionOn', 'committedCapacityOn'] as const).map((k) => {
    const label = { committedStartOn: '承诺开工日期', committedCompletionOn: '承诺竣工日期', committedCapacityOn: '承诺达产日期' }[k];
    const d = c.date(k, input[k], label) ?? null;
    if (d && signedOn && d < signedOn) c.add(k, `${label}不能早于协议签订日期`);
    return [k, d] as const;
  });
  const ordered = dates.map(([, d]) => d).filter((d): d is string => d !== null);
  if (ordered.some((d, i) => i > 0 && d < ordered[i - 1])) c.add('committedCapacityOn', '承诺日期须依次为开工 ≤ 竣工 ≤ 达产');
  if (signedOn && project.signedOn && signedOn < project.signedOn) c.add('signedOn', '协议签订日期不能早于项目签约日期');
  return {
    title: title!,
    signedOn: signedOn!,
    landAreaMu: input.landAreaMu,
    fixedAssetInvestment: input.fixedAssetInvestment,
    commitments: commitments(c, input.commitments, 'commitments'),
    ...(Object.fromEntries(dates) as Record<'committedStartOn' | 'committedCompletionOn' | 'committedCapacityOn', string | null>),
  };
}

// Embedded arrays are rewritten whole (guarded by the version), so records go back to documents.
const oidOrNull = (id: string | null) => (id ? oid(id) : null);
function reviewDoc({ id, ...r }: ReviewRecord): ReviewDoc {
  return { ...r, _id: oid(id), by: oidOrNull(r.by) };
}
function rectificationDoc({ id, ...r }: RectificationRecord): RectificationDoc {
  return {
    ...r,
    _id: oid(id),
    reviewId: oid(r.reviewId),
    closedBy: oidOrNull(r.closedBy),
    evidence: r.evidence.map((e) => ({ ...e, fileId: oid(e.fileId), by: oid(e.by) })),
  };
}

function scheduledReview(kind: ReviewDoc['kind'], dueOn: string, period: string): ReviewDoc {
  return { _id: new Types.ObjectId(), kind, period, dueOn, reviewedOn: null, actuals: null, results: [], passed: null, tolerance: null, note: null, by: null, at: null };
}

export async function createAgreement(ctx: Context, input: AgreementInput & { projectId: string }): Promise<AgreementRecord> {
  const project = await readableProject(ctx, input.projectId);
  await requireRecorder(ctx, project);
  const c = new Checks();
  const fields = checkAgreement(c, input, project);
  c.throwIfAny();
  const cfg = agreementConfig(await ctx.settings());
  const id = new Types.ObjectId();
  const reviews = fields.committedCapacityOn ? [scheduledReview('CAPACITY', firstReviewDueOn(fields.committedCapacityOn, cfg), '达产复核')] : [];
  return inTransaction(async (tx) => {
    await repo.insertAgreement({ _id: id, projectId: oid(project.id), ...fields, reviews, rectifications: [], createdBy: oid(ctx.viewer!.userId), version: 0 }, tx);
    await audit(ctx, tx, { action: 'agreement.create', targetType: 'Agreement', targetId: id.toHexString(), projectId: project.id, after: fields });
    return (await repo.getAgreement(id.toHexString(), tx))!;
  });
}

export async function updateAgreement(ctx: Context, input: AgreementInput & { id: string; version: number }): Promise<AgreementRecord> {
  const { agreement, project } = await loadAgreement(ctx, input.id);
  await requireRecorder(ctx, project);
  const c = new Checks();
  const fields = checkAgreement(c, input, project);
  c.throwIfAny();
  const cfg = agreementConfig(await ctx.settings());
  // A moved capacity date moves the first review while it is still pending.
  let reviews = agreement.reviews.map(reviewDoc);
  if (fields.committedCapacityOn !== agreement.committedCapacityOn) {
    const first = reviews.find((r) => r.kind === 'CAPACITY');
    const dueOn = fields.committedCapacityOn ? firstReviewDueOn(fields.committedCapacityOn, cfg) : null;
    if (!first && dueOn) reviews.unshift(scheduledReview('CAPACITY', dueOn, '达产复核'));
    else if (first && first.reviewedOn === null) reviews = dueOn ? reviews.map((r) => (r === first ? { ...r, dueOn } : r)) : reviews.filter((r) => r !== first);
  }
  return inTransaction(async (tx) => {
    if (!(await repo.updateAgreementAt(agreement.id, input.version, { ...fields, reviews }, tx))) throw conflict();
    const before = Object.fromEntries(Object.keys(fields).map((k) => [k, agreement[k as keyof AgreementRecord]]));
    await audit(ctx, tx, { action: 'agreement.update', targetType: 'Agreement', targetId: agreement.id, projectId: project.id, before, after: fields });
    return (await repo.getAgreement(agreement.id, tx))!;
  });
}

export interface ReviewInput {
  agreementId: string;
  version: number;
  /** The scheduled review this answers; default: the earliest pending one. */
  reviewId?: string | null;
  reviewedOn: string;
  period?: string | null;
  actuals: Partial<ActualsDoc>;
  note?: string | null;
}

const INDICATOR_INFO = Object.fromEntries(AGREEMENT_INDICATORS.map((i) => [i.code, i]));
const fmt = (x: number) => String(Math.round(x * 100) / 100);

export async function recordCapacityReview(ctx: Context, input: ReviewInput): Promise<AgreementRecord> {
  const { agreement, project } = await loadAgreement(ctx, input.agreementId);
  await requireRecorder(ctx, project);
  const c = new Checks();
  const reviewedOn = c.date('reviewedOn', input.reviewedOn, '复核日期', { required: true, notFuture: true });
  if (reviewedOn && reviewedOn < agreement.signedOn) c.add('reviewedOn', '复核日期不能早于协议签订日期');
  const period = c.text('period', input.period, '复核期间', { max: 64 });
  const note = c.text('note', input.note, '复核意见', { max: 2000 }) ?? null;
  const actuals = { ...commitments(c, input.actuals, 'actuals'), fixedAssetInvestment: input.actuals.fixedAssetInvestment ?? null } as ActualsDoc;
  if (actuals.fixedAssetInvestment !== null) c.amount('actuals.fixedAssetInvestment', actuals.fixedAssetInvestment, '实际固定资产投资');
  const pending = agreement.reviews.filter((r) => r.reviewedOn === null).sort((a, b) => (a.dueOn < b.dueOn ? -1 : a.dueOn > b.dueOn ? 1 : 0));
  let target: ReviewRecord | undefined;
  if (input.reviewId) {
    target = agreement.reviews.find((r) => r.id === input.reviewId);
    if (!target) c.add('reviewId', '复核计划不存在', 'NOT_FOUND');
    else if (target.reviewedOn !== null) c.add('reviewId', '该次复核已完成');
  } else target = pending[0];
  c.throwIfAny();

  const cfg = agreementConfig(await ctx.settings());
  const evaluation = evaluateReview(committedIndicators(agreement), actualIndicators(actuals, agreement.landAreaMu), reviewedOn!, cfg);
  const base: ReviewDoc = target ? reviewDoc(target) : scheduledReview('ANNUAL', reviewedOn!, `${yearOf(reviewedOn!)}年度复核`);
  const held: ReviewDoc = {
    ...base,
    period: period ?? base.period,
    reviewedOn: reviewedOn!,
    actuals,
    results: evaluation.indicators.map((i) => ({ code: i.code, committed: i.committed, actual: i.actual, threshold: i.threshold, passed: i.passed })),
    passed: evaluation.passed,
    tolerance: cfg.tolerance,
    note,
    by: oid(ctx.viewer!.userId),
    at: new Date(),
  };
  const reviews = [...agreement.reviews.filter((r) => r.id !== target?.id).map(reviewDoc), held];
  if (!reviews.some((r) => r.reviewedOn === null)) {
    const next = addMonths(held.dueOn, 12);
    reviews.push(scheduledReview('ANNUAL', next, `${yearOf(next)}年度亩均评价`));
  }
  reviews.sort((a, b) => (a.dueOn < b.dueOn ? -1 : a.dueOn > b.dueOn ? 1 : a._id.toHexString() < b._id.toHexString() ? -1 : 1));
  const rectifications = agreement.rectifications.map(rectificationDoc);
  let opened: RectificationDoc | null = null;
  if (!evaluation.passed) {
    const issues = evaluation.indicators
      .filter((i) => !i.passed)
      .map((i) => {
        const info = INDICATOR_INFO[i.code];
        return `${info.name}承诺${fmt(i.committed)}${info.unit}，实际${i.actual === null ? '未填报' : fmt(i.actual) + info.unit}`;
      })
      .join('；');
    opened = { _id: new Types.ObjectId(), reviewId: held._id, openedOn: reviewedOn!, dueOn: evaluation.rectificationDueOn!, issues, closedOn: null, closingNote: null, evidence: [], closedBy: null, closedAt: null };
    rectifications.push(opened);
  }
  return inTransaction(async (tx) => {
    if (!(await repo.updateAgreementAt(agreement.id, input.version, { reviews, rectifications }, tx))) throw conflict();
    await audit(ctx, tx, {
      action: 'agreement.review',
      targetType: 'Agreement',
      targetId: agreement.id,
      projectId: project.id,
      after: { reviewId: held._id.toHexString(), period: held.period, reviewedOn, passed: evaluation.passed, results: held.results, rectificationDueOn: opened?.dueOn ?? null },
    });
    return (await repo.getAgreement(agreement.id, tx))!;
  });
}

export interface CloseRectificationInput {
  agreementId: string;
  version: number;
  rectificationId: string;
  closedOn: string;
  note: string;
  fileIds: string[];
}

export async function closeRectification(ctx: Context, input: CloseRectificationInput): Promise<AgreementRecord> {
  const { agreement, project } = await loadAgreement(ctx, input.agreementId);
  await requireRecorder(ctx, project);
  const c = new Checks();
  const rect = agreement.rectifications.find((r) => r.id === input.rectificationId);
  if (!rect) c.add('rectificationId', '整改事项不存在', 'NOT_FOUND');
  else if (rect.closedOn !== null) c.add('rectificationId', '该整改事项已销号');
  const closedOn = c.date('closedOn', input.closedOn, '整改完成日期', { required: true, notFuture: true });
  if (rect && closedOn && closedOn < rect.openedOn) c.add('closedOn', '整改完成日期不能早于整改事项开立日期');
  const note = c.text('note', input.note, '整改情况说明', { required: true, max: 2000 });
  const fileIds = [...new Set(input.fileIds)];
  if (fileIds.length === 0) c.add('fileIds', '整改销号须上传佐证材料');
  if (fileIds.length > 20) c.add('fileIds', '最多上传20个佐证材料');
  c.throwIfAny();
  return inTransaction(async (tx) => {
    const evidence: RectificationDoc['evidence'] = [];
    for (const fileId of fileIds) {
      const file = await claimEvidenceFile(fileId, ctx.viewer!.userId, `rectification:${rect!.id}`, tx);
      if (!file) throw new DomainError(userError('NOT_FOUND', '文件不存在或已被使用，请重新上传', 'input.fileIds'));
      evidence.push({ fileId: oid(fileId), filename: file.filename, contentType: file.contentType, size: file.size, by: oid(ctx.viewer!.userId), at: new Date() });
    }
    const rectifications = agreement.rectifications.map((r) =>
      r.id === rect!.id ? { ...rectificationDoc(r), closedOn: closedOn!, closingNote: note!, evidence, closedBy: oid(ctx.viewer!.userId), closedAt: new Date() } : rectificationDoc(r),
    );
    if (!(await repo.updateAgreementAt(agreement.id, input.version, { rectifications }, tx))) throw conflict();
    await audit(ctx, tx, {
      action: 'agreement.closeRectification',
      targetType: 'Agreement',
      targetId: agreement.id,
      projectId: project.id,
      before: { rectificationId: rect!.id, closedOn: null },
      after: { rectificationId: rect!.id, closedOn, note, files: evidence.map((e) => e.filename) },
    });
    return (await repo.getAgreement(agreement.id, tx))!;
  });
}
