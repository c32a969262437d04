import { describe, expect, it, vi } from 'vitest';
import {
  AgreementDocument,
  AgreementsDocument,
  CreateAgreementDocument,
  UpdateAgreementDocument,
  type AgreementItemFragment,
  type CreateAgreementInput,
  type UpdateAgreementInput,
  type UserErrorFieldsFragment,
} from '@/gql/graphql';
import AgreementFormDialog from '@/features/agreements/components/AgreementFormDialog.vue';
import ProjectAgreementsTab from '@/features/agreements/components/ProjectAgreementsTab.vue';
import { agreementFormFrom, toAgreementFields } from '@/features/agreements/composables/useAgreementForm.js';
import { expectOperation } from './support/apollo.js';
import { clickAndSettle, dialogField, typeInto } from './support/dialog.js';
import { mountWithApollo, settle } from './support/mount.js';
import { agreement } from './support/oversight.js';

const editable = (overrides: Partial<AgreementItemFragment> = {}) =>
  agreement({ viewerCan: { __typename: 'AgreementPermissions', update: true, recordReview: true, closeRectification: true }, ...overrides });

const list = (rows: AgreementItemFragment[]) =>
  expectOperation(
    AgreementsDocument,
    { filter: { projectId: 'p1' }, first: 50 },
    { __typename: 'Query', agreements: { __typename: 'AgreementConnection', nodes: rows, pageInfo: { __typename: 'PageInfo', hasNextPage: false, endCursor: null }, totalCount: rows.length } },
  );

const userError = (code: UserErrorFieldsFragment['code'], field: string | null, message: string): UserErrorFieldsFragment => ({ __typename: 'UserError', code, field, message });

const updated = (input: UpdateAgreementInput, result: AgreementItemFragment | null, errors: UserErrorFieldsFragment[] = []) =>
  expectOperation(UpdateAgreementDocument, { input }, { __typename: 'Mutation', updateAgreement: { __typename: 'AgreementPayload', agreement: result, errors } });

/** The fields of fixture `agreement()` as the update sends them. */
const FIELDS = {
  title: '标准地投资建设协议',
  signedOn: '2021-03-01',
  landAreaMu: 100,
  fixedAssetInvestment: 500_000_000,
  commitments: { taxPerMu: 30, outputPerMu: null, valueAddedPerMu: null, energyPerValueAdded: null, rdRatio: 3 },
  committedStartOn: '2021-09-01',
  committedCompletionOn: '2022-09-01',
  committedCapacityOn: '2024-03-01',
};

const field = dialogField;
const type = typeInto;
const save = () => clickAndSettle('[data-test="agreement-submit"]');

describe('agreement form values', () => {
  it('round-trips an agreement, sending the investment in yuan and blank dates as null', () => {
    const values = agreementFormFrom(editable());
    expect(values.fixedAssetInvestment).toBe(50_000);
    expect(toAgreementFields(values)).toEqual(FIELDS);
    expect(toAgreementFields({ ...values, committedCapacityOn: '', fixedAssetInvestment: 12_345.67 })).toMatchObject({ committedCapacityOn: null, fixedAssetInvestment: 123_456_700 });
  });
});

