import { computed } from 'vue';
import { useRoute, useRouter } from 'vue-router';
import { ProblemsDocument, type ProblemFilter } from '@/gql/graphql';
import { useCursorList } from '@/shared/apollo/useCursorList.js';
import { parseProblemFilter, problemFilterToQuery, toProblemFilter, type ProblemFilterValues } from './problemFilter.js';

export function useProblems(filter: () => ProblemFilter, pageSize = 20) {
  return useCursorList(
    ProblemsDocument,
    () => ({ filter: filter(), first: pageSize }),
    (data) => data.problems,
  );
}

/** The 督办 list page: filters live in the URL like the project list's. */
export function useProblemListPage() {
  const route = useRoute();
  const router = useRouter();
  const filterValues = computed(() => parseProblemFilter(route.query));
  const list = useProblems(() => toProblemFilter(filterValues.value));
  return {
    filterValues,
    applyFilter: (values: ProblemFilterValues) => void router.replace({ query: problemFilterToQuery(values) }),
    ...list,
  };
}
