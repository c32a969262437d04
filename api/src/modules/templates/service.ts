import { trusted } from 'mongoose';
import { DomainError, userError } from '../../graphql/errors.js';
import { oid, toPlain } from '../../lib/records.js';
import { inTransaction } from '../../lib/tx.js';
import { validateTemplate, DEFAULT_TEMPLATES, type NodeTemplate } from '../../domain/templates.js';
import type { GateStage } from '../../domain/lifecycle.js';
import type { Context } from '../../context.js';
import { audit } from '../audit/service.js';
import { UnitModel } from '../org/model.js';
import { TemplateModel, type TemplateDoc } from './model.js';
import type { TemplateRecord } from './types.js';

const toRecord = (d: TemplateDoc) => toPlain(d) as TemplateRecord;

export async function listTemplates(includeInactive: boolean): Promise<TemplateRecord[]> {
  const docs = (await TemplateModel.find(includeInactive ? {} : { active: true }).sort({ key: 1, version: -1 }).lean()) as TemplateDoc[];
  return docs.map(toRecord);
}

/** The newest active version of a template. */
export async function activeTemplate(key: string): Promise<TemplateRecord | null> {
  const doc = (await TemplateModel.findOne({ key, active: true }).sort({ version: -1 }).lean()) as TemplateDoc | null;
  return doc ? toRecord(doc) : null;
}

/** The domain's view of a stored template, for validation and planning. */
export function toDomainTemplate(t: Pick<TemplateRecord, 'key' | 'name' | 'version' | 'items'>): NodeTemplate {
  return {
    code: t.key,
    name: t.name,
    version: t.version,
    nodes: t.items.map((i) => ({
      code: i.code,
      name: i.name,
      gate: (i.gate as GateStage | null) ?? null,
      offsetDays: i.offsetDays,
      isLandingGate: i.isLandingGate,
      defaultUnit: i.defaultUnitId ? { kind: 'UNIT', name: i.defaultUnitId } : { kind: 'PLATFORM' },
    })),
  };
}

/** Saves a new version; older versions stay for the projects created from them. */
export async function saveTemplate(
  ctx: Context,
  input: { key: string; name: string; items: { code: string; name: string; gate?: string | null; isLandingGate: boolean; offsetDays: number; defaultUnitId?: string | null }[] },
): Promise<TemplateRecord> {
  const latest = (await TemplateModel.findOne({ key: input.key }).sort({ version: -1 }).lean()) as TemplateDoc | null;
  const version = (latest?.version ?? 0) + 1;
  const items = input.items.map((i) => ({
    code: i.code.trim(),
    name: i.name.trim(),
    gate: i.gate ?? null,
    isLandingGate: i.isLandingGate,
    offsetDays: i.offsetDays,
    defaultUnitId: i.defaultUnitId ?? null,
  }));
  const check = validateTemplate(toDomainTemplate({ key: input.key, name: input.name, version, items }));
  if (!check.ok) throw new DomainError(check.errors.map((e) => userError('VALIDATION', e.message, e.field ? `input.${e.field}` : null)));
  const unitIds = [...new Set(items.map((i) => i.defaultUnitId).filter((u): u is string => !!u))];
  if (unitIds.some((u) => !/^[0-9a-f]{24}$/.test(u))) throw new DomainError(userError('NOT_FOUND', '默认责任单位不存在', 'input.items'));
  const found = await UnitModel.countDocuments({ _id: trusted({ $in: unitIds.map(oid) }) });
  if (found !== unitIds.length) throw new DomainError(userError('NOT_FOUND', '默认责任单位不存在', 'input.items'));
  return inTransaction(async (tx) => {
    await TemplateModel.updateMany({ key: input.key }, { $set: { active: false } }, { session: tx });
    const [doc] = await TemplateModel.create(
      [{ key: input.key, name: input.name.trim(), version, active: true, items: items.map((i) => ({ ...i, defaultUnitId: i.defaultUnitId ? oid(i.defaultUnitId) : null })) }],
      { session: tx },
    );
    const rec = toRecord(doc.toObject() as TemplateDoc);
    await audit(ctx, tx, { action: 'template.save', targetType: 'NodeTemplate', targetId: rec.id, after: { key: rec.key, version, items } });
    return rec;
  });
}

/** Installs the three default templates (version 1), resolving default units by name. */
export async function installDefaultTemplates(): Promise<void> {
  const units = (await UnitModel.find({}, { name: 1 }).lean()) as { _id: import('mongoose').Types.ObjectId; name: string }[];
  const byName = new Map(units.map((u) => [u.name, u._id]));
  for (const t of DEFAULT_TEMPLATES) {
    if (await TemplateModel.exists({ key: t.code })) continue;
    await TemplateModel.create({
      key: t.code,
      name: t.name,
      version: t.version,
      active: true,
      items: t.nodes.map((n) => ({
        code: n.code,
        name: n.name,
        gate: n.gate,
        isLandingGate: n.isLandingGate,
        offsetDays: n.offsetDays,
        defaultUnitId: n.defaultUnit.kind === 'UNIT' ? (byName.get(n.defaultUnit.name) ?? null) : null,
      })),
    });
  }
}
