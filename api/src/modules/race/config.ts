/**
 * The 赛马 scoring configuration as data: indicator weights and default annual targets per
 * scope kind (a target of the scope itself, from the targets collection, wins), the cap and the
 * penalties. Read fresh for every computation (never cached across requests); defaults from
 * domain/race DEFAULT_RACE_CONFIG until ADMIN saves one. Whether an indicator's target grows
 * with the quarter is not configurable: counts do, rates and shares do not.
 */
import { DEFAULT_RACE_CONFIG, validateRaceConfig, type RaceConfig } from '../../domain/race.js';
import { Checks } from '../../lib/checks.js';
import { DomainError, userError } from '../../graphql/errors.js';
import { inTransaction } from '../../lib/tx.js';
import type { Context } from '../../context.js';
import { audit } from '../audit/service.js';
import { INDICATOR_LABELS, isCountIndicator, isMetricIndicator, type MetricIndicator } from '../metrics/indicators.js';
import mongoose from 'mongoose';
import type { RaceConfigDoc, RaceIndicatorDoc } from './model.js';

export type RaceConfigRecord = Omit<RaceConfigDoc, '_id'>;

const CONFIG_ID = 'current';
const configs = () => mongoose.connection.db!.collection<RaceConfigDoc>('raceConfig');
/** An ObjectId-shaped audit target for the single configuration document. */
const AUDIT_TARGET = '000000000000000000000002';

const DEFAULT_TARGETS: Record<string, { platformTarget: number; unitTarget: number }> = {
  SIGNED_OVER_100M: { platformTarget: 3, unitTarget: 6 },
  SIGNED_OVER_1B_MANUFACTURING: { platformTarget: 1, unitTarget: 2 },
  LANDING_RATE: { platformTarget: 0.4, unitTarget: 0.4 },
  START_RATE: { platformTarget: 0.3, unitTarget: 0.3 },
  MANUFACTURING_SHARE: { platformTarget: 2 / 3, unitTarget: 2 / 3 },
};

export const DEFAULT_RACE_CONFIG_RECORD: RaceConfigRecord = {
  indicators: DEFAULT_RACE_CONFIG.indicators.map((i) => ({ code: i.code, name: i.name, weight: i.weight, ...DEFAULT_TARGETS[i.code] })),
  cap: DEFAULT_RACE_CONFIG.cap,
  overdueNodeDays: DEFAULT_RACE_CONFIG.overdueNodeDays,
  overdueNodePenalty: DEFAULT_RACE_CONFIG.overdueNodePenalty,
  recordPenalty: DEFAULT_RACE_CONFIG.recordPenalty,
  quarterWeight: DEFAULT_RACE_CONFIG.quarterWeight,
  yearEndWeight: DEFAULT_RACE_CONFIG.yearEndWeight,
  version: 0,
};

export async function loadRaceConfig(): Promise<RaceConfigRecord> {
  const doc = await configs().findOne({ _id: CONFIG_ID });
  if (!doc) return DEFAULT_RACE_CONFIG_RECORD;
  const { _id, ...rest } = doc;
  return rest;
}

/** The domain's view: proportional = the indicator is a count. */
export function toDomainConfig(c: Omit<RaceConfigRecord, 'version' | 'updatedAt'>): RaceConfig {
  return {
    indicators: c.indicators.map((i) => ({ code: i.code, name: i.name, weight: i.weight, proportional: isMetricIndicator(i.code) && isCountIndicator(i.code) })),
    cap: c.cap,
    overdueNodeDays: c.overdueNodeDays,
    overdueNodePenalty: c.overdueNodePenalty,
    recordPenalty: c.recordPenalty,
    quarterWeight: c.quarterWeight,
    yearEndWeight: c.yearEndWeight,
  };
}

export interface RaceConfigInput extends Omit<RaceConfig, 'indicators'> {
  version: number;
  indicators: { code: string; name?: string | null; weight: number; platformTarget: number; unitTarget: number }[];
}

export async function updateRaceConfig(ctx: Context, input: RaceConfigInput): Promise<RaceConfigRecord> {
  const current = await loadRaceConfig();
  const c = new Checks();
  if (input.indicators.length === 0) c.add('indicators', '至少需要一项考核指标');
  const indicators: RaceIndicatorDoc[] = input.indicators.map((i, n) => {
    if (!isMetricIndicator(i.code)) c.add(`indicators.${n}.code`, '考核指标不存在');
    const count = isMetricIndicator(i.code) && isCountIndicator(i.code);
    for (const key of ['platformTarget', 'unitTarget'] as const) {
      const v = i[key];
      const ok = count ? Number.isFinite(v) && v > 0 : Number.isFinite(v) && v > 0 && v <= 1;
      if (!ok) c.add(`indicators.${n}.${key}`, count ? '年度目标应为正数' : '比率目标应在0到1之间');
    }
    const name = c.text(`indicators.${n}.name`, i.name, '指标名称', { max: 32 }) ?? INDICATOR_LABELS[i.code as MetricIndicator] ?? i.code;
    return { code: i.code, name, weight: i.weight, platformTarget: i.platformTarget, unitTarget: i.unitTarget };
  });
  const next = {
    indicators,
    cap: input.cap,
    overdueNodeDays: input.overdueNodeDays,
    overdueNodePenalty: input.overdueNodePenalty,
    recordPenalty: input.recordPenalty,
    quarterWeight: input.quarterWeight,
    yearEndWeight: input.yearEndWeight,
  };
  for (const e of validateRaceConfig(toDomainConfig(next))) c.add(null, e.message);
  if (!Number.isInteger(input.overdueNodeDays)) c.add('overdueNodeDays', '超期天数应为整数');
  c.throwIfAny();
  const conflict = () => new DomainError(userError('CONFLICT', '考核配置已被他人修改，请刷新后重试', 'input.version'));
  if (input.version !== current.version) throw conflict();
  try {
    return await save(ctx, current, next, conflict);
  } catch (e) {
    // Two first saves racing: the loser's upsert hits the unique _id.
    if ((e as { code?: number }).code === 11000) throw conflict();
    throw e;
  }
}

async function save(ctx: Context, current: RaceConfigRecord, next: Omit<RaceConfigRecord, 'version' | 'updatedAt'>, conflict: () => DomainError): Promise<RaceConfigRecord> {
  return inTransaction(async (tx) => {
    // The version guard holds across instances: the filter only matches the version read.
    const r = await configs().updateOne(
      { _id: CONFIG_ID, version: current.version },
      { $set: { ...next, updatedAt: new Date() }, $inc: { version: 1 } },
      { upsert: current.version === 0, session: tx },
    );
    if (r.matchedCount + r.upsertedCount !== 1) throw conflict();
    await audit(ctx, tx, { action: 'race.updateConfig', targetType: 'RaceConfig', targetId: AUDIT_TARGET, before: { ...current, version: undefined }, after: next });
    const { _id, ...rest } = (await configs().findOne({ _id: CONFIG_ID }, { session: tx }))!;
    return rest;
  });
}
