import { computed } from 'vue';
import { useRoute, useRouter } from 'vue-router';
import { LeadsDocument, type LeadFilter } from '@/gql/graphql';
import { useCursorList } from '@/shared/apollo/useCursorList.js';
import { leadFilterToQuery, parseLeadFilter, toLeadFilter, type LeadFilterValues } from './leadFilter.js';

export function useLeads(filter: () => LeadFilter, pageSize = 20) {
  return useCursorList(
    LeadsDocument,
    () => ({ filter: filter(), first: pageSize }),
    (data) => data.leads,
  );
}

/** The lead list page: filters read from and written to the URL. */
export function useLeadListPage() {
  const route = useRoute();
  const router = useRouter();
  const filterValues = computed(() => parseLeadFilter(route.query));
  const list = useLeads(() => toLeadFilter(filterValues.value));
  function applyFilter(values: LeadFilterValues) {
    void router.replace({ query: leadFilterToQuery(values) });
  }
  return { filterValues, applyFilter, ...list };
}
