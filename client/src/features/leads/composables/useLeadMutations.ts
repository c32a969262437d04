import { reactive } from 'vue';
import { useMutation } from '@vue/apollo-composable';
import {
  AddFollowUpDocument,
  CreateLeadDocument,
  DropLeadDocument,
  UpdateLeadDocument,
  type FollowUpKind,
  type LeadDetailFragment,
} from '@/gql/graphql';
import { todayInShanghai } from '@/shared/format/dates.js';
import { submitPayload, useFormErrors } from '@/shared/forms/userErrors.js';
import { emptyLeadForm, LEAD_FIELDS, leadFormFrom, toCreateLeadInput, toUpdateLeadInput } from './leadForm.js';

export function useCreateLead() {
  const values = reactive(emptyLeadForm());
  const form = useFormErrors('input.', LEAD_FIELDS);
  const { mutate, loading } = useMutation(CreateLeadDocument, { refetchQueries: ['Leads'] });
  /** Resolves to the new lead's id, or null with the errors on the form. */
  async function submit(): Promise<string | null> {
    const payload = await submitPayload(form, async () => (await mutate({ input: toCreateLeadInput(values) }))?.data?.createLead);
    return payload?.lead?.id ?? null;
  }
  return { values, submit, loading, fieldErrors: form.fieldErrors, formError: form.formError };
}

export function useUpdateLead(lead: () => LeadDetailFragment) {
  const values = reactive(leadFormFrom(lead()));
  const form = useFormErrors('input.', LEAD_FIELDS);
  const { mutate, loading } = useMutation(UpdateLeadDocument);
  function reset() {
    Object.assign(values, leadFormFrom(lead()));
    form.clear();
  }
  async function submit(): Promise<boolean> {
    const l = lead();
    const payload = await submitPayload(form, async () => (await mutate({ input: toUpdateLeadInput(l.id, l.version, values) }))?.data?.updateLead);
    return payload !== null;
  }
  return { values, reset, submit, loading, fieldErrors: form.fieldErrors, formError: form.formError };
}

export const FOLLOW_UP_FIELDS = ['date', 'kind', 'summary', 'nextStep', 'nextDate'] as const;

export function useAddFollowUp(leadId: () => string) {
  const blank = () => ({ date: todayInShanghai(), kind: 'VISIT' as FollowUpKind, summary: '', nextStep: '', nextDate: '' });
  const values = reactive(blank());
  const form = useFormErrors('input.', FOLLOW_UP_FIELDS);
  const { mutate, loading } = useMutation(AddFollowUpDocument);
  async function submit(): Promise<boolean> {
    const payload = await submitPayload(form, async () => {
      const result = await mutate({
        input: {
          leadId: leadId(),
          date: values.date,
          kind: values.kind,
          summary: values.summary.trim(),
          nextStep: values.nextStep.trim() || null,
          nextDate: values.nextDate || null,
        },
      });
      return result?.data?.addFollowUp;
    });
    if (payload) Object.assign(values, blank());
    return payload !== null;
  }
  return { values, submit, loading, fieldErrors: form.fieldErrors, formError: form.formError };
}

export function useDropLead(lead: () => LeadDetailFragment) {
  const values = reactive({ reason: '' });
  const form = useFormErrors('', ['reason']);
  const { mutate, loading } = useMutation(DropLeadDocument);
  async function submit(): Promise<boolean> {
    const l = lead();
    const payload = await submitPayload(form, async () => (await mutate({ id: l.id, version: l.version, reason: values.reason.trim() }))?.data?.dropLead);
    return payload !== null;
  }
  return { values, submit, loading, fieldErrors: form.fieldErrors, formError: form.formError };
}
