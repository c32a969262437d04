import { computed, ref } from 'vue';
import type { OperationVariables, TypedDocumentNode } from '@apollo/client/core';
import { useQuery, type UseQueryOptions } from '@vue/apollo-composable';

export interface CursorPage<TNode> {
  nodes: TNode[];
  pageInfo: { hasNextPage: boolean; endCursor?: string | null };
  totalCount?: number;
}

/**
 * A cursor-paged list with "加载更多". Pages are appended by the cache's field policy
 * (shared/apollo/cache.ts); changing the variables starts again from the first page.
 */
export function useCursorList<TData, TVars extends OperationVariables & { after?: string | null }, TNode>(
  document: TypedDocumentNode<TData, TVars>,
  variables: () => TVars,
  select: (data: TData) => CursorPage<TNode> | null | undefined,
  options: () => UseQueryOptions<TData, TVars> = () => ({}),
) {
  const query = useQuery(document, variables, options);
  const page = computed(() => (query.result.value ? select(query.result.value) ?? null : null));
  const loadingMore = ref(false);
  const loadMoreError = ref<unknown>(null);

  async function loadMore(): Promise<void> {
    const info = page.value?.pageInfo;
    if (!info?.hasNextPage || !info.endCursor || loadingMore.value) return;
    loadingMore.value = true;
    loadMoreError.value = null;
    try {
      await query.fetchMore({ variables: { ...variables(), after: info.endCursor } });
    } catch (error) {
      loadMoreError.value = error;
    } finally {
      loadingMore.value = false;
    }
  }

  return {
    items: computed(() => page.value?.nodes ?? []),
    totalCount: computed(() => page.value?.totalCount ?? page.value?.nodes.length ?? 0),
    hasMore: computed(() => page.value?.pageInfo.hasNextPage ?? false),
    /** True until the first page has arrived. */
    initialLoading: computed(() => query.loading.value && !page.value),
    loading: query.loading,
    error: query.error,
    refetch: () => query.refetch(),
    loadMore,
    loadingMore,
    loadMoreError,
  };
}
