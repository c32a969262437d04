/**
 * Project rules: signing a project from a template, editing it under optimistic concurrency,
 * terminating it, freezing its baseline. Every change commits together with its audit entry.
 */
import { Types, trusted } from 'mongoose';
import { Checks } from '../../lib/checks.js';
import { DomainError, userError } from '../../graphql/errors.js';
import { oid, isId } from '../../lib/records.js';
import { inTransaction, type Tx } from '../../lib/tx.js';
import { addMonths, today, yearOf } from '../../domain/dates.js';
import { planNodes } from '../../domain/templates.js';
import { validateForeignInvestment, battleMapControlGaps } from '../../domain/tiers.js';
import { validateTermination } from '../../domain/lifecycle.js';
import { DEFAULT_DUPLICATE_CONFIG, findPossibleDuplicates } from '../../domain/duplicates.js';
import { canCreateProjectOn, canManageProject, canReadProject } from '../../auth/policy.js';
import type { Context } from '../../context.js';
import { audit, diff } from '../audit/service.js';
import { activeTemplate, toDomainTemplate } from '../templates/service.js';
import { ChainModel, LiaisonLeaderModel, PlatformModel, UnitModel } from '../org/model.js';
import { UserModel } from '../users/model.js';
import { NodeModel, type NodeDoc, type ProjectDoc } from './model.js';
import * as repo from './repository.js';
import { projectIndexFields, stageOf, tiersOf } from './derive.js';
import type { ProjectRecord } from './types.js';
import type { Settings } from '../settings/service.js';

export interface ProjectFields {
  name?: string | null;
  investor?: string | null;
  uscc?: string | null;
  industryCode?: string | null;
  chainId?: string | null;
  source?: ProjectDoc['source'] | null;
  platformId?: string | null;
  totalInvestment?: number | null;
  foreignInvestment?: { currency: string; amount: number; cnyRate: number; usdCnyRate?: number | null } | null;
  landArea?: number | null;
  site?: { address?: string | null; lng?: number | null; lat?: number | null } | null;
  description?: string | null;
  leadUnitId?: string | null;
  liaisonLeaderId?: string | null;
  ownerUserIds?: string[] | null;
  responsiblePeople?: { name: string; title?: string | null; phone?: string | null }[] | null;
  internalNotes?: string | null;
}

export interface CreateProjectInput extends ProjectFields {
  code?: string | null;
  name: string;
  investor: string;
  industryCode: string;
  source: ProjectDoc['source'];
  platformId: string;
  totalInvestment: number;
  templateKey: string;
  signedOn: string;
}

const conflict = () => new DomainError(userError('CONFLICT', '数据已被他人修改，请刷新后重试', 'version'));
const notFound = (what = '项目') => new DomainError(userError('NOT_FOUND', `${what}不存在`));

