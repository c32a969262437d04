import type { NodeItemFragment } from '@/gql/graphql';

/** A node shown outside its project's page (工作台) carries the project it belongs to. */
export type ListedNode = NodeItemFragment & {
  project?: { id: string; code: string; name: string; baselineFrozen: boolean };
};
