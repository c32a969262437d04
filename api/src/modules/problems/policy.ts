/**
 * Who may see and act on a 督办 problem, in the style of auth/policy.ts: default deny, checked
 * against the problem and its project. A problem is visible to whoever may read its project,
 * and also to the staff of its lead unit and co-units (a 人才 problem may go to a department
 * that has no node on the project). Status moves themselves are decided by
 * domain/problems.ts; `actorOf` says how the viewer relates to the problem.
 */
import type { Viewer } from '../../auth/viewer.js';
import { canManageProject, canReadProject } from '../../auth/policy.js';
import { allowedProblemTransitions, type ProblemActor, type ProblemStatus } from '../../domain/problems.js';
import type { ProjectRecord } from '../projects/types.js';
import type { ProblemRecord } from './types.js';

type ProjectScope = Pick<ProjectRecord, 'platformId' | 'ownerUserIds' | 'unitIds' | 'terminated'>;
type ProblemScope = Pick<ProblemRecord, 'leadUnitId' | 'coUnitIds' | 'raisedBy' | 'status'>;

export function isProblemUnit(v: Viewer | null, p: Pick<ProblemRecord, 'leadUnitId' | 'coUnitIds'>): boolean {
  return !!v && v.unitId !== null && (v.role === 'UNIT' || v.role === 'PROMOTION') && (p.leadUnitId === v.unitId || p.coUnitIds.includes(v.unitId));
}

export function canReadProblem(v: Viewer | null, project: ProjectScope, p: ProblemScope): boolean {
  return canReadProject(v, project) || isProblemUnit(v, p);
}

/** Owners of the project, staff of a unit in its scope, PROMOTION in scope; not once terminated. */
export function canRaiseProblem(v: Viewer | null, project: ProjectScope): boolean {
  if (!v || project.terminated) return false;
  if (v.role === 'OWNER') return project.ownerUserIds.includes(v.userId);
  if (v.role === 'UNIT') return canReadProject(v, project);
  if (v.role === 'PROMOTION') return canManageProject(v, project);
  return false;
}

export function actorOf(v: Viewer, p: Pick<ProblemRecord, 'leadUnitId' | 'raisedBy'>): ProblemActor {
  return { role: v.role, isLeadUnit: v.unitId !== null && v.unitId === p.leadUnitId, isRaiser: v.userId === p.raisedBy };
}

/** The status moves the viewer may make now (domain rules on top of read access). */
export function problemMoves(v: Viewer | null, project: ProjectScope, p: ProblemScope): ProblemStatus[] {
  if (!v || !canReadProblem(v, project, p)) return [];
  return allowedProblemTransitions(p.status, actorOf(v, p));
}

/** PROMOTION in the project's scope re-assigns units and the deadline of an unresolved problem. */
export function canAssignProblem(v: Viewer | null, project: ProjectScope, p: ProblemScope): boolean {
  return canManageProject(v, project) && p.status !== 'RESOLVED';
}

/** The units at work, the raiser and PROMOTION in scope add evidence until it is resolved. */
export function canUploadProblemEvidence(v: Viewer | null, project: ProjectScope, p: ProblemScope): boolean {
  if (!v || p.status === 'RESOLVED' || !canReadProblem(v, project, p)) return false;
  return isProblemUnit(v, p) || p.raisedBy === v.userId || canManageProject(v, project);
}

/** Internal fields (notes, 批示, internal timeline steps) are never shown to owners. */
export function canSeeProblemInternals(v: Viewer | null): boolean {
  return !!v && v.role !== 'OWNER';
}
