import { reactive } from 'vue';
import { useMutation } from '@vue/apollo-composable';
import { CreateProjectDocument, SignLeadDocument, type LeadDetailFragment } from '@/gql/graphql';
import { todayInShanghai } from '@/shared/format/dates.js';
import { submitPayload, useFormErrors } from '@/shared/forms/userErrors.js';
import { emptyProjectForm, PROJECT_FIELDS, projectFormFromLead, toCreateProjectInput } from './projectForm.js';

/** 签约: turns a lead into a project with nodes from the chosen template. */
export function useSignLead(lead: () => LeadDetailFragment) {
  const values = reactive(projectFormFromLead(lead(), todayInShanghai()));
  const form = useFormErrors('input.project.', PROJECT_FIELDS);
  const { mutate, loading } = useMutation(SignLeadDocument, { refetchQueries: ['Lead', 'Leads', 'Projects'] });
  function reset() {
    Object.assign(values, projectFormFromLead(lead(), todayInShanghai()));
    form.clear();
  }
  /** Resolves to the new project's id, or null with the errors on the form. */
  async function submit(): Promise<string | null> {
    const l = lead();
    const payload = await submitPayload(form, async () => {
      const result = await mutate({ input: { leadId: l.id, version: l.version, project: toCreateProjectInput(values) } });
      return result?.data?.signLead;
    });
    return payload?.project?.id ?? null;
  }
  return { values, reset, submit, loading, fieldErrors: form.fieldErrors, formError: form.formError };
}

export function useCreateProject() {
  const values = reactive(emptyProjectForm(todayInShanghai()));
  const form = useFormErrors('input.', PROJECT_FIELDS);
  const { mutate, loading } = useMutation(CreateProjectDocument, { refetchQueries: ['Projects'] });
  async function submit(): Promise<string | null> {
    const payload = await submitPayload(form, async () => (await mutate({ input: toCreateProjectInput(values) }))?.data?.createProject);
    return payload?.project?.id ?? null;
  }
  return { values, submit, loading, fieldErrors: form.fieldErrors, formError: form.formError };
}
