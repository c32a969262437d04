import { describe, expect, it, vi } from 'vitest';
import { LeadsDocument, ViewerDocument, type LeadsQuery } from '@/gql/graphql';
import LeadListPage from '@/pages/LeadListPage.vue';
import { expectOperation } from './support/apollo.js';
import { leadDetail, viewer } from './support/factories.js';
import { mountWithApollo, settle } from './support/mount.js';

const row = (id: string, name: string) => {
  const { uscc, industryCode, contactName, contactPhone, dropReason, version, project, followUps, viewerCan, ...rest } = leadDetail({ id, name });
  void [uscc, industryCode, contactName, contactPhone, dropReason, version, project, followUps, viewerCan];
  return rest;
};

function page(rows: ReturnType<typeof row>[], endCursor: string | null, hasNextPage: boolean): LeadsQuery {
  return { __typename: 'Query', leads: { __typename: 'LeadConnection', nodes: rows, pageInfo: { __typename: 'PageInfo', hasNextPage, endCursor }, totalCount: 3 } };
}

describe('lead list', () => {
  it('queries with the filter in the URL, then appends the next page on 加载更多', async () => {
    const filter = { status: ['NEW' as const], stale: true };
    const { wrapper } = await mountWithApollo(LeadListPage, {
      route: '/leads?status=NEW&stale=1',
      mocks: [
        expectOperation(ViewerDocument, {}, { __typename: 'Query', viewer: viewer('PROMOTION', { createLead: true }) }),
        expectOperation(LeadsDocument, { filter, first: 20 }, page([row('l1', '甲项目'), row('l2', '乙项目')], 'c2', true)),
        expectOperation(LeadsDocument, { filter, first: 20, after: 'c2' }, page([row('l3', '丙项目')], 'c3', false)),
      ],
    });
    await vi.waitFor(() => expect(wrapper.text()).toContain('乙项目'));
    expect(wrapper.text()).toContain('已显示 2 / 3 条');
    expect(wrapper.find('a[href="/leads/new"]').exists()).toBe(true);

    await wrapper.find('[data-test="load-more"]').trigger('click');
    await settle(6);
    await vi.waitFor(() => expect(wrapper.text()).toContain('丙项目'));
    expect(wrapper.text()).toContain('甲项目');
    expect(wrapper.text()).toContain('已显示 3 / 3 条');
    expect(wrapper.find('[data-test="load-more"]').exists()).toBe(false);
  });

  it('shows the error state with a retry when the query fails', async () => {
    const { wrapper } = await mountWithApollo(LeadListPage, {
      route: '/leads',
      mocks: [
        expectOperation(ViewerDocument, {}, { __typename: 'Query', viewer: viewer('LEADER') }),
        { request: { query: LeadsDocument, variables: { filter: {}, first: 20 } }, result: { errors: [{ message: 'x', extensions: { code: 'FORBIDDEN' } }] } },
      ],
    });
    await vi.waitFor(() => expect(wrapper.text()).toContain('没有权限进行此操作'));
    expect(wrapper.text()).toContain('重试');
    // A leader reads leads but may not create them.
    expect(wrapper.find('a[href="/leads/new"]').exists()).toBe(false);
  });
});
