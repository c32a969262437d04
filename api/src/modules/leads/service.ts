/**
 * Leads (线索) and their follow-up log; signing a lead creates its project (with nodes from the
 * template) and marks the lead SIGNED in one transaction.
 */
import { Types, trusted } from 'mongoose';
import { Checks } from '../../lib/checks.js';
import { DomainError, userError, badInput } from '../../graphql/errors.js';
import { isId, oid, toPlain } from '../../lib/records.js';
import { searchRegex } from '../../lib/search.js';
import { inTransaction } from '../../lib/tx.js';
import { addDays, today } from '../../domain/dates.js';
import { isLeadStale } from '../../domain/leads.js';
import { canManageLead, canReadLead } from '../../auth/policy.js';
import type { Viewer } from '../../auth/viewer.js';
import type { Context } from '../../context.js';
import { audit, diff } from '../audit/service.js';
import { ChainModel, PlatformModel } from '../org/model.js';
import { createProject, type CreateProjectInput } from '../projects/service.js';
import type { ProjectRecord } from '../projects/types.js';
import { LeadModel, type LeadDoc } from './model.js';
import type { LeadRecord } from './types.js';

const toRecord = (d: LeadDoc) => toPlain(d) as LeadRecord;
const conflict = () => new DomainError(userError('CONFLICT', '线索已被他人修改，请刷新后重试', 'version'));

/** Open leads only; the rule itself is the domain's (domain/leads.ts). */
export function isStale(l: Pick<LeadRecord, 'status' | 'followUps' | 'createdAt'>, asOf: string, staleDays: number): boolean {
  if (l.status !== 'NEW' && l.status !== 'NEGOTIATING') return false;
  return isLeadStale({ createdOn: today(l.createdAt), followUpDates: l.followUps.map((f) => f.date) }, asOf, { staleDays });
}

interface LeadFields {
  name?: string | null;
  investor?: string | null;
  uscc?: string | null;
  industryCode?: string | null;
  chainId?: string | null;
  source?: LeadDoc['source'] | null;
  platformId?: string | null;
  estimatedInvestment?: number | null;
  contactName?: string | null;
  contactPhone?: string | null;
}

async function checkLead(c: Checks, f: LeadFields, creating: boolean, viewer: Viewer): Promise<Record<string, unknown>> {
  const set: Record<string, unknown> = {};
  const put = (k: string, v: unknown) => v !== undefined && (set[k] = v);
  put('name', c.text('name', f.name, '线索名称', { required: creating || f.name !== undefined, max: 128 }));
  put('investor', c.text('investor', f.investor, '投资方', { required: creating || f.investor !== undefined, max: 128 }));
  put('uscc', c.uscc('uscc', f.uscc));
  put('industryCode', c.industry('industryCode', f.industryCode));
  put('estimatedInvestment', c.amount('estimatedInvestment', f.estimatedInvestment, '预计投资额'));
  put('contactName', c.text('contactName', f.contactName, '联系人', { max: 64 }));
  const phone = c.text('contactPhone', f.contactPhone, '联系电话', { max: 32 });
  if (phone && !/^[0-9+\-() ]{5,32}$/.test(phone)) c.add('contactPhone', '联系电话格式不正确');
  put('contactPhone', phone);
  if (f.source) set.source = f.source;
  if (f.chainId !== undefined) {
    if (f.chainId === null) set.chainId = null;
    else if (!isId(f.chainId) || !(await ChainModel.exists({ _id: oid(f.chainId) }))) c.add('chainId', '产业链不存在', 'NOT_FOUND');
    else set.chainId = oid(f.chainId);
  }
  const platformId = f.platformId === undefined && creating ? viewer.platformId : f.platformId;
  if (platformId !== undefined) {
    if (viewer.platformId && platformId !== viewer.platformId) c.add('platformId', '只能登记本平台的线索', 'FORBIDDEN');
    else if (platformId === null) set.platformId = null;
    else if (!isId(platformId) || !(await PlatformModel.exists({ _id: oid(platformId) }))) c.add('platformId', '平台不存在', 'NOT_FOUND');
    else set.platformId = oid(platformId);
  }
  return set;
}

export async function createLead(ctx: Context, input: LeadFields & { name: string; investor: string; source: LeadDoc['source'] }): Promise<LeadRecord> {
  const v = ctx.viewer!;
  if (v.role !== 'PROMOTION') throw new DomainError(userError('FORBIDDEN', '只有招商人员可以登记线索'));
  const c = new Checks();
  const set = await checkLead(c, input, true, v);
  c.throwIfAny();
  return inTransaction(async (tx) => {
    const [doc] = await LeadModel.create([{ ...set, source: input.source, ownerId: oid(v.userId), status: 'NEW' }], { session: tx });
    const rec = toRecord(doc.toObject() as LeadDoc);
    await audit(ctx, tx, { action: 'lead.create', targetType: 'Lead', targetId: rec.id, after: { name: rec.name, investor: rec.investor } });
    return rec;
  });
}

