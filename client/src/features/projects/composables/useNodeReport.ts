import { reactive } from 'vue';
import type { FormItemRule } from 'element-plus';
import { useMutation } from '@vue/apollo-composable';
import {
  ConfirmNodeDocument,
  RejectNodeReportDocument,
  ReportNodeDocument,
  type NodeItemFragment,
  type NodeStatus,
} from '@/gql/graphql';
import { epochDay, todayInShanghai } from '@/shared/format/dates.js';
import { submitPayload, useFormErrors } from '@/shared/forms/userErrors.js';

export interface ReportValues {
  status: NodeStatus;
  actualDate: string;
  note: string;
  skipReason: string;
}

export const REPORT_FIELDS = ['status', 'actualDate', 'note', 'skipReason'] as const;

export function reportDefaults(node: NodeItemFragment): ReportValues {
  return {
    status: node.status === 'PENDING' ? 'IN_PROGRESS' : node.status,
    actualDate: node.actualDate ?? '',
    note: '',
    skipReason: node.skipReason ?? '',
  };
}

/** DONE needs a date that has happened; SKIPPED needs a reason (DOMAIN.md, lifecycle). */
export function reportRules(values: ReportValues, today: () => string = todayInShanghai): Record<string, FormItemRule[]> {
  return {
    status: [{ required: true, message: '请选择状态', trigger: 'change' }],
    actualDate: [
      {
        trigger: 'change',
        validator: (_r, value: string, callback) => {
          if (values.status === 'DONE' && !value) callback(new Error('完成的节点须填写实际完成日期'));
          else if (value && epochDay(value) > epochDay(today())) callback(new Error('实际完成日期不能晚于今天'));
          else callback();
        },
      },
    ],
    skipReason: [
      {
        trigger: 'blur',
        validator: (_r, value: string, callback) => {
          if (values.status === 'SKIPPED' && !value?.trim()) callback(new Error('请说明不适用的原因'));
          else callback();
        },
      },
    ],
  };
}

export function useReportNode(node: () => NodeItemFragment) {
  const values = reactive(reportDefaults(node()));
  const form = useFormErrors('input.', REPORT_FIELDS);
  const { mutate, loading } = useMutation(ReportNodeDocument);
  function reset() {
    Object.assign(values, reportDefaults(node()));
    form.clear();
  }
  async function submit(): Promise<boolean> {
    const n = node();
    const payload = await submitPayload(form, async () => {
      const result = await mutate({
        input: {
          nodeId: n.id,
          version: n.version,
          status: values.status,
          actualDate: values.status === 'DONE' || values.actualDate ? values.actualDate || null : null,
          note: values.note.trim() || null,
          skipReason: values.status === 'SKIPPED' ? values.skipReason.trim() : null,
        },
      });
      return result?.data?.reportNode;
    });
    return payload !== null;
  }
  return { values, reset, submit, loading, fieldErrors: form.fieldErrors, formError: form.formError };
}

/** Confirming has no form: failures come back as one message for a toast. */
export function useConfirmNode() {
  const { mutate, loading } = useMutation(ConfirmNodeDocument);
  const form = useFormErrors('', []);
  async function confirm(node: NodeItemFragment): Promise<string | null> {
    const payload = await submitPayload(form, async () => (await mutate({ nodeId: node.id, version: node.version }))?.data?.confirmNode);
    return payload ? null : form.formError.value;
  }
  return { confirm, loading };
}

export function useRejectReport(node: () => NodeItemFragment) {
  const values = reactive({ reason: '' });
  const form = useFormErrors('', ['reason']);
  const { mutate, loading } = useMutation(RejectNodeReportDocument);
  function reset() {
    values.reason = '';
    form.clear();
  }
  async function submit(): Promise<boolean> {
    const n = node();
    const payload = await submitPayload(form, async () => (await mutate({ nodeId: n.id, version: n.version, reason: values.reason.trim() }))?.data?.rejectNodeReport);
    return payload !== null;
  }
  return { values, reset, submit, loading, fieldErrors: form.fieldErrors, formError: form.formError };
}
