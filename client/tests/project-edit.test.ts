import { describe, expect, it, vi } from 'vitest';
import type { MockedResponse } from '@apollo/client/testing/core';
import {
  OwnerAccountsDocument,
  ProjectDocument,
  ReferenceDataDocument,
  UpdateProjectDocument,
  type ProjectOverviewFragment,
  type ProjectQuery,
  type UpdateProjectInput,
  type UserErrorFieldsFragment,
} from '@/gql/graphql';
import ProjectActions from '@/features/projects/components/ProjectActions.vue';
import ProjectEditDialog from '@/features/projects/components/ProjectEditDialog.vue';
import { projectFormFromProject, toUpdateProjectInput } from '@/features/projects/composables/useProjectEdit.js';
import { expectOperation } from './support/apollo.js';
import { nodeItem, projectOverview } from './support/factories.js';
import { mountWithApollo, settle } from './support/mount.js';

const reference = expectOperation(
  ReferenceDataDocument,
  {},
  {
    __typename: 'Query',
    platforms: [{ __typename: 'Platform', id: 'pf1', name: '杭州湾经开区', kind: 'ZONE' }],
    units: [
      { __typename: 'Unit', id: 'unit-hzw', name: '杭州湾经开区管委会', kind: 'PLATFORM', platform: { __typename: 'Platform', id: 'pf1' } },
      { __typename: 'Unit', id: 'unit-jx', name: '区经信局', kind: 'DEPARTMENT', platform: null },
    ],
    industryChains: [{ __typename: 'IndustryChain', id: 'c1', code: 'EQUIP', name: '高端装备' }],
    liaisonLeaders: [
      { __typename: 'LiaisonLeader', id: 'll', name: '李副区长', title: '副区长', phone: null },
      { __typename: 'LiaisonLeader', id: 'll2', name: '王副区长', title: '副区长', phone: null },
    ],
  },
);

const editable = (overrides: Partial<ProjectOverviewFragment> = {}) => projectOverview({ update: true, viewInternal: true }, overrides);

function updated(input: UpdateProjectInput, project: ProjectOverviewFragment | null, errors: UserErrorFieldsFragment[] = []) {
  return expectOperation(UpdateProjectDocument, { input }, { __typename: 'Mutation', updateProject: { __typename: 'ProjectPayload', project, errors } });
}

const userError = (code: UserErrorFieldsFragment['code'], field: string | null, message: string): UserErrorFieldsFragment => ({ __typename: 'UserError', code, field, message });

/** The input of the dialog's form item with this label. */
function input(label: string): HTMLInputElement {
  const item = [...document.body.querySelectorAll('.el-dialog .el-form-item')].find((el) => el.querySelector(':scope > .el-form-item__label')?.textContent?.trim() === label);
  const found = item?.querySelector<HTMLInputElement>('input, textarea');
  if (!found) throw new Error(`no field ${label}`);
  return found;
}

async function type(label: string, value: string) {
  const el = input(label);
  el.value = value;
  el.dispatchEvent(new Event('input'));
  el.dispatchEvent(new Event('change'));
  await settle();
}

function errorOf(label: string): string | undefined {
  const item = [...document.body.querySelectorAll('.el-dialog .el-form-item')].find((el) => el.querySelector(':scope > .el-form-item__label')?.textContent?.trim() === label);
  return item?.querySelector('.el-form-item__error')?.textContent?.trim();
}

async function save() {
  document.body.querySelector<HTMLButtonElement>('[data-test="project-edit-submit"]')!.click();
  await settle(6);
}

async function openDialog(project: ProjectOverviewFragment, mocks: MockedResponse[] = []) {
  const mounted = await mountWithApollo(ProjectEditDialog, { props: { project, open: true }, mocks: [reference, ...mocks] });
  await vi.waitFor(() => expect(document.body.querySelector('.el-dialog')?.textContent).toContain('包联领导'));
  return mounted;
}

describe('project edit input', () => {
  it('sends only what changed, with the loaded version and the owner accounts', () => {
    const project = editable({ totalInvestment: 1_234_567_891, site: { __typename: 'Site', address: '纬五路', lng: 120.9, lat: 30.1 } });
    const initial = projectFormFromProject(project);
    expect(toUpdateProjectInput({ ...initial }, initial, project)).toBeNull();
    const edited = { ...initial, liaisonLeaderId: 'll2', leadUnitId: '', ownerUserIds: ['u-owner-1', 'u-owner-2'] };
    expect(toUpdateProjectInput(edited, initial, project)).toEqual({ id: 'p1', version: 7, liaisonLeaderId: 'll2', leadUnitId: null, ownerUserIds: ['u-owner-1', 'u-owner-2'] });
    expect(toUpdateProjectInput({ ...initial, ownerUserIds: [] }, initial, project)).toEqual({ id: 'p1', version: 7, ownerUserIds: [] });
  });
});