/** Field checks shared by create and update; returns the $set to store. */
async function checkFields(c: Checks, f: ProjectFields, creating: boolean): Promise<Record<string, unknown>> {
  const set: Record<string, unknown> = {};
  const put = (k: string, v: unknown) => {
    if (v !== undefined) set[k] = v;
  };
  put('name', c.text('name', f.name, '项目名称', { required: creating || f.name !== undefined, max: 128 }));
  put('investor', c.text('investor', f.investor, '投资方', { required: creating || f.investor !== undefined, max: 128 }));
  put('uscc', c.uscc('uscc', f.uscc));
  put('industryCode', c.industry('industryCode', f.industryCode, { required: creating }));
  if (f.source !== undefined && f.source !== null) set.source = f.source;
  put('totalInvestment', c.amount('totalInvestment', f.totalInvestment, '总投资', { required: creating }));
  if (f.foreignInvestment !== undefined) {
    if (f.foreignInvestment) {
      const fi = { ...f.foreignInvestment, currency: f.foreignInvestment.currency.trim().toUpperCase(), usdCnyRate: f.foreignInvestment.usdCnyRate ?? null };
      for (const e of validateForeignInvestment(fi)) c.add(`foreignInvestment.${e.field?.replace('foreign.', '') ?? 'amount'}`, e.message);
      set.foreignInvestment = fi;
    } else set.foreignInvestment = null;
  }
  if (f.landArea !== undefined) {
    if (f.landArea !== null && !(Number.isFinite(f.landArea) && f.landArea >= 0 && f.landArea < 1e6)) c.add('landArea', '用地面积（亩）应为非负数');
    set.landArea = f.landArea;
  }
  if (f.site !== undefined) {
    const s = f.site;
    if (s && ((s.lng != null && !(s.lng >= -180 && s.lng <= 180)) || (s.lat != null && !(s.lat >= -90 && s.lat <= 90)))) c.add('site', '项目位置坐标无效');
    set.site = s ? { address: c.text('site.address', s.address, '项目地址', { max: 200 }) ?? null, lng: s.lng ?? null, lat: s.lat ?? null } : null;
  }
  put('description', c.text('description', f.description, '项目简介', { max: 4000 }));
  put('internalNotes', c.text('internalNotes', f.internalNotes, '内部备注', { max: 4000 }));
  if (f.responsiblePeople !== undefined) {
    set.responsiblePeople = (f.responsiblePeople ?? []).map((p, i) => ({
      name: c.text(`responsiblePeople.${i}.name`, p.name, '责任人姓名', { required: true, max: 32 }),
      title: c.text(`responsiblePeople.${i}.title`, p.title, '职务', { max: 64 }) ?? null,
      phone: c.text(`responsiblePeople.${i}.phone`, p.phone, '电话', { max: 32 }) ?? null,
    }));
  }

  // References must exist (and owners must be OWNER accounts).
  const ref = async (field: string, id: string | null | undefined, label: string, exists: (id: Types.ObjectId) => Promise<unknown>) => {
    if (id === undefined) return;
    if (id === null) return void (set[field] = null);
    if (!isId(id) || !(await exists(oid(id)))) return void c.add(field, `${label}不存在`, 'NOT_FOUND');
    set[field] = oid(id);
  };
  if (creating || f.platformId != null) await ref('platformId', f.platformId ?? null, '平台', (id) => PlatformModel.exists({ _id: id }));
  if (creating && !f.platformId) c.add('platformId', '请选择所属平台');
  await ref('chainId', f.chainId, '产业链', (id) => ChainModel.exists({ _id: id }));
  await ref('leadUnitId', f.leadUnitId, '牵头责任单位', (id) => UnitModel.exists({ _id: id }));
  await ref('liaisonLeaderId', f.liaisonLeaderId, '包联领导', (id) => LiaisonLeaderModel.exists({ _id: id }));
  if (f.ownerUserIds !== undefined) {
    const ids = [...new Set(f.ownerUserIds ?? [])];
    if (ids.some((i) => !isId(i))) c.add('ownerUserIds', '项目业主账号不存在', 'NOT_FOUND');
    else {
      const n = await UserModel.countDocuments({ _id: trusted({ $in: ids.map(oid) }), role: 'OWNER' });
      if (n !== ids.length) c.add('ownerUserIds', '项目业主须为已存在的业主账号', 'NOT_FOUND');
      set.ownerUserIds = ids.map(oid);
    }
  }
  return set;
}

/** OVER_5B projects must name a liaison leader and a lead unit (挂图作战). */
function checkBattleMapControl(c: Checks, merged: Pick<ProjectRecord, 'totalInvestment' | 'foreignInvestment' | 'liaisonLeaderId' | 'leadUnitId'>, s: Settings) {
  for (const e of battleMapControlGaps({ tiers: tiersOf(merged, s), liaisonLeaderId: merged.liaisonLeaderId, leadUnitId: merged.leadUnitId })) {
    c.add(e.field ?? null, e.message);
  }
}

const hex = (v: unknown) => (v instanceof Types.ObjectId ? v.toHexString() : (v as string | null | undefined));

async function duplicateOf(uscc: string | null | undefined, name: string, signedOn: string, s: Settings, excludeId?: Types.ObjectId) {
  if (!uscc) return null;
  const since = addMonths(signedOn, -s.flat.duplicateWindowMonths);
  const candidates = await repo.findByUscc(uscc, since, excludeId);
  const [hit] = findPossibleDuplicates(
    { id: excludeId?.toHexString() ?? '', uscc, name, date: signedOn },
    candidates.map((p) => ({ id: p.id, uscc: p.uscc!, name: p.name, date: p.signedOn! })),
    { ...DEFAULT_DUPLICATE_CONFIG, windowMonths: s.flat.duplicateWindowMonths },
  );
  return hit ? { projectId: oid(hit.id), status: 'SUSPECTED' as const } : null;
}

