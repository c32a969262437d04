import type { Resolvers } from '../../generated/graphql.js';
import { payload } from '../../graphql/errors.js';
import { requireRole, requireViewer } from '../../graphql/guards.js';
import { updateSettings } from './service.js';
import { recomputeTiers } from '../projects/maintenance.js';

export const settingsResolvers: Resolvers = {
  Query: {
    settings: async (_p, _a, ctx) => (requireViewer(ctx), (await ctx.settings()).flat),
  },
  Mutation: {
    updateSettings: (_p, { input }, ctx) => {
      requireRole(ctx, 'ADMIN');
      return payload(async () => {
        const s = await updateSettings(ctx, input);
        await recomputeTiers(s);
        return { settings: s.flat };
      });
    },
  },
};
