import { trusted } from 'mongoose';
import type { Resolvers } from '../../generated/graphql.js';
import { badInput, forbidden, payload } from '../../graphql/errors.js';
import { pageSize, requireRole, requireViewer } from '../../graphql/guards.js';
import { oid } from '../../lib/records.js';
import { ProjectModel, type ProjectDoc } from '../projects/model.js';
import { toProject } from '../projects/repository.js';
import { INDICATOR_LABELS, METRIC_INDICATORS, type MetricIndicator } from './indicators.js';
import { cuts, dashboard, figureProjectIds } from './service.js';
import { applicableTargets, covers, createTarget, deleteTarget, loadTargets, targetStatus, updateTarget } from './targets.js';
import type { MetricFigureRecord, MetricSetRecord } from './types.js';

const figureOf = (f: MetricFigureRecord) => f.set.memo.figure(f.indicator);
const statuses = (f: MetricFigureRecord) => applicableTargets(f.set.targets, f.indicator, f.set.memo.year, f.set.scope).map((t) => targetStatus(t, figureOf(f), f.set.memo));

function encodeOffset(n: number): string {
  return Buffer.from(`o:${n}`).toString('base64url');
}
function decodeOffset(cursor: string): number {
  const m = /^o:(\d{1,7})$/.exec(Buffer.from(cursor, 'base64url').toString());
  if (!m) throw badInput('分页游标无效', 'after');
  return Number(m[1]);
}

export const metricResolvers: Resolvers = {
  Query: {
    metricsDashboard: async (_p, { year, asOf, filter }, ctx) => {
      requireViewer(ctx);
      return dashboard(ctx, year, asOf, filter);
    },
    metricProjects: async (_p, { year, asOf, filter, indicator, part, first, after }, ctx) => {
      requireViewer(ctx);
      // The id list is bounded by the slice (held in memory for this request), so paging by
      // position in it is cheap; the projects of the page are one $in query.
      const ids = await figureProjectIds(ctx, year, asOf, filter, indicator as MetricIndicator, part ?? 'NUMERATOR');
      const start = after ? decodeOffset(after) : 0;
      const size = pageSize(first);
      const pageIds = ids.slice(start, start + size);
      const docs = pageIds.length ? ((await ProjectModel.find({ _id: trusted({ $in: pageIds.map(oid) }) }).lean()) as ProjectDoc[]) : [];
      const byId = new Map(docs.map((d) => [d._id.toHexString(), toProject(d)]));
      const nodes = pageIds.map((id) => byId.get(id)).filter((p) => p !== undefined);
      for (const p of nodes) ctx.loaders.project.prime(p.id, p);
      const end = start + pageIds.length;
      return {
        nodes,
        edges: nodes.map((node, i) => ({ node, cursor: encodeOffset(start + i + 1) })),
        pageInfo: { hasNextPage: end < ids.length, endCursor: pageIds.length ? encodeOffset(end) : (after ?? null) },
        totalCount: async () => ids.length,
      };
    },
    targets: async (_p, { indicator, year }, ctx) => {
      const v = requireViewer(ctx);
      if (v.role === 'OWNER') throw forbidden();
      const all = await loadTargets();
      return all.filter((t) => (!indicator || t.indicator === indicator) && (year == null || covers(t, year)));
    },
  },
  Mutation: {
    createTarget: (_p, { input }, ctx) => (requireRole(ctx, 'ADMIN'), payload(async () => ({ target: await createTarget(ctx, input) }))),
    updateTarget: (_p, { input }, ctx) => (requireRole(ctx, 'ADMIN'), payload(async () => ({ target: await updateTarget(ctx, input) }))),
    deleteTarget: (_p, { id, version }, ctx) => (requireRole(ctx, 'ADMIN'), payload(async () => ({ deletedId: await deleteTarget(ctx, id, version) }))),
  },
  MetricsDashboard: {
    cuts: (d, { by }) => cuts(d, by),
  },
  MetricFilterValue: {
    platform: (f, _a, ctx) => (f.platformId ? ctx.loaders.platform.load(f.platformId) : null),
    unit: (f, _a, ctx) => (f.unitId ? ctx.loaders.unit.load(f.unitId) : null),
    chain: (f, _a, ctx) => (f.chainId ? ctx.loaders.chain.load(f.chainId) : null),
    tier: (f) => (f.tier as never) ?? null,
    source: (f) => (f.source as never) ?? null,
  },
  MetricSet: {
    projectCount: (s) => s.memo.facts.length,
    figures: (s, { indicators }) => (indicators?.length ? METRIC_INDICATORS.filter((i) => indicators.includes(i as never)) : METRIC_INDICATORS).map((indicator) => ({ set: s, indicator })),
    figure: (s: MetricSetRecord, { indicator }) => ({ set: s, indicator: indicator as MetricIndicator }),
  },
  MetricFigure: {
    indicator: (f) => f.indicator as never,
    label: (f) => INDICATOR_LABELS[f.indicator],
    kind: (f) => figureOf(f).kind,
    value: (f) => figureOf(f).value,
    numeratorCount: (f) => figureOf(f).numeratorIds.length,
    denominatorCount: (f) => figureOf(f).denominatorIds?.length ?? null,
    actualYuan: (f) => figureOf(f).actualYuan,
    contractedYuan: (f) => figureOf(f).contractedYuan,
    cutoff: (f) => figureOf(f).cutoff,
    final: (f) => figureOf(f).final,
    target: (f) => statuses(f)[0] ?? null,
    targets: (f) => statuses(f),
  },
  MetricCutRow: {
    platform: (r, _a, ctx) => (r.platformId ? ctx.loaders.platform.load(r.platformId) : null),
    unit: (r, _a, ctx) => (r.unitId ? ctx.loaders.unit.load(r.unitId) : null),
    chain: (r, _a, ctx) => (r.chainId ? ctx.loaders.chain.load(r.chainId) : null),
    tier: (r) => (r.tier as never) ?? null,
    source: (r) => (r.source as never) ?? null,
  },
  Target: {
    indicator: (t) => t.indicator as never,
    indicatorLabel: (t) => INDICATOR_LABELS[t.indicator as MetricIndicator] ?? t.indicator,
    platform: (t, _a, ctx) => (t.scopeKind === 'PLATFORM' && t.scopeId ? ctx.loaders.platform.load(t.scopeId) : null),
    unit: (t, _a, ctx) => (t.scopeKind === 'UNIT' && t.scopeId ? ctx.loaders.unit.load(t.scopeId) : null),
  },
};

