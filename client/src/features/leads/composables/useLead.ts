import { computed } from 'vue';
import { useQuery } from '@vue/apollo-composable';
import { LeadDocument } from '@/gql/graphql';

export function useLead(id: () => string) {
  const { result, loading, error, refetch } = useQuery(LeadDocument, () => ({ id: id() }));
  return { lead: computed(() => result.value?.lead ?? null), loading, error, refetch };
}
