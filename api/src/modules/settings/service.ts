/**
 * Thresholds and windows an administrator can change (DOMAIN.md "(config)"). Stored as one
 * document in MongoDB and read once per request (never cached across requests, so every API
 * instance applies a change at once).
 */
import mongoose from 'mongoose';
import { DEFAULT_LIGHT_CONFIG, type LightConfig } from '../../domain/lights.js';
import { DEFAULT_TIER_CONFIG, type TierConfig } from '../../domain/tiers.js';
import { DEFAULT_PROBLEM_CONFIG, type ProblemConfig } from '../../domain/problems.js';
import { Checks } from '../../lib/checks.js';
import { inTransaction } from '../../lib/tx.js';
import type { Context } from '../../context.js';
import { audit } from '../audit/service.js';

export interface FlatSettings {
  dueSoonDays: number;
  redOverdueDays: number;
  staleLeadDays: number;
  problemYellowDays: number;
  duplicateWindowMonths: number;
  over100MYuan: number;
  over1BYuan: number;
  over5BYuan: number;
  foreignUsd: number;
  reviewTolerance: number;
  reviewDueDays: number;
}

export interface Settings {
  flat: FlatSettings;
  lights: LightConfig;
  tiers: TierConfig;
  problems: ProblemConfig;
}

export const DEFAULT_SETTINGS: FlatSettings = {
  dueSoonDays: DEFAULT_LIGHT_CONFIG.dueSoonDays,
  redOverdueDays: DEFAULT_LIGHT_CONFIG.redOverdueDays,
  staleLeadDays: 30,
  problemYellowDays: DEFAULT_PROBLEM_CONFIG.yellowMaxOverdueDays,
  duplicateWindowMonths: 12,
  over100MYuan: DEFAULT_TIER_CONFIG.over100MYuan,
  over1BYuan: DEFAULT_TIER_CONFIG.over1BYuan,
  over5BYuan: DEFAULT_TIER_CONFIG.over5BYuan,
  foreignUsd: DEFAULT_TIER_CONFIG.foreignUsd,
  reviewTolerance: 0.05,
  reviewDueDays: 60,
};

export function expand(flat: FlatSettings): Settings {
  return {
    flat,
    lights: { dueSoonDays: flat.dueSoonDays, redOverdueDays: flat.redOverdueDays },
    tiers: { over100MYuan: flat.over100MYuan, over1BYuan: flat.over1BYuan, over5BYuan: flat.over5BYuan, foreignUsd: flat.foreignUsd },
    problems: { yellowMaxOverdueDays: flat.problemYellowDays },
  };
}

const collection = () => mongoose.connection.db!.collection<{ _id: string } & Partial<FlatSettings>>('settings');
const DOC_ID = 'thresholds';

export async function loadSettings(): Promise<Settings> {
  const doc = await collection().findOne({ _id: DOC_ID });
  const flat = { ...DEFAULT_SETTINGS };
  for (const k of Object.keys(DEFAULT_SETTINGS) as (keyof FlatSettings)[]) {
    const v = doc?.[k];
    if (typeof v === 'number' && Number.isFinite(v)) flat[k] = v;
  }
  return expand(flat);
}

export async function updateSettings(ctx: Context, input: Partial<Record<keyof FlatSettings, number | null>>): Promise<Settings> {
  const before = await loadSettings();
  const next = { ...before.flat };
  for (const [k, v] of Object.entries(input)) if (v !== null && v !== undefined) next[k as keyof FlatSettings] = v;
  const c = new Checks();
  if (!(next.over100MYuan <= next.over1BYuan && next.over1BYuan <= next.over5BYuan)) c.add('over1BYuan', '档位门槛须满足：亿元以上 ≤ 10亿元以上 ≤ 50亿元以上');
  if (next.reviewTolerance > 1) c.add('reviewTolerance', '容差应在0到1之间');
  if (next.redOverdueDays < 1) c.add('redOverdueDays', '红灯逾期天数至少为1天');
  c.throwIfAny();
  await inTransaction(async (tx) => {
    await collection().updateOne({ _id: DOC_ID }, { $set: next }, { upsert: true, session: tx });
    await audit(ctx, tx, { action: 'settings.update', targetType: 'Settings', targetId: '000000000000000000000001', before: before.flat, after: next });
  });
  return expand(next);
}
