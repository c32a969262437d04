import { computed } from 'vue';
import { useQuery } from '@vue/apollo-composable';
import { ProblemDocument, ProjectProblemsDocument } from '@/gql/graphql';

export function useProblem(id: () => string) {
  const { result, loading, error, refetch } = useQuery(ProblemDocument, () => ({ id: id() }));
  return { problem: computed(() => result.value?.problem ?? null), loading, error, refetch };
}

/** A project's problems (soonest deadline first, as the API orders them). */
export function useProjectProblems(projectId: () => string) {
  const { result, loading, error, refetch } = useQuery(ProjectProblemsDocument, () => ({ id: projectId() }));
  return {
    problems: computed(() => result.value?.project?.problems ?? []),
    openCount: computed(() => result.value?.project?.openProblemCount ?? 0),
    loading,
    error,
    refetch,
  };
}
