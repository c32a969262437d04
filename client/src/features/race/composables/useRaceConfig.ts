import { reactive, watch } from 'vue';
import { useMutation, useQuery } from '@vue/apollo-composable';
import { RaceConfigDocument, UpdateRaceConfigDocument, type RaceConfigFieldsFragment, type RaceConfigInput } from '@/gql/graphql';
import { submitPayload, useFormErrors } from '@/shared/forms/userErrors.js';

export type RaceConfigForm = Omit<RaceConfigInput, 'indicators'> & {
  indicators: (RaceConfigInput['indicators'][number] & { proportional: boolean })[];
};

export function configToForm(c: RaceConfigFieldsFragment): RaceConfigForm {
  return {
    version: c.version,
    cap: c.cap,
    overdueNodeDays: c.overdueNodeDays,
    overdueNodePenalty: c.overdueNodePenalty,
    recordPenalty: c.recordPenalty,
    quarterWeight: c.quarterWeight,
    yearEndWeight: c.yearEndWeight,
    indicators: c.indicators.map((i) => ({ code: i.code, name: i.name, weight: i.weight, platformTarget: i.platformTarget, unitTarget: i.unitTarget, proportional: i.proportional })),
  };
}

export function formToConfigInput(f: RaceConfigForm): RaceConfigInput {
  return { ...f, indicators: f.indicators.map(({ code, name, weight, platformTarget, unitTarget }) => ({ code, name, weight, platformTarget, unitTarget })) };
}

/** Sum of indicator weights, shown so the administrator sees when they do not add up to 1. */
export function weightSum(f: Pick<RaceConfigForm, 'indicators'>): number {
  return Math.round(f.indicators.reduce((s, i) => s + i.weight, 0) * 1000) / 1000;
}

export function useRaceConfigAdmin() {
  const { result, loading, error, refetch } = useQuery(RaceConfigDocument);
  const values = reactive<RaceConfigForm>({ version: 0, cap: 1.2, overdueNodeDays: 30, overdueNodePenalty: 0.1, recordPenalty: 0.2, quarterWeight: 0, yearEndWeight: 0, indicators: [] });
  const form = useFormErrors('input.', ['cap', 'overdueNodeDays', 'overdueNodePenalty', 'recordPenalty', 'quarterWeight', 'yearEndWeight', 'indicators']);
  const save = useMutation(UpdateRaceConfigDocument);
  watch(
    () => result.value?.raceConfig,
    (c) => c && Object.assign(values, configToForm(c)),
    { immediate: true },
  );
  async function submit(): Promise<boolean> {
    return (await submitPayload(form, async () => (await save.mutate({ input: formToConfigInput(values) }))?.data?.updateRaceConfig)) !== null;
  }
  return { values, loading, error, refetch, submit, saving: save.loading, fieldErrors: form.fieldErrors, formError: form.formError, loaded: () => !!result.value };
}
