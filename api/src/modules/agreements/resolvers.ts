import type { Resolvers } from '../../generated/graphql.js';
import { payload } from '../../graphql/errors.js';
import { pageSize, requireViewer } from '../../graphql/guards.js';
import { AGREEMENT_INDICATORS, agreementFlags, BREACH_REASON_LABELS, investmentIntensity } from '../../domain/agreements.js';
import { today } from '../../domain/dates.js';
import type { Context } from '../../context.js';
import { DomainError } from '../../graphql/errors.js';
import { agreementConfig, flagsOf } from './derive.js';
import { canRecordAgreements } from './policy.js';
import { listAgreements } from './queries.js';
import * as service from './service.js';
import type { AgreementRecord } from './types.js';

const INFO = Object.fromEntries(AGREEMENT_INDICATORS.map((i) => [i.code, i]));
const asOfOf = (ctx: Context, asOf?: string | null) => asOf ?? ctx.asOf ?? today();

async function mayRecord(a: AgreementRecord, ctx: Context): Promise<boolean> {
  const [project, nodes] = await Promise.all([ctx.loaders.project.load(a.projectId), ctx.loaders.nodesByProject.load(a.projectId)]);
  return !!project && canRecordAgreements(ctx.viewer, project, nodes);
}

export const agreementResolvers: Resolvers = {
  Query: {
    agreements: async (_p, { filter, asOf, first, after }, ctx) => {
      requireViewer(ctx);
      ctx.asOf = asOf ?? null;
      return listAgreements(ctx, filter ?? {}, asOf ?? today(), pageSize(first, 50), after ?? null);
    },
    agreement: async (_p, { id }, ctx) => {
      requireViewer(ctx);
      try {
        return (await service.loadAgreement(ctx, id)).agreement;
      } catch (e) {
        if (e instanceof DomainError) return null;
        throw e;
      }
    },
  },
  Mutation: {
    createAgreement: (_p, { input }, ctx) => (requireViewer(ctx), payload(async () => ({ agreement: await service.createAgreement(ctx, input) }))),
    updateAgreement: (_p, { input }, ctx) => (requireViewer(ctx), payload(async () => ({ agreement: await service.updateAgreement(ctx, input) }))),
    recordCapacityReview: (_p, { input }, ctx) => (requireViewer(ctx), payload(async () => ({ agreement: await service.recordCapacityReview(ctx, input) }))),
    closeRectification: (_p, { input }, ctx) => (requireViewer(ctx), payload(async () => ({ agreement: await service.closeRectification(ctx, input) }))),
  },
  Agreement: {
    project: async (a, _a, ctx) => (await ctx.loaders.project.load(a.projectId))!,
    investmentIntensity: (a) => investmentIntensity(a.fixedAssetInvestment, a.landAreaMu),
    flags: async (a, { asOf }, ctx) => {
      const [project, s] = await Promise.all([ctx.loaders.project.load(a.projectId), ctx.settings()]);
      return flagsOf(a, project!, asOfOf(ctx, asOf), agreementConfig(s));
    },
    viewerCan: async (a, _a, ctx) => {
      const can = await mayRecord(a, ctx);
      return { update: can, recordReview: can, closeRectification: can && a.rectifications.some((r) => r.closedOn === null) };
    },
  },
  AgreementFlags: {
    breachReasons: (f) => f.breachReasons,
    breachLabels: (f) => f.breachReasons.map((r) => BREACH_REASON_LABELS[r]),
  },
  CapacityReview: {
    status: (r) => (r.reviewedOn === null ? 'PENDING' : r.passed ? 'PASSED' : 'FAILED'),
    statusLabel: (r) => (r.reviewedOn === null ? '待复核' : r.passed ? '达标' : '未达标'),
    indicators: (r) => r.results,
    reviewedBy: (r, _a, ctx) => (r.by ? ctx.loaders.user.load(r.by) : null),
    reviewedAt: (r) => r.at,
  },
  ReviewIndicatorResult: {
    code: (i) => i.code as never,
    name: (i) => INFO[i.code]?.name ?? i.code,
    unit: (i) => INFO[i.code]?.unit ?? '',
  },
  Rectification: {
    closed: (r) => r.closedOn !== null,
    closedBy: (r, _a, ctx) => (r.closedBy ? ctx.loaders.user.load(r.closedBy) : null),
    overdue: (r, { asOf }, ctx) => {
      // The domain's breach rule for one rectification: open past its deadline.
      return agreementFlags({ reviews: [], milestones: [], rectifications: [r] }, asOfOf(ctx, asOf)).inBreach;
    },
  },
};
