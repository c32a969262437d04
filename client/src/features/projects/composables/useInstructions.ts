import { computed, reactive } from 'vue';
import { useMutation } from '@vue/apollo-composable';
import { WriteInstructionDocument, type InstructionItemFragment } from '@/gql/graphql';
import { submitPayload, useFormErrors } from '@/shared/forms/userErrors.js';

/** Newest 批示 first. */
export function sortInstructions(list: readonly InstructionItemFragment[]): InstructionItemFragment[] {
  return [...list].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
}

export const INSTRUCTION_FIELDS = ['content', 'unitIds'] as const;

export function useWriteInstruction(projectId: () => string) {
  const values = reactive({ content: '', unitIds: [] as string[] });
  const form = useFormErrors('input.', INSTRUCTION_FIELDS);
  // The payload returns the project's whole list, so the cache updates without a refetch.
  const { mutate, loading } = useMutation(WriteInstructionDocument);
  async function submit(): Promise<boolean> {
    const payload = await submitPayload(form, async () =>
      (await mutate({ input: { projectId: projectId(), content: values.content.trim(), unitIds: values.unitIds } }))?.data?.writeInstruction,
    );
    if (payload) Object.assign(values, { content: '', unitIds: [] });
    return payload !== null;
  }
  return { values, submit, loading, fieldErrors: form.fieldErrors, formError: form.formError, canSubmit: computed(() => values.content.trim() !== '') };
}
