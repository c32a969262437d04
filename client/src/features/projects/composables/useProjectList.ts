import { computed } from 'vue';
import { useRoute, useRouter } from 'vue-router';
import { ProjectsDocument, type ProjectFilter, type ProjectSort } from '@/gql/graphql';
import { useCursorList } from '@/shared/apollo/useCursorList.js';
import {
  ledgerExportUrl,
  parseProjectFilter,
  projectFilterToQuery,
  toProjectFilter,
  type ProjectFilterValues,
} from './projectFilter.js';

export function useProjects(filter: () => ProjectFilter, sort: () => ProjectSort = () => 'CODE', pageSize = 20) {
  return useCursorList(
    ProjectsDocument,
    () => ({ filter: filter(), sort: sort(), first: pageSize }),
    (data) => data.projects,
  );
}

/** The project list page: filters in the URL, the same filter for the Excel export. */
export function useProjectListPage() {
  const route = useRoute();
  const router = useRouter();
  const filterValues = computed(() => parseProjectFilter(route.query));
  const filter = computed(() => toProjectFilter(filterValues.value));
  const list = useProjects(() => filter.value, () => filterValues.value.sort);
  return {
    filterValues,
    applyFilter: (values: ProjectFilterValues) => void router.replace({ query: projectFilterToQuery(values) }),
    exportUrl: computed(() => ledgerExportUrl(filter.value, filterValues.value.sort)),
    ...list,
  };
}
