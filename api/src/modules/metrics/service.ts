/**
 * The metrics dashboard: who may see which slice, loading the facts once per request, cutting
 * them in memory (platform, unit, industry chain, tier, source) and the drill-down from a figure
 * to the projects behind it.
 *
 * Visibility: LEADER and ADMIN see the district; PROMOTION their platform (district staff: the
 * district); UNIT their own unit's cut (projects the unit is responsible for); OWNER nothing.
 * A scoped viewer asking for another platform or unit is refused rather than silently narrowed.
 */
import { GraphQLError } from 'graphql';
import { trusted } from 'mongoose';
import { endOfYear, isValidCalendarDate, startOfYear, today, type CalendarDate } from '../../domain/dates.js';
import { applyCut, type ProjectFacts } from '../../domain/metrics.js';
import { TIER_LABELS, TIERS, type Tier } from '../../domain/tiers.js';
import type { Viewer } from '../../auth/viewer.js';
import { badInput, forbidden } from '../../graphql/errors.js';
import { isId, oid } from '../../lib/records.js';
import type { Context } from '../../context.js';
import { ChainModel, PlatformModel, UnitModel } from '../org/model.js';
import { SOURCES } from '../projects/model.js';
import { loadFacts } from './facts.js';
import { SOURCE_LABELS } from './labels.js';
import { FigureMemo, type MetricIndicator } from './indicators.js';
import { covers, loadTargets } from './targets.js';
import type { MetricCutRowRecord, MetricFilterRecord, MetricSetRecord, MetricsDashboardRecord, TargetRecord, TargetScope } from './types.js';

/** The part of the portfolio a viewer may measure; null = no metrics at all. */
export function metricsScope(v: Viewer | null): MetricFilterRecord | null {
  if (!v) return null;
  switch (v.role) {
    case 'LEADER':
    case 'ADMIN':
      return {};
    case 'PROMOTION':
      return v.platformId ? { platformId: v.platformId } : {};
    case 'UNIT':
      return v.unitId ? { unitId: v.unitId } : null;
    default:
      return null;
  }
}

export function canSeeMetrics(v: Viewer | null): boolean {
  return metricsScope(v) !== null;
}

export interface MetricFilterInput {
  platformId?: string | null;
  unitId?: string | null;
  chainId?: string | null;
  tier?: string | null;
  source?: string | null;
}

/** The requested slice within the viewer's scope; FORBIDDEN outside it. */
export function effectiveFilter(v: Viewer | null, input: MetricFilterInput | null | undefined): MetricFilterRecord {
  const scope = metricsScope(v);
  if (!scope) throw forbidden('无权查看统计指标');
  const f: MetricFilterRecord = {};
  for (const key of ['platformId', 'unitId', 'chainId'] as const) {
    const id = input?.[key];
    if (id == null) continue;
    if (!isId(id)) throw badInput('ID格式不正确', `filter.${key}`);
    f[key] = id;
  }
  if (input?.tier != null) {
    if (!(TIERS as readonly string[]).includes(input.tier)) throw badInput('档位不存在', 'filter.tier');
    f.tier = input.tier;
  }
  if (input?.source != null) {
    if (!(SOURCES as readonly string[]).includes(input.source)) throw badInput('项目来源不存在', 'filter.source');
    f.source = input.source;
  }
  for (const key of ['platformId', 'unitId'] as const) {
    const forced = scope[key];
    if (forced === undefined) continue;
    if (f[key] !== undefined && f[key] !== forced) throw forbidden('只能查看本平台/本单位的统计指标');
    f[key] = forced;
  }
  return f;
}

/** Targets apply to the district, a platform or a unit: only those slices have a target scope. */
function targetScopeOf(f: MetricFilterRecord): TargetScope | null {
  const keys = Object.keys(f).filter((k) => f[k as keyof MetricFilterRecord] !== undefined);
  if (keys.length === 0) return { kind: 'DISTRICT', id: null };
  if (keys.length === 1 && f.platformId) return { kind: 'PLATFORM', id: f.platformId };
  if (keys.length === 1 && f.unitId) return { kind: 'UNIT', id: f.unitId };
  return null;
}

function checkYearAndDate(year: number, asOf: string | null | undefined): CalendarDate {
  if (!Number.isInteger(year) || year < 2000 || year > 2100) throw badInput('年份应在2000—2100之间', 'year');
  const d = asOf ?? today();
  if (!isValidCalendarDate(d)) throw badInput('日期无效', 'asOf');
  return d;
}

function makeSet(facts: ProjectFacts[], year: number, asOf: CalendarDate, d: Pick<MetricsDashboardRecord, 'tierConfig' | 'targets'>, scope: TargetScope | null): MetricSetRecord {
  return { memo: new FigureMemo(facts, year, asOf, d.tierConfig), scope, targets: d.targets };
}

/** Loads the slice's facts once; every figure and cut of the request is computed from them. */
export async function dashboard(ctx: Context, year: number, asOfInput: string | null | undefined, filterInput: MetricFilterInput | null | undefined): Promise<MetricsDashboardRecord> {
  const asOf = checkYearAndDate(year, asOfInput);
  const filter = effectiveFilter(ctx.viewer, filterInput);
  const targets = await loadTargets();
  // The year's cohort, and the earlier years of any cumulative target the year belongs to.
  const fromYear = Math.min(year, ...targets.filter((t) => !t.perYear && covers(t, year)).map((t) => t.fromYear));
  const [settings, loaded] = await Promise.all([ctx.settings(), loadFacts({ ...filter, signedFrom: startOfYear(fromYear), signedTo: endOfYear(year) })]);
  const tierConfig = settings.tiers;
  const facts = filter.tier ? applyCut(loaded, { tier: filter.tier as Tier }, tierConfig) : loaded;
  const base = { tierConfig, targets };
  return { year, asOf, filter, facts, tierConfig, targets, total: makeSet(facts, year, asOf, base, targetScopeOf(filter)) };
}

