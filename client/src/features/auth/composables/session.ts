import type { ApolloClient } from '@apollo/client/core';
import { ViewerDocument, type ViewerFieldsFragment } from '@/gql/graphql';

export type ViewerInfo = ViewerFieldsFragment;

/** The signed-in viewer, from the cache after the first call; null when signed out. */
export async function loadViewer(client: ApolloClient<unknown>): Promise<ViewerInfo | null> {
  const { data } = await client.query({ query: ViewerDocument, fetchPolicy: 'cache-first' });
  return data.viewer ?? null;
}

/** Puts the viewer a login returned into the cache so the next navigation needs no request. */
export function rememberViewer(client: ApolloClient<unknown>, viewer: ViewerInfo | null): void {
  client.writeQuery({ query: ViewerDocument, data: { __typename: 'Query', viewer } });
}
