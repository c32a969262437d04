import { reactive } from 'vue';
import type { FormItemRule } from 'element-plus';
import { useMutation } from '@vue/apollo-composable';
import {
  DecideReplanDocument,
  RequestReplanDocument,
  UpdateNodePlanDocument,
  type NodeItemFragment,
} from '@/gql/graphql';
import { submitPayload, useFormErrors } from '@/shared/forms/userErrors.js';

export const REPLAN_FIELDS = ['toDate', 'reason'] as const;

/** After the baseline is frozen a new planned date is a request with a reason. */
export function useRequestReplan(node: () => NodeItemFragment) {
  const values = reactive({ toDate: '', reason: '' });
  const form = useFormErrors('input.', REPLAN_FIELDS);
  const { mutate, loading } = useMutation(RequestReplanDocument);
  function reset() {
    Object.assign(values, { toDate: node().plannedDate, reason: '' });
    form.clear();
  }
  const rules: Record<string, FormItemRule[]> = {
    toDate: [
      { required: true, message: '请选择调整后的计划日期', trigger: 'change' },
      {
        trigger: 'change',
        validator: (_r, value: string, callback) =>
          value === node().plannedDate ? callback(new Error('新日期与当前计划日期相同')) : callback(),
      },
    ],
    reason: [{ required: true, message: '请填写调整原因', trigger: 'blur' }],
  };
  async function submit(): Promise<boolean> {
    const payload = await submitPayload(form, async () =>
      (await mutate({ input: { nodeId: node().id, toDate: values.toDate, reason: values.reason.trim() } }))?.data?.requestReplan,
    );
    return payload !== null;
  }
  return { values, rules, reset, submit, loading, fieldErrors: form.fieldErrors, formError: form.formError };
}

export function useDecideReplan(node: () => NodeItemFragment, requestId: () => string | null) {
  const values = reactive({ note: '' });
  const form = useFormErrors('', ['note']);
  const { mutate, loading } = useMutation(DecideReplanDocument);
  function reset() {
    values.note = '';
    form.clear();
  }
  async function decide(approve: boolean): Promise<boolean> {
    const id = requestId();
    if (!id) return false;
    const payload = await submitPayload(form, async () =>
      (await mutate({ nodeId: node().id, requestId: id, approve, note: values.note.trim() || null }))?.data?.decideReplan,
    );
    return payload !== null;
  }
  return { values, reset, decide, loading, fieldErrors: form.fieldErrors, formError: form.formError };
}

export const PLAN_FIELDS = ['plannedDate', 'unitId', 'person', 'internalNote'] as const;

/** Before the baseline is frozen the planned date itself is editable; afterwards only who and notes. */
export function useEditNodePlan(node: () => NodeItemFragment, baselineFrozen: () => boolean) {
  const initial = () => ({
    plannedDate: node().plannedDate,
    unitId: node().unit?.id ?? '',
    person: node().person ?? '',
    internalNote: node().internalNote ?? '',
  });
  const values = reactive(initial());
  const form = useFormErrors('input.', PLAN_FIELDS);
  const { mutate, loading } = useMutation(UpdateNodePlanDocument);
  function reset() {
    Object.assign(values, initial());
    form.clear();
  }
  async function submit(): Promise<boolean> {
    const n = node();
    const payload = await submitPayload(form, async () => {
      const result = await mutate({
        input: {
          nodeId: n.id,
          version: n.version,
          plannedDate: baselineFrozen() || values.plannedDate === n.plannedDate ? null : values.plannedDate,
          unitId: values.unitId || null,
          person: values.person.trim() || null,
          internalNote: values.internalNote.trim() || null,
        },
      });
      return result?.data?.updateNodePlan;
    });
    return payload !== null;
  }
  return { values, reset, submit, loading, fieldErrors: form.fieldErrors, formError: form.formError };
}
