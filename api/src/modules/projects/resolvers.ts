import type { Resolvers } from '../../generated/graphql.js';
import { forbidden, payload } from '../../graphql/errors.js';
import { pageSize, requireViewer } from '../../graphql/guards.js';
import { isId } from '../../lib/records.js';
import { today } from '../../domain/dates.js';
import { isManufacturing } from '../../domain/industry.js';
import {
  canConfirmNode,
  canDecideReplan,
  canEditNodePlan,
  canManageProject,
  canReadProject,
  canReportNode,
  canRequestReplan,
  canSeeInternal,
  canUploadEvidence,
  canWriteInstruction,
} from '../../auth/policy.js';
import type { Context } from '../../context.js';
import { projectHistory } from '../audit/service.js';
import { canRaiseProblem } from '../problems/policy.js';
import * as service from './service.js';
import * as nodes from './nodes.js';
import { listMyNodes, listOverdueNodes, listProjects } from './queries.js';
import { delayOf, lightOf, stageOf, tiersOf } from './derive.js';
import type { NodeRecord, ProjectRecord } from './types.js';
import type { NodeDelay } from '../../domain/lights.js';
import { canRecordAgreements } from '../agreements/policy.js';

const asOfOf = (ctx: Context, asOf?: string | null) => asOf ?? ctx.asOf ?? today();

/** The project when the viewer may read it; null otherwise (no existence leak). */
async function readableProject(ctx: Context, id: string): Promise<ProjectRecord | null> {
  if (!isId(id)) return null;
  const p = await ctx.loaders.project.load(id);
  return p && canReadProject(ctx.viewer, p) ? p : null;
}

async function projectLight(p: ProjectRecord, ctx: Context, asOf?: string | null) {
  const [list, problems, s] = await Promise.all([ctx.loaders.nodesByProject.load(p.id), ctx.loaders.problemFactsByProject.load(p.id), ctx.settings()]);
  return lightOf(p, list, asOfOf(ctx, asOf), s, problems);
}

/** A node's delay fact as of the field's `asOf`: synchronous once the request has its settings. */
function nodeDelayField<T>(n: NodeRecord, asOf: string | null | undefined, ctx: Context, pick: (d: NodeDelay) => T): T | Promise<T> {
  const d = asOfOf(ctx, asOf);
  const s = ctx.settingsIfLoaded();
  return s ? pick(delayOf(n, d, s)) : ctx.settings().then((loaded) => pick(delayOf(n, d, loaded)));
}