export async function createProject(ctx: Context, input: CreateProjectInput, opts: { leadId?: string; tx?: Tx } = {}): Promise<ProjectRecord> {
  const v = ctx.viewer;
  if (!v || !canCreateProjectOn(v, input.platformId)) throw new DomainError(userError('FORBIDDEN', '无权在该平台创建项目', 'input.platformId'));
  const s = await ctx.settings();
  const c = new Checks();
  const set = await checkFields(c, input, true);
  const signedOn = c.date('signedOn', input.signedOn, '签约日期', { required: true, notFuture: true });
  let code = c.text('code', input.code, '项目编号', { max: 32 });
  if (code && !/^[A-Za-z0-9_-]+$/.test(code)) c.add('code', '项目编号只能包含字母、数字、横线和下划线');
  const template = await activeTemplate(input.templateKey);
  if (!template) c.add('templateKey', '节点模板不存在', 'NOT_FOUND');
  checkBattleMapControl(c, { totalInvestment: input.totalInvestment, foreignInvestment: (set.foreignInvestment as never) ?? null, liaisonLeaderId: input.liaisonLeaderId ?? null, leadUnitId: input.leadUnitId ?? null }, s);
  c.throwIfAny();
  if (code && (await repo.codeExists(code))) throw new DomainError(userError('DUPLICATE', `项目编号“${code}”已存在`, 'input.code'));

  const platformUnit = (await UnitModel.findOne({ kind: 'PLATFORM', platformId: oid(input.platformId) }, { _id: 1 }).lean()) as { _id: Types.ObjectId } | null;
  const duplicate = await duplicateOf(set.uscc as string | null, set.name as string, signedOn!, s);
  const projectId = new Types.ObjectId();
  const now = new Date();
  const actor = oid(v.userId);
  const plans = planNodes(toDomainTemplate(template!), signedOn!);
  const nodes: Omit<NodeDoc, 'createdAt' | 'updatedAt'>[] = plans.map((p) => {
    const item = template!.items.find((i) => i.code === p.code)!;
    const isSign = p.gate === 'SIGNED';
    return {
      _id: new Types.ObjectId(),
      projectId,
      code: p.code,
      name: p.name,
      gate: p.gate,
      isLandingGate: p.isLandingGate,
      order: p.order,
      unitId: item.defaultUnitId ? oid(item.defaultUnitId) : (platformUnit?._id ?? null),
      person: null,
      // Signing is recorded by the promotion staff who sign: SIGN is DONE and confirmed at once.
      status: isSign ? 'DONE' : 'PENDING',
      baselineDate: null,
      plannedDate: p.plannedDate,
      actualDate: isSign ? signedOn! : null,
      closedOn: isSign ? signedOn! : null,
      doneRecordedOn: isSign ? today() : null,
      skipReason: null,
      pendingReport: null,
      confirmedBy: isSign ? actor : null,
      confirmedAt: isSign ? now : null,
      evidence: [],
      notes: null,
      internalNote: null,
      replans: [],
      version: 0,
    };
  });
  const base = {
    uscc: null,
    chainId: null,
    foreignInvestment: null,
    landArea: null,
    site: null,
    description: null,
    leadUnitId: null,
    liaisonLeaderId: null,
    responsiblePeople: [],
    ownerUserIds: [],
    internalNotes: null,
    ...set,
  };
  const index = projectIndexFields(
    {
      totalInvestment: input.totalInvestment,
      foreignInvestment: (base.foreignInvestment as never) ?? null,
      terminated: null,
      signedOn: signedOn!,
      leadUnitId: hex(base.leadUnitId) ?? null,
    },
    nodes.map((n) => ({ ...n, unitId: hex(n.unitId) ?? null })),
    s,
  );

  const run = async (tx: Tx) => {
    if (!code) {
      do code = await repo.nextProjectCode(yearOf(signedOn!), tx);
      while (await repo.codeExists(code));
    }
    const doc = {
      _id: projectId,
      ...(base as object),
      code,
      templateId: oid(template!.id),
      landingGateCode: template!.items.find((i) => i.isLandingGate)!.code,
      signedOn: signedOn!,
      baselineFrozen: false,
      actualInvestment: 0,
      investmentReports: [],
      terminated: null,
      duplicate,
      voided: false,
      leadId: opts.leadId ? oid(opts.leadId) : null,
      createdBy: actor,
      version: 0,
      ...index,
      unitIds: index.unitIds.map(oid),
    } as unknown as Omit<ProjectDoc, 'createdAt' | 'updatedAt'>;
    await repo.insertProject(doc, nodes, tx);
    await audit(ctx, tx, { action: 'project.create', targetType: 'Project', targetId: projectId.toHexString(), projectId: projectId.toHexString(), after: { code, name: set.name, totalInvestment: input.totalInvestment, templateKey: input.templateKey, signedOn } });
    if (duplicate) {
      await audit(ctx, tx, { action: 'project.duplicateSuspected', targetType: 'Project', targetId: projectId.toHexString(), projectId: projectId.toHexString(), after: { duplicateOf: duplicate.projectId.toHexString() } });
    }
    return (await repo.getProject(projectId.toHexString(), tx))!;
  };
  try {
    return opts.tx ? await run(opts.tx) : await inTransaction(run);
  } catch (e) {
    if ((e as { code?: number }).code === 11000) throw new DomainError(userError('DUPLICATE', `项目编号“${code}”已存在`, 'input.code'));
    throw e;
  }
}

