/**
 * Who hears about a step of a 督办 problem, and what they read. Written in the step's
 * transaction: in-app notifications to the people who must act next, and the units' (and, for
 * escalations, the district's) robot groups through the webhook outbox. The actor is never
 * notified of their own step.
 */
import type { Tx } from '../../lib/tx.js';
import { PROBLEM_CATEGORIES } from '../../domain/problems.js';
import { LiaisonLeaderModel, UnitModel } from '../org/model.js';
import { oid } from '../../lib/records.js';
import { activeUsers, notifyUsers, usersOfUnits, usersWithRole } from '../notifications/service.js';
import { enqueueWebhooks } from '../notifications/webhooks/outbox.js';
import type { NotificationKind } from '../notifications/model.js';
import type { ProjectRecord } from '../projects/types.js';
import type { ProblemRecord } from './types.js';

export type ProblemEvent = 'RAISED' | 'ACCEPTED' | 'RESPONDED' | 'RESOLVED' | 'SENT_BACK' | 'ESCALATED' | 'ASSIGNED';

export const categoryLabel = (code: string) => PROBLEM_CATEGORIES.find((c) => c.code === code)?.name ?? code;

async function unitName(id: string, tx: Tx): Promise<string> {
  const u = (await UnitModel.findById(oid(id), { name: 1 }).session(tx).lean()) as { name: string } | null;
  return u?.name ?? '责任单位';
}

interface Announcement {
  recipients: string[];
  title: string;
  body: string;
  webhook?: { unitIds: string[]; global: boolean };
}

async function compose(event: ProblemEvent, p: ProblemRecord, project: ProjectRecord, note: string | null, tx: Tx, newUnitIds: string[]): Promise<Announcement> {
  const units = [p.leadUnitId, ...p.coUnitIds];
  const lead = await unitName(p.leadUnitId, tx);
  const where = `项目“${project.name}”`;
  switch (event) {
    case 'RAISED':
      return {
        recipients: [...(await usersOfUnits(units, tx)), project.createdBy],
        title: `新督办问题：${p.title}`,
        body: `${where}提出${categoryLabel(p.category)}问题，由${lead}牵头办理，办理期限${p.deadline}。问题描述：${p.description}`,
        webhook: { unitIds: units, global: false },
      };
    case 'ACCEPTED':
      return { recipients: [p.raisedBy], title: `督办问题已签收：${p.title}`, body: `${lead}已签收${where}的督办问题，办理期限${p.deadline}。${note ? `签收意见：${note}` : ''}` };
    case 'RESPONDED':
      return {
        recipients: [p.raisedBy, project.createdBy],
        title: `督办问题已答复：${p.title}`,
        body: `${lead}答复：${p.response ?? ''}。请核实办理情况，确认解决后上传佐证材料销号，未解决可退回重办。`,
      };
    case 'RESOLVED':
      return { recipients: [...(await usersOfUnits(units, tx)), p.raisedBy], title: `督办问题已销号：${p.title}`, body: `${where}的督办问题已确认解决并销号。${note ? `说明：${note}` : ''}` };
    case 'SENT_BACK':
      return {
        recipients: await usersOfUnits([p.leadUnitId], tx),
        title: `督办问题被退回重办：${p.title}`,
        body: `${where}的督办问题答复未获确认，已退回${lead}重新办理。退回原因：${note ?? ''}`,
        webhook: { unitIds: [p.leadUnitId], global: false },
      };
    case 'ESCALATED': {
      const leader = p.escalation?.liaisonLeaderId
        ? ((await LiaisonLeaderModel.findById(oid(p.escalation.liaisonLeaderId), { name: 1, title: 1 }).session(tx).lean()) as { name: string; title: string } | null)
        : null;
      return {
        recipients: [...(await usersOfUnits([p.leadUnitId], tx)), p.raisedBy, ...(await usersWithRole('LEADER', tx))],
        title: `督办问题已升级：${p.title}`,
        body: `${where}的督办问题（牵头单位：${lead}，期限${p.deadline}）已升级${leader ? `至包联领导${leader.title}${leader.name}` : '至区领导'}。升级原因：${note ?? ''}`,
        webhook: { unitIds: [p.leadUnitId], global: true },
      };
    }
    case 'ASSIGNED':
      return {
        recipients: await usersOfUnits(newUnitIds, tx),
        title: `督办问题转交：${p.title}`,
        body: `${where}的督办问题已交由${lead}牵头办理，办理期限${p.deadline}。问题描述：${p.description}`,
        webhook: { unitIds: newUnitIds, global: false },
      };
  }
}

export async function announceProblemEvent(
  tx: Tx,
  event: ProblemEvent,
  p: ProblemRecord,
  project: ProjectRecord,
  opts: { actorId: string | null; note?: string | null; newUnitIds?: string[]; at?: Date },
): Promise<void> {
  const a = await compose(event, p, project, opts.note ?? null, tx, opts.newUnitIds ?? []);
  const recipients = (await activeUsers(a.recipients, tx)).filter((u) => u !== opts.actorId);
  const kind = `PROBLEM_${event}` as NotificationKind;
  await notifyUsers(tx, recipients, { kind, title: a.title, body: a.body, projectId: project.id, problemId: p.id }, { at: opts.at });
  if (a.webhook) {
    const text = `### ${a.title}\n\n- 项目：${project.name}（${project.code}）\n- 类别：${categoryLabel(p.category)}\n- 牵头单位：${await unitName(p.leadUnitId, tx)}\n- 办理期限：${p.deadline}\n\n${a.body}`;
    await enqueueWebhooks(tx, a.webhook, { key: `problem:${p.id}:${event}:${p.version}`, title: a.title, text }, opts.at);
  }
}
