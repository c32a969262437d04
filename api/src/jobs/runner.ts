/**
 * The job runner: every tick it asks each job which period is due and tries to take that period
 * through its MongoDB lease (lease.ts). Jobs run concurrently and are never awaited by the tick,
 * so a slow job (a hanging webhook, a long month-end) holds up nothing else; a job is never run
 * twice at once in one process, and the lease keeps other processes off it. A running job
 * renews its lease; if the lease is lost the job's signal aborts. A failed run frees the lease
 * after `retryMs`, so every process backs off instead of retrying in a tight loop.
 */
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { Logger } from '../lib/logger.js';
import { acquireLease, completeLease, releaseLease, renewLease } from './lease.js';
import type { DueFn } from './schedule.js';

export interface JobContext {
  /** The period being run (a date, a month-end, a slot). */
  period: string;
  /** The runner's clock when the run started. */
  now: Date;
  /**
   * Aborted when the runner stops or the lease is lost: stop at the next safe point by throwing
   * (`signal.throwIfAborted()`). A run that returns has done its period, even if the signal was
   * aborted meanwhile: the period is recorded done and no other process runs it again.
   */
  signal: AbortSignal;
  log: Logger;
}

export interface JobDefinition {
  name: string;
  due: DueFn;
  run(ctx: JobContext): Promise<void>;
  /** Lease length; renewed every third of it while running. Default 2 minutes. */
  leaseMs?: number;
  /** Back-off after a failed run. Default 5 minutes. */
  retryMs?: number;
}

export interface RunnerOptions {
  jobs: JobDefinition[];
  log: Logger;
  now?: () => Date;
  tickMs?: number;
  /** Identifies this process in the leases. */
  owner?: string;
}

export class JobRunner {
  readonly owner: string;
  private readonly now: () => Date;
  private readonly tickMs: number;
  private timer: NodeJS.Timeout | null = null;
  private stopped = true;
  private ticking: Promise<void> | null = null;
  private readonly running = new Map<string, { done: Promise<void>; abort: AbortController }>();

  constructor(private readonly opts: RunnerOptions) {
    this.owner = opts.owner ?? `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
    this.now = opts.now ?? (() => new Date());
    this.tickMs = opts.tickMs ?? 15_000;
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    const loop = () => {
      if (this.stopped) return;
      this.ticking = this.tick()
        .catch((e) => this.opts.log.error({ err: e }, 'job tick failed'))
        .finally(() => {
          this.ticking = null;
          if (!this.stopped) this.timer = setTimeout(loop, this.tickMs);
        });
    };
    loop();
  }

  /** One pass: starts every due job that is not already running here. Resolves once they started. */
  async tick(): Promise<void> {
    const now = this.now();
    for (const job of this.opts.jobs) {
      if (this.running.has(job.name)) continue;
      let period: string | null;
      try {
        period = job.due(now);
      } catch (e) {
        this.opts.log.error({ err: e, job: job.name }, 'job schedule failed');
        continue;
      }
      if (period === null) continue;
      const abort = new AbortController();
      const done = this.runJob(job, period, abort).finally(() => this.running.delete(job.name));
      this.running.set(job.name, { done, abort });
    }
  }

  private async runJob(job: JobDefinition, period: string, abort: AbortController): Promise<void> {
    const leaseMs = job.leaseMs ?? 120_000;
    const log = this.opts.log.child({ job: job.name, period });
    let acquired = false;
    try {
      acquired = await acquireLease(job.name, period, this.owner, this.now(), leaseMs);
    } catch (e) {
      log.warn({ err: e }, 'could not take the job lease');
      return;
    }
    if (!acquired) return;
    const renew = setInterval(() => {
      renewLease(job.name, this.owner, this.now(), leaseMs)
        .then((held) => {
          if (!held) {
            log.warn('job lease lost; stopping the run');
            abort.abort(new Error('lease lost'));
          }
        })
        .catch((e) => log.warn({ err: e }, 'could not renew the job lease'));
    }, Math.max(10, Math.floor(leaseMs / 3)));
    renew.unref?.();
    const started = Date.now();
    try {
      await job.run({ period, now: this.now(), signal: abort.signal, log });
      // Returned: the work is done. Treating a late stop() as an interruption here handed the
      // finished period to another process, which ran it again.
      if (await completeLease(job.name, this.owner, period, this.now())) log.debug({ ms: Date.now() - started }, 'job done');
      else log.warn('job finished after its lease was lost; another process may run the period too');
    } catch (e) {
      // Stopped or lease lost: free it at once for another process; a real failure backs off.
      const interrupted = abort.signal.aborted;
      if (!interrupted) log.error({ err: e }, 'job failed');
      await releaseLease(job.name, this.owner, this.now(), interrupted ? 0 : (job.retryMs ?? 300_000), String((e as Error)?.message ?? e)).catch((err) =>
        log.warn({ err }, 'could not release the job lease'),
      );
    } finally {
      clearInterval(renew);
    }
  }

  /** Resolves when every job started so far has finished (tests). */
  async idle(): Promise<void> {
    while (this.ticking || this.running.size) {
      await this.ticking;
      await Promise.all([...this.running.values()].map((r) => r.done));
    }
  }

  /** Stops ticking, asks running jobs to stop, waits for them up to `graceMs`. */
  async stop(graceMs = 10_000): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.ticking;
    for (const r of this.running.values()) r.abort.abort(new Error('runner stopping'));
    const all = Promise.all([...this.running.values()].map((r) => r.done));
    let t: NodeJS.Timeout | undefined;
    await Promise.race([all, new Promise<void>((resolve) => (t = setTimeout(resolve, graceMs)))]);
    clearTimeout(t);
  }
}
