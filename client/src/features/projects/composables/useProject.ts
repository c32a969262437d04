import { computed } from 'vue';
import { useQuery } from '@vue/apollo-composable';
import { ProjectDocument } from '@/gql/graphql';

export function useProject(id: () => string) {
  const { result, loading, error, refetch } = useQuery(ProjectDocument, () => ({ id: id() }));
  const project = computed(() => result.value?.project ?? null);
  return {
    project,
    /** Nodes in template order. */
    nodes: computed(() => [...(project.value?.nodes ?? [])].sort((a, b) => a.order - b.order)),
    loading,
    error,
    refetch,
  };
}
