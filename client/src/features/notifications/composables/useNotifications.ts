import type { ApolloCache } from '@apollo/client/core';
import { computed } from 'vue';
import { useMutation, useQuery } from '@vue/apollo-composable';
import {
  MarkAllNotificationsReadDocument,
  MarkNotificationsReadDocument,
  NotificationsDocument,
  UnreadNotificationCountDocument,
} from '@/gql/graphql';
import { useCursorList } from '@/shared/apollo/useCursorList.js';
import { describeError } from '@/shared/apollo/errors.js';

/** How often the header bell asks for the unread count. */
export const UNREAD_POLL_MS = 60_000;

export function useUnreadCount() {
  const { result, error } = useQuery(UnreadNotificationCountDocument, null, { pollInterval: UNREAD_POLL_MS, fetchPolicy: 'cache-and-network' });
  return { count: computed(() => result.value?.unreadNotificationCount ?? 0), error };
}

export function useNotificationList(unreadOnly: () => boolean, pageSize = 20) {
  return useCursorList(
    NotificationsDocument,
    () => ({ unreadOnly: unreadOnly(), first: pageSize }),
    (data) => data.notifications,
  );
}

/** Marks cached notifications read and sets the bell's count to what the API says is left. */
function applyRead(cache: ApolloCache<unknown>, ids: readonly string[], unreadCount: number) {
  const now = new Date().toISOString();
  for (const id of ids) {
    cache.modify({
      id: cache.identify({ __typename: 'Notification', id }),
      fields: { read: () => true, readAt: (v: string | null) => v ?? now },
    });
  }
  cache.writeQuery({ query: UnreadNotificationCountDocument, data: { __typename: 'Query', unreadNotificationCount: unreadCount } });
}

export function useMarkRead() {
  const one = useMutation(MarkNotificationsReadDocument);
  const all = useMutation(MarkAllNotificationsReadDocument);

  /** Resolves to null on success, otherwise the message to show. */
  async function markRead(ids: string[]): Promise<string | null> {
    try {
      const payload = (
        await one.mutate(
          { ids },
          {
            update: (cache, { data }) => {
              const p = data?.markNotificationsRead;
              if (p && p.errors.length === 0) applyRead(cache, ids, p.unreadCount);
            },
          },
        )
      )?.data?.markNotificationsRead;
      if (!payload) return describeError(new Error('empty payload'));
      return payload.errors.length > 0 ? payload.errors.map((e) => e.message).join('；') : null;
    } catch (e) {
      return describeError(e);
    }
  }

  /** `shownIds`: the notifications on screen, marked read in the cache at once. */
  async function markAllRead(shownIds: readonly string[]): Promise<string | null> {
    try {
      const payload = (
        await all.mutate(undefined, {
          update: (cache, { data }) => {
            const p = data?.markAllNotificationsRead;
            if (p && p.errors.length === 0) applyRead(cache, shownIds, p.unreadCount);
          },
        })
      )?.data?.markAllNotificationsRead;
      if (!payload) return describeError(new Error('empty payload'));
      return payload.errors.length > 0 ? payload.errors.map((e) => e.message).join('；') : null;
    } catch (e) {
      return describeError(e);
    }
  }
  return { markRead, markAllRead, loading: computed(() => one.loading.value || all.loading.value) };
}
