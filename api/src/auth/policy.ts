/**
 * One authorization style everywhere: default deny, every rule checked against the object's
 * scope (platform / unit / owner), never only the role. Resolvers ask `can(viewer, action,
 * object)`; lists are narrowed with `projectScopeFilter`. `viewerCan` fields expose the same
 * answers so that the client never recomputes them.
 */
import type { Viewer } from './viewer.js';
import type { NodeRecord, ProjectRecord } from '../modules/projects/types.js';
import type { LeadRecord } from '../modules/leads/types.js';

type ProjectScope = Pick<ProjectRecord, 'platformId' | 'ownerUserIds' | 'unitIds'> & { terminated?: unknown };

export function canReadProject(v: Viewer | null, p: ProjectScope): boolean {
  if (!v) return false;
  switch (v.role) {
    case 'ADMIN':
    case 'LEADER':
      return true;
    case 'PROMOTION':
      return v.platformId === null || p.platformId === v.platformId;
    case 'UNIT':
      return (v.unitId !== null && p.unitIds.includes(v.unitId)) || (v.platformId !== null && p.platformId === v.platformId);
    case 'OWNER':
      return p.ownerUserIds.includes(v.userId);
    default:
      return false;
  }
}

/** PROMOTION staff manage the projects of their scope (district staff: all). */
export function canManageProject(v: Viewer | null, p: ProjectScope): boolean {
  return !!v && v.role === 'PROMOTION' && (v.platformId === null || p.platformId === v.platformId);
}

export function canCreateProjectOn(v: Viewer | null, platformId: string): boolean {
  return !!v && v.role === 'PROMOTION' && (v.platformId === null || v.platformId === platformId);
}

export function canSeeInternal(v: Viewer | null): boolean {
  return !!v && v.role !== 'OWNER';
}

const isOpen = (n: Pick<NodeRecord, 'status'>) => n.status === 'PENDING' || n.status === 'IN_PROGRESS';

/** Owners report on their project's nodes; a node's unit reports on it too. */
export function canReportNode(v: Viewer | null, p: ProjectScope, n: NodeRecord): boolean {
  // The SIGN gate is done when the project is created, on its signing date (project.signedOn,
  // which cohorts and 编号 follow): reopening or re-dating it would contradict them.
  if (!v || p.terminated || n.gate === 'SIGNED') return false;
  if (v.role === 'OWNER') return p.ownerUserIds.includes(v.userId) && isOpen(n) && !n.pendingReport;
  if (v.role === 'UNIT') return v.unitId !== null && n.unitId === v.unitId && n.status !== 'SKIPPED';
  return false;
}

/** The node's unit confirms an owner's report, or its own unconfirmed DONE. */
export function canConfirmNode(v: Viewer | null, p: ProjectScope, n: NodeRecord): boolean {
  if (!v || v.role !== 'UNIT' || v.unitId === null || n.unitId !== v.unitId || p.terminated) return false;
  return !!n.pendingReport || (n.status === 'DONE' && !n.confirmedAt);
}

export function canEditNodePlan(v: Viewer | null, p: ProjectScope): boolean {
  return canManageProject(v, p) && !p.terminated;
}

export function canRequestReplan(v: Viewer | null, p: ProjectScope & { baselineFrozen: boolean }, n: NodeRecord): boolean {
  if (!v || !p.baselineFrozen || !isOpen(n) || p.terminated) return false;
  if (n.replans.some((r) => r.status === 'PENDING')) return false;
  if (v.role === 'PROMOTION') return canManageProject(v, p);
  if (v.role === 'UNIT') return v.unitId !== null && n.unitId === v.unitId;
  if (v.role === 'OWNER') return p.ownerUserIds.includes(v.userId);
  return false;
}

export function canDecideReplan(v: Viewer | null, p: ProjectScope, n: NodeRecord): boolean {
  return canManageProject(v, p) && n.replans.some((r) => r.status === 'PENDING');
}

export function canUploadEvidence(v: Viewer | null, p: ProjectScope, n: NodeRecord): boolean {
  return canReportNode(v, p, n) || canConfirmNode(v, p, n) || (!!v && v.role === 'OWNER' && p.ownerUserIds.includes(v.userId) && !!n.pendingReport);
}

export function canWriteInstruction(v: Viewer | null): boolean {
  return !!v && v.role === 'LEADER';
}

export function canAdminister(v: Viewer | null): boolean {
  return !!v && v.role === 'ADMIN';
}

/** Leads are internal to investment promotion staff; leaders and admins may read them. */
export function canReadLead(v: Viewer | null, l: Pick<LeadRecord, 'platformId' | 'ownerId'>): boolean {
  if (!v) return false;
  if (v.role === 'LEADER' || v.role === 'ADMIN') return true;
  if (v.role !== 'PROMOTION') return false;
  return v.platformId === null || l.platformId === v.platformId || l.ownerId === v.userId;
}

export function canManageLead(v: Viewer | null, l: Pick<LeadRecord, 'platformId' | 'ownerId' | 'status'>): boolean {
  if (!v || v.role !== 'PROMOTION') return false;
  if (l.status === 'SIGNED' || l.status === 'DROPPED') return false;
  return v.platformId === null || l.platformId === v.platformId || l.ownerId === v.userId;
}

/** Mongo filter narrowing a project query to the viewer's scope; null = nothing visible. */
export function projectScopeFilter(v: Viewer | null): Record<string, unknown> | null {
  if (!v) return null;
  switch (v.role) {
    case 'ADMIN':
    case 'LEADER':
      return {};
    case 'PROMOTION':
      return v.platformId === null ? {} : { platformId: v.platformId };
    case 'UNIT': {
      const or: Record<string, unknown>[] = [];
      if (v.unitId) or.push({ unitIds: v.unitId });
      if (v.platformId) or.push({ platformId: v.platformId });
      return or.length ? { $or: or } : null;
    }
    case 'OWNER':
      return { ownerUserIds: v.userId };
    default:
      return null;
  }
}
