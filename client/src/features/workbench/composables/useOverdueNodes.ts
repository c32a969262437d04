import { OverdueNodesDocument } from '@/gql/graphql';
import { useCursorList } from '@/shared/apollo/useCursorList.js';

export function useOverdueNodes(pageSize = 20) {
  return useCursorList(
    OverdueNodesDocument,
    () => ({ first: pageSize }),
    (data) => data.overdueNodes,
  );
}
