/**
 * Before the morning reminders, problems that nobody answered and that have gone RED (overdue
 * beyond the yellow window, 15 days) are escalated to the project's liaison leader by the
 * system (domain/problems.ts: SYSTEM may escalate). Answered problems (RESPONDED) wait for the
 * raiser and are left alone; escalated ones are not escalated again.
 */
import { trusted, type Types } from 'mongoose';
import { addDays, type CalendarDate } from '../domain/dates.js';
import type { Logger } from '../lib/logger.js';
import { ProblemModel } from '../modules/problems/model.js';
import { escalateAsSystem } from '../modules/problems/service.js';
import { loadSettings } from '../modules/settings/service.js';

export async function escalateOverdueProblems(asOf: CalendarDate, opts: { log?: Logger; signal?: AbortSignal } = {}): Promise<number> {
  const s = await loadSettings();
  const days = s.problems.yellowMaxOverdueDays;
  const due = (await ProblemModel.find(
    { status: trusted({ $in: ['OPEN', 'ACCEPTED'] }), resolvedOn: null, deadline: trusted({ $lt: addDays(asOf, -days) }) },
    { _id: 1 },
  )
    .sort({ deadline: 1, _id: 1 })
    .lean()) as { _id: Types.ObjectId }[];
  let escalated = 0;
  for (const p of due) {
    if (opts.signal?.aborted) throw opts.signal.reason ?? new Error('aborted');
    const reason = `逾期超过${days}天仍未答复，系统自动升级`;
    if (await escalateAsSystem(p._id.toHexString(), reason, `job:reminders:${asOf}`)) escalated++;
  }
  if (escalated) opts.log?.info({ asOf, escalated }, 'overdue problems escalated');
  return escalated;
}
