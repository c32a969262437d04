/**
 * Scheduled work. `startJobs` starts this process's runner (every API process may: the leases
 * decide who runs what); `stopJobs` stops it on shutdown, letting running jobs finish briefly.
 */
import type { Logger } from '../lib/logger.js';
import { loadJobsConfig, type JobsConfig } from './config.js';
import { defaultJobs } from './definitions.js';
import { JobRunner, type JobDefinition } from './runner.js';

let runner: JobRunner | null = null;

export interface StartJobsOptions {
  log: Logger;
  config?: JobsConfig;
  /** Replaces the default job list (tests). */
  jobs?: JobDefinition[];
  now?: () => Date;
}

export function startJobs({ log, config = loadJobsConfig(), jobs, now }: StartJobsOptions): JobRunner | null {
  if (runner) return runner;
  if (config.JOBS_ENABLED !== '1') {
    log.info('scheduled jobs disabled in this process (JOBS_ENABLED=0)');
    return null;
  }
  runner = new JobRunner({ jobs: jobs ?? defaultJobs(config, { now }), log: log.child({ component: 'jobs' }), now, tickMs: config.JOB_TICK_MS });
  runner.start();
  log.info({ owner: runner.owner, reminderTime: config.REMINDER_TIME }, 'scheduled jobs started');
  return runner;
}

export async function stopJobs(graceMs?: number): Promise<void> {
  const r = runner;
  runner = null;
  await r?.stop(graceMs);
}

export { JobRunner } from './runner.js';
export type { JobDefinition, JobContext } from './runner.js';
