/**
 * The only mongoose user of the projects module: reads return plain records, writes take the
 * transaction they belong to.
 */
import { trusted, type Types } from 'mongoose';
import { oid, toPlain } from '../../lib/records.js';
import type { Tx } from '../../lib/tx.js';
import { NodeModel, ProjectModel, type NodeDoc, type ProjectDoc } from './model.js';
import type { NodeRecord, ProjectRecord } from './types.js';

export const toProject = (d: ProjectDoc) => toPlain(d) as ProjectRecord;
export const toNode = (d: NodeDoc) => toPlain(d) as NodeRecord;

export async function getProject(id: string, tx?: Tx): Promise<ProjectRecord | null> {
  const d = (await ProjectModel.findById(oid(id)).session(tx ?? null).lean()) as ProjectDoc | null;
  return d ? toProject(d) : null;
}

export async function getNode(id: string, tx?: Tx): Promise<NodeRecord | null> {
  const d = (await NodeModel.findById(oid(id)).session(tx ?? null).lean()) as NodeDoc | null;
  return d ? toNode(d) : null;
}

export async function nodesOf(projectId: string, tx?: Tx): Promise<NodeRecord[]> {
  const docs = (await NodeModel.find({ projectId: oid(projectId) }).sort({ order: 1 }).session(tx ?? null).lean()) as NodeDoc[];
  return docs.map(toNode);
}

export async function insertProject(doc: Omit<ProjectDoc, 'createdAt' | 'updatedAt'>, nodes: Omit<NodeDoc, 'createdAt' | 'updatedAt'>[], tx: Tx) {
  await ProjectModel.create([doc], { session: tx });
  if (nodes.length) await NodeModel.insertMany(nodes, { session: tx });
}

/**
 * Optimistic concurrency: the update applies only at the expected version (then bumps it).
 * Returns false when someone else changed the record first.
 */
export async function updateProjectAt(id: string, version: number, set: Record<string, unknown>, tx: Tx): Promise<boolean> {
  const r = await ProjectModel.updateOne({ _id: oid(id), version }, { $set: set, $inc: { version: 1 } }, { session: tx });
  return r.matchedCount === 1;
}

/**
 * Writes the node if it is still at `version`, and returns it as written (one round trip); null
 * when another write moved it first (the caller answers CONFLICT).
 */
export async function updateNodeAt(
  id: string,
  version: number,
  update: { $set?: Record<string, unknown>; $push?: Record<string, unknown>; $pull?: Record<string, unknown> },
  tx: Tx,
): Promise<NodeRecord | null> {
  const d = (await NodeModel.findOneAndUpdate({ _id: oid(id), version }, { ...update, $inc: { version: 1 } }, { session: tx, returnDocument: 'after' }).lean()) as NodeDoc | null;
  return d ? toNode(d) : null;
}

/**
 * Index-only fields of the project (see derive.ts), written with the node change that moved them.
 * They are not user edits, so the project's version stays: someone editing the project form is
 * not sent a CONFLICT because a node was reported meanwhile (concurrent transactions touching the
 * same project still conflict in the database and are retried).
 */
export async function setProjectIndexFields(id: string, fields: Record<string, unknown>, tx: Tx): Promise<void> {
  await ProjectModel.updateOne({ _id: oid(id) }, { $set: { ...fields, unitIds: (fields.unitIds as string[] | undefined)?.map(oid) } }, { session: tx });
}

export async function findByUscc(uscc: string, since: string, excludeId?: Types.ObjectId): Promise<ProjectRecord[]> {
  const q: Record<string, unknown> = { uscc, signedOn: trusted({ $gte: since }) };
  if (excludeId) q._id = trusted({ $ne: excludeId });
  const docs = (await ProjectModel.find(q, { name: 1, uscc: 1, signedOn: 1, code: 1 }).limit(20).lean()) as ProjectDoc[];
  return docs.map(toProject);
}

export async function codeExists(code: string): Promise<boolean> {
  return !!(await ProjectModel.exists({ code }));
}

/** Next 编号 of a year: SY2026-0001, from an atomic counter. */
export async function nextProjectCode(year: number, tx?: Tx): Promise<string> {
  const counters = ProjectModel.db.collection<{ _id: string; seq: number }>('counters');
  const r = await counters.findOneAndUpdate({ _id: `project-${year}` }, { $inc: { seq: 1 } }, { upsert: true, returnDocument: 'after', session: tx });
  return `SY${year}-${String(r!.seq).padStart(4, '0')}`;
}

/** Appends a 资金到位 report; the cumulative figure moves with it in the same write. */
export async function pushInvestmentReport(id: string, entry: { date: string; amount: number; at: Date; by: Types.ObjectId }, tx: Tx): Promise<void> {
  await ProjectModel.updateOne({ _id: oid(id) }, { $push: { investmentReports: entry }, $inc: { version: 1, actualInvestment: entry.amount } }, { session: tx });
}
