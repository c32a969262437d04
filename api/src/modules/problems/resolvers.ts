import type { Resolvers } from '../../generated/graphql.js';
import { payload } from '../../graphql/errors.js';
import { pageSize, requireViewer } from '../../graphql/guards.js';
import { isId } from '../../lib/records.js';
import { daysBetween, today } from '../../domain/dates.js';
import { deadlineAsOf, isProblemOverdue, problemColour, PROBLEM_STATUS_LABELS } from '../../domain/problems.js';
import { canReadProject, canWriteInstruction } from '../../auth/policy.js';
import type { Context } from '../../context.js';
import type { ProjectRecord } from '../projects/types.js';
import { canAssignProblem, canReadProblem, canSeeProblemInternals, canUploadProblemEvidence, problemMoves } from './policy.js';
import { categoryLabel } from './notify.js';
import { listProblems } from './queries.js';
import * as service from './service.js';
import type { ProblemRecord } from './types.js';

const asOfOf = (ctx: Context, asOf?: string | null) => asOf ?? ctx.asOf ?? today();

/** The problem's project (always there: problems are never moved between projects). */
const projectOf = async (p: ProblemRecord, ctx: Context) => (await ctx.loaders.project.load(p.projectId)) as ProjectRecord;

/** The problem when the viewer may see it; null otherwise (no existence leak). */
async function readableProblem(ctx: Context, id: string): Promise<ProblemRecord | null> {
  if (!isId(id)) return null;
  const p = await ctx.loaders.problem.load(id);
  if (!p) return null;
  const project = await ctx.loaders.project.load(p.projectId);
  return project && canReadProblem(ctx.viewer, project, p) ? p : null;
}

const facts = (p: ProblemRecord) => ({ raisedOn: p.raisedOn, deadline: p.deadline, deadlineChanges: p.deadlineChanges, resolvedOn: p.resolvedOn, escalatedOn: p.escalatedOn });
const byUser = async (id: string | null, ctx: Context) => (id ? ctx.loaders.user.load(id) : null);

