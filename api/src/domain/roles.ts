/**
 * User roles (see DOMAIN.md "Who uses it"). Permissions are always checked against the object
 * too (platform/unit/owner scope); a role alone never grants access.
 */
export const ROLES = ['PROMOTION', 'UNIT', 'OWNER', 'LEADER', 'ADMIN'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Readonly<Record<Role, string>> = {
  PROMOTION: '招商人员',
  UNIT: '责任单位人员',
  OWNER: '项目业主',
  LEADER: '领导',
  ADMIN: '管理员',
};
