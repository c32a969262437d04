import { computed, reactive, ref } from 'vue';
import { useMutation } from '@vue/apollo-composable';
import {
  AcceptProblemDocument,
  AssignProblemDocument,
  AttachProblemEvidenceDocument,
  EscalateProblemDocument,
  RemoveProblemEvidenceDocument,
  RespondProblemDocument,
  ResolveProblemDocument,
  SendBackProblemDocument,
  type ProblemDetailFragment,
  type UserErrorFieldsFragment,
} from '@/gql/graphql';
import { describeError } from '@/shared/apollo/errors.js';
import { submitPayload, useFormErrors } from '@/shared/forms/userErrors.js';
import { UploadError, uploadEvidenceFile } from '@/features/projects/composables/evidence.js';

/** The status moves that take one line of text; keys match `viewerCan`. */
export type ProblemMove = 'accept' | 'respond' | 'resolve' | 'sendBack' | 'escalate';

export interface MoveSpec {
  label: string;
  /** The API argument that carries the text (user errors name it). */
  field: 'note' | 'response' | 'reason';
  textLabel: string;
  required: boolean;
  success: string;
  buttonType: 'primary' | 'success' | 'warning' | 'danger' | 'default';
}

export const PROBLEM_MOVES: Record<ProblemMove, MoveSpec> = {
  accept: { label: '签收', field: 'note', textLabel: '签收说明（可选）', required: false, success: '已签收', buttonType: 'primary' },
  respond: { label: '答复', field: 'response', textLabel: '答复内容', required: true, success: '已答复，等待确认销号', buttonType: 'primary' },
  resolve: { label: '销号', field: 'note', textLabel: '销号说明（可选）', required: false, success: '问题已销号', buttonType: 'success' },
  sendBack: { label: '退回重办', field: 'reason', textLabel: '退回原因', required: true, success: '已退回责任单位重办', buttonType: 'warning' },
  escalate: { label: '升级', field: 'reason', textLabel: '升级原因', required: true, success: '已升级至包联领导', buttonType: 'danger' },
};

export const MOVE_ORDER: readonly ProblemMove[] = ['accept', 'respond', 'resolve', 'sendBack', 'escalate'];

/** The moves the API allows this viewer on this problem, in a stable order. */
export function allowedMoves(viewerCan: ProblemDetailFragment['viewerCan']): ProblemMove[] {
  return MOVE_ORDER.filter((m) => viewerCan[m]);
}

/** One status move with its text, errors mapped onto the text field or the dialog banner. */
export function useProblemMove(problem: () => ProblemDetailFragment) {
  const text = ref('');
  const form = useFormErrors('', ['note', 'response', 'reason']);
  const accept = useMutation(AcceptProblemDocument);
  const respond = useMutation(RespondProblemDocument);
  const resolve = useMutation(ResolveProblemDocument);
  const sendBack = useMutation(SendBackProblemDocument);
  const escalate = useMutation(EscalateProblemDocument);
  const loading = computed(() => [accept, respond, resolve, sendBack, escalate].some((m) => m.loading.value));

  async function run(move: ProblemMove): Promise<boolean> {
    const { id, version } = problem();
    const value = text.value.trim();
    const payload = await submitPayload(form, async () => {
      switch (move) {
        case 'accept':
          return (await accept.mutate({ id, version, note: value || null }))?.data?.acceptProblem;
        case 'respond':
          return (await respond.mutate({ id, version, response: value }))?.data?.respondProblem;
        case 'resolve':
          return (await resolve.mutate({ id, version, note: value || null }))?.data?.resolveProblem;
        case 'sendBack':
          return (await sendBack.mutate({ id, version, reason: value }))?.data?.sendBackProblem;
        case 'escalate':
          return (await escalate.mutate({ id, version, reason: value }))?.data?.escalateProblem;
      }
    });
    if (payload) text.value = '';
    return payload !== null;
  }
  return { text, run, loading, fieldErrors: form.fieldErrors, formError: form.formError, clear: form.clear };
}

export const ASSIGN_FIELDS = ['leadUnitId', 'coUnitIds', 'deadline', 'internalNote'] as const;

/** 调整交办: units (lead unit only while OPEN), deadline, internal note. */
export function useAssignProblem(problem: () => ProblemDetailFragment) {
  const values = reactive({ leadUnitId: '', coUnitIds: [] as string[], deadline: '', internalNote: '' });
  const form = useFormErrors('input.', ASSIGN_FIELDS);
  const { mutate, loading } = useMutation(AssignProblemDocument);
  function reset() {
    const p = problem();
    Object.assign(values, { leadUnitId: p.leadUnit.id, coUnitIds: p.coUnits.map((u) => u.id), deadline: p.deadline, internalNote: p.internalNote ?? '' });
    form.clear();
  }
  async function submit(): Promise<boolean> {
    const p = problem();
    const input = {
      id: p.id,
      version: p.version,
      // The lead unit can change only before it signed for the problem.
      ...(p.status === 'OPEN' && values.leadUnitId !== p.leadUnit.id ? { leadUnitId: values.leadUnitId } : {}),
      coUnitIds: values.coUnitIds,
      deadline: values.deadline,
      internalNote: values.internalNote.trim() || null,
    };
    return (await submitPayload(form, async () => (await mutate({ input }))?.data?.assignProblem)) !== null;
  }
  return { values, reset, submit, loading, fieldErrors: form.fieldErrors, formError: form.formError };
}

/** Evidence for 销号: uploaded by REST, then attached to the problem (its timeline records it). */
export function useProblemEvidence(problem: () => ProblemDetailFragment, fetchImpl?: typeof fetch) {
  const attach = useMutation(AttachProblemEvidenceDocument);
  const remove = useMutation(RemoveProblemEvidenceDocument);
  const uploading = ref(false);
  const error = ref<string | null>(null);

  async function run(task: () => Promise<readonly UserErrorFieldsFragment[] | undefined>): Promise<boolean> {
    error.value = null;
    try {
      const errors = await task();
      if (!errors) throw new Error('empty payload');
      if (errors.length > 0) error.value = errors.map((e) => e.message).join('；');
      return errors.length === 0;
    } catch (e) {
      error.value = e instanceof UploadError ? e.message : describeError(e);
      return false;
    }
  }

  async function upload(file: File): Promise<boolean> {
    uploading.value = true;
    try {
      return await run(async () => {
        const uploaded = await uploadEvidenceFile(file, fetchImpl);
        return (await attach.mutate({ problemId: problem().id, fileId: uploaded.id }))?.data?.attachProblemEvidence.errors;
      });
    } finally {
      uploading.value = false;
    }
  }
  const removeFile = (fileId: string) =>
    run(async () => (await remove.mutate({ problemId: problem().id, fileId }))?.data?.removeProblemEvidence.errors);
  return { upload, removeFile, uploading, error };
}
