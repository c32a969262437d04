/**
 * Targets: the plan's defaults, ADMIN edits (audited, optimistic concurrency), and how a figure
 * meets them.
 *
 * A figure for year Y and scope S is compared with every target of its indicator and scope whose
 * period covers Y, the most specific first (shortest period, then per-year before cumulative):
 *   perYear        actual = the figure itself (this year's rate or count)
 *   cumulative     actual = the count over the target's whole period as of asOf
 * Every indicator is higher-is-better, so met = actual ≥ value; `final` says the period is over
 * (until then "not met" means "not yet").
 */
import mongoose, { Types } from 'mongoose';
import { Checks } from '../../lib/checks.js';
import { DomainError, userError } from '../../graphql/errors.js';
import { isId, oid, toPlain } from '../../lib/records.js';
import { inTransaction } from '../../lib/tx.js';
import type { Context } from '../../context.js';
import { audit } from '../audit/service.js';
import { PlatformModel, UnitModel } from '../org/model.js';
import { INDICATOR_LABELS, isCountIndicator, isMetricIndicator, periodCount, type Figure, type FigureMemo, type MetricIndicator } from './indicators.js';
import { TargetModel, type TargetDoc, type TargetScopeKind } from './model.js';
import type { TargetRecord, TargetScope, TargetStatusRecord } from './types.js';

/** The plan's figures (上虞区 制造业"腾笼换鸟、凤凰涅槃"攻坚行动方案, 三(四) 招大引强). */
export const DEFAULT_TARGETS: { indicator: MetricIndicator; fromYear: number; toYear: number | null; perYear: boolean; value: number; note: string }[] = [
  { indicator: 'SIGNED_OVER_1B_MANUFACTURING', fromYear: 2021, toYear: 2023, perYear: false, value: 30, note: '2021—2023年完成10亿元以上制造业项目招引30个以上' },
  { indicator: 'LANDING_RATE', fromYear: 2021, toYear: null, perYear: true, value: 0.4, note: '每年签约项目落地率40%以上' },
  { indicator: 'MANUFACTURING_SHARE', fromYear: 2021, toYear: null, perYear: true, value: 2 / 3, note: '每年制造业项目数不低于三分之二' },
  { indicator: 'SIGNED_OVER_100M_WITH_CHAIN', fromYear: 2021, toYear: null, perYear: true, value: 15, note: '每年新引进亿元以上优质产业链项目15个以上' },
  { indicator: 'SIGNED_FOREIGN_100M_USD_MANUFACTURING', fromYear: 2021, toYear: 2023, perYear: false, value: 2, note: '招引总投资1亿美元以上重大制造业外资项目2个' },
];

const settings = () => mongoose.connection.db!.collection<{ _id: string; at?: Date }>('settings');
const MARKER = 'defaultTargets';

/**
 * Preloads the plan's targets once per database (a marker remembers it, so a target an ADMIN
 * deleted stays deleted). Upserts on the unique key make concurrent first calls harmless.
 */
export async function ensureDefaultTargets(): Promise<void> {
  if (await settings().findOne({ _id: MARKER })) return;
  for (const t of DEFAULT_TARGETS) {
    await TargetModel.updateOne(
      { indicator: t.indicator, scopeKind: 'DISTRICT', scopeId: null, fromYear: t.fromYear, toYear: t.toYear },
      { $setOnInsert: { perYear: t.perYear, value: t.value, note: t.note, version: 0 } },
      { upsert: true },
    );
  }
  await settings().updateOne({ _id: MARKER }, { $setOnInsert: { at: new Date() } }, { upsert: true });
}

const toRecord = (d: TargetDoc) => toPlain(d) as TargetRecord;

/** Every target (a district has tens), sorted by indicator, scope, period. */
export async function loadTargets(): Promise<TargetRecord[]> {
  await ensureDefaultTargets();
  const docs = (await TargetModel.find({}).sort({ indicator: 1, scopeKind: 1, scopeId: 1, fromYear: 1, _id: 1 }).lean()) as TargetDoc[];
  return docs.map(toRecord);
}

export function covers(t: Pick<TargetRecord, 'fromYear' | 'toYear'>, year: number): boolean {
  return t.fromYear <= year && (t.toYear === null || year <= t.toYear);
}

const sameScope = (t: TargetRecord, s: TargetScope) => t.scopeKind === s.kind && (t.scopeId ?? null) === (s.id ?? null);

/** Targets of an indicator for a scope covering the year, most specific first. */
export function applicableTargets(all: readonly TargetRecord[], indicator: MetricIndicator, year: number, scope: TargetScope | null): TargetRecord[] {
  if (!scope) return [];
  const span = (t: TargetRecord) => (t.toYear ?? 9999) - t.fromYear;
  return all
    .filter((t) => t.indicator === indicator && sameScope(t, scope) && covers(t, year))
    .sort((a, b) => span(a) - span(b) || Number(b.perYear) - Number(a.perYear) || (a.id < b.id ? -1 : 1));
}

const EPSILON = 1e-9;

export function targetStatus(t: TargetRecord, figure: Figure, memo: FigureMemo): TargetStatusRecord {
  const indicator = t.indicator as MetricIndicator;
  if (!t.perYear && isCountIndicator(indicator) && t.toYear !== null) {
    const c = periodCount(memo, indicator, t.fromYear, t.toYear);
    return { target: t, actual: c.count, met: c.count >= t.value, final: c.final, periodLabel: `${t.fromYear}—${t.toYear}年累计` };
  }
  const actual = figure.value;
  return { target: t, actual, met: actual !== null && actual >= t.value - EPSILON, final: figure.final, periodLabel: `${memo.year}年` };
}

