import { computed } from 'vue';
import { useQuery } from '@vue/apollo-composable';
import { NodeTemplatesDocument, ReferenceDataDocument, type NodeTemplatesQuery } from '@/gql/graphql';

/** Platforms, units, industry chains and liaison leaders for filters and forms. */
export function useReferenceData() {
  const { result, loading, error, refetch } = useQuery(ReferenceDataDocument, null, { fetchPolicy: 'cache-first' });
  return {
    platforms: computed(() => result.value?.platforms ?? []),
    units: computed(() => result.value?.units ?? []),
    chains: computed(() => result.value?.industryChains ?? []),
    leaders: computed(() => result.value?.liaisonLeaders ?? []),
    loading,
    error,
    refetch,
  };
}

export type NodeTemplateInfo = NodeTemplatesQuery['nodeTemplates'][number];

/** The template versions a new project can use: the newest active version of each key. */
export function usableTemplates(templates: readonly NodeTemplateInfo[]): NodeTemplateInfo[] {
  const newest = new Map<string, NodeTemplateInfo>();
  for (const t of templates) {
    if (!t.active) continue;
    const seen = newest.get(t.key);
    if (!seen || seen.version < t.version) newest.set(t.key, t);
  }
  return [...newest.values()].sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'));
}

/** `enabled` false skips the query (the project edit form shows no template). */
export function useNodeTemplates(enabled: () => boolean = () => true) {
  const { result, loading, error } = useQuery(NodeTemplatesDocument, null, () => ({ fetchPolicy: 'cache-first', enabled: enabled() }));
  return { templates: computed(() => usableTemplates(result.value?.nodeTemplates ?? [])), loading, error };
}
