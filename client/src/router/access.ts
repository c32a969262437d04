/**
 * Which pages a viewer may open. Decisions come from what the API computed (`viewer.can`)
 * and the role; the API still checks every object, this only hides what would be refused.
 */
import type { ViewerInfo } from '@/features/auth/composables/session.js';

export type AccessRule = (viewer: ViewerInfo) => boolean;

export const access = {
  /** 线索 belong to investment staff; leaders read everything. */
  leads: (v) => v.user.role === 'PROMOTION' || v.user.role === 'LEADER' || v.can.createLead,
  createLead: (v) => v.can.createLead,
  /** Everyone has projects in scope (an owner only their own); administrators manage data, not projects. */
  projects: (v) => v.user.role !== 'ADMIN' || v.can.viewAllProjects,
  createProject: (v) => v.can.createProject,
  battle: (v) => v.can.viewDashboard,
  /** 督办 problems: whoever has projects in scope (owners raise and follow their own). */
  problems: (v) => v.user.role !== 'ADMIN' || v.can.viewAllProjects,
  /** Figures and rankings: leaders, administrators and investment staff (their platform's). */
  metrics: (v) => v.can.viewMetrics,
  race: (v) => v.can.viewDashboard || v.user.role === 'LEADER' || v.user.role === 'ADMIN' || v.user.role === 'PROMOTION',
  /** 履约 agreements: read with the projects they belong to. */
  agreements: (v) => v.user.role !== 'ADMIN' || v.can.viewAllProjects,
  admin: (v) => v.can.administer,
} satisfies Record<string, AccessRule>;
