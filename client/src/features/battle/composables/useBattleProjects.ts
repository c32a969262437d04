import { computed, ref, watch, type Ref } from 'vue';
import { useQuery } from '@vue/apollo-composable';
import { BattleProjectsDocument, type Light, type Tier } from '@/gql/graphql';
import { LIGHT_LABELS } from '@/shared/format/labels.js';

const PAGE = 100;
/** Enough for every 10亿+ project of a district; stops a runaway loop if the API misbehaves. */
const MAX_PAGES = 20;

/**
 * 50亿+ projects always (挂图作战); with the toggle also 10亿+. The filter's tier list
 * matches projects having any of the listed tiers. Every page is loaded: the map shows all.
 */
export function battleTiers(includeOver1B: boolean): Tier[] {
  return includeOver1B ? ['OVER_5B', 'OVER_1B'] : ['OVER_5B'];
}

export function useBattleProjects(includeOver1B: Ref<boolean>, pollInterval: Ref<number>) {
  const query = useQuery(
    BattleProjectsDocument,
    () => ({ tiers: battleTiers(includeOver1B.value), first: PAGE }),
    () => ({ pollInterval: pollInterval.value, notifyOnNetworkStatusChange: false }),
  );
  const pagesLoaded = ref(1);
  const connection = computed(() => query.result.value?.projects ?? null);

  watch(connection, async (c) => {
    if (!c) return;
    if (c.nodes.length <= PAGE) pagesLoaded.value = 1;
    if (c.pageInfo.hasNextPage && c.pageInfo.endCursor && pagesLoaded.value < MAX_PAGES) {
      pagesLoaded.value += 1;
      await query.fetchMore({ variables: { tiers: battleTiers(includeOver1B.value), first: PAGE, after: c.pageInfo.endCursor } })?.catch(() => undefined);
    }
  });

  const projects = computed(() => connection.value?.nodes ?? []);
  const lightCounts = computed(() => {
    const counts = { RED: 0, YELLOW: 0, GREEN: 0 } as Record<Light, number>;
    for (const p of projects.value) if (p.light) counts[p.light] += 1;
    return (Object.keys(LIGHT_LABELS) as Light[]).map((light) => ({ light, label: LIGHT_LABELS[light], count: counts[light] }));
  });
  /** Worst first, then by investment: what a leader looks at first. */
  const ordered = computed(() => {
    const rank = (light: Light | null | undefined) => (light ? { RED: 0, YELLOW: 1, GREEN: 2 }[light] : 3);
    return [...projects.value].sort((a, b) => rank(a.light) - rank(b.light) || b.totalInvestment - a.totalInvestment || a.code.localeCompare(b.code));
  });

  return {
    projects: ordered,
    lightCounts,
    loading: query.loading,
    error: query.error,
    refetch: () => query.refetch(),
    lastUpdated: computed(() => (query.result.value ? new Date() : null)),
  };
}
