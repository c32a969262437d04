/**
 * Every Query and Mutation of the schema, classified: who may get anything from it at all
 * (`allowed`, by test user, so platform- and district-level staff can differ) and what scopes it
 * (`scope`). The access audit fails when an operation is added to the schema without a row here,
 * so a new field is denied-by-default only once someone has said how it is scoped.
 *
 * Scopes:
 *   anyone    no sign-in needed (apiVersion, viewer, login, logout, _noop)
 *   none      role-gated only; nothing in it belongs to a platform, unit or owner
 *   self      acts on the viewer's own records (notifications, password)
 *   list      a list narrowed to the viewer's scope
 *   project / node / problem / agreement / lead   one object, checked against its scope
 *   platform  creates something on a platform (createProject, createLead)
 *   metrics   a statistics slice (platform or unit)
 * `args` builds arguments aimed at scope set `s` (tests/hardening/fuzz/world.ts), with live
 * versions so that only the scope can be what refuses.
 */
import { addDays, today, yearOf } from '../../../api/src/domain/dates.js';
import type { Target, Who } from '../fuzz/target.js';
import type { World, ScopeSet } from '../fuzz/world.js';
import { GHOST_ID } from '../fuzz/values.js';
import { makeUscc } from '../../../seeds/uscc.js';

export type Scope = 'anyone' | 'none' | 'self' | 'list' | 'project' | 'node' | 'problem' | 'agreement' | 'lead' | 'platform' | 'metrics';

export interface ArgCtx {
  s: ScopeSet;
  who: Who | 'anonymous';
  w: World;
  t: Target;
  live: Live;
}

/** Current versions, read as the leader (who may read everything). */
export interface Live {
  project(id: string): Promise<number>;
  node(projectId: string, nodeId: string): Promise<number>;
  problem(id: string): Promise<number>;
  agreement(id: string): Promise<number>;
  lead(id: string): Promise<number>;
}

export interface Rule {
  allowed: readonly Who[];
  scope: Scope;
  args?: (c: ArgCtx) => Record<string, unknown> | Promise<Record<string, unknown>>;
  /** Log in afresh for each call (logout ends the session it runs on). */
  fresh?: boolean;
  /** The arguments name another user's records: the call must then change nothing. */
  foreign?: (who: Who) => boolean;
}

const ALL: Who[] = ['admin', 'promo', 'promo_hzw', 'promo_cej', 'unit_land', 'unit_jx', 'unit_hzw', 'owner_a', 'owner_b', 'leader'];
const PROMOS: Who[] = ['promo', 'promo_hzw', 'promo_cej'];
const UNITS: Who[] = ['unit_land', 'unit_jx', 'unit_hzw'];
const OWNERS: Who[] = ['owner_a', 'owner_b'];
const ADMIN: Who[] = ['admin'];
const STAFF_READERS: Who[] = ['admin', 'leader', ...PROMOS];

const platformOf = (c: ArgCtx) => c.t.ref.platforms.get(c.s.key === 'A' || c.s.key === 'Y' ? '杭州湾经开区' : '曹娥江经开区')!;
const market = (c: ArgCtx) => c.t.ref.units.get('区市场监管局')!;
/** A node of the set that belongs to none of the test users' units (区市场监管局 in every template). */
export const foreignNode = (s: ScopeSet) => s.nodes.find((n) => n.code === 'REGISTER')!.id;
/** The lead on the set's platform: 杭州湾 (A, Y) by promo_hzw, 曹娥江 (B, X) by promo_cej. */
export const leadOf = (c: Pick<ArgCtx, 's' | 'w'>) => (c.s.key === 'A' || c.s.key === 'Y' ? c.w.leads.H : c.w.leads.C);
const signedYear = () => yearOf(addDays(today(), -40));
let uniq = 0;
const next = () => ++uniq;

const projectInput = (c: ArgCtx) => ({
  name: `审计项目${next()}`,
  investor: '审计企业有限公司',
  uscc: makeUscc(500_000 + next()),
  industryCode: 'C2651',
  source: 'NEW_INVESTMENT',
  platformId: platformOf(c),
  totalInvestment: 300_000_000,
  templateKey: 'STANDARD_LAND',
  signedOn: addDays(today(), -5),
});
const agreementFields = { title: '审计协议', signedOn: addDays(today(), -3), landAreaMu: 20, fixedAssetInvestment: 100_000_000 };

const node = async (c: ArgCtx, nodeId: string) => ({ nodeId, version: await c.live.node(c.s.projectId, nodeId) });
const problemMove = (extra: Record<string, unknown>) => async (c: ArgCtx) => ({ id: c.s.problemId, version: await c.live.problem(c.s.problemId), ...extra });

