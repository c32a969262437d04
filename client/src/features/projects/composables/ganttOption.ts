/**
 * The node timeline ("作战图" chart): one row per node, markers for the baseline, current
 * planned and actual dates, a line joining them so slips show as length, and a dashed
 * line for today. Overdue nodes are red. Pure data → ECharts option, so it is tested
 * without a canvas.
 */
import type { EChartsOption } from 'echarts';
import type { GanttNodeFragment } from '@/gql/graphql';
import { escapeHtml } from '@/shared/charts/html.js';
import { dateToAxisTime, formatDate } from '@/shared/format/dates.js';
import { LIGHT_COLORS, NODE_STATUS_LABELS } from '@/shared/format/labels.js';

const DAY = 86_400_000;
const OVERDUE_COLOR = LIGHT_COLORS.RED;
const CLOSED_COLOR = '#909399';
const DONE_COLOR = '#2e9e44';

export const GANTT_ROW_HEIGHT = 34;

function nodeDates(n: GanttNodeFragment): string[] {
  return [n.baselineDate, n.plannedDate, n.actualDate].filter((d): d is string => !!d);
}

function plannedColor(n: GanttNodeFragment): string {
  if (n.status === 'DONE' || n.status === 'SKIPPED') return CLOSED_COLOR;
  return LIGHT_COLORS[n.light];
}

function tooltip(n: GanttNodeFragment): string {
  const lines = [
    `<b>${escapeHtml(n.name)}</b>（${NODE_STATUS_LABELS[n.status]}）`,
    `基线：${formatDate(n.baselineDate)}`,
    `计划：${formatDate(n.plannedDate)}`,
    `实际：${formatDate(n.actualDate)}`,
    `责任单位：${escapeHtml(n.unit?.name ?? '—')}${n.person ? ` · ${escapeHtml(n.person)}` : ''}`,
  ];
  if (n.overdue) lines.push(`<span style="color:${OVERDUE_COLOR}">逾期 ${n.overdueDays} 天</span>`);
  return lines.join('<br/>');
}

export function ganttHeight(nodeCount: number): number {
  return Math.max(160, nodeCount * GANTT_ROW_HEIGHT + 70);
}

export function buildGanttOption(nodes: readonly GanttNodeFragment[], today: string): EChartsOption {
  const times = [today, ...nodes.flatMap(nodeDates)].map(dateToAxisTime);
  const min = Math.min(...times) - 15 * DAY;
  const max = Math.max(...times) + 15 * DAY;
  const point = (date: string, index: number) => ({ value: [dateToAxisTime(date), index], nodeIndex: index });
  const overdueRows = new Set(nodes.flatMap((n, i) => (n.overdue ? [i] : [])));

  return {
    // Plan dates are calendar dates placed at UTC midnight; reading them as UTC keeps every
    // browser on the same day.
    useUTC: true,
    animation: false,
    grid: { left: 8, right: 24, top: 36, bottom: 24, containLabel: true },
    tooltip: {
      trigger: 'item',
      formatter: (params: unknown) => {
        const index = (params as { data?: { nodeIndex?: number } }).data?.nodeIndex;
        return index === undefined ? '' : tooltip(nodes[index]);
      },
    },
    xAxis: {
      type: 'time',
      position: 'top',
      min,
      max,
      splitLine: { show: true, lineStyle: { color: '#f0f0f0' } },
      axisLabel: { formatter: '{yyyy}-{MM}', hideOverlap: true },
    },
    yAxis: {
      type: 'category',
      inverse: true,
      data: nodes.map((n) => n.name),
      axisTick: { show: false },
      axisLabel: {
        formatter: (value: string, index: number) => (overdueRows.has(index) ? `{overdue|${value}}` : value),
        rich: { overdue: { color: OVERDUE_COLOR, fontWeight: 'bold' } },
      },
    },
    series: [
      {
        name: '偏差',
        type: 'custom',
        silent: true,
        renderItem: (_params, api) => {
          const row = api.value(0) as number;
          const from = api.coord([api.value(1), row]);
          const to = api.coord([api.value(2), row]);
          return {
            type: 'line',
            shape: { x1: from[0], y1: from[1], x2: to[0], y2: to[1] },
            style: { stroke: overdueRows.has(row) ? OVERDUE_COLOR : '#c0c4cc', lineWidth: 2 },
          };
        },
        encode: { x: [1, 2], y: 0 },
        data: nodes.map((n, i) => {
          const t = nodeDates(n).map(dateToAxisTime);
          // An open node that is overdue stretches to today: the red line is the delay.
          if (n.overdue) t.push(dateToAxisTime(today));
          return [i, Math.min(...t), Math.max(...t)];
        }),
      },
      {
        name: '基线',
        type: 'scatter',
        symbol: 'diamond',
        symbolSize: 11,
        itemStyle: { color: '#fff', borderColor: '#606266', borderWidth: 1.5 },
        data: nodes.flatMap((n, i) => (n.baselineDate ? [point(n.baselineDate, i)] : [])),
      },
      {
        name: '计划',
        type: 'scatter',
        symbol: 'circle',
        symbolSize: 12,
        data: nodes.map((n, i) => ({ ...point(n.plannedDate, i), itemStyle: { color: plannedColor(n) } })),
        markLine: {
          silent: true,
          symbol: 'none',
          lineStyle: { color: OVERDUE_COLOR, type: 'dashed', width: 1.5 },
          label: { formatter: '今天', position: 'end', color: OVERDUE_COLOR },
          data: [{ xAxis: dateToAxisTime(today) }],
        },
      },
      {
        name: '实际',
        type: 'scatter',
        symbol: 'rect',
        symbolSize: 10,
        itemStyle: { color: DONE_COLOR },
        data: nodes.flatMap((n, i) => (n.actualDate ? [point(n.actualDate, i)] : [])),
      },
    ],
  };
}