export const problemResolvers: Resolvers = {
  Query: {
    problems: async (_p, { filter, asOf, first, after }, ctx) => {
      const v = requireViewer(ctx);
      ctx.asOf = asOf ?? null;
      const page = await listProblems(v, filter ?? {}, asOf ?? today(), await ctx.settings(), pageSize(first), after ?? null);
      for (const p of page.nodes) ctx.loaders.problem.prime(p.id, p);
      return page;
    },
    problem: (_p, { id }, ctx) => (requireViewer(ctx), readableProblem(ctx, id)),
  },
  ProblemConnection: {
    totalCount: (c) => c.totalCount(),
  },
  Mutation: {
    raiseProblem: (_p, { input }, ctx) => (requireViewer(ctx), payload(async () => ({ problem: await service.raiseProblem(ctx, input) }))),
    acceptProblem: (_p, { id, version, note }, ctx) => (requireViewer(ctx), payload(async () => ({ problem: await service.moveProblem(ctx, 'ACCEPT', id, version, note) }))),
    respondProblem: (_p, { id, version, response }, ctx) => (requireViewer(ctx), payload(async () => ({ problem: await service.moveProblem(ctx, 'RESPOND', id, version, response) }))),
    resolveProblem: (_p, { id, version, note }, ctx) => (requireViewer(ctx), payload(async () => ({ problem: await service.moveProblem(ctx, 'RESOLVE', id, version, note) }))),
    sendBackProblem: (_p, { id, version, reason }, ctx) => (requireViewer(ctx), payload(async () => ({ problem: await service.moveProblem(ctx, 'SEND_BACK', id, version, reason) }))),
    escalateProblem: (_p, { id, version, reason }, ctx) => (requireViewer(ctx), payload(async () => ({ problem: await service.moveProblem(ctx, 'ESCALATE', id, version, reason) }))),
    assignProblem: (_p, { input }, ctx) => (requireViewer(ctx), payload(async () => ({ problem: await service.assignProblem(ctx, input) }))),
    attachProblemEvidence: (_p, { problemId, fileId }, ctx) => (requireViewer(ctx), payload(async () => ({ problem: await service.attachProblemEvidence(ctx, problemId, fileId) }))),
    removeProblemEvidence: (_p, { problemId, fileId }, ctx) => (requireViewer(ctx), payload(async () => ({ problem: await service.removeProblemEvidence(ctx, problemId, fileId) }))),
  },
  Problem: {
    project: async (p, _a, ctx) => {
      const project = await projectOf(p, ctx);
      return canReadProject(ctx.viewer, project) ? project : null;
    },
    projectName: async (p, _a, ctx) => (await projectOf(p, ctx)).name,
    projectCode: async (p, _a, ctx) => (await projectOf(p, ctx)).code,
    categoryLabel: (p) => categoryLabel(p.category),
    raisedBy: async (p, _a, ctx) => (await ctx.loaders.user.load(p.raisedBy))!,
    leadUnit: async (p, _a, ctx) => (await ctx.loaders.unit.load(p.leadUnitId))!,
    coUnits: async (p, _a, ctx) => (await ctx.loaders.unit.loadMany(p.coUnitIds)).filter((u) => u && !(u instanceof Error)) as never,
    statusLabel: (p) => PROBLEM_STATUS_LABELS[p.status],
    colour: async (p, { asOf }, ctx) => problemColour(facts(p), asOfOf(ctx, asOf), (await ctx.settings()).problems),
    overdue: (p, { asOf }, ctx) => isProblemOverdue(facts(p), asOfOf(ctx, asOf)),
    overdueDays: (p, { asOf }, ctx) => {
      const d = asOfOf(ctx, asOf);
      return isProblemOverdue(facts(p), d) ? daysBetween(deadlineAsOf(facts(p), d), d) : 0;
    },
    resolvedBy: (p, _a, ctx) => byUser(p.resolvedBy, ctx),
    evidence: (p) => p.evidence,
    timeline: (p, _a, ctx) => (canSeeProblemInternals(ctx.viewer) ? p.timeline : p.timeline.filter((s) => !s.internal)),
    internalNote: (p, _a, ctx) => (canSeeProblemInternals(ctx.viewer) ? p.internalNote : null),
    instructions: (p, _a, ctx) => (canSeeProblemInternals(ctx.viewer) ? ctx.loaders.instructionsByProblem.load(p.id) : []),
    viewerCan: async (p, _a, ctx) => {
      const project = await projectOf(p, ctx);
      const moves = project.terminated ? [] : problemMoves(ctx.viewer, project, p);
      return {
        accept: p.status === 'OPEN' && moves.includes('ACCEPTED'),
        respond: moves.includes('RESPONDED'),
        resolve: moves.includes('RESOLVED'),
        sendBack: p.status === 'RESPONDED' && moves.includes('ACCEPTED'),
        escalate: moves.includes('ESCALATED'),
        assign: canAssignProblem(ctx.viewer, project, p),
        uploadEvidence: canUploadProblemEvidence(ctx.viewer, project, p),
        writeInstruction: canWriteInstruction(ctx.viewer),
      };
    },
  },
  ProblemStep: {
    actor: (s, _a, ctx) => byUser(s.by, ctx),
    actorRole: (s) => s.role,
  },
  ProblemEscalation: {
    by: (e, _a, ctx) => byUser(e.by, ctx),
    liaisonLeader: (e, _a, ctx) => (e.liaisonLeaderId ? ctx.loaders.liaisonLeader.load(e.liaisonLeaderId) : null),
  },
  Project: {
    problems: async (p, { status }, ctx) => {
      const list = await ctx.loaders.problemsByProject.load(p.id);
      return status?.length ? list.filter((x) => status.includes(x.status)) : list;
    },
    openProblemCount: async (p, _a, ctx) => (await ctx.loaders.problemsByProject.load(p.id)).filter((x) => x.status !== 'RESOLVED').length,
  },
  Instruction: {
    problem: (i, _a, ctx) => (i.problemId ? readableProblem(ctx, i.problemId) : null),
  },
};
