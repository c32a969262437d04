import { computed, reactive } from 'vue';
import { useMutation, useQuery } from '@vue/apollo-composable';
import { DeleteWebhookDocument, SaveWebhookDocument, TestWebhookDocument, WebhooksDocument, type WebhookInput, type WebhookItemFragment } from '@/gql/graphql';
import { describeError } from '@/shared/apollo/errors.js';
import { submitPayload, useFormErrors } from '@/shared/forms/userErrors.js';

export const WEBHOOK_FIELDS = ['name', 'url', 'secret', 'unitId', 'enabled'] as const;

export interface WebhookFormValues {
  name: string;
  url: string;
  secret: string;
  /** Whether to send `secret` (on update an untouched secret is kept by leaving it out). */
  changeSecret: boolean;
  unitId: string;
  enabled: boolean;
}

/** Form to input: blank URL and untouched secret are left out so the API keeps the stored ones. */
export function toWebhookInput(v: WebhookFormValues, editing: WebhookItemFragment | null): WebhookInput {
  const input: WebhookInput = { name: v.name.trim(), unitId: v.unitId || null, enabled: v.enabled };
  if (editing) Object.assign(input, { id: editing.id, version: editing.version });
  if (v.url.trim()) input.url = v.url.trim();
  if (!editing || v.changeSecret) input.secret = v.secret.trim();
  return input;
}

async function run<P extends { errors: readonly { message: string }[] }>(task: () => Promise<P | null | undefined>): Promise<string | null> {
  try {
    const payload = await task();
    if (!payload) return describeError(new Error('empty payload'));
    return payload.errors.length > 0 ? payload.errors.map((e) => e.message).join('；') : null;
  } catch (e) {
    return describeError(e);
  }
}

export function useWebhooks() {
  const { result, loading, error, refetch } = useQuery(WebhooksDocument);
  const remove = useMutation(DeleteWebhookDocument, { refetchQueries: [{ query: WebhooksDocument }] });
  const test = useMutation(TestWebhookDocument);
  return {
    webhooks: computed(() => result.value?.webhooks ?? []),
    loading,
    error,
    refetch,
    deleteWebhook: (id: string) => run(async () => (await remove.mutate({ id }))?.data?.deleteWebhook),
    testWebhook: (id: string) => run(async () => (await test.mutate({ id }))?.data?.testWebhook),
  };
}

export function useWebhookForm(editing: () => WebhookItemFragment | null) {
  const values = reactive<WebhookFormValues>({ name: '', url: '', secret: '', changeSecret: false, unitId: '', enabled: true });
  const form = useFormErrors('input.', WEBHOOK_FIELDS);
  const { mutate, loading } = useMutation(SaveWebhookDocument, { refetchQueries: [{ query: WebhooksDocument }] });
  function reset() {
    const w = editing();
    Object.assign(values, { name: w?.name ?? '', url: '', secret: '', changeSecret: !w, unitId: w?.unit?.id ?? '', enabled: w?.enabled ?? true });
    form.clear();
  }
  async function submit(): Promise<boolean> {
    const input = toWebhookInput(values, editing());
    return (await submitPayload(form, async () => (await mutate({ input }))?.data?.saveWebhook)) !== null;
  }
  return { values, reset, submit, loading, fieldErrors: form.fieldErrors, formError: form.formError };
}
