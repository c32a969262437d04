import { describe, expect, it, vi } from 'vitest';
import {
  MarkNotificationsReadDocument,
  NotificationsDocument,
  UnreadNotificationCountDocument,
  type NotificationsQuery,
} from '@/gql/graphql';
import NotificationBell from '@/features/notifications/components/NotificationBell.vue';
import { notificationTarget } from '@/features/notifications/composables/notificationTarget.js';
import { UNREAD_POLL_MS } from '@/features/notifications/composables/useNotifications.js';
import NotificationsPage from '@/pages/NotificationsPage.vue';
import { expectOperation } from './support/apollo.js';
import { mountWithApollo, settle } from './support/mount.js';
import { notification } from './support/oversight.js';

const list = (items: NotificationsQuery['notifications']['nodes']): NotificationsQuery => ({
  __typename: 'Query',
  notifications: { __typename: 'NotificationConnection', nodes: items, pageInfo: { __typename: 'PageInfo', hasNextPage: false, endCursor: null }, totalCount: items.length },
});

describe('notification targets', () => {
  it('leads to the problem first, then the project, then the node’s project', () => {
    expect(notificationTarget(notification())).toEqual({ name: 'problem', params: { id: 'pr1' } });
    expect(notificationTarget(notification({ problem: null }))).toEqual({ name: 'project', params: { id: 'p1' } });
    const node = { __typename: 'ProjectNode' as const, id: 'n1', project: { __typename: 'Project' as const, id: 'p7' } };
    expect(notificationTarget(notification({ problem: null, project: null, node }))).toEqual({ name: 'project', params: { id: 'p7' } });
    expect(notificationTarget(notification({ problem: null, project: null, node: null }))).toBeNull();
  });
});

describe('header bell', () => {
  it('polls once a minute and shows the unread count', async () => {
    expect(UNREAD_POLL_MS).toBe(60_000);
    const { wrapper } = await mountWithApollo(NotificationBell, {
      mocks: [expectOperation(UnreadNotificationCountDocument, {}, { __typename: 'Query', unreadNotificationCount: 3 })],
    });
    await vi.waitFor(() => expect(wrapper.find('.el-badge__content').text()).toBe('3'));
    expect(wrapper.find('a').attributes('href')).toBe('/notifications');
  });

  it('hides the badge when nothing is unread', async () => {
    const { wrapper, client } = await mountWithApollo(NotificationBell, {
      mocks: [expectOperation(UnreadNotificationCountDocument, {}, { __typename: 'Query', unreadNotificationCount: 0 })],
    });
    await settle();
    expect(client.readQuery({ query: UnreadNotificationCountDocument })?.unreadNotificationCount).toBe(0);
    expect(wrapper.find('.el-badge__content').exists()).toBe(false);
  });
});

describe('notifications page', () => {
  it('marks one read and updates the list and the bell’s count from the answer', async () => {
    const { wrapper, client } = await mountWithApollo(NotificationsPage, {
      mocks: [
        expectOperation(NotificationsDocument, { unreadOnly: false, first: 20 }, list([notification(), notification({ id: 'nt2', title: '每日提醒', kind: 'DAILY_REMINDER', problem: null })])),
        expectOperation(
          MarkNotificationsReadDocument,
          { ids: ['nt1'] },
          { __typename: 'Mutation', markNotificationsRead: { __typename: 'MarkNotificationsReadPayload', count: 1, unreadCount: 1, errors: [] } },
        ),
      ],
    });
    await vi.waitFor(() => expect(wrapper.text()).toContain('新督办问题：供地指标未落实'));
    expect(wrapper.findAll('[data-read="false"]')).toHaveLength(2);
    await wrapper.find('[data-test="mark-read"]').trigger('click');
    await vi.waitFor(() => expect(wrapper.findAll('[data-read="false"]')).toHaveLength(1));
    expect(client.readQuery({ query: UnreadNotificationCountDocument })?.unreadNotificationCount).toBe(1);
  });
});
