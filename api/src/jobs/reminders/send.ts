/**
 * The daily reminder run for a date D: reads the facts selectReminders needs (open nodes due by
 * D + dueSoonDays, open problems due by D + problemDueSoonDays, their live projects, the staff
 * of the units concerned, the owners), then writes one notification per person and one robot
 * message per unit plus the district summary. Every write is keyed by D, so running it again
 * for the same day adds nothing.
 */
import { trusted, type Types } from 'mongoose';
import { addDays, type CalendarDate } from '../../domain/dates.js';
import { oid } from '../../lib/records.js';
import type { Logger } from '../../lib/logger.js';
import { nodeFacts } from '../../modules/projects/derive.js';
import { NodeModel, ProjectModel, type NodeDoc, type ProjectDoc } from '../../modules/projects/model.js';
import { toNode } from '../../modules/projects/repository.js';
import { PROBLEM_TIMING_FIELDS, ProblemModel, type ProblemDoc } from '../../modules/problems/model.js';
import { openAsOf as problemOpenAsOf } from '../../modules/problems/queries.js';
import { UnitModel } from '../../modules/org/model.js';
import { UserModel } from '../../modules/users/model.js';
import { loadSettings } from '../../modules/settings/service.js';
import { notifyEach } from '../../modules/notifications/service.js';
import { enqueueWebhooks } from '../../modules/notifications/webhooks/outbox.js';
import { reminderKey, reminderMessage, selectReminders, summarize, type ReminderItem, type ReminderNode, type ReminderProblem } from './select.js';

export interface ReminderRunOptions {
  problemDueSoonDays: number;
  log?: Logger;
  signal?: AbortSignal;
  /** Instant written on the notifications (default: now). */
  at?: Date;
}

export interface ReminderRunReport {
  items: number;
  notified: number;
  robotMessages: number;
}

/** Gathers the facts for D from the database (the only impure half of the reminders). */
export async function reminderFacts(asOf: CalendarDate, problemDueSoonDays: number) {
  const s = await loadSettings();
  const nodeDocs = (await NodeModel.find(
    { $or: [{ closedOn: null }, { closedOn: trusted({ $gt: asOf }) }], plannedDate: trusted({ $lte: addDays(asOf, s.lights.dueSoonDays) }) },
    { projectId: 1, name: 1, unitId: 1, status: 1, actualDate: 1, plannedDate: 1, baselineDate: 1, replans: 1, closedOn: 1 },
  ).lean()) as NodeDoc[];
  const problemDocs = (await ProblemModel.find(
    { $and: [problemOpenAsOf(asOf), { deadline: trusted({ $lte: addDays(asOf, problemDueSoonDays) }) }] },
    { projectId: 1, title: 1, leadUnitId: 1, coUnitIds: 1, ...PROBLEM_TIMING_FIELDS },
  ).lean()) as ProblemDoc[];

  const projectIds = [...new Set([...nodeDocs.map((n) => n.projectId.toHexString()), ...problemDocs.map((p) => p.projectId.toHexString())])];
  const projectDocs = (await ProjectModel.find(
    {
      _id: trusted({ $in: projectIds.map(oid) }),
      signedOn: trusted({ $ne: null, $lte: asOf }),
      $or: [{ terminated: null }, { 'terminated.on': trusted({ $gt: asOf }) }],
    },
    { name: 1, code: 1, ownerUserIds: 1 },
  ).lean()) as ProjectDoc[];
  const ownerIds = [...new Set(projectDocs.flatMap((p) => p.ownerUserIds.map((o) => o.toHexString())))];
  const activeOwners = new Set(
    ((await UserModel.find({ _id: trusted({ $in: ownerIds.map(oid) }), role: 'OWNER', active: true }, { _id: 1 }).lean()) as { _id: Types.ObjectId }[]).map((u) =>
      u._id.toHexString(),
    ),
  );

  const nodes: ReminderNode[] = nodeDocs.map((d) => {
    const n = toNode(d);
    return { id: n.id, projectId: n.projectId, name: n.name, unitId: n.unitId, facts: nodeFacts(n) };
  });
  const problems: ReminderProblem[] = problemDocs.map((d) => ({
    id: d._id.toHexString(),
    projectId: d.projectId.toHexString(),
    title: d.title,
    leadUnitId: d.leadUnitId.toHexString(),
    coUnitIds: d.coUnitIds.map((u) => u.toHexString()),
    facts: { raisedOn: d.raisedOn, deadline: d.deadline, resolvedOn: d.resolvedOn, escalatedOn: d.escalatedOn },
  }));
  const unitIds = [...new Set([...nodes.map((n) => n.unitId), ...problems.flatMap((p) => [p.leadUnitId, ...p.coUnitIds])].filter((u): u is string => !!u))];
  const staff = (await UserModel.find(
    { unitId: trusted({ $in: unitIds.map(oid) }), active: true, role: trusted({ $in: ['UNIT', 'PROMOTION'] }) },
    { _id: 1, unitId: 1 },
  ).lean()) as { _id: Types.ObjectId; unitId: Types.ObjectId }[];
  const usersByUnit = new Map<string, string[]>();
  for (const u of staff) {
    const key = u.unitId.toHexString();
    usersByUnit.set(key, [...(usersByUnit.get(key) ?? []), u._id.toHexString()]);
  }
  return {
    asOf,
    lights: s.lights,
    problemDueSoonDays,
    projects: projectDocs.map((p) => ({ id: p._id.toHexString(), name: p.name, code: p.code, ownerUserIds: p.ownerUserIds.map((o) => o.toHexString()).filter((o) => activeOwners.has(o)) })),
    nodes,
    problems,
    usersByUnit,
  };
}

