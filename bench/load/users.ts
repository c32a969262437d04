/**
 * The people of the load test, added to a synthetic dataset (which has only the `synthetic`
 * PROMOTION login): district and platform PROMOTION staff, LEADERs, several UNIT staff per unit
 * and OWNERs who each own a few projects. Idempotent: users that exist are kept.
 *
 * All share one password; its argon2 hash is computed once (hashing ~300 times would add half
 * a minute to seeding for nothing a benchmark needs).
 */
import { trusted, Types } from 'mongoose';
import { hashPassword } from '../../api/src/auth/passwords.js';
import { UserModel, type Role } from '../../api/src/modules/users/model.js';
import { ProjectModel } from '../../api/src/modules/projects/model.js';
import type { Reference } from '../../seeds/factories.js';

export const LOAD_PASSWORD = 'Load@2026';

export interface LoadUserCounts {
  /** District-wide PROMOTION staff; one more per platform is added. */
  promotion: number;
  leaders: number;
  /** UNIT staff per unit. */
  unitStaffPerUnit: number;
  owners: number;
  projectsPerOwner: number;
}

export const DEFAULT_COUNTS: LoadUserCounts = { promotion: 4, leaders: 6, unitStaffPerUnit: 4, owners: 200, projectsPerOwner: 3 };

export interface LoadUser {
  username: string;
  role: Role;
}

interface NewUser {
  username: string;
  displayName: string;
  role: Role;
  unitId: Types.ObjectId | null;
  platformId: Types.ObjectId | null;
}

/**
 * Creates the users and gives each owner `projectsPerOwner` synthetic projects (codes
 * SYN000001…, spread over the whole dataset so owners see every stage). Returns every load user.
 */
export async function seedLoadUsers(ref: Reference, projectCount: number, counts: LoadUserCounts = DEFAULT_COUNTS): Promise<LoadUser[]> {
  const users: NewUser[] = [];
  const add = (username: string, displayName: string, role: Role, unitId: string | null = null, platformId: string | null = null) =>
    users.push({ username, displayName, role, unitId: unitId ? new Types.ObjectId(unitId) : null, platformId: platformId ? new Types.ObjectId(platformId) : null });

  for (let i = 0; i < counts.promotion; i++) add(`load_promo_${i}`, `招商${i}`, 'PROMOTION');
  [...ref.platforms.entries()].forEach(([name, id], i) => add(`load_promo_p${i}`, `${name}招商`, 'PROMOTION', null, id));
  for (let i = 0; i < counts.leaders; i++) add(`load_leader_${i}`, `领导${i}`, 'LEADER');
  [...ref.units.entries()].forEach(([name, id], u) => {
    for (let k = 0; k < counts.unitStaffPerUnit; k++) add(`load_unit_${u}_${k}`, `${name}${k}`, 'UNIT', id);
  });
  for (let i = 0; i < counts.owners; i++) add(`load_owner_${i}`, `业主${i}`, 'OWNER');

  const existing = new Set(((await UserModel.find({ username: trusted({ $in: users.map((u) => u.username) }) }, { username: 1 }).lean()) as { username: string }[]).map((u) => u.username));
  const missing = users.filter((u) => !existing.has(u.username));
  if (missing.length) {
    const passwordHash = await hashPassword(LOAD_PASSWORD);
    await UserModel.insertMany(missing.map((u) => ({ ...u, passwordHash, active: true, failedLogins: [] })));
  }

  const owners = (await UserModel.find({ role: 'OWNER', username: trusted({ $in: users.filter((u) => u.role === 'OWNER').map((u) => u.username) }) }, { _id: 1, username: 1 }).lean()) as {
    _id: Types.ObjectId;
    username: string;
  }[];
  const ownerIndex = (username: string) => Number(username.slice('load_owner_'.length));
  const ops = owners.flatMap((o) =>
    Array.from({ length: counts.projectsPerOwner }, (_, k) => {
      // Owner i gets projects i, i + stride, i + 2·stride: spread over signing dates and templates.
      const stride = Math.max(1, Math.floor(projectCount / counts.projectsPerOwner));
      const index = (ownerIndex(o.username) + k * stride) % projectCount;
      const code = `SYN${String(index + 1).padStart(6, '0')}`;
      return { updateOne: { filter: { code }, update: { $addToSet: { ownerUserIds: o._id } } } };
    }),
  );
  if (ops.length) await ProjectModel.collection.bulkWrite(ops, { ordered: false });
  return users.map((u) => ({ username: u.username, role: u.role }));
}
