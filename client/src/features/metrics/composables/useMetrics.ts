import { computed } from 'vue';
import { useRoute, useRouter } from 'vue-router';
import { useQuery } from '@vue/apollo-composable';
import {
  MetricCutsDocument,
  MetricProjectsDocument,
  MetricsDashboardDocument,
  type MetricCutBy,
  type MetricFilter,
  type MetricIndicator,
  type MetricPart,
} from '@/gql/graphql';
import { useCursorList } from '@/shared/apollo/useCursorList.js';
import { compactQuery, queryString } from '@/shared/forms/routeQuery.js';
import { todayInShanghai } from '@/shared/format/dates.js';
import { groupFigures } from './metricsFormat.js';
import { CUT_LABELS } from './metricsFormat.js';

const CUTS = Object.keys(CUT_LABELS) as MetricCutBy[];

export function currentYear(): number {
  return Number(todayInShanghai().slice(0, 4));
}

/** The dashboard's year, as-of date and cut live in the URL so a view can be shared. */
export function useMetricsParams() {
  const route = useRoute();
  const router = useRouter();
  const year = computed(() => {
    const y = Number(queryString(route.query, 'year'));
    return Number.isInteger(y) && y > 2000 && y < 2100 ? y : currentYear();
  });
  const asOf = computed(() => {
    const d = queryString(route.query, 'asOf');
    return /^\d{4}-\d{2}-\d{2}$/.test(d) ? d : null;
  });
  const cutBy = computed<MetricCutBy>(() => {
    const c = queryString(route.query, 'cut') as MetricCutBy;
    return CUTS.includes(c) ? c : 'PLATFORM';
  });
  function update(next: { year?: number; asOf?: string | null; cutBy?: MetricCutBy }) {
    const y = next.year ?? year.value;
    const a = next.asOf === undefined ? asOf.value : next.asOf;
    const c = next.cutBy ?? cutBy.value;
    void router.replace({ query: compactQuery({ year: y === currentYear() ? '' : String(y), asOf: a ?? '', cut: c === 'PLATFORM' ? '' : c }) });
  }
  return { year, asOf, cutBy, update };
}

export function useMetricsDashboard(year: () => number, asOf: () => string | null, filter: () => MetricFilter | null = () => null) {
  const { result, loading, error, refetch } = useQuery(MetricsDashboardDocument, () => ({ year: year(), asOf: asOf(), filter: filter() }));
  const dashboard = computed(() => result.value?.metricsDashboard ?? null);
  return {
    dashboard,
    figures: computed(() => dashboard.value?.total.figures ?? []),
    grouped: computed(() => groupFigures(dashboard.value?.total.figures ?? [])),
    loading,
    error,
    refetch,
  };
}

export function useMetricCuts(year: () => number, asOf: () => string | null, by: () => MetricCutBy, indicator: () => MetricIndicator) {
  const { result, loading, error, refetch } = useQuery(MetricCutsDocument, () => ({ year: year(), asOf: asOf(), by: by(), indicators: [indicator()] }));
  const rows = computed(() =>
    (result.value?.metricsDashboard.cuts ?? []).map((row) => {
      const f = row.metrics.figures[0];
      return {
        row,
        bar: {
          key: row.key,
          label: row.label,
          kind: f?.kind ?? 'RATE',
          value: f?.value ?? null,
          numeratorCount: f?.numeratorCount ?? 0,
          denominatorCount: f?.denominatorCount ?? null,
        },
      };
    }),
  );
  return { rows, loading, error, refetch };
}

export interface DrillDown {
  indicator: MetricIndicator;
  label: string;
  part: MetricPart;
  filter: MetricFilter | null;
  sliceLabel?: string;
}

export function useMetricProjects(year: () => number, asOf: () => string | null, drill: () => DrillDown) {
  return useCursorList(
    MetricProjectsDocument,
    () => ({ year: year(), asOf: asOf(), filter: drill().filter, indicator: drill().indicator, part: drill().part, first: 20 }),
    (data) => data.metricProjects,
  );
}
