import { reactive } from 'vue';
import { useApolloClient, useMutation } from '@vue/apollo-composable';
import { LoginDocument } from '@/gql/graphql';
import { submitPayload, useFormErrors } from '@/shared/forms/userErrors.js';
import { rememberViewer, type ViewerInfo } from './session.js';

export const LOGIN_FIELDS = ['username', 'password'] as const;

export function useLogin() {
  const values = reactive({ username: '', password: '' });
  const form = useFormErrors('', LOGIN_FIELDS);
  const { mutate, loading } = useMutation(LoginDocument);
  const { resolveClient } = useApolloClient();

  /** Resolves to the viewer when signed in; errors are on `form`. */
  async function submit(): Promise<ViewerInfo | null> {
    const payload = await submitPayload(form, async () => {
      const result = await mutate({ username: values.username.trim(), password: values.password });
      return result?.data?.login;
    });
    if (!payload) return null;
    if (!payload.viewer) {
      form.formError.value = '登录失败，请重试';
      return null;
    }
    // A previous user's data must not survive into this session.
    const client = resolveClient();
    await client.clearStore();
    rememberViewer(client, payload.viewer);
    return payload.viewer;
  }

  return { values, submit, loading, fieldErrors: form.fieldErrors, formError: form.formError };
}
