import { describe, expect, it } from 'vitest';
import NodeCard from '@/features/projects/components/NodeCard.vue';
import { can, nodeItem } from './support/factories.js';
import { mountWithApollo } from './support/mount.js';

describe('NodeCard', () => {
  it('hides every action when viewerCan says no', async () => {
    const { wrapper } = await mountWithApollo(NodeCard, { props: { node: nodeItem() } });
    expect(wrapper.find('[data-action]').exists()).toBe(false);
    expect(wrapper.text()).toContain('土地摘牌(供地)');
  });

  it('shows the report action when allowed and emits it when clicked', async () => {
    const { wrapper } = await mountWithApollo(NodeCard, { props: { node: nodeItem({ viewerCan: can({ report: true }) }) } });
    const buttons = wrapper.findAll('[data-action]');
    expect(buttons.map((b) => b.attributes('data-action'))).toEqual(['report']);
    await buttons[0].trigger('click');
    expect(wrapper.emitted('action')).toEqual([['report']]);
  });

  it('marks an overdue node in red with its overdue days and shows the slip against the baseline', async () => {
    const node = nodeItem({ overdue: true, overdueDays: 12, light: 'YELLOW', baselineDate: '2024-04-01', plannedDate: '2024-04-21', slipDays: 20 });
    const { wrapper } = await mountWithApollo(NodeCard, { props: { node } });
    expect(wrapper.classes()).toContain('node--overdue');
    expect(wrapper.text()).toContain('逾期 12 天');
    expect(wrapper.text()).toContain('较基线推迟 20 天');
  });

  it('says what the unit confirmed: the completion of a DONE node, the progress of an open one', async () => {
    const by = { __typename: 'User' as const, id: 'u1', displayName: '赵规划' };
    const done = await mountWithApollo(NodeCard, { props: { node: nodeItem({ status: 'DONE', actualDate: '2024-04-01', confirmedBy: by, confirmedAt: '2024-04-01T02:00:00Z' }) } });
    expect(done.wrapper.text()).toContain('已由 赵规划 于 2024-04-01 10:00 确认完成');
    const open = await mountWithApollo(NodeCard, { props: { node: nodeItem({ status: 'IN_PROGRESS', confirmedBy: by, confirmedAt: '2024-03-01T02:00:00Z' }) } });
    expect(open.wrapper.text()).toContain('进展已由 赵规划 于 2024-03-01 10:00 确认');
    expect(open.wrapper.text()).not.toContain('确认完成');
  });
});
