import { ApolloClient, type NormalizedCacheObject } from '@apollo/client/core';
import { MockLink, type MockedResponse } from '@apollo/client/testing/core';
import { createCache } from '@/shared/apollo/cache.js';

/**
 * A client with the app's real cache policies whose network is a list of expected
 * operations and their responses. An operation nobody expected fails the query, so a
 * test notices when a component asks for something else than it should.
 */
export function createMockClient(mocks: readonly MockedResponse[]): ApolloClient<NormalizedCacheObject> {
  const link = new MockLink(mocks, true, { showWarnings: false });
  return new ApolloClient({ link, cache: createCache() });
}

/** One expected operation: the exact variables the component must send, and the answer. */
export function expectOperation<TData, TVars extends Record<string, unknown>>(
  query: import('@apollo/client/core').TypedDocumentNode<TData, TVars>,
  variables: TVars,
  data: TData,
): MockedResponse {
  return { request: { query, variables }, result: { data: data as Record<string, unknown> } };
}
