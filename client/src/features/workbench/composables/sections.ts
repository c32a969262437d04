import type { Role } from '@/gql/graphql';

export type WorkbenchSection = 'myLeads' | 'staleLeads' | 'myProjects' | 'myNodes' | 'problems' | 'unitProblems' | 'projectProblems' | 'overdueNodes' | 'battle' | 'metrics' | 'adminLinks';

/** What each role sees first when they sign in (the brief's 工作台 per role). */
const SECTIONS: Record<Role, WorkbenchSection[]> = {
  PROMOTION: ['staleLeads', 'myLeads', 'myProjects', 'problems'],
  UNIT: ['myNodes', 'unitProblems'],
  OWNER: ['myNodes', 'myProjects', 'projectProblems'],
  LEADER: ['metrics', 'battle', 'problems', 'overdueNodes'],
  ADMIN: ['adminLinks'],
};

export function workbenchSections(role: Role, canViewDashboard: boolean): WorkbenchSection[] {
  return SECTIONS[role].filter((s) => s !== 'battle' || canViewDashboard);
}
