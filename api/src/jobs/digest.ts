/**
 * The leaders' weekly digest (Mondays): where the district stands as of that morning and what
 * moved in the past seven days. One notification per leader, keyed by the week, and one
 * message to the district's robots.
 */
import { trusted, type Types } from 'mongoose';
import { addDays, startOfDayInstant, type CalendarDate } from '../domain/dates.js';
import type { Logger } from '../lib/logger.js';
import { NodeModel, ProjectModel } from '../modules/projects/model.js';
import { ProblemModel } from '../modules/problems/model.js';
import { colourCondition, openAsOf, overdueCondition } from '../modules/problems/queries.js';
import { InstructionModel } from '../modules/instructions/model.js';
import { loadSettings } from '../modules/settings/service.js';
import { notifyUsers, usersWithRole } from '../modules/notifications/service.js';
import { enqueueWebhooks } from '../modules/notifications/webhooks/outbox.js';

export interface DigestFigures {
  overdueNodes: number;
  redNodes: number;
  openProblems: number;
  overdueProblems: number;
  redProblems: number;
  escalatedProblems: number;
  raisedThisWeek: number;
  resolvedThisWeek: number;
  instructionsThisWeek: number;
}

export async function digestFigures(asOf: CalendarDate): Promise<DigestFigures> {
  const s = await loadSettings();
  const weekAgo = addDays(asOf, -7);
  const ended = (await ProjectModel.distinct('_id', { terminated: trusted({ $ne: null }) })) as Types.ObjectId[];
  const openNodes = { $or: [{ closedOn: null }, { closedOn: trusted({ $gt: asOf }) }], projectId: trusted({ $nin: ended }) };
  const [overdueNodes, redNodes, openProblems, overdueProblems, redProblems, escalatedProblems, raisedThisWeek, resolvedThisWeek, instructionsThisWeek] = await Promise.all([
    NodeModel.countDocuments({ ...openNodes, plannedDate: trusted({ $lt: asOf }) }),
    NodeModel.countDocuments({ ...openNodes, plannedDate: trusted({ $lt: addDays(asOf, -s.lights.redOverdueDays) }) }),
    ProblemModel.countDocuments(openAsOf(asOf)),
    ProblemModel.countDocuments(overdueCondition(asOf)),
    ProblemModel.countDocuments(colourCondition('RED', asOf, s.problems.yellowMaxOverdueDays)),
    ProblemModel.countDocuments({ $and: [openAsOf(asOf), { escalatedOn: trusted({ $lte: asOf }) }] }),
    ProblemModel.countDocuments({ raisedOn: trusted({ $gte: weekAgo, $lt: asOf }) }),
    ProblemModel.countDocuments({ resolvedOn: trusted({ $gte: weekAgo, $lt: asOf }) }),
    InstructionModel.countDocuments({ createdAt: trusted({ $gte: startOfDayInstant(weekAgo), $lt: startOfDayInstant(asOf) }) }),
  ]);
  return { overdueNodes, redNodes, openProblems, overdueProblems, redProblems, escalatedProblems, raisedThisWeek, resolvedThisWeek, instructionsThisWeek };
}

export function digestMessage(weekOf: CalendarDate, f: DigestFigures): { title: string; body: string } {
  return {
    title: `${weekOf} 领导周报：逾期节点${f.overdueNodes}个，督办问题逾期${f.overdueProblems}个`,
    body: [
      `逾期节点${f.overdueNodes}个，其中逾期超30天（红灯）${f.redNodes}个。`,
      `在办督办问题${f.openProblems}个：逾期${f.overdueProblems}个，红色${f.redProblems}个，已升级${f.escalatedProblems}个。`,
      `近7天新提出督办问题${f.raisedThisWeek}个，销号${f.resolvedThisWeek}个，领导批示${f.instructionsThisWeek}条。`,
    ].join('\n'),
  };
}

export async function sendWeeklyDigest(weekOf: CalendarDate, opts: { log?: Logger; at?: Date } = {}): Promise<number> {
  const m = digestMessage(weekOf, await digestFigures(weekOf));
  const leaders = await usersWithRole('LEADER');
  const n = await notifyUsers(null, leaders, { kind: 'WEEKLY_DIGEST', ...m }, { key: (u) => `digest:${weekOf}:${u}`, at: opts.at });
  await enqueueWebhooks(null, { global: true }, { key: `digest:${weekOf}`, title: m.title, text: `### ${m.title}\n\n${m.body.split('\n').map((l) => `- ${l}`).join('\n')}` }, opts.at);
  opts.log?.info({ weekOf, leaders: n }, 'weekly digest sent');
  return n;
}
