import { trusted } from 'mongoose';
import { oid, toPlain, type Plain } from '../../lib/records.js';
import { UserModel, type UserDoc } from './model.js';
import type { UserRecord } from './types.js';

export function toUserRecord(d: UserDoc): UserRecord {
  return userFromPlain(toPlain(d));
}

/** A user record from a decoded document (ids already hex strings): no hash, no login counters. */
export function userFromPlain(d: Plain<UserDoc>): UserRecord {
  return {
    id: d.id,
    username: d.username,
    displayName: d.displayName,
    role: d.role,
    unitId: d.unitId ?? null,
    platformId: d.platformId ?? null,
    phone: d.phone ?? null,
    email: d.email ?? null,
    active: d.active,
    createdAt: d.createdAt,
  };
}

export async function findUserForLogin(username: string): Promise<UserDoc | null> {
  return (await UserModel.findOne({ username: username.trim().toLowerCase() }).lean()) as UserDoc | null;
}

export async function findUserById(id: string): Promise<UserDoc | null> {
  return (await UserModel.findById(oid(id), { passwordHash: 0 }).lean()) as UserDoc | null;
}

/** Records a failed login atomically; returns the failure instants kept (the last 10). */
export async function recordFailedLogin(id: string, now: Date): Promise<Date[]> {
  const doc = (await UserModel.findOneAndUpdate(
    { _id: oid(id) },
    { $push: { failedLogins: { $each: [now], $slice: -10 } } },
    { returnDocument: 'after', projection: { failedLogins: 1 } },
  ).lean()) as Pick<UserDoc, 'failedLogins'> | null;
  return doc?.failedLogins ?? [];
}

export async function lockUser(id: string, until: Date): Promise<void> {
  await UserModel.updateOne({ _id: oid(id) }, { $set: { lockedUntil: until } });
}

export async function clearFailedLogins(id: string): Promise<void> {
  await UserModel.updateOne({ _id: oid(id) }, { $set: { failedLogins: [], lockedUntil: null } });
}

export async function usersOfUnits(unitIds: string[]): Promise<UserRecord[]> {
  if (!unitIds.length) return [];
  const docs = (await UserModel.find({ unitId: trusted({ $in: unitIds.map(oid) }), active: true }, { passwordHash: 0 }).lean()) as unknown as UserDoc[];
  return docs.map(toUserRecord);
}