async function loadManaged(ctx: Context, id: string): Promise<LeadRecord> {
  const d = isId(id) ? ((await LeadModel.findById(oid(id)).lean()) as LeadDoc | null) : null;
  const lead = d ? toRecord(d) : null;
  if (!lead || !canReadLead(ctx.viewer, lead)) throw new DomainError(userError('NOT_FOUND', '线索不存在'));
  if (!canManageLead(ctx.viewer, lead)) {
    throw new DomainError(userError(lead.status === 'SIGNED' || lead.status === 'DROPPED' ? 'INVALID_STATE' : 'FORBIDDEN', lead.status === 'SIGNED' ? '线索已签约' : lead.status === 'DROPPED' ? '线索已流失' : '无权修改该线索'));
  }
  return lead;
}

export async function updateLead(ctx: Context, input: LeadFields & { id: string; version: number }): Promise<LeadRecord> {
  const lead = await loadManaged(ctx, input.id);
  const c = new Checks();
  const { id: _i, version, ...fields } = input;
  const set = await checkLead(c, fields, false, ctx.viewer!);
  c.throwIfAny();
  return inTransaction(async (tx) => {
    const r = await LeadModel.updateOne({ _id: oid(lead.id), version }, { $set: set, $inc: { version: 1 } }, { session: tx });
    if (r.matchedCount !== 1) throw conflict();
    const after = toRecord((await LeadModel.findById(oid(lead.id)).session(tx).lean()) as LeadDoc);
    const keys = Object.keys(set);
    const pick = (o: object) => Object.fromEntries(keys.map((k) => [k, (o as Record<string, unknown>)[k]]));
    await audit(ctx, tx, { action: 'lead.update', targetType: 'Lead', targetId: lead.id, ...diff(pick(lead), pick(after)) });
    return after;
  });
}

export async function addFollowUp(
  ctx: Context,
  input: { leadId: string; date: string; kind: 'PHONE' | 'VISIT' | 'RECEPTION' | 'MEETING'; summary: string; nextStep?: string | null; nextDate?: string | null },
): Promise<LeadRecord> {
  const lead = await loadManaged(ctx, input.leadId);
  const c = new Checks();
  c.date('date', input.date, '跟进日期', { required: true, notFuture: true });
  const summary = c.text('summary', input.summary, '跟进情况', { required: true, max: 2000 });
  const nextStep = c.text('nextStep', input.nextStep, '下一步计划', { max: 500 });
  c.date('nextDate', input.nextDate, '下次跟进日期');
  if (input.nextDate && input.nextDate < input.date) c.add('nextDate', '下次跟进日期不能早于本次跟进日期');
  c.throwIfAny();
  return inTransaction(async (tx) => {
    const entry = { _id: new Types.ObjectId(), date: input.date, kind: input.kind, summary, nextStep: nextStep ?? null, nextDate: input.nextDate ?? null, by: oid(ctx.viewer!.userId), createdAt: new Date() };
    const last = lead.lastFollowUpOn && lead.lastFollowUpOn > input.date ? lead.lastFollowUpOn : input.date;
    await LeadModel.updateOne(
      { _id: oid(lead.id) },
      {
        $push: { followUps: entry },
        $set: { lastFollowUpOn: last, nextFollowUpOn: input.nextDate ?? null, status: lead.status === 'NEW' ? 'NEGOTIATING' : lead.status },
        $inc: { version: 1 },
      },
      { session: tx },
    );
    await audit(ctx, tx, { action: 'lead.followUp', targetType: 'Lead', targetId: lead.id, after: { date: input.date, kind: input.kind, summary } });
    return toRecord((await LeadModel.findById(oid(lead.id)).session(tx).lean()) as LeadDoc);
  });
}

export async function dropLead(ctx: Context, id: string, version: number, reason: string): Promise<LeadRecord> {
  const lead = await loadManaged(ctx, id);
  const c = new Checks('');
  const why = c.text('reason', reason, '流失原因', { required: true, max: 500 });
  c.throwIfAny();
  return inTransaction(async (tx) => {
    const r = await LeadModel.updateOne({ _id: oid(id), version }, { $set: { status: 'DROPPED', dropReason: why }, $inc: { version: 1 } }, { session: tx });
    if (r.matchedCount !== 1) throw conflict();
    await audit(ctx, tx, { action: 'lead.drop', targetType: 'Lead', targetId: id, before: { status: lead.status }, after: { status: 'DROPPED', reason: why } });
    return toRecord((await LeadModel.findById(oid(id)).session(tx).lean()) as LeadDoc);
  });
}

