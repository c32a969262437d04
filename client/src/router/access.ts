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
  admin: (v) => v.can.administer,
} satisfies Record<string, AccessRule>;
