import type { ApolloClient } from '@apollo/client/core';
import { createRouter, createWebHistory, type RouteRecordRaw, type Router, type RouterHistory } from 'vue-router';
import { loadViewer, type ViewerInfo } from '@/features/auth/composables/session.js';
import { access, type AccessRule } from './access.js';

declare module 'vue-router' {
  interface RouteMeta {
    /** Reachable without signing in. */
    public?: boolean;
    /** Who may open the page; absent means every signed-in user. */
    allow?: AccessRule;
    /** Document title (the app name is appended). */
    title?: string;
  }
}

// Pages are split per route so the login page and 工作台 load only what they need.
export const routes: RouteRecordRaw[] = [
  { path: '/login', name: 'login', component: () => import('@/pages/LoginPage.vue'), meta: { public: true, title: '登录' } },
  {
    path: '/',
    component: () => import('@/layouts/AppLayout.vue'),
    children: [
      { path: '', name: 'workbench', component: () => import('@/pages/WorkbenchPage.vue'), meta: { title: '工作台' } },
      { path: 'leads', name: 'leads', component: () => import('@/pages/LeadListPage.vue'), meta: { allow: access.leads, title: '招商线索' } },
      { path: 'leads/new', name: 'lead-new', component: () => import('@/pages/LeadCreatePage.vue'), meta: { allow: access.createLead, title: '新建线索' } },
      { path: 'leads/:id', name: 'lead', component: () => import('@/pages/LeadDetailPage.vue'), props: true, meta: { allow: access.leads, title: '线索详情' } },
      { path: 'projects', name: 'projects', component: () => import('@/pages/ProjectListPage.vue'), meta: { allow: access.projects, title: '项目库' } },
      { path: 'projects/new', name: 'project-new', component: () => import('@/pages/ProjectCreatePage.vue'), meta: { allow: access.createProject, title: '新建项目' } },
      { path: 'projects/:id', name: 'project', component: () => import('@/pages/ProjectDetailPage.vue'), props: true, meta: { allow: access.projects, title: '项目详情' } },
      { path: 'battle', name: 'battle', component: () => import('@/pages/BattleMapPage.vue'), meta: { allow: access.battle, title: '挂图作战' } },
      { path: 'battle/:id', name: 'battle-plan', component: () => import('@/pages/BattlePlanPage.vue'), props: true, meta: { allow: access.battle, title: '作战图' } },
      { path: 'problems', name: 'problems', component: () => import('@/pages/ProblemListPage.vue'), meta: { allow: access.problems, title: '督办问题' } },
      { path: 'problems/:id', name: 'problem', component: () => import('@/pages/ProblemDetailPage.vue'), props: true, meta: { allow: access.problems, title: '督办详情' } },
      { path: 'notifications', name: 'notifications', component: () => import('@/pages/NotificationsPage.vue'), meta: { title: '消息通知' } },
      { path: 'metrics', name: 'metrics', component: () => import('@/pages/MetricsPage.vue'), meta: { allow: access.metrics, title: '指标看板' } },
      { path: 'race', name: 'race', component: () => import('@/pages/RacePage.vue'), meta: { allow: access.race, title: '赛马排名' } },
      { path: 'agreements', name: 'agreements', component: () => import('@/pages/AgreementListPage.vue'), meta: { allow: access.agreements, title: '履约监管' } },
      { path: 'admin/users', name: 'admin-users', component: () => import('@/pages/AdminUsersPage.vue'), meta: { allow: access.admin, title: '用户与角色' } },
      { path: 'admin/org', name: 'admin-org', component: () => import('@/pages/AdminOrgPage.vue'), meta: { allow: access.admin, title: '基础数据' } },
      { path: 'admin/templates', name: 'admin-templates', component: () => import('@/pages/AdminTemplatesPage.vue'), meta: { allow: access.admin, title: '节点模板' } },
      { path: 'admin/settings', name: 'admin-settings', component: () => import('@/pages/AdminSettingsPage.vue'), meta: { allow: access.admin, title: '系统参数' } },
      { path: 'admin/targets', name: 'admin-targets', component: () => import('@/pages/AdminTargetsPage.vue'), meta: { allow: access.admin, title: '目标值' } },
      { path: 'admin/race', name: 'admin-race', component: () => import('@/pages/AdminRacePage.vue'), meta: { allow: access.admin, title: '赛马权重' } },
      { path: 'admin/webhooks', name: 'admin-webhooks', component: () => import('@/pages/AdminWebhooksPage.vue'), meta: { allow: access.admin, title: '群机器人' } },
      { path: 'forbidden', name: 'forbidden', component: () => import('@/pages/ForbiddenPage.vue'), meta: { title: '无权访问' } },
      { path: ':pathMatch(.*)*', name: 'not-found', component: () => import('@/pages/NotFoundPage.vue'), meta: { title: '页面不存在' } },
    ],
  },
];

export const APP_TITLE = '招商项目全周期管理';

/** Where a navigation must go instead, or true to let it through. */
export async function guard(
  to: { name?: unknown; fullPath: string; meta: { public?: boolean; allow?: AccessRule } },
  viewerOf: () => Promise<ViewerInfo | null>,
): Promise<true | { name: string; query?: Record<string, string> }> {
  let viewer: ViewerInfo | null;
  try {
    viewer = await viewerOf();
  } catch {
    // The API cannot be reached: public pages still open; others go to login, which says so.
    return to.meta.public ? true : { name: 'login', query: { redirect: to.fullPath, reason: 'network' } };
  }
  if (to.meta.public) return to.name === 'login' && viewer ? { name: 'workbench' } : true;
  if (!viewer) return { name: 'login', query: { redirect: to.fullPath } };
  if (to.meta.allow && !to.meta.allow(viewer)) return { name: 'forbidden' };
  return true;
}

export function createAppRouter(client: ApolloClient<unknown>, history: RouterHistory = createWebHistory()): Router {
  const router = createRouter({ history, routes, scrollBehavior: () => ({ top: 0 }) });
  router.beforeEach((to) => guard(to, () => loadViewer(client)));
  router.afterEach((to) => {
    document.title = to.meta.title ? `${to.meta.title} - ${APP_TITLE}` : APP_TITLE;
  });
  return router;
}
