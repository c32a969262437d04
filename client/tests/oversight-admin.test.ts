import { describe, expect, it } from 'vitest';
import { defineComponent, h } from 'vue';
import { CloseRectificationDocument, type CloseRectificationMutation } from '@/gql/graphql';
import { useCloseRectification } from '@/features/agreements/composables/useCloseRectification.js';
import { toReviewActuals } from '@/features/agreements/composables/useAgreements.js';
import { formToTargetInput, isRateIndicator, targetToForm } from '@/features/metrics/composables/useTargets.js';
import { toWebhookInput } from '@/features/notifications/composables/useWebhooks.js';
import { formToConfigInput, weightSum } from '@/features/race/composables/useRaceConfig.js';
import { expectOperation } from './support/apollo.js';
import { mountWithApollo } from './support/mount.js';
import { agreement } from './support/oversight.js';

describe('targets form', () => {
  it('edits rates in percent and sends them as 0–1; counts stay counts', () => {
    expect(isRateIndicator('LANDING_RATE_TWO_YEARS')).toBe(true);
    expect(isRateIndicator('MANUFACTURING_SHARE')).toBe(true);
    expect(isRateIndicator('SIGNED_OVER_1B_MANUFACTURING')).toBe(false);
    const base = { indicator: 'LANDING_RATE' as const, scopeKind: 'PLATFORM' as const, scopeId: 'pf1', fromYear: 2024, toYear: null, perYear: true, value: 40, note: ' ' };
    expect(formToTargetInput(base)).toEqual({ ...base, value: 0.4, note: null });
    expect(formToTargetInput({ ...base, scopeKind: 'DISTRICT', indicator: 'SIGNED_OVER_1B_MANUFACTURING', value: 30 })).toMatchObject({ scopeId: null, value: 30 });
    const stored = {
      __typename: 'Target' as const,
      id: 't1',
      indicator: 'MANUFACTURING_SHARE' as const,
      indicatorLabel: '制造业占比',
      scopeKind: 'DISTRICT' as const,
      platform: null,
      unit: null,
      fromYear: 2021,
      toYear: 2023,
      perYear: true,
      value: 2 / 3,
      note: null,
      version: 1,
      updatedAt: '2024-01-01T00:00:00Z',
    };
    expect(targetToForm(stored).value).toBe(66.67);
  });
});

describe('webhook form', () => {
  it('keeps the stored URL and secret unless they are typed again', () => {
    const editing = {
      __typename: 'Webhook' as const,
      id: 'w1',
      name: '经信局群',
      urlPreview: 'https://oapi.dingtalk.com/robot/send?access_token=ab***',
      hasSecret: true,
      unit: null,
      enabled: true,
      recentDeliveries: [],
      updatedAt: '2024-01-01T00:00:00Z',
      version: 3,
    };
    const values = { name: ' 经信局群 ', url: '', secret: '', changeSecret: false, unitId: 'u1', enabled: false };
    expect(toWebhookInput(values, editing)).toEqual({ id: 'w1', version: 3, name: '经信局群', unitId: 'u1', enabled: false });
    expect(toWebhookInput({ ...values, changeSecret: true }, editing)).toMatchObject({ secret: '' });
    expect(toWebhookInput({ ...values, url: 'https://x/robot', secret: 'SEC1', unitId: '' }, null)).toEqual({
      name: '经信局群',
      url: 'https://x/robot',
      secret: 'SEC1',
      unitId: null,
      enabled: false,
    });
  });
});

describe('race weights', () => {
  it('sums the weights and drops the read-only fields from the input', () => {
    const form = {
      version: 2,
      cap: 1.2,
      overdueNodeDays: 30,
      overdueNodePenalty: 0.1,
      recordPenalty: 0.2,
      quarterWeight: 0.6,
      yearEndWeight: 0.4,
      indicators: [
        { code: 'SIGNED_OVER_100M' as const, name: '亿元以上签约', weight: 0.3, platformTarget: 8, unitTarget: 2, proportional: true },
        { code: 'LANDING_RATE' as const, name: '落地率', weight: 0.7, platformTarget: 0.4, unitTarget: 0.4, proportional: false },
      ],
    };
    expect(weightSum(form)).toBe(1);
    expect(formToConfigInput(form).indicators[1]).toEqual({ code: 'LANDING_RATE', name: '落地率', weight: 0.7, platformTarget: 0.4, unitTarget: 0.4 });
  });
});

describe('capacity review and rectification', () => {
  it('sends the actual investment in yuan', () => {
    const actuals = toReviewActuals({
      reviewId: '',
      reviewedOn: '2024-06-10',
      period: '',
      fixedAssetInvestmentWan: 52_000,
      taxPerMu: 20,
      outputPerMu: null,
      valueAddedPerMu: null,
      energyPerValueAdded: null,
      rdRatio: 3.2,
      note: '',
    });
    expect(actuals).toEqual({ fixedAssetInvestment: 520_000_000, taxPerMu: 20, outputPerMu: null, valueAddedPerMu: null, energyPerValueAdded: null, rdRatio: 3.2 });
  });

  it('uploads the evidence, then closes the item with the file ids and the agreement version', async () => {
    const fetchImpl = (async () => new Response(JSON.stringify({ id: 'f9', filename: '整改报告.pdf', size: 10, contentType: 'application/pdf' }), { status: 201 })) as typeof fetch;
    const closed = agreement({ version: 5, rectifications: [{ ...agreement().rectifications[0], closed: true, closedOn: '2024-11-01', closingNote: '已补缴' }] });
    const answer: CloseRectificationMutation = { __typename: 'Mutation', closeRectification: { __typename: 'AgreementPayload', agreement: closed, errors: [] } };
    let api!: ReturnType<typeof useCloseRectification>;
    const Harness = defineComponent({
      setup() {
        api = useCloseRectification(() => agreement(), () => 'x1', fetchImpl);
        return () => h('div');
      },
    });
    await mountWithApollo(Harness, {
      mocks: [
        expectOperation(
          CloseRectificationDocument,
          { input: { agreementId: 'a1', version: 4, rectificationId: 'x1', closedOn: '2024-11-01', note: '已补缴', fileIds: ['f9'] } },
          answer,
        ),
      ],
    });
    expect(await api.addFile(new File(['x'], '整改报告.pdf'))).toBe(true);
    expect(api.files.value.map((f) => f.filename)).toEqual(['整改报告.pdf']);
    Object.assign(api.values, { closedOn: '2024-11-01', note: ' 已补缴 ' });
    expect(await api.submit()).toBe(true);
    expect(api.formError.value).toBeNull();
  });
});
