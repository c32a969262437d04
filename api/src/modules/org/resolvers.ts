import type { Resolvers } from '../../generated/graphql.js';
import { payload } from '../../graphql/errors.js';
import { requireRole, requireViewer } from '../../graphql/guards.js';
import * as org from './service.js';

export const orgResolvers: Resolvers = {
  Query: {
    units: (_p, _a, ctx) => (requireViewer(ctx), org.listUnits()),
    platforms: (_p, _a, ctx) => (requireViewer(ctx), org.listPlatforms()),
    industryChains: (_p, _a, ctx) => (requireViewer(ctx), org.listChains()),
    liaisonLeaders: (_p, _a, ctx) => (requireViewer(ctx), org.listLiaisonLeaders()),
  },
  Mutation: {
    saveUnit: (_p, { input }, ctx) => (requireRole(ctx, 'ADMIN'), payload(async () => ({ unit: await org.saveUnit(ctx, input) }))),
    savePlatform: (_p, { input }, ctx) => (requireRole(ctx, 'ADMIN'), payload(async () => ({ platform: await org.savePlatform(ctx, input) }))),
    saveLiaisonLeader: (_p, { input }, ctx) =>
      (requireRole(ctx, 'ADMIN'), payload(async () => ({ liaisonLeader: await org.saveLiaisonLeader(ctx, input) }))),
  },
  Unit: {
    platform: (u, _a, ctx) => (u.platformId ? ctx.loaders.platform.load(u.platformId) : null),
  },
};
