/**
 * Checks a mutation stream against the database after a crash and restart, reading the raw
 * documents (not through the API): every acknowledged change present exactly once with exactly
 * one audit entry, every refused one absent, every unknown one either absent or present once
 * together with its audit entry, and each node's version and note consistent with the reports
 * that are there.
 */
import { MongoClient, ObjectId } from 'mongodb';
import { DEFAULT_DB_NAME } from '../../../api/src/db/connection.js';
import type { StreamRecord, TokenRecord } from './stream.js';

export interface Verification {
  ok: boolean;
  problems: string[];
  acked: number;
  /** Unknown-outcome mutations found committed (with their audit entry). */
  unknownCommitted: number;
  unknown: number;
}

export async function verifyStream(uri: string, rec: StreamRecord, dbName = DEFAULT_DB_NAME): Promise<Verification> {
  const client = new MongoClient(uri, { serverSelectionTimeoutMS: 10_000 });
  const problems: string[] = [];
  try {
    const db = client.db(dbName);
    const all = [...rec.acked, ...rec.refused, ...rec.unknown];
    const audits = await db
      .collection<{ requestId: string | null; action: string; targetId: ObjectId }>('audit')
      .find({ requestId: { $regex: `^${rec.prefix}-` } }, { projection: { requestId: 1, action: 1, targetId: 1 } })
      .toArray();
    const auditCount = new Map<string, number>();
    for (const a of audits) auditCount.set(a.requestId!, (auditCount.get(a.requestId!) ?? 0) + 1);
    const sent = new Set(all.map((t) => t.token));
    for (const id of auditCount.keys()) if (!sent.has(id)) problems.push(`audit entry ${id} for a mutation never sent`);

    const leadIds = [...new Set(rec.targets.filter((t) => t.kind === 'followUp').map((t) => t.id))];
    const leads = await db
      .collection<{ _id: ObjectId; followUps: { summary: string }[] }>('leads')
      .find({ _id: { $in: leadIds.map((id) => new ObjectId(id)) } }, { projection: { 'followUps.summary': 1 } })
      .toArray();
    const followUps = new Map<string, number>();
    for (const l of leads) for (const f of l.followUps ?? []) if (f.summary.startsWith(`${rec.prefix}-`)) followUps.set(f.summary, (followUps.get(f.summary) ?? 0) + 1);
    for (const s of followUps.keys()) if (!sent.has(s)) problems.push(`follow-up ${s} never sent`);

    const effect = (t: TokenRecord) => (t.kind === 'followUp' ? (followUps.get(t.token) ?? 0) : null);
    for (const t of rec.acked) {
      const a = auditCount.get(t.token) ?? 0;
      const e = effect(t);
      if (a !== 1) problems.push(`acknowledged ${t.token}: ${a} audit entries (want 1)`);
      if (e !== null && e !== 1) problems.push(`acknowledged ${t.token}: follow-up present ${e} times (want 1)`);
    }
    for (const t of rec.refused) {
      const a = auditCount.get(t.token) ?? 0;
      const e = effect(t) ?? 0;
      if (a || e) problems.push(`refused ${t.token} (${t.error}) is there: ${a} audit entries, ${e} follow-ups`);
    }
    let unknownCommitted = 0;
    for (const t of rec.unknown) {
      const a = auditCount.get(t.token) ?? 0;
      const e = effect(t);
      if (a > 1) problems.push(`unknown ${t.token}: ${a} audit entries`);
      if (e !== null && e !== a) problems.push(`unknown ${t.token}: ${e} follow-ups but ${a} audit entries (change and audit must commit together)`);
      if (a === 1) unknownCommitted++;
    }

    // Nodes: the version moved once per report that is there, and the note is the last one's.
    const nodeTargets = rec.targets.filter((t) => t.kind === 'nodeReport');
    const nodes = await db
      .collection<{ _id: ObjectId; version: number; notes: string | null }>('nodes')
      .find({ _id: { $in: nodeTargets.map((t) => new ObjectId(t.id)) } }, { projection: { version: 1, notes: 1 } })
      .toArray();
    for (const t of nodeTargets) {
      const node = nodes.find((n) => n._id.toHexString() === t.id);
      if (!node) {
        problems.push(`node ${t.id} is missing`);
        continue;
      }
      const present = all.filter((x) => x.targetId === t.id && auditCount.get(x.token)).sort((a, b) => a.seq - b.seq);
      if (node.version !== t.startVersion + present.length) {
        problems.push(`node ${t.id}: version ${node.version}, want ${t.startVersion} + ${present.length} reports with audit entries`);
      }
      const last = present[present.length - 1];
      if (last && node.notes !== last.token) problems.push(`node ${t.id}: note ${node.notes}, want the last report's ${last.token}`);
    }
    return { ok: problems.length === 0, problems, acked: rec.acked.length, unknownCommitted, unknown: rec.unknown.length };
  } finally {
    await client.close();
  }
}
