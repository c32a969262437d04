/**
 * The only mongoose user of the agreements module: plain records out, writes in the caller's
 * transaction guarded by the agreement's version.
 */
import { trusted } from 'mongoose';
import { isId, oid, toPlain } from '../../lib/records.js';
import type { Tx } from '../../lib/tx.js';
import { AgreementModel, type AgreementDoc } from './model.js';
import type { AgreementRecord } from './types.js';

export const toAgreement = (d: AgreementDoc) => toPlain(d) as AgreementRecord;

export async function getAgreement(id: string, tx?: Tx): Promise<AgreementRecord | null> {
  if (!isId(id)) return null;
  const d = (await AgreementModel.findById(oid(id)).session(tx ?? null).lean()) as AgreementDoc | null;
  return d ? toAgreement(d) : null;
}

/** Agreements of the given projects (or every agreement when `projectIds` is null), oldest first. */
export async function listAgreements(projectIds: string[] | null): Promise<AgreementRecord[]> {
  const filter = projectIds ? { projectId: trusted({ $in: projectIds.map(oid) }) } : {};
  const docs = (await AgreementModel.find(filter).sort({ _id: 1 }).lean()) as AgreementDoc[];
  return docs.map(toAgreement);
}

export async function insertAgreement(doc: Omit<AgreementDoc, 'createdAt' | 'updatedAt'>, tx: Tx): Promise<void> {
  await AgreementModel.create([doc], { session: tx });
}

/** Applies `set` at the expected version (and bumps it); false when someone changed it first. */
export async function updateAgreementAt(id: string, version: number, set: Record<string, unknown>, tx: Tx): Promise<boolean> {
  const r = await AgreementModel.updateOne({ _id: oid(id), version }, { $set: set, $inc: { version: 1 } }, { session: tx });
  return r.matchedCount === 1;
}

/** The project of the agreement holding this rectification (evidence downloads check it). */
export async function rectificationProjectId(rectificationId: string): Promise<string | null> {
  if (!isId(rectificationId)) return null;
  const d = (await AgreementModel.findOne({ 'rectifications._id': oid(rectificationId) }, { projectId: 1 }).lean()) as Pick<AgreementDoc, 'projectId'> | null;
  return d ? d.projectId.toHexString() : null;
}
