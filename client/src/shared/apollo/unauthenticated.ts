import type { ApolloClient } from '@apollo/client/core';
import type { Router } from 'vue-router';

/**
 * When the API says the session is gone, forget the cached data and send the user to the
 * login page, coming back to where they were afterwards. Several failing queries of one
 * page produce one redirect.
 */
export function handleUnauthenticated(client: () => ApolloClient<unknown>, router: () => Router): () => void {
  let redirecting = false;
  return () => {
    if (redirecting) return;
    const current = router().currentRoute.value;
    if (current.name === 'login') return;
    redirecting = true;
    void client()
      .clearStore()
      .finally(() => router().push({ name: 'login', query: { redirect: current.fullPath } }))
      .finally(() => {
        redirecting = false;
      });
  };
}
