import { computed, reactive } from 'vue';
import { useMutation } from '@vue/apollo-composable';
import { WriteProblemInstructionDocument, type ProblemDetailFragment } from '@/gql/graphql';
import { submitPayload, useFormErrors } from '@/shared/forms/userErrors.js';

/** A leader's 批示 on a problem; the units named (default: the lead and co-units) are notified. */
export function useProblemInstruction(problem: () => ProblemDetailFragment) {
  const values = reactive({ content: '', unitIds: [] as string[] });
  const form = useFormErrors('input.', ['content', 'unitIds']);
  const { mutate, loading } = useMutation(WriteProblemInstructionDocument);
  function reset() {
    const p = problem();
    Object.assign(values, { content: '', unitIds: [p.leadUnit.id, ...p.coUnits.map((u) => u.id)] });
  }
  async function submit(): Promise<boolean> {
    const p = problem();
    if (!p.project) {
      form.formError.value = '无法读取问题所属项目，不能批示';
      return false;
    }
    const input = { projectId: p.project.id, problemId: p.id, content: values.content.trim(), unitIds: values.unitIds };
    const payload = await submitPayload(form, async () => (await mutate({ input }))?.data?.writeInstruction);
    if (payload) values.content = '';
    return payload !== null;
  }
  return { values, reset, submit, loading, canSubmit: computed(() => values.content.trim() !== ''), fieldErrors: form.fieldErrors, formError: form.formError };
}
