import type { Resolvers } from '../../generated/graphql.js';
import { badInput, forbidden, payload } from '../../graphql/errors.js';
import { requireRole, requireViewer } from '../../graphql/guards.js';
import { isValidCalendarDate, type Quarter } from '../../domain/dates.js';
import { toPlain } from '../../lib/records.js';
import type { Context } from '../../context.js';
import { isCountIndicator, isMetricIndicator } from '../metrics/indicators.js';
import { canPublishRace, canReadRace } from './access.js';
import { loadRaceConfig, updateRaceConfig } from './config.js';
import { RaceSnapshotModel, type RaceSnapshotDoc } from './model.js';
import { publishQuarter, raceQuarter, raceYear } from './scores.js';
import { takeMonthEndSnapshot } from './snapshots.js';
import { TIER_COUNT_LABELS, type RaceSnapshotRecord } from './types.js';
import type { TierCountKey } from '../../domain/metrics-tiers.js';

function reader(ctx: Context) {
  const v = requireViewer(ctx);
  if (!canReadRace(v)) throw forbidden('无权查看赛马排名');
  return v;
}

export function checkPeriod(year: number, quarter?: number | null): Quarter | undefined {
  if (!Number.isInteger(year) || year < 2000 || year > 2100) throw badInput('年份应在2000—2100之间', 'year');
  if (quarter == null) return undefined;
  if (![1, 2, 3, 4].includes(quarter)) throw badInput('季度应为1—4', 'quarter');
  return quarter as Quarter;
}

export const raceResolvers: Resolvers = {
  Query: {
    raceConfig: async (_p, _a, ctx) => (reader(ctx), loadRaceConfig()),
    raceSnapshots: async (_p, { month, kind }, ctx) => {
      reader(ctx);
      if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(month)) throw badInput('月份格式应为YYYY-MM', 'month');
      const docs = (await RaceSnapshotModel.find({ month, ...(kind ? { scopeKind: kind } : {}) }).sort({ scopeKind: 1, scopeName: 1, _id: 1 }).lean()) as RaceSnapshotDoc[];
      return docs.map((d) => toPlain(d) as RaceSnapshotRecord);
    },
    raceQuarter: async (_p, { year, quarter, kind }, ctx) => (reader(ctx), raceQuarter(year, checkPeriod(year, quarter)!, kind)),
    raceYear: async (_p, { year, kind }, ctx) => (reader(ctx), checkPeriod(year), raceYear(year, kind)),
  },
  Mutation: {
    updateRaceConfig: (_p, { input }, ctx) => (requireRole(ctx, 'ADMIN'), payload(async () => ({ config: await updateRaceConfig(ctx, input) }))),
    publishRaceQuarter: (_p, { year, quarter, kind }, ctx) => {
      const v = requireViewer(ctx);
      if (!canPublishRace(v)) throw forbidden('无权发布赛马季度评价');
      const q = checkPeriod(year, quarter)!;
      return payload(async () => ({ quarter: await publishQuarter(ctx, year, q, kind) }));
    },
    takeMonthEndSnapshot: (_p, { asOf }, ctx) => {
      requireRole(ctx, 'ADMIN');
      if (!isValidCalendarDate(asOf)) throw badInput('日期无效', 'asOf');
      return payload(async () => takeMonthEndSnapshot(asOf));
    },
  },
  RaceScope: {
    platform: (s, _a, ctx) => (s.kind === 'PLATFORM' ? ctx.loaders.platform.load(s.id) : null),
    unit: (s, _a, ctx) => (s.kind === 'UNIT' ? ctx.loaders.unit.load(s.id) : null),
  },
  RaceIndicatorConfig: {
    code: (i) => i.code as never,
    proportional: (i) => isMetricIndicator(i.code) && isCountIndicator(i.code),
  },
  RaceSnapshot: {
    scope: (s) => ({ kind: s.scopeKind, id: s.scopeId, name: s.scopeName }),
  },
  RaceTierCount: {
    label: (t) => TIER_COUNT_LABELS[t.key as TierCountKey] ?? t.key,
  },
  RaceScorePart: {
    code: (p) => p.code as never,
  },
  RaceQuarter: {
    publishedBy: (q, _a, ctx) => (q.publishedBy ? ctx.loaders.user.load(q.publishedBy) : null),
  },
};
