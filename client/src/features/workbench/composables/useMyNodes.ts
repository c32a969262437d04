import { computed } from 'vue';
import { useQuery } from '@vue/apollo-composable';
import { MyNodesDocument } from '@/gql/graphql';
import type { ListedNode } from '@/features/projects/composables/listedNode.js';
import { epochDay } from '@/shared/format/dates.js';

export interface NodeGroups {
  overdue: ListedNode[];
  dueSoon: ListedNode[];
  later: ListedNode[];
}

/** Overdue first (longest overdue on top), then due within the window, then the rest by date. */
export function groupMyNodes(nodes: readonly ListedNode[]): NodeGroups {
  const byPlanned = (a: ListedNode, b: ListedNode) => epochDay(a.plannedDate) - epochDay(b.plannedDate) || a.id.localeCompare(b.id);
  return {
    overdue: nodes.filter((n) => n.overdue).sort((a, b) => b.overdueDays - a.overdueDays || byPlanned(a, b)),
    dueSoon: nodes.filter((n) => !n.overdue && n.dueSoon).sort(byPlanned),
    later: nodes.filter((n) => !n.overdue && !n.dueSoon).sort(byPlanned),
  };
}

export function useMyNodes(first = 50) {
  const { result, loading, error, refetch } = useQuery(MyNodesDocument, () => ({ first }));
  const nodes = computed(() => result.value?.myNodes ?? []);
  return { nodes, groups: computed(() => groupMyNodes(nodes.value)), loading, error, refetch };
}