/** With `opts.tx` the change joins the caller's transaction (the ledger import commits a whole file at once). */
export async function updateProject(ctx: Context, input: ProjectFields & { id: string; version: number }, opts: { tx?: Tx } = {}): Promise<ProjectRecord> {
  const current = isId(input.id) ? await repo.getProject(input.id) : null;
  // A project the viewer may not read does not exist for them (no existence leak).
  if (!current || !canReadProject(ctx.viewer, current)) throw notFound();
  if (!canManageProject(ctx.viewer, current)) throw new DomainError(userError('FORBIDDEN', '无权修改该项目'));
  if (current.terminated) throw new DomainError(userError('INVALID_STATE', '项目已终止，不能修改'));
  if (input.platformId && ctx.viewer!.platformId && input.platformId !== ctx.viewer!.platformId) {
    throw new DomainError(userError('FORBIDDEN', '不能把项目转到本平台以外', 'input.platformId'));
  }
  const s = await ctx.settings();
  const c = new Checks();
  const { id: _id, version, ...fields } = input;
  const set = await checkFields(c, fields, false);
  const merged = { ...current, ...Object.fromEntries(Object.entries(set).map(([k, val]) => [k, hex(val) ?? val])) } as ProjectRecord;
  checkBattleMapControl(c, merged, s);
  c.throwIfAny();
  const run = async (tx: Tx) => {
    const nodes = await repo.nodesOf(current.id, tx);
    const index = projectIndexFields(merged, nodes, s);
    if (!(await repo.updateProjectAt(current.id, version, { ...set, tiers: index.tiers, unitIds: index.unitIds.map(oid) }, tx))) throw conflict();
    const after = (await repo.getProject(current.id, tx))!;
    const d = diff(pick(current, Object.keys(set)), pick(after, Object.keys(set)));
    await audit(ctx, tx, { action: 'project.update', targetType: 'Project', targetId: current.id, projectId: current.id, ...d });
    return after;
  };
  return opts.tx ? run(opts.tx) : inTransaction(run);
}

function pick(o: object, keys: string[]): Record<string, unknown> {
  return Object.fromEntries(keys.map((k) => [k, (o as Record<string, unknown>)[k]]));
}

export async function terminateProject(ctx: Context, id: string, version: number, reason: string): Promise<ProjectRecord> {
  const current = isId(id) ? await repo.getProject(id) : null;
  // A project the viewer may not read does not exist for them (no existence leak).
  if (!current || !canReadProject(ctx.viewer, current)) throw notFound();
  if (!canManageProject(ctx.viewer, current)) throw new DomainError(userError('FORBIDDEN', '无权终止该项目'));
  // `reason` is an argument of its own, not part of an input object.
  const c = new Checks('');
  const text = c.text('reason', reason, '终止原因', { max: 500 }) ?? '';
  c.throwIfAny();
  const on = today();
  const check = validateTermination({ currentStage: current.terminated ? 'TERMINATED' : stageOf(current, on), to: 'TERMINATED', reason: text, approverId: ctx.viewer!.userId, on, today: on });
  if (!check.ok) throw new DomainError(check.errors.map((e) => userError('VALIDATION', e.message, e.field ?? null)));
  const s = await ctx.settings();
  return inTransaction(async (tx) => {
    const terminated = { reason: text, by: oid(ctx.viewer!.userId), at: new Date(), on };
    const nodes = await repo.nodesOf(id, tx);
    const index = projectIndexFields({ ...current, terminated: { ...terminated, by: ctx.viewer!.userId } }, nodes, s);
    if (!(await repo.updateProjectAt(id, version, { terminated, stage: index.stage }, tx))) throw conflict();
    await audit(ctx, tx, { action: 'project.terminate', targetType: 'Project', targetId: id, projectId: id, before: { stage: current.stage }, after: { stage: 'TERMINATED', reason: terminated.reason } });
    return (await repo.getProject(id, tx))!;
  });
}

