import { trusted } from 'mongoose';
import { Checks } from '../../lib/checks.js';
import { DomainError, userError } from '../../graphql/errors.js';
import { isId, oid } from '../../lib/records.js';
import { searchRegex } from '../../lib/search.js';
import { inTransaction, type Tx } from '../../lib/tx.js';
import { audit, diff } from '../audit/service.js';
import { hashPassword, passwordProblem, verifyPassword } from '../../auth/passwords.js';
import type { Context } from '../../context.js';
import { PlatformModel, UnitModel } from '../org/model.js';
import { UserModel, type Role, type UserDoc } from './model.js';
import { toUserRecord } from './repository.js';
import type { UserRecord } from './types.js';

async function checkScope(c: Checks, role: Role, unitId: string | null | undefined, platformId: string | null | undefined) {
  if (role === 'UNIT' && !unitId) c.add('unitId', '责任单位人员须指定所属单位');
  if (unitId && !(await UnitModel.exists({ _id: oid(unitId) }))) c.add('unitId', '单位不存在', 'NOT_FOUND');
  if (platformId && !(await PlatformModel.exists({ _id: oid(platformId) }))) c.add('platformId', '平台不存在', 'NOT_FOUND');
}

export async function createUser(
  ctx: Context,
  input: { username: string; displayName: string; password: string; role: Role; unitId?: string | null; platformId?: string | null; phone?: string | null; email?: string | null },
): Promise<UserRecord> {
  const c = new Checks();
  const username = c.text('username', input.username, '用户名', { required: true, max: 64 });
  if (username && !/^[a-z0-9_.-]{3,64}$/i.test(username)) c.add('username', '用户名只能包含字母、数字、下划线、点和横线，至少3位');
  const displayName = c.text('displayName', input.displayName, '姓名', { required: true, max: 64 });
  const pw = passwordProblem(input.password);
  if (pw) c.add('password', pw);
  const phone = c.text('phone', input.phone, '电话', { max: 32 });
  c.id('unitId', input.unitId, '单位');
  c.id('platformId', input.platformId, '平台');
  c.throwIfAny();
  await checkScope(c, input.role, input.unitId, input.platformId);
  c.throwIfAny();
  const passwordHash = await hashPassword(input.password);
  try {
    return await inTransaction(async (tx) => {
      const [doc] = await UserModel.create(
        [
          {
            username: username!.toLowerCase(),
            displayName: displayName!,
            passwordHash,
            role: input.role,
            unitId: input.unitId ? oid(input.unitId) : null,
            platformId: input.platformId ? oid(input.platformId) : null,
            phone: phone ?? null,
            email: input.email ?? null,
          },
        ],
        { session: tx },
      );
      const rec = toUserRecord(doc.toObject() as UserDoc);
      await audit(ctx, tx, { action: 'user.create', targetType: 'User', targetId: rec.id, after: rec });
      return rec;
    });
  } catch (e) {
    if ((e as { code?: number }).code === 11000) throw new DomainError(userError('DUPLICATE', '用户名已存在', 'input.username'));
    throw e;
  }
}

export async function updateUser(
  ctx: Context,
  input: { id: string; displayName?: string | null; role?: Role | null; unitId?: string | null; platformId?: string | null; phone?: string | null; email?: string | null; active?: boolean | null; password?: string | null },
): Promise<UserRecord> {
  const c = new Checks();
  c.id('id', input.id, '用户', { required: true });
  const set: Record<string, unknown> = {};
  if (input.displayName != null) set.displayName = c.text('displayName', input.displayName, '姓名', { required: true, max: 64 });
  if (input.role != null) set.role = input.role;
  // c.id reports a malformed id but hands it back: convert only well-formed ones (the checks throw below).
  if (input.unitId !== undefined) set.unitId = isId(c.id('unitId', input.unitId, '单位')) ? oid(input.unitId!) : null;
  if (input.platformId !== undefined) set.platformId = isId(c.id('platformId', input.platformId, '平台')) ? oid(input.platformId!) : null;
  if (input.phone !== undefined) set.phone = c.text('phone', input.phone, '电话', { max: 32 }) ?? null;
  if (input.email !== undefined) set.email = input.email;
  if (input.active != null) {
    if (input.id === ctx.viewer?.userId && !input.active) c.add('active', '不能停用自己的账号');
    set.active = input.active;
  }
  if (input.password != null) {
    const pw = passwordProblem(input.password);
    if (pw) c.add('password', pw);
  }
  c.throwIfAny();
  const current = (await UserModel.findById(oid(input.id), { passwordHash: 0 }).lean()) as UserDoc | null;
  if (!current) throw new DomainError(userError('NOT_FOUND', '用户不存在', 'input.id'));
  const role = (set.role as Role | undefined) ?? current.role;
  await checkScope(
    c,
    role,
    set.unitId === undefined ? current.unitId?.toHexString() : (set.unitId as { toHexString(): string } | null)?.toHexString(),
    input.platformId,
  );
  c.throwIfAny();
  if (input.password != null) {
    set.passwordHash = await hashPassword(input.password);
    set.failedLogins = [];
    set.lockedUntil = null;
  }
  return inTransaction(async (tx) => {
    const after = (await UserModel.findByIdAndUpdate(oid(input.id), { $set: set }, { returnDocument: 'after', session: tx, projection: { passwordHash: 0 } }).lean()) as UserDoc;
    const b = toUserRecord(current);
    const a = toUserRecord(after);
    const d = diff(b as never, a as never);
    if (input.password != null) d.after.password = '(已重置)';
    await audit(ctx, tx, { action: 'user.update', targetType: 'User', targetId: input.id, ...d });
    if (set.active === false || set.role !== undefined || input.password != null) {
      // Sign the user out everywhere: their sessions no longer match their rights.
      await endSessions(input.id, tx);
    }
    return a;
  });
}