describe('编辑项目 on the project page', () => {
  it('is offered only when the API says the viewer may update the project', async () => {
    const hidden = (await mountWithApollo(ProjectActions, { props: { project: projectOverview({ terminate: true }) } })).wrapper;
    expect(hidden.find('[data-test="terminate"]').exists()).toBe(true);
    expect(hidden.find('[data-test="edit-project"]').exists()).toBe(false);
    const shown = (await mountWithApollo(ProjectActions, { props: { project: editable() } })).wrapper;
    expect(shown.find('[data-test="edit-project"]').exists()).toBe(true);
  });

  it('assigns an owner account found by name and sends the version', async () => {
    const candidates = expectOperation(
      OwnerAccountsDocument,
      { text: '业主乙' },
      { __typename: 'Query', ownerAccounts: [{ __typename: 'User', id: 'u-owner-2', username: 'yezhu_yi', displayName: '业主乙' }] },
    );
    const after = editable({ owners: [...editable().owners, { __typename: 'User', id: 'u-owner-2', displayName: '业主乙', phone: null }], version: 8 });
    const { wrapper } = await openDialog(editable(), [candidates, updated({ id: 'p1', version: 7, ownerUserIds: ['u-owner-1', 'u-owner-2'] }, after)]);
    const search = document.body.querySelector<HTMLInputElement>('[data-test="owner-select"] input')!;
    search.value = '业主乙';
    search.dispatchEvent(new Event('input'));
    const option = await vi.waitFor(
      () => {
        const found = [...document.body.querySelectorAll<HTMLElement>('.el-select-dropdown__item')].find((o) => o.textContent?.includes('业主乙'));
        if (!found) throw new Error('no candidate yet');
        return found;
      },
      { timeout: 3000 },
    );
    expect(option.textContent).toContain('yezhu_yi');
    option.click();
    await settle();
    await save();
    await vi.waitFor(() => expect(wrapper.emitted('update:open')?.at(-1)).toEqual([false]));
  });

  it('puts a field error from the payload next to its field', async () => {
    await openDialog(editable(), [updated({ id: 'p1', version: 7, name: '高端装备产业园二期' }, null, [userError('VALIDATION', 'input.name', '项目名称已被其他项目使用')])]);
    await type('项目名称', '高端装备产业园二期');
    await save();
    await vi.waitFor(() => expect(errorOf('项目名称')).toBe('项目名称已被其他项目使用'));
    expect(document.body.querySelector('[data-test="conflict"]')).toBeNull();
  });

  it('on CONFLICT says someone else changed the project, reloads it and saves against the new version', async () => {
    type Full = NonNullable<ProjectQuery['project']>;
    const fresh: Full = { ...editable({ version: 9, name: '高端装备产业园（已更名）' }), nodes: [nodeItem()], instructions: [] };
    const { wrapper } = await openDialog(editable(), [
      updated({ id: 'p1', version: 7, description: '一期厂房' }, null, [userError('CONFLICT', 'version', '数据已被他人修改，请刷新后重试')]),
      expectOperation(ProjectDocument, { id: 'p1' }, { __typename: 'Query', project: fresh }),
      updated({ id: 'p1', version: 9, description: '一期厂房' }, editable({ version: 10, description: '一期厂房' })),
    ]);
    await type('项目简介', '一期厂房');
    await save();
    const notice = await vi.waitFor(() => {
      const found = document.body.querySelector('[data-test="conflict"]');
      if (!found) throw new Error('no conflict notice');
      return found;
    });
    expect(notice.textContent).toContain('该项目已被他人修改');
    expect(document.body.querySelector('[data-test="form-error"]')).toBeNull();
    document.body.querySelector<HTMLButtonElement>('[data-test="conflict-reload"]')!.click();
    await settle(6);
    await vi.waitFor(() => expect(input('项目名称').value).toBe('高端装备产业园（已更名）'));
    expect(document.body.querySelector('[data-test="conflict"]')).toBeNull();
    await type('项目简介', '一期厂房');
    await save();
    await vi.waitFor(() => expect(wrapper.emitted('update:open')?.at(-1)).toEqual([false]));
  });
});
