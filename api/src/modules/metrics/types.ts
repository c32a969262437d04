import type { Plain } from '../../lib/records.js';
import type { CalendarDate } from '../../domain/dates.js';
import type { TierConfig } from '../../domain/tiers.js';
import type { ProjectFacts } from '../../domain/metrics.js';
import type { FigureMemo, MetricIndicator } from './indicators.js';
import type { TargetDoc, TargetScopeKind } from './model.js';

export type TargetRecord = Plain<TargetDoc>;

export interface TargetScope {
  kind: TargetScopeKind;
  id: string | null;
}

export interface TargetStatusRecord {
  target: TargetRecord;
  actual: number | null;
  met: boolean;
  final: boolean;
  periodLabel: string;
}

/** The slice asked for, after the viewer's scope is applied. */
export interface MetricFilterRecord {
  platformId?: string;
  unitId?: string;
  chainId?: string;
  tier?: string;
  source?: string;
}

/** Figures of one slice; computed lazily, each at most once. */
export interface MetricSetRecord {
  memo: FigureMemo;
  /** The scope targets are looked up for; null when the slice is not a target scope. */
  scope: TargetScope | null;
  targets: readonly TargetRecord[];
}

export interface MetricFigureRecord {
  set: MetricSetRecord;
  indicator: MetricIndicator;
}

export interface MetricCutRowRecord {
  key: string;
  label: string;
  platformId: string | null;
  unitId: string | null;
  chainId: string | null;
  tier: string | null;
  source: string | null;
  metrics: MetricSetRecord;
}

export interface MetricsDashboardRecord {
  year: number;
  asOf: CalendarDate;
  filter: MetricFilterRecord;
  facts: ProjectFacts[];
  tierConfig: TierConfig;
  targets: readonly TargetRecord[];
  total: MetricSetRecord;
}
