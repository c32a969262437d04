import type { Resolvers } from '../../generated/graphql.js';
import { payload } from '../../graphql/errors.js';
import { pageSize, requireRole, requireViewer } from '../../graphql/guards.js';
import { canReadProject } from '../../auth/policy.js';
import type { Context } from '../../context.js';
import { canReadProblem } from '../problems/policy.js';
import { installNotificationHooks } from './hooks.js';
import { listNotifications, markRead, unreadCount } from './service.js';
import { deleteWebhook, listWebhooks, recentDeliveries, saveWebhook, testWebhook, urlPreview } from './webhooks/service.js';

installNotificationHooks();

/** A link is shown only while the viewer may still read what it points to. */
async function readableProject(ctx: Context, id: string | null) {
  if (!id) return null;
  const p = await ctx.loaders.project.load(id);
  return p && canReadProject(ctx.viewer, p) ? p : null;
}

export const notificationResolvers: Resolvers = {
  Query: {
    notifications: async (_p, { unreadOnly, first, after }, ctx) => {
      const v = requireViewer(ctx);
      return listNotifications(v.userId, !!unreadOnly, pageSize(first), after ?? null);
    },
    unreadNotificationCount: (_p, _a, ctx) => unreadCount(requireViewer(ctx).userId),
    webhooks: (_p, _a, ctx) => (requireRole(ctx, 'ADMIN'), listWebhooks()),
  },
  NotificationConnection: {
    totalCount: (c) => c.totalCount(),
  },
  Mutation: {
    markNotificationsRead: (_p, { ids }, ctx) => {
      const v = requireViewer(ctx);
      return payload(async () => ({ count: await markRead(v.userId, ids), unreadCount: await unreadCount(v.userId) }));
    },
    markAllNotificationsRead: (_p, _a, ctx) => {
      const v = requireViewer(ctx);
      return payload(async () => ({ count: await markRead(v.userId, null), unreadCount: await unreadCount(v.userId) }));
    },
    saveWebhook: (_p, { input }, ctx) => (requireRole(ctx, 'ADMIN'), payload(async () => ({ webhook: await saveWebhook(ctx, input) }))),
    deleteWebhook: (_p, { id }, ctx) => (requireRole(ctx, 'ADMIN'), payload(async () => ({ deletedId: await deleteWebhook(ctx, id) }))),
    testWebhook: (_p, { id }, ctx) => (requireRole(ctx, 'ADMIN'), payload(async () => ({ webhook: await testWebhook(ctx, id) }))),
  },
  Notification: {
    read: (n) => n.readAt !== null,
    project: (n, _a, ctx) => readableProject(ctx, n.projectId),
    problem: async (n, _a, ctx) => {
      if (!n.problemId) return null;
      const p = await ctx.loaders.problem.load(n.problemId);
      const project = p ? await ctx.loaders.project.load(p.projectId) : null;
      return p && project && canReadProblem(ctx.viewer, project, p) ? p : null;
    },
    node: async (n, _a, ctx) => {
      if (!n.nodeId) return null;
      const node = await ctx.loaders.node.load(n.nodeId);
      return node && (await readableProject(ctx, node.projectId)) ? node : null;
    },
  },
  Webhook: {
    // The URL carries the robot's access token: only ever shown masked.
    urlPreview: (w) => urlPreview(w.url),
    unit: (w, _a, ctx) => (w.unitId ? ctx.loaders.unit.load(w.unitId) : null),
    recentDeliveries: (w, { first }, ctx) => (requireRole(ctx, 'ADMIN'), recentDeliveries(w.id, pageSize(first, 10))),
  },
};
