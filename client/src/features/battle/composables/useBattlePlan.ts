import { computed, type Ref } from 'vue';
import { useQuery } from '@vue/apollo-composable';
import { BattlePlanDocument } from '@/gql/graphql';

export function useBattlePlan(id: () => string, pollInterval: Ref<number>) {
  const { result, loading, error, refetch } = useQuery(BattlePlanDocument, () => ({ id: id() }), () => ({ pollInterval: pollInterval.value }));
  const project = computed(() => result.value?.project ?? null);
  const nodes = computed(() => [...(project.value?.nodes ?? [])].sort((a, b) => a.order - b.order));
  return {
    project,
    nodes,
    overdueNodes: computed(() => nodes.value.filter((n) => n.overdue).sort((a, b) => b.overdueDays - a.overdueDays || a.order - b.order)),
    loading,
    error,
    refetch,
  };
}

/** Saves a data URL (the chart's PNG) as a file. */
export function downloadDataUrl(dataUrl: string, filename: string): void {
  const a = document.createElement('a');
  a.href = dataUrl;
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
}
