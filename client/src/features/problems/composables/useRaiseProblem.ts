import { computed, reactive } from 'vue';
import { useMutation } from '@vue/apollo-composable';
import { ProjectProblemsDocument, RaiseProblemDocument, type ProblemCategory, type RaiseProblemInput } from '@/gql/graphql';
import { submitPayload, useFormErrors } from '@/shared/forms/userErrors.js';

export const RAISE_FIELDS = ['category', 'title', 'description', 'leadUnitId', 'coUnitIds', 'deadline', 'internalNote'] as const;

export interface RaiseProblemValues {
  category: ProblemCategory | '';
  title: string;
  description: string;
  leadUnitId: string;
  coUnitIds: string[];
  deadline: string;
  internalNote: string;
}

const empty = (): RaiseProblemValues => ({ category: '', title: '', description: '', leadUnitId: '', coUnitIds: [], deadline: '', internalNote: '' });

/** Form values to the API input: blanks are left out so the API applies its defaults (lead unit = the project's). */
export function toRaiseProblemInput(projectId: string, v: RaiseProblemValues): RaiseProblemInput {
  const input: RaiseProblemInput = {
    projectId,
    category: v.category as ProblemCategory,
    title: v.title.trim(),
    description: v.description.trim(),
    deadline: v.deadline,
  };
  if (v.leadUnitId) input.leadUnitId = v.leadUnitId;
  if (v.coUnitIds.length > 0) input.coUnitIds = v.coUnitIds;
  if (v.internalNote.trim()) input.internalNote = v.internalNote.trim();
  return input;
}

export function useRaiseProblem(projectId: () => string) {
  const values = reactive(empty());
  const form = useFormErrors('input.', RAISE_FIELDS);
  // The project's list and open count are read again so the new problem appears in its place.
  const { mutate, loading } = useMutation(RaiseProblemDocument, () => ({
    refetchQueries: [{ query: ProjectProblemsDocument, variables: { id: projectId() } }],
    awaitRefetchQueries: true,
  }));
  const canSubmit = computed(() => !!values.category && values.title.trim() !== '' && values.description.trim() !== '' && !!values.deadline);
  async function submit(): Promise<boolean> {
    const payload = await submitPayload(form, async () => (await mutate({ input: toRaiseProblemInput(projectId(), values) }))?.data?.raiseProblem);
    if (payload) Object.assign(values, empty());
    return payload !== null;
  }
  return { values, submit, loading, canSubmit, fieldErrors: form.fieldErrors, formError: form.formError };
}