/** Copies every node's planned date to its baseline; from now on moving a date is a re-plan. */
export async function freezeBaseline(ctx: Context, id: string, version: number): Promise<ProjectRecord> {
  const current = isId(id) ? await repo.getProject(id) : null;
  // A project the viewer may not read does not exist for them (no existence leak).
  if (!current || !canReadProject(ctx.viewer, current)) throw notFound();
  if (!canManageProject(ctx.viewer, current)) throw new DomainError(userError('FORBIDDEN', '无权冻结该项目的基线'));
  if (current.baselineFrozen) throw new DomainError(userError('INVALID_STATE', '基线已冻结'));
  return inTransaction(async (tx) => {
    if (!(await repo.updateProjectAt(id, version, { baselineFrozen: true }, tx))) throw conflict();
    await NodeModel.updateMany({ projectId: oid(id) }, [{ $set: { baselineDate: '$plannedDate', version: { $add: ['$version', 1] } } }], { session: tx, updatePipeline: true } as never);
    await audit(ctx, tx, { action: 'project.freezeBaseline', targetType: 'Project', targetId: id, projectId: id, after: { baselineFrozen: true } });
    return (await repo.getProject(id, tx))!;
  });
}

export async function resolveDuplicate(ctx: Context, id: string, status: 'SUSPECTED' | 'CONFIRMED' | 'DISMISSED'): Promise<ProjectRecord> {
  const current = isId(id) ? await repo.getProject(id) : null;
  // A project the viewer may not read does not exist for them (no existence leak).
  if (!current || !canReadProject(ctx.viewer, current)) throw notFound();
  if (!canManageProject(ctx.viewer, current)) throw new DomainError(userError('FORBIDDEN', '无权处理重复签约标记'));
  if (!current.duplicate) throw new DomainError(userError('INVALID_STATE', '该项目没有重复签约标记'));
  return inTransaction(async (tx) => {
    if (!(await repo.updateProjectAt(id, current.version, { 'duplicate.status': status }, tx))) throw conflict();
    await audit(ctx, tx, { action: 'project.resolveDuplicate', targetType: 'Project', targetId: id, projectId: id, before: { status: current.duplicate!.status }, after: { status } });
    return (await repo.getProject(id, tx))!;
  });
}

/** 资金到位: adds one reported amount of actual investment (yuan) on a date. */
export async function reportActualInvestment(ctx: Context, id: string, date: string, amount: number): Promise<ProjectRecord> {
  const current = isId(id) ? await repo.getProject(id) : null;
  // A project the viewer may not read does not exist for them (no existence leak).
  if (!current || !canReadProject(ctx.viewer, current)) throw notFound();
  const v = ctx.viewer!;
  const allowed = canManageProject(v, current) || (v.role === 'OWNER' && current.ownerUserIds.includes(v.userId));
  if (!allowed) throw new DomainError(userError('FORBIDDEN', '无权填报该项目的资金到位情况'));
  const c = new Checks('');
  c.date('date', date, '到位日期', { required: true, notFuture: true });
  c.amount('amount', amount, '到位金额', { required: true });
  if (current.signedOn && date < current.signedOn) c.add('date', '到位日期不能早于签约日期');
  c.throwIfAny();
  return inTransaction(async (tx) => {
    const entry = { date, amount, at: new Date(), by: oid(v.userId) };
    await repo.pushInvestmentReport(id, entry, tx);
    await audit(ctx, tx, { action: 'project.reportInvestment', targetType: 'Project', targetId: id, projectId: id, after: { date, amount } });
    return (await repo.getProject(id, tx))!;
  });
}