export const ACCESS: Record<string, Rule> = {
  // ---- Query
  apiVersion: { allowed: ALL, scope: 'anyone' },
  viewer: { allowed: ALL, scope: 'anyone' },
  users: { allowed: ADMIN, scope: 'none', args: () => ({ first: 50 }) },
  ownerAccounts: { allowed: ['admin', ...PROMOS], scope: 'none', args: () => ({ text: '业主' }) },
  agreements: { allowed: ALL, scope: 'list', args: (c) => ({ filter: { projectId: c.s.projectId }, first: 50 }) },
  agreement: { allowed: ALL, scope: 'agreement', args: (c) => ({ id: c.s.agreementId }) },
  leads: { allowed: STAFF_READERS, scope: 'list', args: (c) => ({ filter: { text: leadOf(c).marker }, first: 50 }) },
  lead: { allowed: STAFF_READERS, scope: 'lead', args: (c) => ({ id: leadOf(c).id }) },
  metricsDashboard: { allowed: [...STAFF_READERS, ...UNITS], scope: 'metrics', args: (c) => ({ year: signedYear(), filter: UNITS.includes(c.who as Who) ? { unitId: market(c) } : { platformId: platformOf(c) } }) },
  metricProjects: {
    allowed: [...STAFF_READERS, ...UNITS],
    scope: 'metrics',
    args: (c) => ({ year: signedYear(), indicator: 'LANDING_RATE', part: 'DENOMINATOR', first: 100, filter: UNITS.includes(c.who as Who) ? { unitId: market(c) } : { platformId: platformOf(c) } }),
  },
  targets: { allowed: [...STAFF_READERS, ...UNITS], scope: 'none', args: () => ({}) },
  notifications: { allowed: ALL, scope: 'self', args: () => ({ first: 100 }) },
  unreadNotificationCount: { allowed: ALL, scope: 'self' },
  webhooks: { allowed: ADMIN, scope: 'none' },
  units: { allowed: ALL, scope: 'none' },
  platforms: { allowed: ALL, scope: 'none' },
  industryChains: { allowed: ALL, scope: 'none' },
  liaisonLeaders: { allowed: ALL, scope: 'none' },
  problems: { allowed: ALL, scope: 'list', args: (c) => ({ filter: { projectId: c.s.projectId }, first: 100 }) },
  problem: { allowed: ALL, scope: 'problem', args: (c) => ({ id: c.s.problemId }) },
  projects: { allowed: ALL, scope: 'list', args: (c) => ({ filter: { text: c.s.marker }, first: 100 }) },
  project: { allowed: ALL, scope: 'project', args: (c) => ({ id: c.s.projectId }) },
  overdueNodes: { allowed: [...STAFF_READERS, ...UNITS], scope: 'list', args: (c) => ({ filter: { platformId: platformOf(c) }, asOf: addDays(today(), 3000), first: 100 }) },
  myNodes: { allowed: [...UNITS, ...OWNERS], scope: 'list', args: () => ({ asOf: addDays(today(), 3000), first: 100 }) },
  raceConfig: { allowed: STAFF_READERS, scope: 'none' },
  raceSnapshots: { allowed: STAFF_READERS, scope: 'none', args: () => ({ month: today().slice(0, 7) }) },
  raceQuarter: { allowed: STAFF_READERS, scope: 'none', args: () => ({ year: signedYear(), quarter: 1, kind: 'PLATFORM' }) },
  raceYear: { allowed: STAFF_READERS, scope: 'none', args: () => ({ year: signedYear(), kind: 'UNIT' }) },
  settings: { allowed: ALL, scope: 'none' },
  nodeTemplates: { allowed: ALL, scope: 'none', args: () => ({ includeInactive: true }) },

  // ---- Mutation
  _noop: { allowed: ALL, scope: 'anyone' },
  login: { allowed: ALL, scope: 'anyone', args: () => ({ username: 'victim_2', password: 'not-the-password' }) },
  logout: { allowed: ALL, scope: 'anyone', fresh: true },
  changePassword: { allowed: ALL, scope: 'self', args: () => ({ oldPassword: 'not-the-password', newPassword: 'Audit@2026-new' }) },
  createUser: { allowed: ADMIN, scope: 'none', args: () => ({ input: { username: `audit_${next()}`, displayName: '审计', password: 'Audit@2026x', role: 'OWNER' } }) },
  updateUser: { allowed: ADMIN, scope: 'none', args: (c) => ({ input: { id: c.w.victimIds[0], displayName: '改名' } }) },
  createAgreement: { allowed: [...PROMOS, ...UNITS], scope: 'project', args: (c) => ({ input: { projectId: c.s.projectId, ...agreementFields } }) },
  updateAgreement: { allowed: [...PROMOS, ...UNITS], scope: 'agreement', args: async (c) => ({ input: { id: c.s.agreementId, version: await c.live.agreement(c.s.agreementId), ...agreementFields } }) },
  recordCapacityReview: {
    allowed: [...PROMOS, ...UNITS],
    scope: 'agreement',
    args: async (c) => ({ input: { agreementId: c.s.agreementId, version: await c.live.agreement(c.s.agreementId), reviewedOn: today(), actuals: { taxPerMu: 40, outputPerMu: 600 } } }),
  },
  closeRectification: {
    allowed: [...PROMOS, ...UNITS],
    scope: 'agreement',
    args: async (c) => ({
      input: { agreementId: c.s.agreementId, version: await c.live.agreement(c.s.agreementId), rectificationId: c.s.rectificationId ?? GHOST_ID, closedOn: today(), note: '整改完成', fileIds: [c.w.looseFileId] },
    }),
  },
  writeInstruction: { allowed: ['leader'], scope: 'project', args: (c) => ({ input: { projectId: c.s.projectId, problemId: c.s.problemId, content: '审计批示', unitIds: [market(c)] } }) },
  createLead: { allowed: PROMOS, scope: 'platform', args: (c) => ({ input: { name: `审计线索${next()}`, investor: '某企业', source: 'NEW_INVESTMENT', platformId: platformOf(c) } }) },
  updateLead: { allowed: PROMOS, scope: 'lead', args: async (c) => ({ input: { id: leadOf(c).id, version: await c.live.lead(leadOf(c).id), contactName: '李四' } }) },
  addFollowUp: { allowed: PROMOS, scope: 'lead', args: (c) => ({ input: { leadId: leadOf(c).id, date: today(), kind: 'PHONE', summary: '电话沟通' } }) },
  signLead: { allowed: PROMOS, scope: 'lead', args: async (c) => ({ input: { leadId: leadOf(c).id, version: await c.live.lead(leadOf(c).id), project: projectInput(c) } }) },
  dropLead: { allowed: PROMOS, scope: 'lead', args: async (c) => ({ id: leadOf(c).id, version: await c.live.lead(leadOf(c).id), reason: '企业放弃' }) },
  createTarget: { allowed: ADMIN, scope: 'none', args: () => ({ input: { indicator: 'START_RATE', scopeKind: 'DISTRICT', fromYear: 2031, toYear: 2031, perYear: true, value: 0.5 } }) },
  updateTarget: { allowed: ADMIN, scope: 'none', args: (c) => ({ input: { id: c.w.targetId, version: 0, indicator: 'LANDING_RATE', scopeKind: 'DISTRICT', fromYear: 2024, toYear: 2030, perYear: true, value: 0.45 } }) },
  deleteTarget: { allowed: ADMIN, scope: 'none', args: (c) => ({ id: c.w.targetId, version: 0 }) },
  markNotificationsRead: { allowed: ALL, scope: 'self', args: (c) => ({ ids: c.w.notificationIds }), foreign: (who) => who !== 'unit_land' },
  markAllNotificationsRead: { allowed: ALL, scope: 'self' },
  saveWebhook: { allowed: ADMIN, scope: 'none', args: (c) => ({ input: { id: c.w.webhookId, version: 0, name: '改名机器人' } }) },
  deleteWebhook: { allowed: ADMIN, scope: 'none', args: (c) => ({ id: c.w.webhookId }) },
  testWebhook: { allowed: ADMIN, scope: 'none', args: (c) => ({ id: c.w.webhookId }) },
  saveUnit: { allowed: ADMIN, scope: 'none', args: () => ({ input: { name: `审计单位${next()}`, kind: 'DEPARTMENT' } }) },
  savePlatform: { allowed: ADMIN, scope: 'none', args: () => ({ input: { name: `审计平台${next()}`, kind: 'STREET' } }) },
  saveLiaisonLeader: { allowed: ADMIN, scope: 'none', args: () => ({ input: { name: `审计领导${next()}`, title: '副区长' } }) },
  raiseProblem: {
    allowed: [...PROMOS, ...UNITS, ...OWNERS],
    scope: 'project',
    args: (c) => ({ input: { projectId: c.s.projectId, category: 'FUNDING', title: '审计问题', description: '审计', leadUnitId: market(c), deadline: addDays(today(), 10) } }),
  },
  acceptProblem: { allowed: [...PROMOS, ...UNITS, ...OWNERS], scope: 'problem', args: problemMove({ note: '签收' }) },
  respondProblem: { allowed: [...PROMOS, ...UNITS, ...OWNERS], scope: 'problem', args: problemMove({ response: '已答复' }) },
  resolveProblem: { allowed: [...PROMOS, ...UNITS, ...OWNERS], scope: 'problem', args: problemMove({ note: '销号' }) },
  sendBackProblem: { allowed: [...PROMOS, ...UNITS, ...OWNERS], scope: 'problem', args: problemMove({ reason: '退回' }) },
  escalateProblem: { allowed: [...PROMOS, ...UNITS, ...OWNERS], scope: 'problem', args: problemMove({ reason: '升级' }) },
  assignProblem: { allowed: PROMOS, scope: 'problem', args: async (c) => ({ input: { id: c.s.problemId, version: await c.live.problem(c.s.problemId), deadline: addDays(today(), 30) } }) },
  attachProblemEvidence: { allowed: [...PROMOS, ...UNITS, ...OWNERS], scope: 'problem', args: (c) => ({ problemId: c.s.problemId, fileId: c.w.looseFileId }) },
  removeProblemEvidence: { allowed: [...PROMOS, ...UNITS, ...OWNERS], scope: 'problem', args: (c) => ({ problemId: c.s.problemId, fileId: c.s.problemFileId }) },
  createProject: { allowed: PROMOS, scope: 'platform', args: (c) => ({ input: projectInput(c) }) },
  updateProject: { allowed: PROMOS, scope: 'project', args: async (c) => ({ input: { id: c.s.projectId, version: await c.live.project(c.s.projectId), description: '审计修改' } }) },
  terminateProject: { allowed: PROMOS, scope: 'project', args: async (c) => ({ id: c.s.projectId, version: await c.live.project(c.s.projectId), reason: '审计终止' }) },
  freezeBaseline: { allowed: PROMOS, scope: 'project', args: async (c) => ({ projectId: c.s.projectId, version: await c.live.project(c.s.projectId) }) },
  resolveDuplicate: { allowed: PROMOS, scope: 'project', args: (c) => ({ projectId: c.s.projectId, status: 'DISMISSED' }) },
  reportActualInvestment: { allowed: [...PROMOS, ...OWNERS], scope: 'project', args: (c) => ({ projectId: c.s.projectId, date: today(), amount: 1000 }) },
  reportNode: { allowed: [...UNITS, ...OWNERS], scope: 'node', args: async (c) => ({ input: { ...(await node(c, foreignNode(c.s))), status: 'IN_PROGRESS' } }) },
  confirmNode: { allowed: UNITS, scope: 'node', args: (c) => node(c, foreignNode(c.s)) },
  rejectNodeReport: { allowed: UNITS, scope: 'node', args: async (c) => ({ ...(await node(c, foreignNode(c.s))), reason: '材料不全' }) },
  updateNodePlan: { allowed: PROMOS, scope: 'node', args: async (c) => ({ input: { ...(await node(c, foreignNode(c.s))), person: '审计' } }) },
  requestReplan: { allowed: [...PROMOS, ...UNITS, ...OWNERS], scope: 'node', args: (c) => ({ input: { nodeId: foreignNode(c.s), toDate: addDays(today(), 500), reason: '审计调整' } }) },
  decideReplan: {
    allowed: PROMOS,
    scope: 'node',
    args: (c) => ({ nodeId: c.s.replan?.nodeId ?? foreignNode(c.s), requestId: c.s.replan?.requestId ?? GHOST_ID, approve: true, note: '同意' }),
  },
  attachEvidence: { allowed: [...UNITS, ...OWNERS], scope: 'node', args: (c) => ({ nodeId: foreignNode(c.s), fileId: c.w.looseFileId }) },
  removeEvidence: { allowed: [...UNITS, ...OWNERS], scope: 'node', args: (c) => ({ nodeId: foreignNode(c.s), fileId: c.s.problemFileId }) },
  updateRaceConfig: { allowed: ADMIN, scope: 'none', args: () => ({ input: { version: 0, indicators: [], cap: 1.2, overdueNodeDays: 30, overdueNodePenalty: 0.1, recordPenalty: 0.2, quarterWeight: 0.8, yearEndWeight: 0.2 } }) },
  publishRaceQuarter: { allowed: ['admin', 'promo'], scope: 'none', args: () => ({ year: 2024, quarter: 1, kind: 'UNIT' }) },
  takeMonthEndSnapshot: { allowed: ADMIN, scope: 'none', args: () => ({ asOf: today() }) },
  updateSettings: { allowed: ADMIN, scope: 'none', args: () => ({ input: { dueSoonDays: 15 } }) },
  saveNodeTemplate: { allowed: ADMIN, scope: 'none', args: () => ({ input: { key: 'AUDIT_TEMPLATE', name: '审计模板', items: [] } }) },
};

/** Node operations a unit may only run on its own unit's nodes, even in projects it may read. */
export const UNIT_NODE_WRITES = new Set(['reportNode', 'confirmNode', 'rejectNodeReport', 'requestReplan', 'attachEvidence']);
