import type { Component } from 'vue';
import { Collection, DataBoard, Files, House, MapLocation, Setting, User } from '@element-plus/icons-vue';
import type { ViewerInfo } from '@/features/auth/composables/session.js';
import { access, type AccessRule } from './access.js';

export interface MenuEntry {
  /** Route name. */
  name: string;
  label: string;
  icon: Component;
}

interface MenuDefinition {
  name: string;
  label: string | ((viewer: ViewerInfo) => string);
  icon: Component;
  allow?: AccessRule;
}

const MENU: MenuDefinition[] = [
  { name: 'workbench', label: '工作台', icon: House },
  { name: 'leads', label: '招商线索', icon: DataBoard, allow: access.leads },
  { name: 'projects', label: (v) => (v.user.role === 'OWNER' ? '我的项目' : '项目库'), icon: Files, allow: access.projects },
  { name: 'battle', label: '挂图作战', icon: MapLocation, allow: access.battle },
  { name: 'admin-users', label: '用户与角色', icon: User, allow: access.admin },
  { name: 'admin-org', label: '基础数据', icon: Collection, allow: access.admin },
  { name: 'admin-templates', label: '节点模板', icon: Files, allow: access.admin },
  { name: 'admin-settings', label: '系统参数', icon: Setting, allow: access.admin },
];

/** The side menu for this viewer: only what they may open. */
export function menuFor(viewer: ViewerInfo): MenuEntry[] {
  return MENU.filter((m) => !m.allow || m.allow(viewer)).map((m) => ({
    name: m.name,
    label: typeof m.label === 'function' ? m.label(viewer) : m.label,
    icon: m.icon,
  }));
}
