import { reactive } from 'vue';
import { useMutation } from '@vue/apollo-composable';
import { FreezeBaselineDocument, TerminateProjectDocument, type ProjectOverviewFragment } from '@/gql/graphql';
import { submitPayload, useFormErrors } from '@/shared/forms/userErrors.js';

/** 冻结基线: from then on planned dates move only through approved re-plan requests. */
export function useFreezeBaseline(project: () => ProjectOverviewFragment) {
  const { mutate, loading } = useMutation(FreezeBaselineDocument);
  const form = useFormErrors('', []);
  /** Resolves to null on success, otherwise the message to show. */
  async function freeze(): Promise<string | null> {
    const p = project();
    const payload = await submitPayload(form, async () => (await mutate({ projectId: p.id, version: p.version }))?.data?.freezeBaseline);
    return payload ? null : form.formError.value;
  }
  return { freeze, loading };
}

/** 终止/解约 after signing: needs a reason; the API records the approver. */
export function useTerminateProject(project: () => ProjectOverviewFragment) {
  const values = reactive({ reason: '' });
  const form = useFormErrors('', ['reason']);
  const { mutate, loading } = useMutation(TerminateProjectDocument);
  async function submit(): Promise<boolean> {
    const p = project();
    const payload = await submitPayload(form, async () =>
      (await mutate({ id: p.id, version: p.version, reason: values.reason.trim() }))?.data?.terminateProject,
    );
    return payload !== null;
  }
  return { values, submit, loading, fieldErrors: form.fieldErrors, formError: form.formError };
}
