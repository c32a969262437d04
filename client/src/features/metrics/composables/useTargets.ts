import { computed, reactive } from 'vue';
import { useMutation, useQuery } from '@vue/apollo-composable';
import {
  CreateTargetDocument,
  DeleteTargetDocument,
  TargetsDocument,
  UpdateTargetDocument,
  type MetricIndicator,
  type TargetInput,
  type TargetItemFragment,
  type TargetScopeKind,
} from '@/gql/graphql';
import { describeError } from '@/shared/apollo/errors.js';
import { submitPayload, useFormErrors } from '@/shared/forms/userErrors.js';

export const TARGET_FIELDS = ['indicator', 'scopeKind', 'scopeId', 'fromYear', 'toYear', 'perYear', 'value', 'note'] as const;

/** Rates are typed in percent, counts as counts. */
export function isRateIndicator(indicator: MetricIndicator): boolean {
  return indicator.endsWith('_RATE') || indicator.includes('_RATE_') || indicator === 'MANUFACTURING_SHARE';
}

export interface TargetFormValues {
  indicator: MetricIndicator;
  scopeKind: TargetScopeKind;
  scopeId: string;
  fromYear: number;
  toYear: number | null;
  perYear: boolean;
  /** Percent for rates. */
  value: number;
  note: string;
}

export function targetToForm(t: TargetItemFragment): TargetFormValues {
  return {
    indicator: t.indicator,
    scopeKind: t.scopeKind,
    scopeId: t.platform?.id ?? t.unit?.id ?? '',
    fromYear: t.fromYear,
    toYear: t.toYear ?? null,
    perYear: t.perYear,
    value: isRateIndicator(t.indicator) ? Math.round(t.value * 10000) / 100 : t.value,
    note: t.note ?? '',
  };
}

export function formToTargetInput(v: TargetFormValues): TargetInput {
  return {
    indicator: v.indicator,
    scopeKind: v.scopeKind,
    scopeId: v.scopeKind === 'DISTRICT' ? null : v.scopeId || null,
    fromYear: v.fromYear,
    toYear: v.toYear,
    perYear: v.perYear,
    value: isRateIndicator(v.indicator) ? v.value / 100 : v.value,
    note: v.note.trim() || null,
  };
}

export function useTargets() {
  const { result, loading, error, refetch } = useQuery(TargetsDocument, {});
  const remove = useMutation(DeleteTargetDocument, { refetchQueries: [{ query: TargetsDocument, variables: {} }] });
  async function deleteTarget(t: TargetItemFragment): Promise<string | null> {
    try {
      const payload = (await remove.mutate({ id: t.id, version: t.version }))?.data?.deleteTarget;
      if (!payload) return describeError(new Error('empty payload'));
      return payload.errors.length > 0 ? payload.errors.map((e) => e.message).join('；') : null;
    } catch (e) {
      return describeError(e);
    }
  }
  return { targets: computed(() => result.value?.targets ?? []), loading, error, refetch, deleteTarget };
}

export function useTargetForm(editing: () => TargetItemFragment | null, thisYear: number) {
  const values = reactive<TargetFormValues>({ indicator: 'LANDING_RATE', scopeKind: 'DISTRICT', scopeId: '', fromYear: thisYear, toYear: null, perYear: true, value: 40, note: '' });
  const form = useFormErrors('input.', TARGET_FIELDS);
  const create = useMutation(CreateTargetDocument, { refetchQueries: [{ query: TargetsDocument, variables: {} }] });
  const update = useMutation(UpdateTargetDocument);
  function reset() {
    const t = editing();
    Object.assign(values, t ? targetToForm(t) : { indicator: 'LANDING_RATE', scopeKind: 'DISTRICT', scopeId: '', fromYear: thisYear, toYear: null, perYear: true, value: 40, note: '' });
    form.clear();
  }
  async function submit(): Promise<boolean> {
    const t = editing();
    const input = formToTargetInput(values);
    const payload = t
      ? await submitPayload(form, async () => (await update.mutate({ input: { ...input, id: t.id, version: t.version } }))?.data?.updateTarget)
      : await submitPayload(form, async () => (await create.mutate({ input }))?.data?.createTarget);
    return payload !== null;
  }
  return { values, reset, submit, loading: computed(() => create.loading.value || update.loading.value), fieldErrors: form.fieldErrors, formError: form.formError };
}
