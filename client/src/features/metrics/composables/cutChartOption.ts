import type { MetricKind } from '@/gql/graphql';
import { formatMetricValue } from './metricsFormat.js';

export interface CutBar {
  key: string;
  label: string;
  kind: MetricKind;
  value: number | null;
  numeratorCount: number;
  denominatorCount: number | null;
}

const ROW_HEIGHT = 28;

export function cutChartHeight(rows: number): number {
  return Math.max(160, rows * ROW_HEIGHT + 60);
}

/** A horizontal bar per row, largest first; rates are drawn in percent, an empty rate as no bar. */
export function buildCutOption(bars: readonly CutBar[], target?: number | null) {
  const sorted = [...bars].sort((a, b) => (b.value ?? -1) - (a.value ?? -1) || a.label.localeCompare(b.label, 'zh-CN'));
  const rate = sorted[0]?.kind === 'RATE';
  const scale = (v: number | null) => (v === null ? null : rate ? Math.round(v * 1000) / 10 : v);
  return {
    grid: { left: 8, right: 48, top: 8, bottom: 24, containLabel: true },
    tooltip: {
      trigger: 'item',
      formatter: (p: { dataIndex: number }) => {
        const b = sorted[p.dataIndex];
        const ratio = b.denominatorCount === null ? '' : `（${b.numeratorCount}/${b.denominatorCount}）`;
        return `${b.label}：${formatMetricValue(b.kind, b.value)}${ratio}<br/>点击查看项目`;
      },
    },
    xAxis: { type: 'value', axisLabel: { formatter: rate ? '{value}%' : '{value}' }, max: rate ? 100 : undefined },
    yAxis: { type: 'category', inverse: true, data: sorted.map((b) => b.label), axisLabel: { width: 120, overflow: 'truncate' } },
    series: [
      {
        type: 'bar',
        data: sorted.map((b) => ({ value: scale(b.value), key: b.key })),
        label: { show: true, position: 'right', formatter: rate ? '{c}%' : '{c}' },
        itemStyle: { color: '#409eff' },
        markLine:
          target === null || target === undefined
            ? undefined
            : { symbol: 'none', lineStyle: { color: '#e53935', type: 'dashed' }, label: { formatter: '目标' }, data: [{ xAxis: scale(target) }] },
      },
    ],
  };
}
