import { describe, expect, it, vi } from 'vitest';
import { MetricCutsDocument, MetricsDashboardDocument, RaceQuarterDocument, type MetricsDashboardQuery, type RaceQuarterQuery } from '@/gql/graphql';
import AgreementCard from '@/features/agreements/components/AgreementCard.vue';
import { buildCutOption } from '@/features/metrics/composables/cutChartOption.js';
import { cutRowFilter, formatPercent, groupFigures, targetState } from '@/features/metrics/composables/metricsFormat.js';
import { currentYear } from '@/features/metrics/composables/useMetrics.js';
import { lastFinishedMonth, quarterOf, raceExportUrl } from '@/features/race/composables/useRace.js';
import MetricsPage from '@/pages/MetricsPage.vue';
import RacePage from '@/pages/RacePage.vue';
import { expectOperation } from './support/apollo.js';
import { mountWithApollo } from './support/mount.js';
import { agreement, figure, targetStatus } from './support/oversight.js';

describe('metric figures', () => {
  it('prints rates as percentages and reads target states', () => {
    expect(formatPercent(0.4)).toBe('40%');
    expect(formatPercent(2 / 3)).toBe('66.7%');
    expect(formatPercent(null)).toBe('—');
    expect(targetState(figure({ target: targetStatus(0.4, true, false) }))).toBe('met');
    expect(targetState(figure({ target: targetStatus(0.4, false, true) }))).toBe('missed');
    expect(targetState(figure({ target: targetStatus(0.4, false, false) }))).toBe('pending');
    expect(targetState(figure())).toBe('none');
  });

  it('groups the stage rates by family and keeps shares and counts apart', () => {
    const g = groupFigures([
      figure(),
      figure({ indicator: 'LANDING_RATE_YTD', label: '年内落地率' }),
      figure({ indicator: 'MANUFACTURING_SHARE', label: '制造业占比' }),
      figure({ indicator: 'SIGNED_OVER_1B', label: '10亿元以上', kind: 'COUNT', value: 4, denominatorCount: null }),
    ]);
    expect(g.families[0].current?.indicator).toBe('LANDING_RATE');
    expect(g.families[0].ytd?.indicator).toBe('LANDING_RATE_YTD');
    expect(g.families[0].twoYears).toBeUndefined();
    expect(g.shares.map((f) => f.indicator)).toEqual(['MANUFACTURING_SHARE']);
    expect(g.counts.map((f) => f.indicator)).toEqual(['SIGNED_OVER_1B']);
  });

  it('turns a cut row into the slice filter for its projects', () => {
    expect(cutRowFilter({ platform: { id: 'pf1' }, unit: null, chain: null, tier: null, source: null })).toEqual({ platformId: 'pf1' });
    expect(cutRowFilter({ tier: 'OVER_1B', source: 'FOREIGN' })).toEqual({ tier: 'OVER_1B', source: 'FOREIGN' });
  });

  it('draws rates in percent, largest first, with the target line', () => {
    const option = buildCutOption(
      [
        { key: 'a', label: '曹娥江经开区', kind: 'RATE', value: 0.25, numeratorCount: 1, denominatorCount: 4 },
        { key: 'b', label: '杭州湾经开区', kind: 'RATE', value: 0.5, numeratorCount: 2, denominatorCount: 4 },
      ],
      0.4,
    );
    expect(option.yAxis.data).toEqual(['杭州湾经开区', '曹娥江经开区']);
    expect(option.series[0].data).toEqual([
      { value: 50, key: 'b' },
      { value: 25, key: 'a' },
    ]);
    expect(option.series[0].markLine?.data).toEqual([{ xAxis: 40 }]);
  });
});

