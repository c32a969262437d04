/**
 * In-app notifications: written by the changes that cause them (inside their transaction) and
 * by the jobs; read and marked read by their recipient only. Lists page newest first by
 * (createdAt, _id) keyset, never by skip.
 */
import { trusted, Types } from 'mongoose';
import { isId, oid, toPlain } from '../../lib/records.js';
import type { Tx } from '../../lib/tx.js';
import { badInput } from '../../graphql/errors.js';
import { UserModel } from '../users/model.js';
import { NotificationModel, type NotificationDoc, type NotificationKind } from './model.js';
import type { NotificationRecord } from './types.js';

export interface NotificationMessage {
  kind: NotificationKind;
  title: string;
  body: string;
  projectId?: string | null;
  problemId?: string | null;
  nodeId?: string | null;
}

const clip = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

/**
 * Notifies each user once. `key(userId)` makes the write idempotent (a reminder for a day);
 * by default the key is unique to this call. Returns how many notifications were new.
 */
export async function notifyUsers(
  tx: Tx | null,
  userIds: Iterable<string>,
  m: NotificationMessage,
  opts: { key?: (userId: string) => string; at?: Date } = {},
): Promise<number> {
  const event = new Types.ObjectId().toHexString();
  const list = [...new Set(userIds)].map((userId) => ({ userId, key: opts.key ? opts.key(userId) : `${m.kind}:${event}:${userId}`, message: m }));
  return notifyEach(tx, list, opts.at);
}

/** Writes different messages to different users in one round trip, each under its own key. */
export async function notifyEach(tx: Tx | null, list: { userId: string; key: string; message: NotificationMessage }[], at = new Date()): Promise<number> {
  const ops = list
    .filter((n) => isId(n.userId))
    .map(({ userId, key, message: m }) => {
      const doc: NotificationDoc = {
        _id: new Types.ObjectId(),
        userId: oid(userId),
        kind: m.kind,
        title: clip(m.title, 200),
        body: clip(m.body, 4000),
        projectId: m.projectId ? oid(m.projectId) : null,
        problemId: m.problemId ? oid(m.problemId) : null,
        nodeId: m.nodeId ? oid(m.nodeId) : null,
        key,
        readAt: null,
        createdAt: at,
      };
      return { updateOne: { filter: { key }, update: { $setOnInsert: doc }, upsert: true } };
    });
  if (!ops.length) return 0;
  const r = await NotificationModel.collection.bulkWrite(ops, { ordered: false, session: tx ?? undefined });
  return r.upsertedCount;
}

/** Active staff of these units (UNIT users, and any PROMOTION user attached to a unit). */
export async function usersOfUnits(unitIds: Iterable<string>, tx?: Tx | null): Promise<string[]> {
  const ids = [...new Set(unitIds)].filter(isId);
  if (!ids.length) return [];
  const docs = (await UserModel.find({ unitId: trusted({ $in: ids.map(oid) }), active: true, role: trusted({ $in: ['UNIT', 'PROMOTION'] }) }, { _id: 1 })
    .session(tx ?? null)
    .lean()) as { _id: Types.ObjectId }[];
  return docs.map((d) => d._id.toHexString());
}

/** Users by role (e.g. every LEADER), active only. */
export async function usersWithRole(role: 'LEADER' | 'ADMIN' | 'PROMOTION', tx?: Tx | null): Promise<string[]> {
  const docs = (await UserModel.find({ role, active: true }, { _id: 1 }).session(tx ?? null).lean()) as { _id: Types.ObjectId }[];
  return docs.map((d) => d._id.toHexString());
}

/** The given users that are still active (owners, raisers). */
export async function activeUsers(userIds: Iterable<string>, tx?: Tx | null): Promise<string[]> {
  const ids = [...new Set(userIds)].filter(isId);
  if (!ids.length) return [];
  const docs = (await UserModel.find({ _id: trusted({ $in: ids.map(oid) }), active: true }, { _id: 1 }).session(tx ?? null).lean()) as { _id: Types.ObjectId }[];
  return docs.map((d) => d._id.toHexString());
}

const toRecord = (d: NotificationDoc) => toPlain(d) as NotificationRecord;

function encodeCursor(n: NotificationRecord): string {
  return Buffer.from(`${n.createdAt.getTime()}|${n.id}`).toString('base64url');
}
function decodeCursor(cursor: string): { at: Date; id: string } {
  const [at, id] = Buffer.from(cursor, 'base64url').toString().split('|');
  const ms = Number(at);
  if (!isId(id) || !Number.isFinite(ms)) throw badInput('分页游标无效', 'after');
  return { at: new Date(ms), id };
}

export async function listNotifications(userId: string, unreadOnly: boolean, first: number, after: string | null) {
  const base: Record<string, unknown> = { userId: oid(userId) };
  if (unreadOnly) base.readAt = null;
  const page: Record<string, unknown> = { ...base };
  if (after) {
    const c = decodeCursor(after);
    page.$or = [{ createdAt: trusted({ $lt: c.at }) }, { createdAt: c.at, _id: trusted({ $lt: oid(c.id) }) }];
  }
  const docs = (await NotificationModel.find(page).sort({ createdAt: -1, _id: -1 }).limit(first + 1).lean()) as NotificationDoc[];
  const nodes = docs.slice(0, first).map(toRecord);
  const last = nodes[nodes.length - 1];
  return {
    nodes,
    edges: nodes.map((node) => ({ node, cursor: encodeCursor(node) })),
    pageInfo: { hasNextPage: docs.length > first, endCursor: last ? encodeCursor(last) : null },
    totalCount: () => NotificationModel.countDocuments(base).exec(),
  };
}

export function unreadCount(userId: string): Promise<number> {
  return NotificationModel.countDocuments({ userId: oid(userId), readAt: null }).exec();
}

/** Marks the user's own notifications read (ids of others are ignored); returns how many changed. */
export async function markRead(userId: string, ids: string[] | null): Promise<number> {
  const filter: Record<string, unknown> = { userId: oid(userId), readAt: null };
  if (ids) {
    const valid = [...new Set(ids)].filter(isId);
    if (!valid.length) return 0;
    filter._id = trusted({ $in: valid.map(oid) });
  }
  const r = await NotificationModel.updateMany(filter, { $set: { readAt: new Date() } });
  return r.modifiedCount;
}
