import type { EChartsOption } from 'echarts';
import type { BattlePinFragment } from '@/gql/graphql';
import { escapeHtml } from '@/shared/charts/html.js';
import { formatAmount } from '@/shared/format/money.js';
import { LIGHT_COLORS, LIGHT_LABELS, STAGE_LABELS } from '@/shared/format/labels.js';
import { MAP_NAME } from './districtMap.js';

/** Terminated projects have no light. */
const UNLIT_COLOR = '#909399';

export interface PinDatum {
  name: string;
  value: [number, number];
  projectId: string;
}

/** Projects with coordinates become pins; the rest are listed as not yet located. */
export function hasSite(p: BattlePinFragment): p is BattlePinFragment & { site: { lng: number; lat: number } } {
  return typeof p.site?.lng === 'number' && typeof p.site?.lat === 'number';
}

function pinTooltip(p: BattlePinFragment): string {
  return [
    `<b>${escapeHtml(p.name)}</b>`,
    `总投资：${formatAmount(p.totalInvestment)}`,
    `阶段：${STAGE_LABELS[p.stage]}${p.light ? ` · ${LIGHT_LABELS[p.light]}` : ''}`,
    `逾期节点：${p.overdueNodeCount} 个`,
    p.liaisonLeader ? `包联领导：${escapeHtml(p.liaisonLeader.name)}` : '',
  ]
    .filter(Boolean)
    .join('<br/>');
}

export function buildMapOption(pins: readonly BattlePinFragment[], selectedId: string | null, bigScreen = false): EChartsOption {
  const located = pins.filter(hasSite);
  const byId = new Map(located.map((p) => [p.id, p]));
  return {
    animation: false,
    tooltip: {
      trigger: 'item',
      formatter: (params: unknown) => {
        const id = (params as { data?: { projectId?: string } }).data?.projectId;
        const pin = id ? byId.get(id) : undefined;
        return pin ? pinTooltip(pin) : '';
      },
    },
    geo: {
      map: MAP_NAME,
      roam: true,
      layoutCenter: ['50%', '50%'],
      layoutSize: '95%',
      itemStyle: {
        areaColor: bigScreen ? '#0f2a4a' : '#eaf1fb',
        borderColor: bigScreen ? '#4fc3f7' : '#5b8ff9',
        borderWidth: 1.5,
      },
      emphasis: { disabled: true },
      label: { show: true, color: bigScreen ? '#9ecbff' : '#7a8ba6', fontSize: 14 },
    },
    series: [
      {
        type: 'scatter',
        coordinateSystem: 'geo',
        symbol: 'pin',
        data: located.map((p) => {
          const selected = p.id === selectedId;
          return {
            name: p.name,
            value: [p.site.lng, p.site.lat],
            projectId: p.id,
            symbolSize: (p.tiers.includes('OVER_5B') ? 34 : 24) * (selected ? 1.3 : 1),
            itemStyle: { color: p.light ? LIGHT_COLORS[p.light] : UNLIT_COLOR, borderColor: selected ? '#1f2329' : '#fff', borderWidth: selected ? 2 : 1 },
            label: { show: selected, formatter: p.name, position: 'right', color: bigScreen ? '#fff' : '#1f2329', fontWeight: 'bold' },
          };
        }),
      },
    ],
  };
}
