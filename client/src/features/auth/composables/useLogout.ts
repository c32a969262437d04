import { useApolloClient, useMutation } from '@vue/apollo-composable';
import { LogoutDocument } from '@/gql/graphql';

export function useLogout() {
  const { mutate, loading } = useMutation(LogoutDocument);
  const { resolveClient } = useApolloClient();

  /** Ends the session on the server and forgets everything cached for this user. */
  async function logout(): Promise<void> {
    try {
      await mutate();
    } finally {
      // Even if the request failed the user asked to leave; the cookie may already be gone.
      await resolveClient().clearStore();
    }
  }
  return { logout, loading };
}