describe('metrics page', () => {
  it('shows the year’s rates against their targets and asks for the platform cut', async () => {
    const year = currentYear();
    const dashboard: MetricsDashboardQuery = {
      __typename: 'Query',
      metricsDashboard: {
        __typename: 'MetricsDashboard',
        year,
        asOf: `${year}-06-30`,
        total: {
          __typename: 'MetricSet',
          projectCount: 20,
          figures: [
            figure({ target: targetStatus(0.4, true, false) }),
            figure({ indicator: 'MANUFACTURING_SHARE', label: '制造业占比', value: 0.5, target: targetStatus(2 / 3, false, true) }),
          ],
        },
      },
    };
    const { wrapper } = await mountWithApollo(MetricsPage, {
      route: '/metrics',
      mocks: [
        expectOperation(MetricsDashboardDocument, { year, asOf: null, filter: null }, dashboard),
        expectOperation(
          MetricCutsDocument,
          { year, asOf: null, by: 'PLATFORM', indicators: ['LANDING_RATE'] },
          { __typename: 'Query', metricsDashboard: { __typename: 'MetricsDashboard', year, asOf: `${year}-06-30`, cuts: [] } },
        ),
      ],
      stubs: { MetricCutChart: true },
    });
    await vi.waitFor(() => expect(wrapper.text()).toContain('45%'));
    expect(wrapper.text()).toContain('9/20');
    expect(wrapper.find('[data-target="met"]').exists()).toBe(true);
    expect(wrapper.find('[data-target="missed"]').exists()).toBe(true);
    await vi.waitFor(() => expect(wrapper.text()).toContain('该维度下没有数据'));
  });
});

describe('赛马', () => {
  it('knows quarters, the last finished month and the export address', () => {
    expect(quarterOf('2024-03-31')).toBe(1);
    expect(quarterOf('2024-10-01')).toBe(4);
    expect(lastFinishedMonth('2024-01-15')).toBe('2023-12');
    expect(lastFinishedMonth('2024-11-02')).toBe('2024-10');
    expect(raceExportUrl(2024, 3, 'PLATFORM')).toBe('/api/race/ranking.xlsx?year=2024&quarter=3&kind=PLATFORM');
    expect(raceExportUrl(2024, null, 'UNIT')).toBe('/api/race/ranking.xlsx?year=2024&kind=UNIT');
  });

  it('ranks platforms for the quarter in the URL and links the export', async () => {
    const quarter: RaceQuarterQuery = {
      __typename: 'Query',
      raceQuarter: {
        __typename: 'RaceQuarter',
        year: 2024,
        quarter: 2,
        kind: 'PLATFORM',
        asOf: '2024-06-30',
        published: true,
        publishedAt: '2024-07-05T02:00:00Z',
        rows: [
          {
            __typename: 'RaceScoreRow',
            scope: { __typename: 'RaceScope', kind: 'PLATFORM', id: 'pf1', name: '杭州湾经开区' },
            rank: 1,
            score: 1.05,
            parts: [],
            overdueNodes: 0,
            overduePenalty: 0,
            penalisedRecords: 0,
            recordPenalty: 0,
          },
        ],
      },
    };
    const { wrapper } = await mountWithApollo(RacePage, {
      route: '/race?year=2024&q=2',
      mocks: [expectOperation(RaceQuarterDocument, { year: 2024, quarter: 2, kind: 'PLATFORM' }, quarter)],
    });
    await vi.waitFor(() => expect(wrapper.text()).toContain('杭州湾经开区'));
    expect(wrapper.text()).toContain('1.05');
    expect(wrapper.text()).toContain('已发布');
    expect(wrapper.find('[data-test="race-export"]').attributes('href')).toBe('/api/race/ranking.xlsx?year=2024&quarter=2&kind=PLATFORM');
  });
});

describe('履约 agreement card', () => {
  it('shows the breach, pass/fail per indicator and the rectification; no review button without permission', async () => {
    const { wrapper } = await mountWithApollo(AgreementCard, { props: { agreement: agreement() } });
    expect(wrapper.find('[data-flag="IN_BREACH"]').text()).toContain('整改逾期');
    expect(wrapper.findAll('[data-passed]').map((e) => e.attributes('data-passed'))).toEqual(['false', 'true']);
    expect(wrapper.text()).toContain('亩均税收未达承诺');
    expect(wrapper.find('[data-test="record-review"]').exists()).toBe(false);
    expect(wrapper.find('[data-test="close-rect"]').exists()).toBe(false);
  });

  it('offers 录入复核 when the API allows it', async () => {
    const can = { __typename: 'AgreementPermissions' as const, update: true, recordReview: true, closeRectification: true };
    const { wrapper } = await mountWithApollo(AgreementCard, { props: { agreement: agreement({ viewerCan: can }) } });
    expect(wrapper.find('[data-test="record-review"]').exists()).toBe(true);
    expect(wrapper.find('[data-test="close-rect"]').exists()).toBe(true);
  });
});
