import { computed } from 'vue';
import { useQuery } from '@vue/apollo-composable';
import { ViewerDocument } from '@/gql/graphql';
import { ROLE_LABELS } from '@/shared/format/labels.js';

/** The signed-in user and their top-level permissions, as the API computed them. */
export function useViewer() {
  const { result, loading, error, refetch } = useQuery(ViewerDocument, null, { fetchPolicy: 'cache-first' });
  const viewer = computed(() => result.value?.viewer ?? null);
  return {
    viewer,
    loading,
    error,
    refetch,
    role: computed(() => viewer.value?.user.role ?? null),
    roleLabel: computed(() => (viewer.value ? ROLE_LABELS[viewer.value.user.role] : '')),
    can: computed(() => viewer.value?.can ?? null),
  };
}
