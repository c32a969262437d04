import { describe, expect, it, vi } from 'vitest';
import { ProjectDocument, ViewerDocument, WriteInstructionDocument, type ProjectQuery, type WriteInstructionMutation } from '@/gql/graphql';
import ProjectDetailPage from '@/pages/ProjectDetailPage.vue';
import ProjectOverview from '@/features/projects/components/ProjectOverview.vue';
import { expectOperation } from './support/apollo.js';
import { can, nodeItem, projectOverview, viewer } from './support/factories.js';
import { mountWithApollo, settle } from './support/mount.js';

type Project = NonNullable<ProjectQuery['project']>;

function project(permissions: Partial<Project['viewerCan']>, overrides: Partial<Project> = {}): Project {
  return {
    ...projectOverview(permissions, { leadUnit: null, owners: [], internalNotes: '业主不可见的备注' }),
    nodes: [nodeItem({ viewerCan: can({}) })],
    instructions: [],
    ...overrides,
  };
}

const mocksFor = (p: Project, role: Parameters<typeof viewer>[0]) => [
  expectOperation(ViewerDocument, {}, { __typename: 'Query', viewer: viewer(role) }),
  expectOperation(ProjectDocument, { id: 'p1' }, { __typename: 'Query', project: p }),
];

// The timeline chart needs a canvas; its own tests cover the option it draws.
const stubs = { NodeGantt: true };

async function openTab(wrapper: Awaited<ReturnType<typeof mountWithApollo>>['wrapper'], label: string) {
  const tab = wrapper.findAll('.el-tabs__item').find((t) => t.text().startsWith(label));
  await tab?.trigger('click');
  await settle();
}

describe('project page permissions', () => {
  it('gives an owner neither the 批示 form, the history, nor the internal notes', async () => {
    const { wrapper } = await mountWithApollo(ProjectDetailPage, { props: { id: 'p1' }, mocks: mocksFor(project({}), 'OWNER'), stubs });
    await vi.waitFor(() => expect(wrapper.text()).toContain('高端装备产业园'));
    expect(wrapper.findAll('.el-tabs__item').map((t) => t.text())).toEqual(['节点进度', '项目概况', '领导批示（0）', '督办', '履约']);
    expect(wrapper.find('[data-test="freeze"]').exists()).toBe(false);
    expect(wrapper.find('[data-test="terminate"]').exists()).toBe(false);
    await openTab(wrapper, '领导批示');
    expect(wrapper.find('[data-test="instruction-submit"]').exists()).toBe(false);
    await openTab(wrapper, '项目概况');
    expect(wrapper.text()).not.toContain('业主不可见的备注');
  });

  it('lets a leader write a 批示 and shows it from the mutation’s answer', async () => {
    const p = project({ writeInstruction: true, viewHistory: true, viewInternal: true, freezeBaseline: true }, { baselineFrozen: false });
    const instruction = {
      __typename: 'Instruction' as const,
      id: 'i1',
      content: '请加快供地进度',
      leader: { __typename: 'User' as const, id: 'u-LEADER', displayName: '测试LEADER' },
      units: [],
      createdAt: '2024-05-02T01:00:00Z',
    };
    const written: WriteInstructionMutation = {
      __typename: 'Mutation',
      writeInstruction: { __typename: 'InstructionPayload', instruction: { ...instruction, project: { __typename: 'Project', id: 'p1', instructions: [instruction] } }, errors: [] },
    };
    const { wrapper } = await mountWithApollo(ProjectDetailPage, {
      props: { id: 'p1' },
      mocks: [...mocksFor(p, 'LEADER'), expectOperation(WriteInstructionDocument, { input: { projectId: 'p1', content: '请加快供地进度', unitIds: [] } }, written)],
      stubs,
    });
    await vi.waitFor(() => expect(wrapper.text()).toContain('高端装备产业园'));
    expect(wrapper.findAll('.el-tabs__item').map((t) => t.text())).toContain('操作记录');
    expect(wrapper.find('[data-test="freeze"]').exists()).toBe(true);
    expect(wrapper.find('[data-test="terminate"]').exists()).toBe(false);
    await openTab(wrapper, '领导批示');
    await wrapper.find('textarea').setValue('请加快供地进度');
    await wrapper.find('[data-test="instruction-submit"]').trigger('click');
    await vi.waitFor(() => expect(wrapper.text()).toContain('领导批示（1）'));
    expect(wrapper.text()).toContain('请加快供地进度');
  });
});

describe('项目概况', () => {
  const fi = (currency: string, usdCnyRate: number | null) =>
    ({ __typename: 'ForeignInvestment', currency, amount: 100_000_000, cnyRate: currency === 'USD' ? 7.1 : 7.8, usdCnyRate }) as const;

  it('shows the US dollar rate beside a foreign investment in another currency, and not for US dollars', async () => {
    const euro = await mountWithApollo(ProjectOverview, { props: { project: { ...projectOverview({}), foreignInvestment: fi('EUR', 7.1) } } });
    expect(euro.wrapper.text()).toContain('（汇率 7.8，美元汇率 7.1）');
    const dollar = await mountWithApollo(ProjectOverview, { props: { project: { ...projectOverview({}), foreignInvestment: fi('USD', 7.1) } } });
    expect(dollar.wrapper.text()).toContain('（汇率 7.1）');
    expect(dollar.wrapper.text()).not.toContain('美元汇率');
  });
});