export interface TargetInput {
  indicator: string;
  scopeKind: TargetScopeKind;
  scopeId?: string | null;
  fromYear: number;
  toYear?: number | null;
  perYear: boolean;
  value: number;
  note?: string | null;
}

async function checkInput(c: Checks, input: TargetInput): Promise<Record<string, unknown>> {
  const indicator = input.indicator;
  if (!isMetricIndicator(indicator)) c.add('indicator', '指标不存在');
  const counts = isMetricIndicator(indicator) && isCountIndicator(indicator);
  const toYear = input.toYear ?? null;
  if (!Number.isInteger(input.fromYear) || input.fromYear < 2000 || input.fromYear > 2100) c.add('fromYear', '起始年份应在2000—2100之间');
  if (toYear !== null && (!Number.isInteger(toYear) || toYear < input.fromYear || toYear > 2100)) c.add('toYear', '截止年份不能早于起始年份');
  if (!input.perYear && !counts) c.add('perYear', '比率类指标只能按年设定目标');
  if (!input.perYear && toYear === null) c.add('toYear', '累计目标须设定截止年份');
  if (counts) {
    if (!(Number.isInteger(input.value) && input.value > 0)) c.add('value', '数量目标应为正整数');
  } else if (!(Number.isFinite(input.value) && input.value > 0 && input.value <= (indicator === 'FUNDING_RATE' ? 10 : 1))) {
    c.add('value', '比率目标应在0到1之间（如40%填0.4）');
  }
  let scopeId: Types.ObjectId | null = null;
  if (input.scopeKind === 'DISTRICT') {
    if (input.scopeId) c.add('scopeId', '全区目标不应指定平台或单位');
  } else if (!input.scopeId || !isId(input.scopeId)) {
    c.add('scopeId', input.scopeKind === 'PLATFORM' ? '请选择平台' : '请选择责任单位');
  } else {
    const exists = input.scopeKind === 'PLATFORM' ? await PlatformModel.exists({ _id: oid(input.scopeId) }) : await UnitModel.exists({ _id: oid(input.scopeId) });
    if (!exists) c.add('scopeId', input.scopeKind === 'PLATFORM' ? '平台不存在' : '责任单位不存在', 'NOT_FOUND');
    scopeId = oid(input.scopeId);
  }
  const note = c.text('note', input.note, '说明', { max: 200 }) ?? null;
  return { indicator, scopeKind: input.scopeKind, scopeId, fromYear: input.fromYear, toYear, perYear: input.perYear, value: input.value, note };
}

const duplicate = () => new DomainError(userError('DUPLICATE', '该指标在同一范围和期间已有目标', 'input.indicator'));
const conflict = () => new DomainError(userError('CONFLICT', '目标已被他人修改，请刷新后重试', 'version'));
const notFound = () => new DomainError(userError('NOT_FOUND', '目标不存在'));

function describe(t: Record<string, unknown>) {
  return { ...t, scopeId: t.scopeId ? String(t.scopeId) : null, label: INDICATOR_LABELS[t.indicator as MetricIndicator] };
}

export async function createTarget(ctx: Context, input: TargetInput): Promise<TargetRecord> {
  const c = new Checks();
  const set = await checkInput(c, input);
  c.throwIfAny();
  await ensureDefaultTargets();
  const id = new Types.ObjectId();
  try {
    return await inTransaction(async (tx) => {
      await TargetModel.create([{ _id: id, ...set, version: 0 }], { session: tx });
      await audit(ctx, tx, { action: 'target.create', targetType: 'Target', targetId: id.toHexString(), after: describe(set) });
      return toRecord((await TargetModel.findById(id).session(tx).lean()) as TargetDoc);
    });
  } catch (e) {
    if ((e as { code?: number }).code === 11000) throw duplicate();
    throw e;
  }
}

export async function updateTarget(ctx: Context, input: TargetInput & { id: string; version: number }): Promise<TargetRecord> {
  const current = isId(input.id) ? ((await TargetModel.findById(oid(input.id)).lean()) as TargetDoc | null) : null;
  if (!current) throw notFound();
  const c = new Checks();
  const set = await checkInput(c, input);
  c.throwIfAny();
  try {
    return await inTransaction(async (tx) => {
      const r = await TargetModel.updateOne({ _id: current._id, version: input.version }, { $set: set, $inc: { version: 1 } }, { session: tx });
      if (r.matchedCount !== 1) throw conflict();
      await audit(ctx, tx, { action: 'target.update', targetType: 'Target', targetId: input.id, before: describe(toPlain(current) as never), after: describe(set) });
      return toRecord((await TargetModel.findById(current._id).session(tx).lean()) as TargetDoc);
    });
  } catch (e) {
    if ((e as { code?: number }).code === 11000) throw duplicate();
    throw e;
  }
}

export async function deleteTarget(ctx: Context, id: string, version: number): Promise<string> {
  const current = isId(id) ? ((await TargetModel.findById(oid(id)).lean()) as TargetDoc | null) : null;
  if (!current) throw notFound();
  return inTransaction(async (tx) => {
    const r = await TargetModel.deleteOne({ _id: current._id, version }, { session: tx });
    if (r.deletedCount !== 1) throw conflict();
    await audit(ctx, tx, { action: 'target.delete', targetType: 'Target', targetId: id, before: describe(toPlain(current) as never) });
    return id;
  });
}
