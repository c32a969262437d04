import { ApolloClient, ApolloLink, HttpLink, type NormalizedCacheObject } from '@apollo/client/core';
import { onError } from '@apollo/client/link/error';
import { createCache } from './cache.js';

export interface ClientOptions {
  /** Called once per response that says the session is gone (expired or logged out elsewhere). */
  onUnauthenticated?: () => void;
  uri?: string;
}

export function createApolloClient(options: ClientOptions = {}): ApolloClient<NormalizedCacheObject> {
  const http = new HttpLink({
    uri: options.uri ?? '/graphql',
    credentials: 'same-origin',
    // Apollo Server's CSRF prevention lets a request through only with a preflight-forcing header.
    headers: { 'apollo-require-preflight': 'true' },
  });
  const sessionWatch = onError(({ graphQLErrors }) => {
    if (graphQLErrors?.some((e) => e.extensions?.code === 'UNAUTHENTICATED')) {
      options.onUnauthenticated?.();
    }
  });
  return new ApolloClient({
    link: ApolloLink.from([sessionWatch, http]),
    cache: createCache(),
    defaultOptions: {
      watchQuery: { fetchPolicy: 'cache-and-network', nextFetchPolicy: 'cache-first' },
    },
  });
}
