import type { Plain } from '../../lib/records.js';
import type { TierCountKey } from '../../domain/metrics-tiers.js';
import type { RaceSnapshotDoc, SnapshotFiguresDoc } from './model.js';

export type RaceSnapshotRecord = Plain<RaceSnapshotDoc>;
export type RaceTierCountRecord = SnapshotFiguresDoc['tiers'][number];
export type { RaceScope as RaceScopeRecord } from './scopes.js';
export type { RaceConfigRecord } from './config.js';
export type { QuarterRecord, ScoreRowRecord, YearRecord, YearRowRecord } from './scores.js';
export type { RaceIndicatorDoc } from './model.js';

export const TIER_COUNT_LABELS: Readonly<Record<TierCountKey, string>> = {
  OVER_100M: '亿元以上',
  OVER_100M_WITH_CHAIN: '亿元以上产业链',
  OVER_1B: '10亿元以上',
  OVER_1B_MANUFACTURING: '10亿元以上制造业',
  OVER_5B: '50亿元以上',
  OVER_5B_UNDER_CONTROL: '50亿元以上（挂图作战）',
  FOREIGN_100M_USD: '重大外资',
  FOREIGN_100M_USD_MANUFACTURING: '重大制造业外资',
};