export const projectResolvers: Resolvers = {
  Query: {
    projects: async (_p, { filter, sort, first, after, asOf }, ctx) => {
      requireViewer(ctx);
      ctx.asOf = asOf ?? null;
      const d = asOf ?? today();
      const page = await listProjects(ctx.viewer, filter ?? {}, sort ?? 'CODE', pageSize(first), after ?? null, d, d === today(), await ctx.settings());
      for (const p of page.nodes) ctx.loaders.project.prime(p.id, p);
      return {
        nodes: page.nodes,
        edges: page.nodes.map((node) => ({ node, cursor: page.cursorOf(node) })),
        pageInfo: { hasNextPage: page.hasNextPage, endCursor: page.endCursor },
        totalCount: page.totalCount,
      };
    },
    project: async (_p, { id }, ctx) => (requireViewer(ctx), readableProject(ctx, id)),
    overdueNodes: async (_p, { filter, asOf, first, after }, ctx) => {
      const v = requireViewer(ctx);
      if (v.role === 'OWNER') return { nodes: [], pageInfo: { hasNextPage: false, endCursor: null }, totalCount: 0 };
      ctx.asOf = asOf ?? null;
      const d = asOf ?? today();
      const s = await ctx.settings();
      const r = await listOverdueNodes(v, filter ?? {}, d, pageSize(first, 50), after ?? null);
      for (const n of r.nodes) ctx.loaders.node.prime(n.id, n);
      return {
        nodes: r.nodes.map((node) => {
          const delay = delayOf(node, d, s);
          return { node, overdueDays: delay.overdueDays, light: delay.light };
        }),
        pageInfo: { hasNextPage: r.hasNextPage, endCursor: r.endCursor },
        totalCount: r.totalCount,
      };
    },
    myNodes: async (_p, { asOf, first, after }, ctx) => {
      const v = requireViewer(ctx);
      ctx.asOf = asOf ?? null;
      const list = await listMyNodes(v, asOf ?? today(), pageSize(first, 50), after ?? null);
      for (const n of list) ctx.loaders.node.prime(n.id, n);
      return list;
    },
  },
  ProjectConnection: {
    totalCount: (c) => c.totalCount(),
  },
  OverdueNode: {
    project: async (o, _a, ctx) => (await ctx.loaders.project.load(o.node.projectId))!,
  },
  Mutation: {
    createProject: (_p, { input }, ctx) => (requireViewer(ctx), payload(async () => ({ project: await service.createProject(ctx, input as never) }))),
    updateProject: (_p, { input }, ctx) => (requireViewer(ctx), payload(async () => ({ project: await service.updateProject(ctx, input as never) }))),
    terminateProject: (_p, { id, version, reason }, ctx) => (requireViewer(ctx), payload(async () => ({ project: await service.terminateProject(ctx, id, version, reason) }))),
    freezeBaseline: (_p, { projectId, version }, ctx) => (requireViewer(ctx), payload(async () => ({ project: await service.freezeBaseline(ctx, projectId, version) }))),
    resolveDuplicate: (_p, { projectId, status }, ctx) => (requireViewer(ctx), payload(async () => ({ project: await service.resolveDuplicate(ctx, projectId, status) }))),
    reportActualInvestment: (_p, { projectId, date, amount }, ctx) =>
      (requireViewer(ctx), payload(async () => ({ project: await service.reportActualInvestment(ctx, projectId, date, amount) }))),
    reportNode: (_p, { input }, ctx) => (requireViewer(ctx), payload(async () => ({ node: await nodes.reportNode(ctx, input) }))),
    confirmNode: (_p, { nodeId, version }, ctx) => (requireViewer(ctx), payload(async () => ({ node: await nodes.confirmNode(ctx, nodeId, version) }))),
    rejectNodeReport: (_p, { nodeId, version, reason }, ctx) => (requireViewer(ctx), payload(async () => ({ node: await nodes.rejectNodeReport(ctx, nodeId, version, reason) }))),
    updateNodePlan: (_p, { input }, ctx) => (requireViewer(ctx), payload(async () => ({ node: await nodes.updateNodePlan(ctx, input) }))),
    requestReplan: (_p, { input }, ctx) => (requireViewer(ctx), payload(async () => ({ node: await nodes.requestReplan(ctx, input) }))),
    decideReplan: (_p, { nodeId, requestId, approve, note }, ctx) =>
      (requireViewer(ctx), payload(async () => ({ node: await nodes.decideReplan(ctx, nodeId, requestId, approve, note) }))),
    attachEvidence: (_p, { nodeId, fileId }, ctx) => (requireViewer(ctx), payload(async () => ({ node: await nodes.attachEvidence(ctx, nodeId, fileId) }))),
    removeEvidence: (_p, { nodeId, fileId }, ctx) => (requireViewer(ctx), payload(async () => ({ node: await nodes.removeEvidence(ctx, nodeId, fileId) }))),
  },
  Project: {
    isManufacturing: (p) => isManufacturing(p.industryCode),
    chain: (p, _a, ctx) => (p.chainId ? ctx.loaders.chain.get(p.chainId) : null),
    // Every project has a platform (required reference); a dangling one fails the non-null field.
    platform: (p, _a, ctx) => ctx.loaders.platform.get(p.platformId) as never,
    leadUnit: (p, _a, ctx) => (p.leadUnitId ? ctx.loaders.unit.get(p.leadUnitId) : null),
    liaisonLeader: (p, _a, ctx) => (p.liaisonLeaderId ? ctx.loaders.liaisonLeader.get(p.liaisonLeaderId) : null),
    owners: async (p, _a, ctx) => (await ctx.loaders.user.loadMany(p.ownerUserIds)).filter((u): u is NonNullable<typeof u> & { id: string } => !!u && !(u instanceof Error)) as never,
    template: async (p, _a, ctx) => (await ctx.loaders.template.load(p.templateId))!,
    baselineFrozen: (p) => p.baselineFrozen,
    terminated: (p) => !!p.terminated,
    terminationReason: (p) => p.terminated?.reason ?? null,
    stage: (p, { asOf }, ctx) => stageOf(p, asOfOf(ctx, asOf)),
    tiers: async (p, _a, ctx) => tiersOf(p, await ctx.settings()),
    light: (p, { asOf }, ctx) => projectLight(p, ctx, asOf),
    overdueNodeCount: async (p, { asOf }, ctx) => {
      const [list, s] = await Promise.all([ctx.loaders.nodesByProject.load(p.id), ctx.settings()]);
      const d = asOfOf(ctx, asOf);
      return list.filter((n) => delayOf(n, d, s).overdue).length;
    },
    nodes: (p, _a, ctx) => ctx.loaders.nodesByProject.load(p.id),
    duplicate: (p, _a, ctx) => (p.duplicate && canSeeInternal(ctx.viewer) ? p.duplicate : null),
    internalNotes: (p, _a, ctx) => (canSeeInternal(ctx.viewer) ? p.internalNotes : null),
    instructions: (p, _a, ctx) => (canSeeInternal(ctx.viewer) ? ctx.loaders.instructionsByProject.load(p.id) : []),
    history: async (p, { first, after }, ctx) => {
      if (!canSeeInternal(ctx.viewer)) return { nodes: [], pageInfo: { hasNextPage: false, endCursor: null } };
      const r = await projectHistory(p.id, pageSize(first, 50), after ?? null);
      return { nodes: r.nodes, pageInfo: { hasNextPage: r.hasNextPage, endCursor: r.endCursor } };
    },
    viewerCan: async (p, _a, ctx) => ({
      update: canManageProject(ctx.viewer, p) && !p.terminated,
      terminate: canManageProject(ctx.viewer, p) && !p.terminated,
      assign: canManageProject(ctx.viewer, p) && !p.terminated,
      freezeBaseline: canManageProject(ctx.viewer, p) && !p.baselineFrozen && !p.terminated,
      writeInstruction: canWriteInstruction(ctx.viewer),
      viewHistory: canSeeInternal(ctx.viewer),
      viewInternal: canSeeInternal(ctx.viewer),
      raiseProblem: canRaiseProblem(ctx.viewer, p),
      recordAgreement: canRecordAgreements(ctx.viewer, p, await ctx.loaders.nodesByProject.load(p.id)),
    }),
  },
  DuplicateFlag: {
    project: (d, _a, ctx) => readableProject(ctx, d.projectId),
  },
  ProjectNode: {
    gate: (n) => (n.gate as never) ?? null,
    unit: (n, _a, ctx) => (n.unitId ? ctx.loaders.unit.get(n.unitId) : null),
    slipDays: (n) => (n.baselineDate ? Math.round((Date.parse(n.plannedDate) - Date.parse(n.baselineDate)) / 86_400_000) : 0),
    overdue: (n, { asOf }, ctx) => nodeDelayField(n, asOf, ctx, (d) => d.overdue),
    overdueDays: (n, { asOf }, ctx) => nodeDelayField(n, asOf, ctx, (d) => d.overdueDays),
    dueSoon: (n, { asOf }, ctx) => nodeDelayField(n, asOf, ctx, (d) => d.dueSoon),
    lateDays: (n, _a, ctx) => nodeDelayField(n, null, ctx, (d) => d.lateDays),
    light: (n, { asOf }, ctx) => nodeDelayField(n, asOf, ctx, (d) => d.light),
    pendingReport: (n) => n.pendingReport,
    confirmedBy: (n, _a, ctx) => (n.confirmedBy ? ctx.loaders.user.load(n.confirmedBy) : null),
    evidence: (n) => n.evidence,
    internalNote: (n, _a, ctx) => (canSeeInternal(ctx.viewer) ? n.internalNote : null),
    replanRequests: (n) => n.replans,
    project: async (n, _a, ctx) => {
      const p = await ctx.loaders.project.load(n.projectId);
      if (!p || !canReadProject(ctx.viewer, p)) throw forbidden();
      return p;
    },
    viewerCan: async (n, _a, ctx) => {
      const p = (await ctx.loaders.project.load(n.projectId))!;
      return {
        report: canReportNode(ctx.viewer, p, n),
        confirm: canConfirmNode(ctx.viewer, p, n),
        update: canReportNode(ctx.viewer, p, n) && ctx.viewer?.role === 'UNIT',
        uploadEvidence: canUploadEvidence(ctx.viewer, p, n),
        requestReplan: canRequestReplan(ctx.viewer, p, n),
        approveReplan: canDecideReplan(ctx.viewer, p, n),
        editPlan: canEditNodePlan(ctx.viewer, p),
      };
    },
  },
  NodeReport: {
    by: async (r, _a, ctx) => (await ctx.loaders.user.load(r.by))!,
  },
  EvidenceFile: {
    id: (e) => e.fileId,
    uploadedBy: async (e, _a, ctx) => (await ctx.loaders.user.load(e.by))!,
    uploadedAt: (e) => e.at,
    url: (e) => `/api/evidence/${e.fileId}`,
  },
  ReplanRequest: {
    requestedBy: async (r, _a, ctx) => (await ctx.loaders.user.load(r.by))!,
    requestedAt: (r) => r.at,
    decidedBy: (r, _a, ctx) => (r.decidedBy ? ctx.loaders.user.load(r.decidedBy) : null),
  },
};

export type { NodeRecord };
