import type { Resolvers } from '../../generated/graphql.js';

export const auditResolvers: Resolvers = {
  AuditEntry: {
    actor: (a, _x, ctx) => (a.actorId ? ctx.loaders.user.load(a.actorId) : null),
    actorRole: (a) => (a.actorRole as never) ?? null,
    before: (a) => (a.before == null ? null : JSON.stringify(a.before)),
    after: (a) => (a.after == null ? null : JSON.stringify(a.after)),
  },
};
