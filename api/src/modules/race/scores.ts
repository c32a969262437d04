/**
 * 季评价 and 年考核. A quarter's score per scope is domain/race `quarterScore` over the scope's
 * figures as of the quarter end (year to date, with what was known then), against its targets:
 * a target of that very scope (targets collection, per year) when one is set, else the
 * configuration's default for the scope kind. Penalties: nodes of the scope overdue by more than
 * the configured days at the quarter end, and confirmed duplicate signings of the quarter.
 *
 * Until a quarter is published its score is computed live; publishing writes every scope's
 * score, rank and the configuration used, once (unique index), and from then on the stored
 * figures are what everyone sees. The year sums the quarters (published where they are) and the
 * year-end score (the same formula on figures as of 31 Dec against full-year targets).
 */
import { trusted, Types } from 'mongoose';
import { endOfQuarter, endOfYear, startOfQuarter, startOfYear, today, type CalendarDate, type Quarter } from '../../domain/dates.js';
import { assessYear, quarterScore, rankScores } from '../../domain/race.js';
import type { ProjectFacts } from '../../domain/metrics.js';
import { DomainError, userError } from '../../graphql/errors.js';
import { oid } from '../../lib/records.js';
import { inTransaction } from '../../lib/tx.js';
import type { Context } from '../../context.js';
import { audit } from '../audit/service.js';
import { loadFacts } from '../metrics/facts.js';
import { FigureMemo, type MetricIndicator } from '../metrics/indicators.js';
import { applicableTargets, loadTargets } from '../metrics/targets.js';
import type { TargetRecord } from '../metrics/types.js';
import { ProjectModel } from '../projects/model.js';
import { loadSettings } from '../settings/service.js';
import { loadRaceConfig, toDomainConfig, type RaceConfigRecord } from './config.js';
import { RaceScoreModel, type RaceScopeKind, type RaceScoreDoc } from './model.js';
import { inScope, listScopes, overdueNodeCounts, scopeKey, type RaceScope } from './scopes.js';

export interface ScoreRowRecord {
  scope: RaceScope;
  rank: number;
  score: number;
  parts: { code: string; name: string; weight: number; actual: number; target: number; ratio: number; weighted: number }[];
  overdueNodes: number;
  overduePenalty: number;
  penalisedRecords: number;
  recordPenalty: number;
}

export interface QuarterRecord {
  year: number;
  quarter: Quarter;
  kind: RaceScopeKind;
  asOf: CalendarDate;
  published: boolean;
  publishedAt: Date | null;
  publishedBy: string | null;
  rows: ScoreRowRecord[];
}

function targetFor(targets: readonly TargetRecord[], code: string, year: number, scope: RaceScope, config: RaceConfigRecord): number {
  const own = applicableTargets(targets, code as MetricIndicator, year, { kind: scope.kind, id: scope.id }).find((t) => t.perYear);
  if (own) return own.value;
  const ind = config.indicators.find((i) => i.code === code)!;
  return scope.kind === 'PLATFORM' ? ind.platformTarget : ind.unitTarget;
}

/** Confirmed duplicate signings in [from, to], per scope key. */
async function penalisedRecords(from: CalendarDate, to: CalendarDate): Promise<Map<string, number>> {
  const docs = (await ProjectModel.find({ 'duplicate.status': 'CONFIRMED', signedOn: trusted({ $gte: from, $lte: to }) }, { platformId: 1, unitIds: 1 }).lean()) as {
    platformId: Types.ObjectId;
    unitIds: Types.ObjectId[];
  }[];
  const out = new Map<string, number>();
  const bump = (k: string) => out.set(k, (out.get(k) ?? 0) + 1);
  for (const d of docs) {
    bump(`PLATFORM:${d.platformId.toHexString()}`);
    for (const u of new Set(d.unitIds.map((x) => x.toHexString()))) bump(`UNIT:${u}`);
  }
  return out;
}

/**
 * Live scores of every scope of a kind for the period ending `asOf` (a quarter end, or 31 Dec
 * for the year-end score, `quarter` = 4), ranked.
 */
export async function computeScores(year: number, quarter: Quarter, kind: RaceScopeKind, asOf: CalendarDate, periodFrom: CalendarDate, config: RaceConfigRecord): Promise<ScoreRowRecord[]> {
  const s = await loadSettings();
  const domainConfig = toDomainConfig(config);
  const [facts, targets, scopes, overdue, records] = await Promise.all([
    loadFacts({ signedFrom: startOfYear(year), signedTo: asOf }),
    loadTargets(),
    listScopes(kind),
    overdueNodeCounts(asOf, config.overdueNodeDays, s),
    penalisedRecords(periodFrom, asOf),
  ]);
  const scored = scopes.map((scope) => {
    const subset: ProjectFacts[] = facts.filter((p) => inScope(scope, p));
    const memo = new FigureMemo(subset, year, asOf, s.tiers);
    const actuals: Record<string, number> = {};
    const annual: Record<string, number> = {};
    for (const ind of config.indicators) {
      actuals[ind.code] = memo.figure(ind.code as MetricIndicator).value ?? 0;
      annual[ind.code] = targetFor(targets, ind.code, year, scope, config);
    }
    const k = scopeKey(scope);
    const overdueNodes = overdue.longOverdue.get(k) ?? 0;
    const penalised = records.get(k) ?? 0;
    const b = quarterScore({ quarter, actuals, targets: annual, overdueNodes, penalisedRecords: penalised }, domainConfig);
    return {
      id: scope.id,
      score: b.score,
      row: {
        scope,
        parts: b.parts.map((p) => {
          const ind = config.indicators.find((i) => i.code === p.code)!;
          return { ...p, name: ind.name, weight: ind.weight };
        }),
        overdueNodes,
        overduePenalty: b.overduePenalty,
        penalisedRecords: penalised,
        recordPenalty: b.recordPenalty,
      },
    };
  });
  return rankScores(scored).map((r) => ({ ...r.item.row, score: r.score, rank: r.rank }));
}