/**
 * Deletes the user's stored sessions (connect-mongo keeps the session JSON in `session` and the
 * session id as `_id`), except `keep`. `userId` is a validated ObjectId hex, safe in the pattern.
 */
async function endSessions(userId: string, tx: Tx, keep?: string): Promise<void> {
  const filter: Record<string, unknown> = { session: trusted({ $regex: `"userId":"${userId}"` }) };
  if (keep) filter._id = trusted({ $ne: keep });
  await UserModel.db.collection('sessions').deleteMany(filter, { session: tx });
}

export async function changePassword(ctx: Context, userId: string, oldPassword: string, newPassword: string): Promise<UserRecord> {
  const doc = (await UserModel.findById(oid(userId)).lean()) as UserDoc | null;
  if (!doc) throw new DomainError(userError('NOT_FOUND', '用户不存在'));
  if (!(await verifyPassword(doc.passwordHash, oldPassword))) throw new DomainError(userError('VALIDATION', '原密码不正确', 'oldPassword'));
  const pw = passwordProblem(newPassword);
  if (pw) throw new DomainError(userError('VALIDATION', pw, 'newPassword'));
  const passwordHash = await hashPassword(newPassword);
  return inTransaction(async (tx) => {
    await UserModel.updateOne({ _id: doc._id }, { $set: { passwordHash } }, { session: tx });
    // Every other session of the user ends: whoever knew the old password is signed out too.
    await endSessions(userId, tx, ctx.req.sessionID);
    await audit(ctx, tx, { action: 'user.changePassword', targetType: 'User', targetId: userId });
    return toUserRecord(doc);
  });
}

/** Active OWNER accounts whose 账号 or 姓名 contains `text`, by 姓名; empty text finds none. */
export async function findOwnerAccounts(text: string, first: number) {
  const re = searchRegex(text);
  if (!re) return [];
  const docs = (await UserModel.find(
    { role: 'OWNER', active: true, $or: [{ username: trusted({ $regex: re }) }, { displayName: trusted({ $regex: re }) }] },
    { passwordHash: 0, failedLogins: 0 },
  )
    .sort({ displayName: 1, _id: 1 })
    .limit(first)
    .lean()) as unknown as UserDoc[];
  return docs.map(toUserRecord);
}

export async function listUsers(filter: { role?: Role | null; text?: string | null }, first: number, after: string | null) {
  const q: Record<string, unknown> = {};
  if (filter.role) q.role = filter.role;
  const re = searchRegex(filter.text);
  if (re) q.$or = [{ username: trusted({ $regex: re }) }, { displayName: trusted({ $regex: re }) }];
  const page = { ...q };
  if (after && /^[0-9a-f]{24}$/.test(after)) page._id = trusted({ $gt: oid(after) });
  const [docs, totalCount] = await Promise.all([
    UserModel.find(page, { passwordHash: 0, failedLogins: 0 }).sort({ _id: 1 }).limit(first + 1).lean() as unknown as Promise<UserDoc[]>,
    UserModel.countDocuments(q),
  ]);
  const nodes = docs.slice(0, first).map(toUserRecord);
  return { nodes, totalCount, pageInfo: { hasNextPage: docs.length > first, endCursor: nodes.length ? nodes[nodes.length - 1].id : null } };
}
