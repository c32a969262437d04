import type { Resolvers } from '../../generated/graphql.js';
import { payload, userError } from '../../graphql/errors.js';
import { pageSize, requireRole, requireViewer } from '../../graphql/guards.js';
import { attemptLogin } from '../../auth/login.js';
import { destroySession, regenerateSession, saveSession } from '../../auth/session.js';
import { makeViewer } from '../../auth/viewer.js';
import { canAdminister, canWriteInstruction } from '../../auth/policy.js';
import { audit } from '../audit/service.js';
import { UnitModel } from '../org/model.js';
import * as users from './service.js';

export const userResolvers: Resolvers = {
  Query: {
    viewer: (_p, _a, ctx) => ctx.viewer,
    users: (_p, { role, text, first, after }, ctx) => {
      requireRole(ctx, 'ADMIN');
      return users.listUsers({ role, text }, pageSize(first, 50), after ?? null);
    },
    // Investment staff assign owner accounts to projects; they see no other users.
    ownerAccounts: (_p, { text, first }, ctx) => {
      requireRole(ctx, 'PROMOTION', 'ADMIN');
      return users.findOwnerAccounts(text, pageSize(first, 20));
    },
  },
  Mutation: {
    login: async (_p, { username, password }, ctx) => {
      const r = await attemptLogin(username, password, ctx.req.ip ?? '');
      if (!r.ok) return { viewer: null, errors: [userError('VALIDATION', r.message)] };
      await regenerateSession(ctx.req); // a fresh session id on login: no session fixation
      ctx.req.session.userId = r.user.id;
      await saveSession(ctx.req);
      let unitPlatformId: string | null = null;
      if (r.user.role === 'UNIT' && r.user.unitId) {
        const unit = (await UnitModel.findById(r.user.unitId, { platformId: 1 }).lean()) as { platformId?: { toHexString(): string } | null } | null;
        unitPlatformId = unit?.platformId?.toHexString() ?? null;
      }
      ctx.viewer = makeViewer(r.user, unitPlatformId);
      await audit(ctx, null, { action: 'user.login', targetType: 'User', targetId: r.user.id });
      return { viewer: ctx.viewer, errors: [] };
    },
    // Mutation fields run one after another: once signed out, the rest of the request runs
    // signed out too (a second `logout` answers false, a later mutation is refused).
    logout: async (_p, _a, ctx) => {
      if (!ctx.viewer || !ctx.req.session) return false;
      await destroySession(ctx.req);
      ctx.viewer = null;
      ctx.res.clearCookie('zs.sid');
      return true;
    },
    changePassword: (_p, { oldPassword, newPassword }, ctx) => {
      const v = requireViewer(ctx);
      return payload(async () => ({ user: await users.changePassword(ctx, v.userId, oldPassword, newPassword) }));
    },
    createUser: (_p, { input }, ctx) => (requireRole(ctx, 'ADMIN'), payload(async () => ({ user: await users.createUser(ctx, input) }))),
    updateUser: (_p, { input }, ctx) => (requireRole(ctx, 'ADMIN'), payload(async () => ({ user: await users.updateUser(ctx, input) }))),
  },
  Viewer: {
    user: (v) => v.user,
    can: (v) => ({
      createLead: v.role === 'PROMOTION',
      createProject: v.role === 'PROMOTION',
      viewAllProjects: v.role === 'LEADER' || v.role === 'ADMIN' || (v.role === 'PROMOTION' && v.platformId === null),
      writeInstruction: canWriteInstruction(v),
      administer: canAdminister(v),
      viewDashboard: v.role === 'LEADER' || v.role === 'ADMIN' || v.role === 'PROMOTION',
      viewMetrics: v.role !== 'OWNER',
    }),
  },
  User: {
    unit: (u, _a, ctx) => (u.unitId ? ctx.loaders.unit.load(u.unitId) : null),
    platform: (u, _a, ctx) => (u.platformId ? ctx.loaders.platform.load(u.platformId) : null),
    // Contact details of other users are for internal staff only.
    phone: (u, _a, ctx) => (ctx.viewer && (ctx.viewer.role !== 'OWNER' || ctx.viewer.userId === u.id) ? u.phone : null),
    email: (u, _a, ctx) => (ctx.viewer && (ctx.viewer.role !== 'OWNER' || ctx.viewer.userId === u.id) ? u.email : null),
  },
};
