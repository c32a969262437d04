import type { Component } from 'vue';
import { Aim, Bell, Collection, DataBoard, DataLine, Files, House, Link, MapLocation, Setting, Tickets, Trophy, User, Warning } from '@element-plus/icons-vue';
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
  { name: 'problems', label: '督办问题', icon: Warning, allow: access.problems },
  { name: 'agreements', label: '履约监管', icon: Tickets, allow: access.agreements },
  { name: 'battle', label: '挂图作战', icon: MapLocation, allow: access.battle },
  { name: 'metrics', label: '指标看板', icon: DataLine, allow: access.metrics },
  { name: 'race', label: '赛马排名', icon: Trophy, allow: access.race },
  { name: 'notifications', label: '消息通知', icon: Bell },
  { name: 'admin-users', label: '用户与角色', icon: User, allow: access.admin },
  { name: 'admin-org', label: '基础数据', icon: Collection, allow: access.admin },
  { name: 'admin-templates', label: '节点模板', icon: Files, allow: access.admin },
  { name: 'admin-settings', label: '系统参数', icon: Setting, allow: access.admin },
  { name: 'admin-targets', label: '目标值', icon: Aim, allow: access.admin },
  { name: 'admin-race', label: '赛马权重', icon: Trophy, allow: access.admin },
  { name: 'admin-webhooks', label: '群机器人', icon: Link, allow: access.admin },
];

/** The side menu for this viewer: only what they may open. */
export function menuFor(viewer: ViewerInfo): MenuEntry[] {
  return MENU.filter((m) => !m.allow || m.allow(viewer)).map((m) => ({
    name: m.name,
    label: typeof m.label === 'function' ? m.label(viewer) : m.label,
    icon: m.icon,
  }));
}
