import type { Role } from '@/gql/graphql';

export type WorkbenchSection = 'myLeads' | 'staleLeads' | 'myProjects' | 'myNodes' | 'overdueNodes' | 'battleLink' | 'metrics' | 'adminLinks';

/** What each role sees first when they sign in (the brief's 工作台 per role). */
const SECTIONS: Record<Role, WorkbenchSection[]> = {
  PROMOTION: ['staleLeads', 'myLeads', 'myProjects'],
  UNIT: ['myNodes'],
  OWNER: ['myNodes', 'myProjects'],
  LEADER: ['metrics', 'battleLink', 'overdueNodes'],
  ADMIN: ['adminLinks'],
};

export function workbenchSections(role: Role, canViewDashboard: boolean): WorkbenchSection[] {
  return SECTIONS[role].filter((s) => s !== 'battleLink' || canViewDashboard);
}
