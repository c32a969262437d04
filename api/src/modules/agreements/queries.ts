/**
 * The supervision list: agreements the viewer may read, optionally of one project or platform,
 * optionally only those flagged (review due soon, review overdue, in breach) as of a date.
 * Flags are derived, never stored, so the list is filtered in memory: a district has one
 * agreement per land-use project (hundreds), and their projects are read in one $in query.
 */
import { trusted } from 'mongoose';
import { badInput } from '../../graphql/errors.js';
import { isId, oid } from '../../lib/records.js';
import type { Context } from '../../context.js';
import { ProjectModel, type ProjectDoc } from '../projects/model.js';
import { toProject } from '../projects/repository.js';
import type { ProjectRecord } from '../projects/types.js';
import { agreementConfig, flagsOf } from './derive.js';
import { canReadAgreements } from './policy.js';
import { listAgreements as listAll } from './repository.js';
import type { AgreementConnectionRecord } from './types.js';

export type AgreementFlag = 'REVIEW_DUE_SOON' | 'REVIEW_OVERDUE' | 'IN_BREACH';

export interface AgreementFilter {
  projectId?: string | null;
  platformId?: string | null;
  flag?: AgreementFlag | null;
}

export async function listAgreements(ctx: Context, f: AgreementFilter, asOf: string, first: number, after: string | null): Promise<AgreementConnectionRecord> {
  for (const key of ['projectId', 'platformId'] as const) if (f[key] != null && !isId(f[key])) throw badInput('ID格式不正确', `filter.${key}`);
  if (after != null && !isId(after)) throw badInput('分页游标无效', 'after');
  const all = await listAll(f.projectId ? [f.projectId] : null);
  const projectIds = [...new Set(all.map((a) => a.projectId))];
  const projects = projectIds.length
    ? ((await ProjectModel.find({ _id: trusted({ $in: projectIds.map(oid) }) }, { platformId: 1, ownerUserIds: 1, unitIds: 1, terminated: 1, gates: 1, code: 1 }).lean()) as ProjectDoc[])
    : [];
  const byId = new Map<string, ProjectRecord>(projects.map((d) => [d._id.toHexString(), toProject(d)]));
  const cfg = agreementConfig(await ctx.settings());
  const visible = all.filter((a) => {
    const p = byId.get(a.projectId);
    if (!p || !canReadAgreements(ctx.viewer, p)) return false;
    if (f.platformId && p.platformId !== f.platformId) return false;
    if (!f.flag) return true;
    const flags = flagsOf(a, p, asOf, cfg);
    return f.flag === 'REVIEW_DUE_SOON' ? flags.reviewDueSoon : f.flag === 'REVIEW_OVERDUE' ? flags.reviewOverdue : flags.inBreach;
  });
  const start = after ? visible.findIndex((a) => a.id > after) : 0;
  const page = start < 0 ? [] : visible.slice(start, start + first);
  const last = page[page.length - 1];
  return {
    nodes: page,
    pageInfo: { hasNextPage: start >= 0 && start + first < visible.length, endCursor: last ? last.id : null },
    totalCount: visible.length,
  };
}
