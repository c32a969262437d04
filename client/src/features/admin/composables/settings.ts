import { reactive, watch } from 'vue';
import { useMutation, useQuery } from '@vue/apollo-composable';
import { SettingsDocument, UpdateSettingsDocument, type SettingsFieldsFragment, type SettingsInput } from '@/gql/graphql';
import { wanToYuan, yuanToWan } from '@/shared/format/money.js';
import { submitPayload, useFormErrors } from '@/shared/forms/userErrors.js';

/** Amount thresholds are edited in 万 (万元, 万美元) like every other amount. */
export type SettingsForm = Omit<SettingsFieldsFragment, '__typename'>;

export const SETTINGS_FIELDS = [
  'dueSoonDays',
  'redOverdueDays',
  'staleLeadDays',
  'problemYellowDays',
  'duplicateWindowMonths',
  'over100MYuan',
  'over1BYuan',
  'over5BYuan',
  'foreignUsd',
  'reviewTolerance',
  'reviewDueDays',
] as const;

const AMOUNTS = ['over100MYuan', 'over1BYuan', 'over5BYuan', 'foreignUsd'] as const;

export function settingsToForm(s: SettingsFieldsFragment): SettingsForm {
  const form = { ...s } as SettingsForm & { __typename?: string };
  delete form.__typename;
  for (const k of AMOUNTS) form[k] = yuanToWan(s[k]) ?? 0;
  return form;
}

export function formToSettingsInput(f: SettingsForm): SettingsInput {
  const input: SettingsInput = { ...f };
  for (const k of AMOUNTS) input[k] = wanToYuan(f[k]);
  return input;
}

export function useSettingsAdmin() {
  const { result, loading, error, refetch } = useQuery(SettingsDocument);
  const values = reactive({} as SettingsForm);
  const form = useFormErrors('input.', SETTINGS_FIELDS);
  const save = useMutation(UpdateSettingsDocument);
  watch(
    () => result.value?.settings,
    (s) => s && Object.assign(values, settingsToForm(s)),
    { immediate: true },
  );
  async function submit(): Promise<boolean> {
    const payload = await submitPayload(form, async () => (await save.mutate({ input: formToSettingsInput(values) }))?.data?.updateSettings);
    return payload !== null;
  }
  return { values, loading, error, refetch, submit, saving: save.loading, fieldErrors: form.fieldErrors, formError: form.formError, loaded: () => !!result.value };
}
