import { computed, reactive } from 'vue';
import { useRoute, useRouter } from 'vue-router';
import { useMutation } from '@vue/apollo-composable';
import {
  AgreementsDocument,
  RecordCapacityReviewDocument,
  type AgreementFilter,
  type AgreementFlag,
  type AgreementItemFragment,
  type ReviewActualsInput,
} from '@/gql/graphql';
import { useCursorList } from '@/shared/apollo/useCursorList.js';
import { compactQuery, queryEnumList, queryString } from '@/shared/forms/routeQuery.js';
import { AGREEMENT_FLAG_LABELS } from '@/shared/format/labels.js';
import { wanToYuan } from '@/shared/format/money.js';
import { todayInShanghai } from '@/shared/format/dates.js';
import { submitPayload, useFormErrors } from '@/shared/forms/userErrors.js';

export const AGREEMENT_FLAGS = Object.keys(AGREEMENT_FLAG_LABELS) as AgreementFlag[];

export function useAgreements(filter: () => AgreementFilter, pageSize = 50) {
  return useCursorList(
    AgreementsDocument,
    () => ({ filter: filter(), first: pageSize }),
    (data) => data.agreements,
  );
}

export interface AgreementFilterValues {
  flag: AgreementFlag | '';
  platformId: string;
}

export function useAgreementListPage() {
  const route = useRoute();
  const router = useRouter();
  const values = computed<AgreementFilterValues>(() => ({
    flag: queryEnumList(route.query, 'flag', AGREEMENT_FLAGS)[0] ?? '',
    platformId: queryString(route.query, 'platform'),
  }));
  const filter = computed<AgreementFilter>(() => ({
    ...(values.value.flag ? { flag: values.value.flag } : {}),
    ...(values.value.platformId ? { platformId: values.value.platformId } : {}),
  }));
  return {
    values,
    apply: (v: AgreementFilterValues) => void router.replace({ query: compactQuery({ flag: v.flag, platform: v.platformId }) }),
    ...useAgreements(() => filter.value),
  };
}

/** The review's indicators that failed, for a one-line summary. */
export function failedIndicators(review: AgreementItemFragment['reviews'][number]): string[] {
  return review.indicators.filter((i) => !i.passed).map((i) => i.name);
}

export const ACTUAL_FIELDS = ['fixedAssetInvestment', 'taxPerMu', 'outputPerMu', 'valueAddedPerMu', 'energyPerValueAdded', 'rdRatio'] as const;

export interface ReviewFormValues {
  reviewId: string;
  reviewedOn: string;
  period: string;
  /** 实际固定资产投资 typed in 万元. */
  fixedAssetInvestmentWan: number | null;
  taxPerMu: number | null;
  outputPerMu: number | null;
  valueAddedPerMu: number | null;
  energyPerValueAdded: number | null;
  rdRatio: number | null;
  note: string;
}

export function toReviewActuals(v: ReviewFormValues): ReviewActualsInput {
  return {
    fixedAssetInvestment: wanToYuan(v.fixedAssetInvestmentWan),
    taxPerMu: v.taxPerMu,
    outputPerMu: v.outputPerMu,
    valueAddedPerMu: v.valueAddedPerMu,
    energyPerValueAdded: v.energyPerValueAdded,
    rdRatio: v.rdRatio,
  };
}

/** 达产复核: actual values against the commitments; a failure opens a 整改 item (the API decides). */
export function useRecordReview(agreement: () => AgreementItemFragment) {
  const values = reactive<ReviewFormValues>({
    reviewId: '',
    reviewedOn: todayInShanghai(),
    period: '',
    fixedAssetInvestmentWan: null,
    taxPerMu: null,
    outputPerMu: null,
    valueAddedPerMu: null,
    energyPerValueAdded: null,
    rdRatio: null,
    note: '',
  });
  // `input.actuals.taxPerMu` lands on `actuals.taxPerMu`; the form shows the 万元 investment under its API name.
  const form = useFormErrors('input.', ['reviewId', 'reviewedOn', 'period', 'note', ...ACTUAL_FIELDS.map((f) => `actuals.${f}`)]);
  const { mutate, loading } = useMutation(RecordCapacityReviewDocument);
  function reset() {
    const pending = agreement().reviews.find((r) => r.status === 'PENDING');
    Object.assign(values, { reviewId: pending?.id ?? '', period: pending?.period ?? '', reviewedOn: todayInShanghai(), note: '' });
    form.clear();
  }
  async function submit(): Promise<AgreementItemFragment | null> {
    const a = agreement();
    const input = {
      agreementId: a.id,
      version: a.version,
      ...(values.reviewId ? { reviewId: values.reviewId } : {}),
      reviewedOn: values.reviewedOn,
      ...(values.period.trim() ? { period: values.period.trim() } : {}),
      actuals: toReviewActuals(values),
      note: values.note.trim() || null,
    };
    const payload = await submitPayload(form, async () => (await mutate({ input }))?.data?.recordCapacityReview);
    return payload?.agreement ?? null;
  }
  return { values, reset, submit, loading, fieldErrors: form.fieldErrors, formError: form.formError };
}