/** The one link a notification can carry: the item itself when there is one, else its project. */
function linkOf(items: readonly ReminderItem[]) {
  if (items.length === 1) return { projectId: items[0].projectId, nodeId: items[0].nodeId, problemId: items[0].problemId };
  const projects = new Set(items.map((i) => i.projectId));
  return projects.size === 1 ? { projectId: items[0].projectId } : {};
}

export async function sendDailyReminders(asOf: CalendarDate, opts: ReminderRunOptions): Promise<ReminderRunReport> {
  const reminders = selectReminders(await reminderFacts(asOf, opts.problemDueSoonDays));
  if (opts.signal?.aborted) throw opts.signal.reason ?? new Error('aborted');
  const at = opts.at ?? new Date();
  const notified = await notifyEach(
    null,
    [...reminders.byUser].map(([userId, items]) => ({
      userId,
      key: reminderKey(asOf, userId),
      message: { kind: 'DAILY_REMINDER' as const, ...reminderMessage(asOf, items), ...linkOf(items) },
    })),
    at,
  );
  let robotMessages = 0;
  const unitNames = new Map(
    ((await UnitModel.find({ _id: trusted({ $in: [...reminders.byUnit.keys()].map(oid) }) }, { name: 1 }).lean()) as { _id: Types.ObjectId; name: string }[]).map((u) => [
      u._id.toHexString(),
      u.name,
    ]),
  );
  for (const [unitId, items] of reminders.byUnit) {
    if (opts.signal?.aborted) throw opts.signal.reason ?? new Error('aborted');
    const m = reminderMessage(asOf, items);
    const title = `${unitNames.get(unitId) ?? ''}${m.title}`;
    robotMessages += await enqueueWebhooks(null, { unitIds: [unitId] }, { key: `reminder:${asOf}:unit:${unitId}`, title, text: `### ${title}\n\n${m.body.split('\n').map((l) => `- ${l}`).join('\n')}` }, at);
  }
  if (reminders.items.length) {
    const title = `${asOf} 全区每日提醒：${summarize(reminders.items)}`;
    const top = reminderMessage(asOf, reminders.items, 10).body;
    robotMessages += await enqueueWebhooks(null, { global: true }, { key: `reminder:${asOf}:district`, title, text: `### ${title}\n\n${top.split('\n').map((l) => `- ${l}`).join('\n')}` }, at);
  }
  opts.log?.info({ asOf, items: reminders.items.length, notified, robotMessages }, 'daily reminders sent');
  return { items: reminders.items.length, notified, robotMessages };
}