function fromDoc(d: RaceScoreDoc): ScoreRowRecord {
  return {
    scope: { kind: d.scopeKind, id: d.scopeId.toHexString(), name: d.scopeName },
    rank: d.rank,
    score: d.score,
    parts: d.parts,
    overdueNodes: d.overdueNodes,
    overduePenalty: d.overduePenalty,
    penalisedRecords: d.penalisedRecords,
    recordPenalty: d.recordPenalty,
  };
}

async function publishedRows(year: number, quarter: Quarter, kind: RaceScopeKind): Promise<RaceScoreDoc[]> {
  return (await RaceScoreModel.find({ year, quarter, scopeKind: kind }).sort({ rank: 1, scopeName: 1, _id: 1 }).lean()) as RaceScoreDoc[];
}

/** The quarter as published, or computed live (as of today while the quarter runs). */
export async function raceQuarter(year: number, quarter: Quarter, kind: RaceScopeKind): Promise<QuarterRecord> {
  const published = await publishedRows(year, quarter, kind);
  if (published.length) {
    return { year, quarter, kind, asOf: published[0].asOf, published: true, publishedAt: published[0].publishedAt, publishedBy: published[0].publishedBy.toHexString(), rows: published.map(fromDoc) };
  }
  const end = endOfQuarter(year, quarter);
  const now = today();
  const asOf = end < now ? end : now;
  const rows = asOf < startOfQuarter(year, quarter) ? [] : await computeScores(year, quarter, kind, asOf, startOfQuarter(year, quarter), await loadRaceConfig());
  return { year, quarter, kind, asOf, published: false, publishedAt: null, publishedBy: null, rows };
}

export async function publishQuarter(ctx: Context, year: number, quarter: Quarter, kind: RaceScopeKind): Promise<QuarterRecord> {
  const end = endOfQuarter(year, quarter);
  if (end >= today()) throw new DomainError(userError('INVALID_STATE', '季度尚未结束，不能发布'));
  if ((await publishedRows(year, quarter, kind)).length) throw new DomainError(userError('INVALID_STATE', '该季度已发布，发布后不再变更'));
  const config = await loadRaceConfig();
  const rows = await computeScores(year, quarter, kind, end, startOfQuarter(year, quarter), config);
  const { version: _v, updatedAt: _u, ...configUsed } = config;
  const publishedAt = new Date();
  const docs = rows.map((r) => ({
    _id: new Types.ObjectId(),
    year,
    quarter,
    scopeKind: kind,
    scopeId: oid(r.scope.id),
    scopeName: r.scope.name,
    score: r.score,
    rank: r.rank,
    parts: r.parts,
    overdueNodes: r.overdueNodes,
    overduePenalty: r.overduePenalty,
    penalisedRecords: r.penalisedRecords,
    recordPenalty: r.recordPenalty,
    asOf: end,
    config: configUsed,
    publishedAt,
    publishedBy: oid(ctx.viewer!.userId),
  }));
  try {
    await inTransaction(async (tx) => {
      if (docs.length) await RaceScoreModel.insertMany(docs, { session: tx });
      await audit(ctx, tx, {
        action: 'race.publishQuarter',
        targetType: 'RaceQuarter',
        targetId: (docs[0]?._id ?? new Types.ObjectId()).toHexString(),
        after: { year, quarter, kind, scores: rows.map((r) => ({ scope: r.scope.name, score: r.score, rank: r.rank })) },
      });
    });
  } catch (e) {
    const code = (e as { code?: number }).code;
    if (code === 11000) throw new DomainError(userError('INVALID_STATE', '该季度已发布，发布后不再变更'));
    throw e;
  }
  return raceQuarter(year, quarter, kind);
}

export interface YearRowRecord {
  scope: RaceScope;
  rank: number;
  total: number;
  quarterScores: number[];
  yearEndScore: number;
  provisional: boolean;
}

export interface YearRecord {
  year: number;
  kind: RaceScopeKind;
  asOf: CalendarDate;
  provisional: boolean;
  rows: YearRowRecord[];
}

/** 年考核: Σ quarters (published ones as stored) + the year-end score, ranked. */
export async function raceYear(year: number, kind: RaceScopeKind): Promise<YearRecord> {
  const now = today();
  const yearEnd = endOfYear(year);
  const asOf = yearEnd < now ? yearEnd : now;
  const quarters = await Promise.all(([1, 2, 3, 4] as Quarter[]).map((q) => raceQuarter(year, q, kind)));
  const config = await loadRaceConfig();
  const yearEndRows = asOf < startOfYear(year) ? [] : await computeScores(year, 4, kind, asOf, startOfYear(year), config);
  const scopes = await listScopes(kind);
  const scoreOf = (rows: ScoreRowRecord[], id: string) => rows.find((r) => r.scope.id === id)?.score ?? 0;
  const provisional = yearEnd >= now || quarters.some((q) => !q.published);
  const totals = scopes.map((scope) => {
    const quarterScores = quarters.map((q) => scoreOf(q.rows, scope.id));
    const yearEndScore = scoreOf(yearEndRows, scope.id);
    return { id: scope.id, score: assessYear(quarterScores, yearEndScore, toDomainConfig(config)), scope, quarterScores, yearEndScore };
  });
  const rows = rankScores(totals).map((r) => ({ scope: r.item.scope, rank: r.rank, total: r.score, quarterScores: r.item.quarterScores, yearEndScore: r.item.yearEndScore, provisional }));
  return { year, kind, asOf, provisional, rows };
}
