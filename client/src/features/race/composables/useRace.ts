import { computed } from 'vue';
import { useRoute, useRouter } from 'vue-router';
import { useMutation, useQuery } from '@vue/apollo-composable';
import { PublishRaceQuarterDocument, RaceQuarterDocument, RaceSnapshotsDocument, RaceYearDocument, type RaceScopeKind } from '@/gql/graphql';
import { describeError } from '@/shared/apollo/errors.js';
import { compactQuery, queryString } from '@/shared/forms/routeQuery.js';
import { todayInShanghai } from '@/shared/format/dates.js';

export type RaceView = 'quarter' | 'year' | 'month';
const VIEWS: readonly RaceView[] = ['quarter', 'year', 'month'];

/** The quarter (1–4) a calendar date falls in. */
export function quarterOf(date: string): number {
  return Math.floor((Number(date.slice(5, 7)) - 1) / 3) + 1;
}

/** The last month that has ended before `today` ('YYYY-MM'): month-end snapshots exist only for those. */
export function lastFinishedMonth(today: string): string {
  const y = Number(today.slice(0, 4));
  const m = Number(today.slice(5, 7));
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}

/** GET /api/race/ranking.xlsx: a quarter's ranking, or the year's when `quarter` is null. */
export function raceExportUrl(year: number, quarter: number | null, kind: RaceScopeKind): string {
  const params = new URLSearchParams({ year: String(year) });
  if (quarter !== null) params.set('quarter', String(quarter));
  params.set('kind', kind);
  return `/api/race/ranking.xlsx?${params.toString()}`;
}

/** View, year, quarter, month and scope kind in the URL. */
export function useRaceParams(today = todayInShanghai()) {
  const route = useRoute();
  const router = useRouter();
  const thisYear = Number(today.slice(0, 4));
  const view = computed<RaceView>(() => {
    const v = queryString(route.query, 'view') as RaceView;
    return VIEWS.includes(v) ? v : 'quarter';
  });
  const kind = computed<RaceScopeKind>(() => (queryString(route.query, 'kind') === 'UNIT' ? 'UNIT' : 'PLATFORM'));
  const year = computed(() => {
    const y = Number(queryString(route.query, 'year'));
    return Number.isInteger(y) && y > 2000 && y <= thisYear ? y : thisYear;
  });
  const quarter = computed(() => {
    const q = Number(queryString(route.query, 'q'));
    return q >= 1 && q <= 4 ? q : year.value === thisYear ? quarterOf(today) : 4;
  });
  const month = computed(() => {
    const m = queryString(route.query, 'month');
    return /^\d{4}-(0[1-9]|1[0-2])$/.test(m) ? m : lastFinishedMonth(today);
  });
  function update(next: Partial<{ view: RaceView; kind: RaceScopeKind; year: number; quarter: number; month: string }>) {
    const v = { view: view.value, kind: kind.value, year: year.value, quarter: quarter.value, month: month.value, ...next };
    void router.replace({
      query: compactQuery({
        view: v.view === 'quarter' ? '' : v.view,
        kind: v.kind === 'PLATFORM' ? '' : v.kind,
        year: String(v.year),
        q: String(v.quarter),
        month: v.month,
      }),
    });
  }
  return { view, kind, year, quarter, month, thisYear, update };
}

export function useRaceQuarter(vars: () => { year: number; quarter: number; kind: RaceScopeKind }, enabled: () => boolean) {
  const { result, loading, error, refetch } = useQuery(RaceQuarterDocument, vars, () => ({ enabled: enabled() }));
  return { quarter: computed(() => result.value?.raceQuarter ?? null), loading, error, refetch };
}

export function useRaceYear(vars: () => { year: number; kind: RaceScopeKind }, enabled: () => boolean) {
  const { result, loading, error, refetch } = useQuery(RaceYearDocument, vars, () => ({ enabled: enabled() }));
  return { raceYear: computed(() => result.value?.raceYear ?? null), loading, error, refetch };
}

export function useRaceSnapshots(vars: () => { month: string; kind: RaceScopeKind }, enabled: () => boolean) {
  const { result, loading, error, refetch } = useQuery(RaceSnapshotsDocument, vars, () => ({ enabled: enabled() }));
  return { snapshots: computed(() => result.value?.raceSnapshots ?? []), loading, error, refetch };
}

/** 发布季评价: once published the scores never change, so the page asks first. */
export function usePublishQuarter() {
  const { mutate, loading } = useMutation(PublishRaceQuarterDocument);
  async function publish(year: number, quarter: number, kind: RaceScopeKind): Promise<string | null> {
    try {
      const payload = (await mutate({ year, quarter, kind }))?.data?.publishRaceQuarter;
      if (!payload) return describeError(new Error('empty payload'));
      return payload.errors.length > 0 ? payload.errors.map((e) => e.message).join('；') : null;
    } catch (e) {
      return describeError(e);
    }
  }
  return { publish, loading };
}
