import type { Resolvers } from '../../generated/graphql.js';
import { payload } from '../../graphql/errors.js';
import { requireViewer } from '../../graphql/guards.js';
import { canReadProject } from '../../auth/policy.js';
import { writeInstruction } from './service.js';

export const instructionResolvers: Resolvers = {
  Mutation: {
    writeInstruction: (_p, { input }, ctx) => (requireViewer(ctx), payload(async () => ({ instruction: await writeInstruction(ctx, input) }))),
  },
  Instruction: {
    leader: async (i, _a, ctx) => (await ctx.loaders.user.load(i.leaderId))!,
    project: async (i, _a, ctx) => {
      const p = await ctx.loaders.project.load(i.projectId);
      return p && canReadProject(ctx.viewer, p) ? p : null;
    },
    units: async (i, _a, ctx) => (await ctx.loaders.unit.loadMany(i.unitIds)).filter((u) => u && !(u instanceof Error)) as never,
  },
};
