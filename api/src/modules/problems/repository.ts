/**
 * The only mongoose user of the problems module: reads return plain records, writes take the
 * transaction they belong to and check the expected version (optimistic concurrency).
 */
import { oid, toPlain } from '../../lib/records.js';
import type { Tx } from '../../lib/tx.js';
import { ProblemModel, type ProblemDoc, type TimelineDoc } from './model.js';
import type { ProblemRecord } from './types.js';

export const toProblem = (d: ProblemDoc) => toPlain(d) as ProblemRecord;

export async function getProblem(id: string, tx?: Tx | null): Promise<ProblemRecord | null> {
  const d = (await ProblemModel.findById(oid(id)).session(tx ?? null).lean()) as ProblemDoc | null;
  return d ? toProblem(d) : null;
}

export async function insertProblem(doc: Omit<ProblemDoc, 'createdAt' | 'updatedAt'>, tx: Tx): Promise<void> {
  await ProblemModel.create([doc], { session: tx });
}

export interface ProblemUpdate {
  $set?: Record<string, unknown>;
  $push?: Record<string, unknown>;
  $pull?: Record<string, unknown>;
}

/** Applies the update only at the expected version and bumps it; false when someone was first. */
export async function updateProblemAt(id: string, version: number, update: ProblemUpdate, tx: Tx): Promise<boolean> {
  const r = await ProblemModel.updateOne({ _id: oid(id), version }, { ...update, $inc: { version: 1 } }, { session: tx });
  return r.matchedCount === 1;
}

/** Appends a timeline step that changes nothing a concurrent editor could lose (a 批示). */
export async function appendTimeline(id: string, entry: Omit<TimelineDoc, '_id'>, tx: Tx): Promise<void> {
  await ProblemModel.updateOne({ _id: oid(id) }, { $push: { timeline: entry } }, { session: tx });
}

