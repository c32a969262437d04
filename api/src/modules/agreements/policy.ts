/**
 * Who may see and record 履约监管 data, checked against the project (default deny):
 * - read: whoever may read the project (LEADER/ADMIN all; PROMOTION and UNIT in scope; OWNER
 *   only their own projects);
 * - record (agreements, reviews, rectifications): PROMOTION managing the project, or a UNIT
 *   user of the unit responsible for the project's 达产 / 达产复核 nodes (区经信局 by default
 *   template, whichever unit the project assigned). Nothing is recorded on a terminated project.
 */
import { canManageProject, canReadProject } from '../../auth/policy.js';
import type { Viewer } from '../../auth/viewer.js';
import type { NodeRecord, ProjectRecord } from '../projects/types.js';

type ProjectScope = Pick<ProjectRecord, 'platformId' | 'ownerUserIds' | 'unitIds' | 'terminated'>;

const REVIEW_GATES = new Set(['AT_CAPACITY', 'REVIEWED']);

export function canReadAgreements(v: Viewer | null, p: ProjectScope): boolean {
  return canReadProject(v, p);
}

export function canRecordAgreements(v: Viewer | null, p: ProjectScope, nodes: readonly Pick<NodeRecord, 'gate' | 'unitId'>[]): boolean {
  if (!v || p.terminated) return false;
  if (v.role === 'PROMOTION') return canManageProject(v, p);
  if (v.role === 'UNIT') return v.unitId !== null && nodes.some((n) => n.gate !== null && REVIEW_GATES.has(n.gate) && n.unitId === v.unitId);
  return false;
}
