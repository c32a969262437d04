import { describe, expect, it, vi } from 'vitest';
import { BattlePlanDocument, ViewerDocument, type BattlePlanQuery } from '@/gql/graphql';
import BattlePlanPage from '@/pages/BattlePlanPage.vue';
import { expectOperation } from './support/apollo.js';
import { ganttNode, viewer } from './support/factories.js';
import { mountWithApollo } from './support/mount.js';

const plan: NonNullable<BattlePlanQuery['project']> = {
  __typename: 'Project',
  id: 'p1',
  code: 'SY-2024-001',
  name: '氢能装备产业基地',
  investor: '某氢能集团',
  totalInvestment: 6_200_000_000,
  tiers: ['OVER_100M', 'OVER_1B', 'OVER_5B'],
  stage: 'LANDED',
  light: 'RED',
  overdueNodeCount: 2,
  signedOn: '2024-06-15',
  platform: { __typename: 'Platform', id: 'pf2', name: '曹娥江经开区' },
  site: null,
  leadUnit: { __typename: 'Unit', id: 'u1', name: '区投资促进中心' },
  liaisonLeader: { __typename: 'LiaisonLeader', id: 'l1', name: '王建国', title: '区委副书记', phone: null },
  responsiblePeople: [{ __typename: 'ResponsiblePerson', name: '陈晓', title: '项目专班', phone: null }],
  nodes: [
    ganttNode({ id: 'a', name: '施工许可', order: 5, overdue: true, overdueDays: 12 }),
    ganttNode({ id: 'b', name: '开工', order: 6, overdue: true, overdueDays: 40 }),
    ganttNode({ id: 'c', name: '主体结顶', order: 7 }),
  ],
  instructions: [],
  problems: [
    {
      __typename: 'Problem',
      id: 'pr1',
      title: '电力增容未落实',
      categoryLabel: '水电气要素',
      statusLabel: '已签收',
      deadline: '2025-10-01',
      colour: 'RED',
      overdue: true,
      overdueDays: 20,
      leadUnit: { __typename: 'Unit', id: 'u9', name: '区供电公司' },
    },
  ],
};

describe('作战图', () => {
  it('shows the liaison leader, lead unit, open problems and the overdue nodes, longest first', async () => {
    const { wrapper } = await mountWithApollo(BattlePlanPage, {
      props: { id: 'p1' },
      route: '/battle/p1',
      mocks: [
        expectOperation(ViewerDocument, {}, { __typename: 'Query', viewer: viewer('LEADER', { viewDashboard: true }) }),
        expectOperation(BattlePlanDocument, { id: 'p1' }, { __typename: 'Query', project: plan }),
      ],
      stubs: { NodeGantt: true },
    });
    await vi.waitFor(() => expect(wrapper.text()).toContain('氢能装备产业基地 作战图'));
    expect(wrapper.text()).toContain('王建国（区委副书记）');
    expect(wrapper.text()).toContain('区投资促进中心');
    expect(wrapper.text()).toContain('待解决问题（1）');
    expect(wrapper.text()).toContain('电力增容未落实');
    const overdue = wrapper.findAll('.plan__overdue li').map((li) => li.find('strong').text());
    expect(overdue).toEqual(['开工', '施工许可']);
    expect(wrapper.findAll('.plan__overdue li').every((li) => li.classes().includes('overdue'))).toBe(true);
  });
});
