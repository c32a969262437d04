import { trusted } from 'mongoose';
import { oid } from '../../lib/records.js';
import { toPlain } from '../../lib/records.js';
import type { Tx } from '../../lib/tx.js';
import type { Context } from '../../context.js';
import { AuditModel, type AuditDoc } from './model.js';
import type { AuditRecord } from './types.js';

export interface AuditInput {
  action: string;
  targetType: string;
  targetId: string;
  projectId?: string | null;
  before?: unknown;
  after?: unknown;
}

/** Only the fields that changed, on both sides. */
export function diff(before: Record<string, unknown>, after: Record<string, unknown>): { before: Record<string, unknown>; after: Record<string, unknown> } {
  const b: Record<string, unknown> = {};
  const a: Record<string, unknown> = {};
  for (const k of new Set([...Object.keys(before), ...Object.keys(after)])) {
    if (JSON.stringify(before[k]) !== JSON.stringify(after[k])) {
      b[k] = before[k] ?? null;
      a[k] = after[k] ?? null;
    }
  }
  return { before: b, after: a };
}

export async function audit(ctx: Pick<Context, 'viewer' | 'requestId'>, tx: Tx | null, e: AuditInput): Promise<void> {
  const doc = {
    at: new Date(),
    actorId: ctx.viewer ? oid(ctx.viewer.userId) : null,
    actorRole: ctx.viewer?.role ?? null,
    action: e.action,
    targetType: e.targetType,
    targetId: oid(e.targetId),
    projectId: e.projectId ? oid(e.projectId) : null,
    before: e.before === undefined ? null : JSON.parse(JSON.stringify(e.before)),
    after: e.after === undefined ? null : JSON.parse(JSON.stringify(e.after)),
    requestId: ctx.requestId || null,
  };
  await AuditModel.create([doc], tx ? { session: tx } : {});
}

/** A project's history, newest first, paged by (at, _id). */
export async function projectHistory(projectId: string, first: number, after: string | null): Promise<{ nodes: AuditRecord[]; hasNextPage: boolean; endCursor: string | null }> {
  const filter: Record<string, unknown> = { projectId: oid(projectId) };
  if (after) {
    const [at, id] = Buffer.from(after, 'base64url').toString().split('|');
    if (at && id && /^[0-9a-f]{24}$/.test(id)) {
      const atDate = new Date(Number(at));
      filter.$or = [{ at: trusted({ $lt: atDate }) }, { at: atDate, _id: trusted({ $lt: oid(id) }) }];
    }
  }
  const docs = (await AuditModel.find(filter).sort({ at: -1, _id: -1 }).limit(first + 1).lean()) as AuditDoc[];
  const page = docs.slice(0, first);
  const last = page[page.length - 1];
  return {
    nodes: page.map((d) => toPlain(d)),
    hasNextPage: docs.length > first,
    endCursor: last ? Buffer.from(`${last.at.getTime()}|${last._id.toHexString()}`).toString('base64url') : null,
  };
}
