import type { RouteLocationRaw } from 'vue-router';
import type { NotificationItemFragment } from '@/gql/graphql';

/** Where a notification leads: its problem, else its node's or own project; null when nothing readable. */
export function notificationTarget(n: Pick<NotificationItemFragment, 'problem' | 'project' | 'node'>): RouteLocationRaw | null {
  if (n.problem) return { name: 'problem', params: { id: n.problem.id } };
  const projectId = n.project?.id ?? n.node?.project.id;
  if (projectId) return { name: 'project', params: { id: projectId } };
  return null;
}
