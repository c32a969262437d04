/**
 * Login with account lockout (5 failures in 15 minutes lock the account for 15 minutes) and a
 * per-IP rate limit kept in MongoDB, so every API instance enforces the same budget.
 */
import type { Connection } from 'mongoose';
import { RateLimiterMongo, RateLimiterRes } from 'rate-limiter-flexible';
import { GraphQLError } from 'graphql';
import { clearFailedLogins, findUserForLogin, lockUser, recordFailedLogin, toUserRecord } from '../modules/users/repository.js';
import { randomUUID } from 'node:crypto';
import { hashPassword, verifyPassword } from './passwords.js';
import type { UserRecord } from '../modules/users/types.js';

export const LOCKOUT_FAILURES = 5;
export const LOCKOUT_WINDOW_MS = 15 * 60_000;

let ipLimiter: RateLimiterMongo | null = null;

export function initLoginLimiter(connection: Connection, pointsPerMinute = 20): void {
  ipLimiter = new RateLimiterMongo({
    storeClient: connection,
    dbName: connection.db?.databaseName,
    tableName: 'loginRateLimits',
    keyPrefix: 'login',
    points: pointsPerMinute,
    duration: 60,
  });
}

export type LoginResult = { ok: true; user: UserRecord } | { ok: false; message: string };

const WRONG = '用户名或密码错误';

let dummy: Promise<string> | null = null;
const dummyHash = () => (dummy ??= hashPassword(randomUUID()));

export async function attemptLogin(username: string, password: string, ip: string, now = new Date()): Promise<LoginResult> {
  if (ipLimiter) {
    try {
      await ipLimiter.consume(ip || 'unknown');
    } catch (e) {
      if (e instanceof RateLimiterRes) {
        throw new GraphQLError(`登录尝试过于频繁，请${Math.ceil(e.msBeforeNext / 1000)}秒后再试`, {
          extensions: { code: 'RATE_LIMITED', http: { status: 429 } },
        });
      }
      throw e;
    }
  }
  const doc = await findUserForLogin(username);
  if (!doc) {
    // Same work and answer as a wrong password, so that usernames cannot be probed.
    await verifyPassword(await dummyHash(), password);
    return { ok: false, message: WRONG };
  }
  if (!doc.active) return { ok: false, message: '账号已停用，请联系管理员' };
  if (doc.lockedUntil && doc.lockedUntil > now) {
    const minutes = Math.ceil((doc.lockedUntil.getTime() - now.getTime()) / 60_000);
    return { ok: false, message: `连续登录失败次数过多，账号已锁定，请${minutes}分钟后再试` };
  }
  if (!(await verifyPassword(doc.passwordHash, password))) {
    const id = doc._id.toHexString();
    const failures = await recordFailedLogin(id, now);
    const recent = failures.filter((t) => now.getTime() - t.getTime() < LOCKOUT_WINDOW_MS).length;
    if (recent >= LOCKOUT_FAILURES) {
      await lockUser(id, new Date(now.getTime() + LOCKOUT_WINDOW_MS));
      return { ok: false, message: '连续登录失败次数过多，账号已锁定15分钟' };
    }
    return { ok: false, message: `${WRONG}（还可尝试${LOCKOUT_FAILURES - recent}次）` };
  }
  if (doc.failedLogins.length || doc.lockedUntil) await clearFailedLogins(doc._id.toHexString());
  return { ok: true, user: toUserRecord(doc) };
}
