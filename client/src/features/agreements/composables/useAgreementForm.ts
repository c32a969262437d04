import { computed, reactive } from 'vue';
import { useApolloClient, useMutation } from '@vue/apollo-composable';
import type { FormItemRule } from 'element-plus';
import {
  AgreementDocument,
  CreateAgreementDocument,
  UpdateAgreementDocument,
  type AgreementItemFragment,
  type CreateAgreementInput,
  type UserErrorFieldsFragment,
} from '@/gql/graphql';
import { submitPayload, useConflict, useFormErrors } from '@/shared/forms/userErrors.js';
import { wanToYuan, yuanToWan } from '@/shared/format/money.js';

/**
 * 新建 / 编辑履约协议. Keys follow Create/UpdateAgreementInput so `input.commitments.taxPerMu`
 * lands on its field; the committed fixed-asset investment is typed in 万元 and sent in yuan.
 */
export const COMMITMENT_KEYS = ['taxPerMu', 'outputPerMu', 'valueAddedPerMu', 'energyPerValueAdded', 'rdRatio'] as const;
type CommitmentKey = (typeof COMMITMENT_KEYS)[number];

export interface AgreementFormValues extends Record<CommitmentKey, number | null> {
  title: string;
  signedOn: string;
  landAreaMu: number | null;
  /** 承诺固定资产投资 in 万元 while editing. */
  fixedAssetInvestment: number | null;
  committedStartOn: string;
  committedCompletionOn: string;
  committedCapacityOn: string;
}

export const AGREEMENT_FIELDS = [
  'projectId',
  'title',
  'signedOn',
  'landAreaMu',
  'fixedAssetInvestment',
  'commitments',
  ...COMMITMENT_KEYS.map((k) => `commitments.${k}`),
  'committedStartOn',
  'committedCompletionOn',
  'committedCapacityOn',
];

export function emptyAgreementForm(): AgreementFormValues {
  return {
    title: '',
    signedOn: '',
    landAreaMu: null,
    fixedAssetInvestment: null,
    taxPerMu: null,
    outputPerMu: null,
    valueAddedPerMu: null,
    energyPerValueAdded: null,
    rdRatio: null,
    committedStartOn: '',
    committedCompletionOn: '',
    committedCapacityOn: '',
  };
}

export function agreementFormFrom(a: AgreementItemFragment): AgreementFormValues {
  return {
    title: a.title,
    signedOn: a.signedOn,
    landAreaMu: a.landAreaMu,
    fixedAssetInvestment: yuanToWan(a.fixedAssetInvestment),
    ...(Object.fromEntries(COMMITMENT_KEYS.map((k) => [k, a.commitments[k] ?? null])) as Record<CommitmentKey, number | null>),
    committedStartOn: a.committedStartOn ?? '',
    committedCompletionOn: a.committedCompletionOn ?? '',
    committedCapacityOn: a.committedCapacityOn ?? '',
  };
}

/** The fields shared by create and update; the form's rules make the required ones present. */
export function toAgreementFields(v: AgreementFormValues): Omit<CreateAgreementInput, 'projectId'> {
  const investment = wanToYuan(v.fixedAssetInvestment);
  if (v.landAreaMu === null || investment === null) throw new Error('landAreaMu and fixedAssetInvestment are required');
  return {
    title: v.title.trim(),
    signedOn: v.signedOn,
    landAreaMu: v.landAreaMu,
    fixedAssetInvestment: investment,
    commitments: Object.fromEntries(COMMITMENT_KEYS.map((k) => [k, v[k]])) as Record<CommitmentKey, number | null>,
    committedStartOn: v.committedStartOn || null,
    committedCompletionOn: v.committedCompletionOn || null,
    committedCapacityOn: v.committedCapacityOn || null,
  };
}

/** 投资强度 (万元/亩) as the API computes it, for a preview while typing. */
export function intensityOf(v: Pick<AgreementFormValues, 'fixedAssetInvestment' | 'landAreaMu'>): number | null {
  if (v.fixedAssetInvestment === null || !v.landAreaMu) return null;
  return v.fixedAssetInvestment / v.landAreaMu;
}

export const agreementRules: Record<string, FormItemRule[]> = {
  title: [{ required: true, message: '请填写协议名称', trigger: 'blur' }],
  signedOn: [{ required: true, message: '请选择协议签订日期', trigger: 'change' }],
  landAreaMu: [
    { required: true, message: '请填写用地面积', trigger: 'blur' },
    { type: 'number', min: 0.01, message: '用地面积（亩）应为正数', trigger: 'blur' },
  ],
  fixedAssetInvestment: [{ required: true, message: '请填写承诺固定资产投资', trigger: 'blur' }],
};

/**
 * Creates an agreement on `projectId`, or edits `agreement()` when given (with its version; a
 * CONFLICT offers to reload the current version).
 */
export function useAgreementForm(projectId: () => string, agreement?: () => AgreementItemFragment) {
  const values = reactive(emptyAgreementForm());
  const form = useFormErrors('input.', AGREEMENT_FIELDS);
  const { conflict, reloading, note, reload: reloadWith } = useConflict(form);
  let version = agreement?.().version ?? 0;
  const create = useMutation(CreateAgreementDocument, { refetchQueries: ['Agreements'] });
  const update = useMutation(UpdateAgreementDocument);
  const { resolveClient } = useApolloClient();

  function reset(from: AgreementItemFragment | undefined = agreement?.()) {
    Object.assign(values, from ? agreementFormFrom(from) : emptyAgreementForm());
    version = from?.version ?? 0;
    form.clear();
    conflict.value = false;
  }

  /** Resolves to the saved agreement, or null with the errors on the form. */
  async function submit(): Promise<AgreementItemFragment | null> {
    const fields = toAgreementFields(values);
    const current = agreement?.();
    let errors: readonly UserErrorFieldsFragment[] = [];
    const payload = await submitPayload(form, async () => {
      const p = current
        ? (await update.mutate({ input: { id: current.id, version, ...fields } }))?.data?.updateAgreement
        : (await create.mutate({ input: { projectId: projectId(), ...fields } }))?.data?.createAgreement;
      errors = p?.errors ?? [];
      return p;
    });
    note(errors);
    return payload?.agreement ?? null;
  }

  /** After a CONFLICT: reads the agreement again (its card updates through the cache) and restarts the form. */
  async function reload(): Promise<boolean> {
    const current = agreement?.();
    if (!current) return false;
    return reloadWith(async () => (await resolveClient().query({ query: AgreementDocument, variables: { id: current.id }, fetchPolicy: 'network-only' })).data.agreement, reset);
  }

  return {
    values,
    reset,
    submit,
    reload,
    loading: computed(() => create.loading.value || update.loading.value),
    reloading,
    conflict,
    fieldErrors: form.fieldErrors,
    formError: form.formError,
  };
}
