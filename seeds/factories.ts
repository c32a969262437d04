/**
 * Factories shared by the seed scripts and the tests. Reference data and users are written
 * directly; projects are signed through the same service a GraphQL request uses; past progress
 * (nodes done on past dates) is written as recorded history, with the project's index fields
 * re-derived by the same function the services use.
 */
import { Types } from 'mongoose';
import { hashPassword } from '../api/src/auth/passwords.js';
import { UserModel, type Role, type UserDoc } from '../api/src/modules/users/model.js';
import { toUserRecord } from '../api/src/modules/users/repository.js';
import type { UserRecord } from '../api/src/modules/users/types.js';
import { ChainModel, LiaisonLeaderModel, PlatformModel, UnitModel } from '../api/src/modules/org/model.js';
import { installDefaultTemplates } from '../api/src/modules/templates/service.js';
import { INDUSTRY_CHAINS } from '../api/src/domain/industry.js';
import { NodeModel, ProjectModel } from '../api/src/modules/projects/model.js';
import { nodesOf, getProject } from '../api/src/modules/projects/repository.js';
import { projectIndexFields } from '../api/src/modules/projects/derive.js';
import { loadSettings } from '../api/src/modules/settings/service.js';
import { createProject, type CreateProjectInput } from '../api/src/modules/projects/service.js';
import type { ProjectRecord } from '../api/src/modules/projects/types.js';
import { serviceContext } from './context.js';

export const PLATFORMS = [
  { name: '杭州湾上虞经济技术开发区', short: '杭州湾经开区', kind: 'ZONE' as const, lng: 120.85, lat: 30.12 },
  { name: '曹娥江经济开发区', short: '曹娥江经开区', kind: 'ZONE' as const, lng: 120.93, lat: 30.03 },
  { name: '百官街道', short: '百官街道', kind: 'STREET' as const, lng: 120.87, lat: 30.03 },
  { name: '曹娥街道', short: '曹娥街道', kind: 'STREET' as const, lng: 120.85, lat: 30.0 },
  { name: '东关街道', short: '东关街道', kind: 'STREET' as const, lng: 120.8, lat: 30.04 },
  { name: '道墟街道', short: '道墟街道', kind: 'STREET' as const, lng: 120.76, lat: 30.06 },
  { name: '章镇镇', short: '章镇镇', kind: 'STREET' as const, lng: 120.84, lat: 29.88 },
  { name: '丰惠镇', short: '丰惠镇', kind: 'STREET' as const, lng: 120.98, lat: 29.97 },
];

export const DEPARTMENTS = [
  '区投资促进中心',
  '区发改局',
  '区经信局',
  '区自然资源和规划分局',
  '区生态环境分局',
  '区住建局',
  '区市场监管局',
  '区商务局',
];

export const LIAISON_LEADERS = [
  { name: '陈建国', title: '区委副书记' },
  { name: '王海峰', title: '副区长' },
  { name: '李晓燕', title: '副区长' },
  { name: '周明', title: '区政协副主席' },
];

export interface Reference {
  platforms: Map<string, string>;
  units: Map<string, string>;
  platformUnits: Map<string, string>;
  chains: Map<string, string>;
  leaders: string[];
}

/** Platforms, units (departments and one per platform), chains, leaders, the default templates. */
export async function seedReference(): Promise<Reference> {
  const platforms = new Map<string, string>();
  const units = new Map<string, string>();
  const platformUnits = new Map<string, string>();
  for (const p of PLATFORMS) {
    const doc = await PlatformModel.findOneAndUpdate({ name: p.short }, { $setOnInsert: { name: p.short, kind: p.kind } }, { upsert: true, returnDocument: 'after' }).lean();
    platforms.set(p.short, doc!._id.toHexString());
    const unit = await UnitModel.findOneAndUpdate(
      { name: `${p.short}管委会` },
      { $setOnInsert: { name: `${p.short}管委会`, kind: 'PLATFORM', platformId: doc!._id } },
      { upsert: true, returnDocument: 'after' },
    ).lean();
    platformUnits.set(p.short, unit!._id.toHexString());
    units.set(`${p.short}管委会`, unit!._id.toHexString());
  }
  for (const name of DEPARTMENTS) {
    const doc = await UnitModel.findOneAndUpdate({ name }, { $setOnInsert: { name, kind: 'DEPARTMENT' } }, { upsert: true, returnDocument: 'after' }).lean();
    units.set(name, doc!._id.toHexString());
  }
  const chains = new Map<string, string>();
  for (const c of INDUSTRY_CHAINS) {
    const doc = await ChainModel.findOneAndUpdate({ code: c.code }, { $setOnInsert: { code: c.code, name: c.name } }, { upsert: true, returnDocument: 'after' }).lean();
    chains.set(c.code, doc!._id.toHexString());
  }
  const leaders: string[] = [];
  for (const l of LIAISON_LEADERS) {
    const doc = await LiaisonLeaderModel.findOneAndUpdate({ name: l.name }, { $setOnInsert: l }, { upsert: true, returnDocument: 'after' }).lean();
    leaders.push(doc!._id.toHexString());
  }
  await installDefaultTemplates();
  return { platforms, units, platformUnits, chains, leaders };
}

