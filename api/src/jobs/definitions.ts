/**
 * The jobs every API process offers to run (each runs in one process at a time, once per
 * period — see lease.ts): the morning reminders (after escalating long-overdue problems), the
 * leaders' weekly digest, the month-end 赛马 snapshot, and webhook delivery.
 */
import type { JobDefinition } from './runner.js';
import type { JobsConfig } from './config.js';
import { afterMonthEnd, dailyAt, every, weeklyAt } from './schedule.js';
import { escalateOverdueProblems } from './escalate.js';
import { sendDailyReminders } from './reminders/send.js';
import { sendWeeklyDigest } from './digest.js';
import { runMonthEndSnapshot, type TakeSnapshot } from './snapshot.js';
import { deliverDue } from '../modules/notifications/webhooks/outbox.js';

export const JOB_NAMES = { reminders: 'daily-reminders', digest: 'weekly-digest', snapshot: 'month-end-snapshot', webhooks: 'webhook-delivery' } as const;

export function defaultJobs(config: JobsConfig, deps: { loadSnapshot?: () => Promise<TakeSnapshot | null>; now?: () => Date } = {}): JobDefinition[] {
  return [
    {
      name: JOB_NAMES.reminders,
      due: dailyAt(config.REMINDER_TIME),
      leaseMs: 5 * 60_000,
      run: async ({ period, signal, log }) => {
        await escalateOverdueProblems(period, { log, signal });
        await sendDailyReminders(period, { problemDueSoonDays: config.PROBLEM_DUE_SOON_DAYS, log, signal, at: deps.now?.() });
      },
    },
    {
      name: JOB_NAMES.digest,
      due: weeklyAt(config.DIGEST_WEEKDAY, config.DIGEST_TIME),
      run: async ({ period, log }) => void (await sendWeeklyDigest(period, { log, at: deps.now?.() })),
    },
    {
      name: JOB_NAMES.snapshot,
      due: afterMonthEnd(config.SNAPSHOT_TIME),
      leaseMs: 10 * 60_000,
      run: async ({ period, log }) => void (await runMonthEndSnapshot(period, { log, load: deps.loadSnapshot })),
    },
    {
      name: JOB_NAMES.webhooks,
      due: every(config.WEBHOOK_INTERVAL_MS),
      // A batch waits at most for one timeout per slot in flight; keep the lease well above it.
      leaseMs: Math.max(60_000, config.WEBHOOK_TIMEOUT_MS * 6),
      retryMs: config.WEBHOOK_INTERVAL_MS,
      run: async ({ signal, log }) =>
        void (await deliverDue({ signal, log, timeoutMs: config.WEBHOOK_TIMEOUT_MS, maxAttempts: config.WEBHOOK_MAX_ATTEMPTS, now: deps.now })),
    },
  ];
}
