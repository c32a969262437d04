import { Checks } from '../../lib/checks.js';
import { DomainError, userError } from '../../graphql/errors.js';
import { oid, toPlain } from '../../lib/records.js';
import { inTransaction } from '../../lib/tx.js';
import { audit } from '../audit/service.js';
import type { Context } from '../../context.js';
import { ChainModel, LiaisonLeaderModel, PlatformModel, UnitModel } from './model.js';
import type { ChainRecord, LiaisonLeaderRecord, PlatformRecord, UnitRecord } from './types.js';

export async function listUnits(): Promise<UnitRecord[]> {
  return ((await UnitModel.find().sort({ kind: 1, name: 1, _id: 1 }).lean()) as never[]).map(toPlain) as UnitRecord[];
}
export async function listPlatforms(): Promise<PlatformRecord[]> {
  return ((await PlatformModel.find().sort({ kind: 1, name: 1, _id: 1 }).lean()) as never[]).map(toPlain) as PlatformRecord[];
}
export async function listChains(): Promise<ChainRecord[]> {
  return ((await ChainModel.find().sort({ code: 1 }).lean()) as never[]).map(toPlain) as ChainRecord[];
}
export async function listLiaisonLeaders(): Promise<LiaisonLeaderRecord[]> {
  return ((await LiaisonLeaderModel.find().sort({ name: 1, _id: 1 }).lean()) as never[]).map(toPlain) as LiaisonLeaderRecord[];
}

function duplicateName(e: unknown, label: string): never {
  if ((e as { code?: number }).code === 11000) throw new DomainError(userError('DUPLICATE', `${label}名称已存在`, 'input.name'));
  throw e;
}

/** Create or rename a reference record, audited. */
async function save<T extends { id?: string | null }>(
  ctx: Context,
  kind: string,
  label: string,
  model: typeof UnitModel | typeof PlatformModel | typeof LiaisonLeaderModel,
  input: T,
  fields: Record<string, unknown>,
) {
  try {
    return await inTransaction(async (tx) => {
      if (input.id) {
        const before = await (model as typeof UnitModel).findById(oid(input.id)).session(tx).lean();
        if (!before) throw new DomainError(userError('NOT_FOUND', `${label}不存在`, 'input.id'));
        const after = await (model as typeof UnitModel).findByIdAndUpdate(oid(input.id), { $set: fields }, { returnDocument: 'after', session: tx }).lean();
        await audit(ctx, tx, { action: `${kind}.update`, targetType: kind, targetId: input.id, before: toPlain(before), after: toPlain(after) });
        return toPlain(after!);
      }
      const [created] = await (model as typeof UnitModel).create([fields], { session: tx });
      const plain = toPlain(created.toObject());
      await audit(ctx, tx, { action: `${kind}.create`, targetType: kind, targetId: plain.id, after: plain });
      return plain;
    });
  } catch (e) {
    return duplicateName(e, label);
  }
}

export async function saveUnit(ctx: Context, input: { id?: string | null; name: string; kind: 'DEPARTMENT' | 'PLATFORM'; platformId?: string | null }) {
  const c = new Checks();
  const name = c.text('name', input.name, '单位名称', { required: true, max: 64 });
  c.id('id', input.id, '单位');
  c.id('platformId', input.platformId, '平台', { required: input.kind === 'PLATFORM' });
  c.throwIfAny();
  if (input.platformId && !(await PlatformModel.exists({ _id: oid(input.platformId) }))) {
    throw new DomainError(userError('NOT_FOUND', '平台不存在', 'input.platformId'));
  }
  return save(ctx, 'Unit', '单位', UnitModel, input, { name, kind: input.kind, platformId: input.platformId ? oid(input.platformId) : null }) as unknown as Promise<UnitRecord>;
}

export async function savePlatform(ctx: Context, input: { id?: string | null; name: string; kind: 'ZONE' | 'STREET' }) {
  const c = new Checks();
  const name = c.text('name', input.name, '平台名称', { required: true, max: 64 });
  c.id('id', input.id, '平台');
  c.throwIfAny();
  return save(ctx, 'Platform', '平台', PlatformModel, input, { name, kind: input.kind }) as unknown as Promise<PlatformRecord>;
}

export async function saveLiaisonLeader(ctx: Context, input: { id?: string | null; name: string; title: string; phone?: string | null }) {
  const c = new Checks();
  const name = c.text('name', input.name, '姓名', { required: true, max: 32 });
  const title = c.text('title', input.title, '职务', { required: true, max: 64 });
  const phone = c.text('phone', input.phone, '电话', { max: 32 });
  c.id('id', input.id, '包联领导');
  c.throwIfAny();
  return save(ctx, 'LiaisonLeader', '包联领导', LiaisonLeaderModel, input, { name, title, phone: phone ?? null }) as unknown as Promise<LiaisonLeaderRecord>;
}