export async function createUser(u: {
  username: string;
  displayName: string;
  password: string;
  role: Role;
  unitId?: string | null;
  platformId?: string | null;
  phone?: string | null;
}): Promise<UserRecord> {
  const existing = (await UserModel.findOne({ username: u.username }).lean()) as UserDoc | null;
  if (existing) return toUserRecord(existing);
  const [doc] = await UserModel.create([
    {
      username: u.username,
      displayName: u.displayName,
      passwordHash: await hashPassword(u.password),
      role: u.role,
      unitId: u.unitId ? new Types.ObjectId(u.unitId) : null,
      platformId: u.platformId ? new Types.ObjectId(u.platformId) : null,
      phone: u.phone ?? null,
    },
  ]);
  return toUserRecord(doc.toObject() as UserDoc);
}

/**
 * Signs a project through the project service, acting as `actor` (a PROMOTION user). Seeds write
 * history: the signing counts as recorded and confirmed on its own date, as if entered on the day
 * (metrics as of a past month-end then see it, and the node does not say it was confirmed today).
 */
export async function signProject(actor: UserRecord, input: CreateProjectInput): Promise<ProjectRecord> {
  const project = await createProject(serviceContext(actor), input);
  await NodeModel.updateOne({ projectId: new Types.ObjectId(project.id), code: 'SIGN' }, { $set: { doneRecordedOn: input.signedOn, confirmedAt: new Date(`${input.signedOn}T10:00:00+08:00`) } });
  await ProjectModel.updateOne({ _id: new Types.ObjectId(project.id), 'gates.code': 'SIGN' }, { $set: { 'gates.$.recordedOn': input.signedOn } });
  return (await getProject(project.id))!;
}

/**
 * Records past progress: each listed node DONE on its date (confirmed by `by`, and recorded on
 * that same day, as history), and optionally
 * planned dates moved, then re-derives the project's index fields.
 */
export async function recordProgress(
  projectId: string,
  done: { code: string; actualDate: string }[],
  by: string,
  opts: { planned?: Record<string, string>; inProgress?: string[] } = {},
): Promise<ProjectRecord> {
  const pid = new Types.ObjectId(projectId);
  for (const d of done) {
    await NodeModel.updateOne(
      { projectId: pid, code: d.code },
      { $set: { status: 'DONE', actualDate: d.actualDate, closedOn: d.actualDate, doneRecordedOn: d.actualDate, confirmedBy: new Types.ObjectId(by), confirmedAt: new Date(`${d.actualDate}T10:00:00+08:00`) }, $inc: { version: 1 } },
    );
  }
  for (const [code, plannedDate] of Object.entries(opts.planned ?? {})) {
    await NodeModel.updateOne({ projectId: pid, code }, { $set: { plannedDate }, $inc: { version: 1 } });
  }
  for (const code of opts.inProgress ?? []) {
    await NodeModel.updateOne({ projectId: pid, code, status: 'PENDING' }, { $set: { status: 'IN_PROGRESS' }, $inc: { version: 1 } });
  }
  const project = (await getProject(projectId))!;
  const f = projectIndexFields(project, await nodesOf(projectId), await loadSettings());
  await ProjectModel.updateOne({ _id: pid }, { $set: { gates: f.gates, stage: f.stage, unitIds: f.unitIds.map((u) => new Types.ObjectId(u)), openDue: f.openDue }, $inc: { version: 1 } });
  return (await getProject(projectId))!;
}

/** A valid USCC (GB 32100-2015) built from a number: 91 + Shaoxing Shangyu region + org code. */
export { makeUscc } from './uscc.js';
