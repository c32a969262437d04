import type { Resolvers } from '../../generated/graphql.js';
import { payload } from '../../graphql/errors.js';
import { pageSize, requireViewer } from '../../graphql/guards.js';
import { today } from '../../domain/dates.js';
import { canManageLead, canReadProject } from '../../auth/policy.js';
import * as leads from './service.js';

export const leadResolvers: Resolvers = {
  Query: {
    leads: (_p, { filter, first, after, asOf }, ctx) => (requireViewer(ctx), leads.listLeads(ctx, filter ?? {}, pageSize(first), after ?? null, asOf ?? today())),
    lead: (_p, { id }, ctx) => (requireViewer(ctx), leads.getLead(ctx, id)),
  },
  Mutation: {
    createLead: (_p, { input }, ctx) => (requireViewer(ctx), payload(async () => ({ lead: await leads.createLead(ctx, input) }))),
    updateLead: (_p, { input }, ctx) => (requireViewer(ctx), payload(async () => ({ lead: await leads.updateLead(ctx, input) }))),
    addFollowUp: (_p, { input }, ctx) => (requireViewer(ctx), payload(async () => ({ lead: await leads.addFollowUp(ctx, input) }))),
    signLead: (_p, { input }, ctx) => (requireViewer(ctx), payload(async () => ({ project: await leads.signLead(ctx, input as never) }))),
    dropLead: (_p, { id, version, reason }, ctx) => (requireViewer(ctx), payload(async () => ({ lead: await leads.dropLead(ctx, id, version, reason) }))),
  },
  Lead: {
    chain: (l, _a, ctx) => (l.chainId ? ctx.loaders.chain.load(l.chainId) : null),
    platform: (l, _a, ctx) => (l.platformId ? ctx.loaders.platform.load(l.platformId) : null),
    owner: async (l, _a, ctx) => (await ctx.loaders.user.load(l.ownerId))!,
    stale: async (l, _a, ctx) => leads.isStale(l, ctx.asOf ?? today(), (await ctx.settings()).flat.staleLeadDays),
    followUps: (l) => [...l.followUps].sort((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : a.id < b.id ? 1 : -1)),
    project: async (l, _a, ctx) => {
      if (!l.projectId) return null;
      const p = await ctx.loaders.project.load(l.projectId);
      return p && canReadProject(ctx.viewer, p) ? p : null;
    },
    viewerCan: (l, _a, ctx) => {
      const manage = canManageLead(ctx.viewer, l);
      return { update: manage, followUp: manage, sign: manage, drop: manage };
    },
  },
  FollowUp: {
    by: async (f, _a, ctx) => (await ctx.loaders.user.load(f.by))!,
  },
};