describe('履约协议 actions on the project page', () => {
  it('offers 新建 and 编辑 only where the API allows recording', async () => {
    const readOnly = (await mountWithApollo(ProjectAgreementsTab, { props: { projectId: 'p1', canCreate: false }, mocks: [list([agreement()])] })).wrapper;
    await vi.waitFor(() => expect(readOnly.text()).toContain('标准地投资建设协议'));
    expect(readOnly.find('[data-test="create-agreement"]').exists()).toBe(false);
    expect(readOnly.find('[data-test="edit-agreement"]').exists()).toBe(false);

    // An agreement the viewer may edit does not by itself offer 新建: the project's permission decides.
    const editOnly = (await mountWithApollo(ProjectAgreementsTab, { props: { projectId: 'p1', canCreate: false }, mocks: [list([editable()])] })).wrapper;
    await vi.waitFor(() => expect(editOnly.text()).toContain('标准地投资建设协议'));
    expect(editOnly.find('[data-test="create-agreement"]').exists()).toBe(false);
    expect(editOnly.find('[data-test="edit-agreement"]').exists()).toBe(true);

    const promotion = (await mountWithApollo(ProjectAgreementsTab, { props: { projectId: 'p1', canCreate: true }, mocks: [list([])] })).wrapper;
    await vi.waitFor(() => expect(promotion.text()).toContain('该项目暂无履约监管协议'));
    expect(promotion.find('[data-test="create-agreement"]').exists()).toBe(true);
  });

  it('creates an agreement for the project with the typed commitments', async () => {
    const input: CreateAgreementInput = {
      projectId: 'p1',
      title: '标准地投资建设协议',
      signedOn: '2024-05-01',
      landAreaMu: 80,
      fixedAssetInvestment: 400_000_000,
      commitments: { taxPerMu: 25, outputPerMu: null, valueAddedPerMu: null, energyPerValueAdded: null, rdRatio: null },
      committedStartOn: null,
      committedCompletionOn: null,
      committedCapacityOn: null,
    };
    const created = editable({ id: 'a2', signedOn: '2024-05-01', landAreaMu: 80, fixedAssetInvestment: 400_000_000 });
    const { wrapper } = await mountWithApollo(AgreementFormDialog, {
      props: { projectId: 'p1', open: true },
      mocks: [expectOperation(CreateAgreementDocument, { input }, { __typename: 'Mutation', createAgreement: { __typename: 'AgreementPayload', agreement: created, errors: [] } })],
    });
    await vi.waitFor(() => expect(document.body.querySelector('.el-dialog')?.textContent).toContain('新建履约协议'));
    await type('协议名称', '标准地投资建设协议');
    await type('签订日期', '2024-05-01');
    await type('用地面积（亩）', '80');
    await type('承诺固定资产投资（万元）', '40000');
    await type('亩均税收（万元/亩）', '25');
    expect(document.body.querySelector('[data-test="intensity"]')?.textContent).toBe('500');
    await save();
    await vi.waitFor(() => expect(wrapper.emitted('update:open')?.at(-1)).toEqual([false]));
  });

  it('edits with the agreement version and shows a field error from the payload', async () => {
    await mountWithApollo(AgreementFormDialog, {
      props: { projectId: 'p1', agreement: editable(), open: true },
      mocks: [updated({ id: 'a1', version: 4, ...FIELDS, commitments: { ...FIELDS.commitments, rdRatio: 120 } }, null, [userError('VALIDATION', 'input.commitments.rdRatio', '研发经费占比应在0—100（%）之间')])],
    });
    await vi.waitFor(() => expect(document.body.querySelector('.el-dialog')?.textContent).toContain('编辑履约协议'));
    await type('研发经费占比（%）', '120');
    await save();
    await vi.waitFor(() => expect(field('研发经费占比（%）').querySelector('.el-form-item__error')?.textContent?.trim()).toBe('研发经费占比应在0—100（%）之间'));
  });

  it('on CONFLICT offers to reload the agreement and saves against its new version', async () => {
    const fresh = editable({ version: 6, title: '标准地投资建设协议（补充）' });
    const { wrapper } = await mountWithApollo(AgreementFormDialog, {
      props: { projectId: 'p1', agreement: editable(), open: true },
      mocks: [
        updated({ id: 'a1', version: 4, ...FIELDS, landAreaMu: 120 }, null, [userError('CONFLICT', 'version', '协议已被他人修改，请刷新后重试')]),
        expectOperation(AgreementDocument, { id: 'a1' }, { __typename: 'Query', agreement: fresh }),
        updated({ id: 'a1', version: 6, ...FIELDS, title: '标准地投资建设协议（补充）', landAreaMu: 120 }, editable({ version: 7 })),
      ],
    });
    await vi.waitFor(() => expect(document.body.querySelector('.el-dialog')?.textContent).toContain('编辑履约协议'));
    await type('用地面积（亩）', '120');
    await save();
    await vi.waitFor(() => expect(document.body.querySelector('[data-test="conflict"]')?.textContent).toContain('该履约协议已被他人修改'));
    document.body.querySelector<HTMLButtonElement>('[data-test="conflict-reload"]')!.click();
    await settle(6);
    await vi.waitFor(() => expect(field('协议名称').querySelector('input')!.value).toBe('标准地投资建设协议（补充）'));
    await type('用地面积（亩）', '120');
    await save();
    await vi.waitFor(() => expect(wrapper.emitted('update:open')?.at(-1)).toEqual([false]));
  });
});
