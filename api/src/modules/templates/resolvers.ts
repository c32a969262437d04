import type { Resolvers } from '../../generated/graphql.js';
import { payload } from '../../graphql/errors.js';
import { requireRole, requireViewer } from '../../graphql/guards.js';
import * as templates from './service.js';

export const templateResolvers: Resolvers = {
  Query: {
    nodeTemplates: (_p, { includeInactive }, ctx) => {
      const v = requireViewer(ctx);
      return templates.listTemplates(!!includeInactive && v.role === 'ADMIN');
    },
  },
  Mutation: {
    saveNodeTemplate: (_p, { input }, ctx) => (requireRole(ctx, 'ADMIN'), payload(async () => ({ template: await templates.saveTemplate(ctx, input) }))),
  },
  NodeTemplate: {
    items: (t) => t.items,
  },
  NodeTemplateItem: {
    gate: (i) => (i.gate as never) ?? null,
    defaultUnit: (i, _a, ctx) => (i.defaultUnitId ? ctx.loaders.unit.load(i.defaultUnitId) : null),
  },
};
