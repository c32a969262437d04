/**
 * Job settings from the environment (defaults per DOMAIN.md "Reminders"): the morning reminder
 * time and the digest day in Asia/Shanghai, webhook delivery pace and limits.
 */
import { z } from 'zod';
import { parseTime } from './schedule.js';

const time = z.string().refine((v) => {
  try {
    parseTime(v);
    return true;
  } catch {
    return false;
  }
}, 'expected HH:MM');

const schema = z.object({
  /** 0 turns the scheduler off in this process (another process may run it). */
  JOBS_ENABLED: z.enum(['0', '1']).default('1'),
  REMINDER_TIME: time.default('08:30'),
  /** ISO weekday of the leaders' digest: 1 = Monday. */
  DIGEST_WEEKDAY: z.coerce.number().int().min(1).max(7).default(1),
  DIGEST_TIME: time.default('08:30'),
  /** Month-end snapshots run on the 1st at this time, for the month just ended. */
  SNAPSHOT_TIME: time.default('00:30'),
  /** Problems due within this many days are in the daily reminder. */
  PROBLEM_DUE_SOON_DAYS: z.coerce.number().int().min(0).max(30).default(3),
  JOB_TICK_MS: z.coerce.number().int().min(50).default(15_000),
  WEBHOOK_INTERVAL_MS: z.coerce.number().int().min(100).default(10_000),
  WEBHOOK_TIMEOUT_MS: z.coerce.number().int().min(100).default(10_000),
  WEBHOOK_MAX_ATTEMPTS: z.coerce.number().int().min(1).default(8),
});

export type JobsConfig = z.infer<typeof schema>;

export function loadJobsConfig(env: NodeJS.ProcessEnv = process.env): JobsConfig {
  const parsed = schema.safeParse(Object.fromEntries(Object.entries(env).filter(([, v]) => v !== '')));
  if (!parsed.success) {
    throw new Error(`Invalid job configuration:\n${parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n')}`);
  }
  return parsed.data;
}