export async function signLead(ctx: Context, input: { leadId: string; version: number; project: CreateProjectInput }): Promise<ProjectRecord> {
  const lead = await loadManaged(ctx, input.leadId);
  const project = { ...input.project, uscc: input.project.uscc ?? lead.uscc, chainId: input.project.chainId ?? lead.chainId };
  return inTransaction(async (tx) => {
    const r = await LeadModel.updateOne({ _id: oid(lead.id), version: input.version }, { $set: { status: 'SIGNED' }, $inc: { version: 1 } }, { session: tx });
    if (r.matchedCount !== 1) throw conflict();
    const created = await createProject(ctx, project, { leadId: lead.id, tx });
    await LeadModel.updateOne({ _id: oid(lead.id) }, { $set: { projectId: oid(created.id) } }, { session: tx });
    await audit(ctx, tx, { action: 'lead.sign', targetType: 'Lead', targetId: lead.id, projectId: created.id, before: { status: lead.status }, after: { status: 'SIGNED', projectId: created.id } });
    return created;
  });
}

export interface LeadFilter {
  status?: LeadDoc['status'][] | null;
  stale?: boolean | null;
  mine?: boolean | null;
  platformId?: string | null;
  text?: string | null;
}

export async function listLeads(ctx: Context, f: LeadFilter, first: number, after: string | null, asOf: string) {
  const v = ctx.viewer!;
  const and: Record<string, unknown>[] = [];
  if (v.role === 'PROMOTION' && v.platformId) and.push({ $or: [{ platformId: oid(v.platformId) }, { ownerId: oid(v.userId) }] });
  else if (v.role !== 'PROMOTION' && v.role !== 'LEADER' && v.role !== 'ADMIN') return { nodes: [], totalCount: 0, pageInfo: { hasNextPage: false, endCursor: null } };
  if (f.status?.length) and.push({ status: trusted({ $in: f.status }) });
  if (f.mine) and.push({ ownerId: oid(v.userId) });
  if (f.platformId) {
    if (!isId(f.platformId)) throw badInput('ID格式不正确', 'platformId');
    and.push({ platformId: oid(f.platformId) });
  }
  const re = searchRegex(f.text);
  if (re) and.push({ $or: [{ name: trusted({ $regex: re }) }, { investor: trusted({ $regex: re }) }] });
  if (f.stale != null) {
    const s = await ctx.settings();
    const cutoff = addDays(asOf, -s.flat.staleLeadDays);
    const staleCond = {
      status: trusted({ $in: ['NEW', 'NEGOTIATING'] }),
      // Same rule as isStale: the last follow-up (or creation) at least staleDays before asOf.
      $or: [{ lastFollowUpOn: trusted({ $lte: cutoff }) }, { lastFollowUpOn: null, createdAt: trusted({ $lt: new Date(`${addDays(cutoff, 1)}T00:00:00+08:00`) }) }],
    };
    and.push(f.stale ? staleCond : { $nor: [staleCond] });
  }
  const q = and.length ? { $and: and } : {};
  const page: Record<string, unknown> = { ...q };
  if (after) {
    const [t, id] = Buffer.from(after, 'base64url').toString().split('|');
    if (!isId(id) || !/^\d+$/.test(t ?? '')) throw badInput('分页游标无效', 'after');
    page.$and = [...((q as { $and?: unknown[] }).$and ?? []), { $or: [{ createdAt: trusted({ $lt: new Date(Number(t)) }) }, { createdAt: new Date(Number(t)), _id: trusted({ $gt: oid(id) }) }] }];
  }
  const [docs, totalCount] = await Promise.all([
    LeadModel.find(page).sort({ createdAt: -1, _id: 1 }).limit(first + 1).lean() as Promise<LeadDoc[]>,
    LeadModel.countDocuments(q),
  ]);
  const nodes = docs.slice(0, first).map(toRecord);
  const last = nodes[nodes.length - 1];
  return { nodes, totalCount, pageInfo: { hasNextPage: docs.length > first, endCursor: last ? Buffer.from(`${last.createdAt.getTime()}|${last.id}`).toString('base64url') : null } };
}

export async function getLead(ctx: Context, id: string): Promise<LeadRecord | null> {
  if (!isId(id)) return null;
  const lead = await ctx.loaders.lead.load(id);
  return lead && canReadLead(ctx.viewer, lead) ? lead : null;
}