export type CutBy = 'PLATFORM' | 'UNIT' | 'INDUSTRY_CHAIN' | 'TIER' | 'SOURCE';

const nameMap = (docs: { _id: { toHexString(): string }; name: string }[]) => new Map(docs.map((d) => [d._id.toHexString(), d.name]));

/** One row per value of the dimension, each with its own lazily computed figures. */
export async function cuts(d: MetricsDashboardRecord, by: CutBy): Promise<MetricCutRowRecord[]> {
  const { facts, year, asOf, filter } = d;
  const row = (key: string, label: string, subset: ProjectFacts[], extra: Partial<MetricCutRowRecord>, scope: TargetScope | null): MetricCutRowRecord => ({
    key,
    label,
    platformId: null,
    unitId: null,
    chainId: null,
    tier: null,
    source: null,
    ...extra,
    metrics: makeSet(subset, year, asOf, d, scope),
  });
  const groupBy = (keys: (p: ProjectFacts) => (string | null | undefined)[]) => {
    const groups = new Map<string, ProjectFacts[]>();
    for (const p of facts) {
      for (const k of keys(p)) {
        const key = k ?? '';
        const g = groups.get(key);
        if (g) g.push(p);
        else groups.set(key, [p]);
      }
    }
    return groups;
  };
  // A row is a target scope only when the slice is otherwise the whole district.
  const onlyScope = (extra: keyof MetricFilterRecord) => Object.entries(filter).every(([k, v]) => v === undefined || k === extra);

  switch (by) {
    case 'PLATFORM': {
      const groups = groupBy((p) => [p.platformId]);
      const platforms = (await PlatformModel.find(filter.platformId ? { _id: filter.platformId } : {}, { name: 1 }).sort({ name: 1, _id: 1 }).lean()) as never[];
      return (platforms as { _id: { toHexString(): string }; name: string }[]).map((pl) => {
        const id = pl._id.toHexString();
        return row(id, pl.name, groups.get(id) ?? [], { platformId: id }, onlyScope('platformId') ? { kind: 'PLATFORM', id } : null);
      });
    }
    case 'UNIT': {
      const groups = groupBy((p) => [...new Set(p.unitIds ?? [])]);
      const ids = [...groups.keys()].filter((k) => k !== '');
      if (filter.unitId && !ids.includes(filter.unitId)) ids.push(filter.unitId);
      const names = nameMap((await UnitModel.find({ _id: trusted({ $in: ids.map(oid) }) }, { name: 1 }).lean()) as never[]);
      return ids
        .filter((id) => names.has(id) && (!filter.unitId || id === filter.unitId))
        .sort((a, b) => names.get(a)!.localeCompare(names.get(b)!, 'zh-CN') || (a < b ? -1 : 1))
        .map((id) => row(id, names.get(id)!, groups.get(id) ?? [], { unitId: id }, onlyScope('unitId') ? { kind: 'UNIT', id } : null));
    }
    case 'INDUSTRY_CHAIN': {
      const groups = groupBy((p) => [p.industryChain]);
      const chains = (await ChainModel.find({}, { name: 1, code: 1 }).sort({ code: 1, _id: 1 }).lean()) as { _id: { toHexString(): string }; name: string }[];
      const rows = chains
        .filter((c) => !filter.chainId || c._id.toHexString() === filter.chainId)
        .map((c) => row(c._id.toHexString(), c.name, groups.get(c._id.toHexString()) ?? [], { chainId: c._id.toHexString() }, null));
      if (!filter.chainId) rows.push(row('NONE', '未归属产业链', groups.get('') ?? [], {}, null));
      return rows;
    }
    case 'TIER':
      return TIERS.filter((t) => !filter.tier || t === filter.tier).map((t) => row(t, TIER_LABELS[t], applyCut(facts, { tier: t }, d.tierConfig), { tier: t }, null));
    case 'SOURCE': {
      const groups = groupBy((p) => [p.source]);
      return SOURCES.filter((s) => !filter.source || s === filter.source).map((s) => row(s, SOURCE_LABELS[s], groups.get(s) ?? [], { source: s }, null));
    }
  }
}

export type MetricPart = 'NUMERATOR' | 'DENOMINATOR';

/** The project ids behind a figure (numerator or denominator), in the viewer's scope. */
export async function figureProjectIds(ctx: Context, year: number, asOf: string | null | undefined, filter: MetricFilterInput | null | undefined, indicator: MetricIndicator, part: MetricPart): Promise<string[]> {
  const d = await dashboard(ctx, year, asOf, filter);
  const f = d.total.memo.figure(indicator);
  if (part === 'DENOMINATOR') {
    if (!f.denominatorIds) throw new GraphQLError('数量类指标没有分母', { extensions: { code: 'BAD_USER_INPUT', field: 'part' } });
    return f.denominatorIds;
  }
  return f.numeratorIds;
}

export type { TargetRecord };
