/**
 * The single runner: leases in MongoDB decide which process runs a job and make each period of
 * a job run once. Checked in-process (acquire, expire, back off, stop) and with TWO separate
 * processes running the runner against the same database: every job ran exactly once per period.
 */
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import mongoose from 'mongoose';
import { acquireLease, completeLease, leaseOf, releaseLease, renewLease } from '../../api/src/jobs/lease.js';
import { JobRunner } from '../../api/src/jobs/runner.js';
import { every } from '../../api/src/jobs/schedule.js';
import { JOB_NAMES } from '../../api/src/jobs/definitions.js';
import { addDays, endOfMonth, today } from '../../api/src/domain/dates.js';
import { isoWeekday, occurrence } from '../../api/src/jobs/schedule.js';
import { NotificationModel } from '../../api/src/modules/notifications/model.js';
import { createUser, signProject } from '../../seeds/factories.js';
import { memoryLogger, useJobsDb } from './helpers.js';

const db = useJobsDb({ reference: true });
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CHILD = fileURLToPath(new URL('./fixtures/runner-child.ts', import.meta.url));

describe('leases', () => {
  const t = (s: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, s));

  it('one holder at a time; a done period is never taken again', async () => {
    expect(await acquireLease('L1', 'p1', 'A', t(0), 10_000)).toBe(true);
    expect(await acquireLease('L1', 'p1', 'B', t(1), 10_000)).toBe(false);
    expect(await acquireLease('L1', 'p2', 'B', t(1), 10_000)).toBe(false);
    expect(await renewLease('L1', 'A', t(5), 10_000)).toBe(true);
    expect(await renewLease('L1', 'B', t(5), 10_000)).toBe(false);
    expect(await completeLease('L1', 'A', 'p1', t(6))).toBe(true);
    expect(await acquireLease('L1', 'p1', 'B', t(7), 10_000)).toBe(false);
    expect(await acquireLease('L1', 'p2', 'B', t(7), 10_000)).toBe(true);
    expect(await leaseOf('L1')).toMatchObject({ owner: 'B', period: 'p2', lastPeriod: 'p1', runs: 1 });
    // Periods only move forward: once p2 is done, a late attempt at p1 (a slow tick) is refused.
    expect(await completeLease('L1', 'B', 'p2', t(8))).toBe(true);
    expect(await acquireLease('L1', 'p1', 'A', t(9), 10_000)).toBe(false);
    expect(await acquireLease('L1', 'p3', 'A', t(9), 10_000)).toBe(true);
  });

  it('an abandoned lease expires and another process takes the period over', async () => {
    expect(await acquireLease('L2', 'p1', 'A', t(0), 1_000)).toBe(true);
    expect(await acquireLease('L2', 'p1', 'B', t(0), 1_000)).toBe(false);
    expect(await acquireLease('L2', 'p1', 'B', t(1), 1_000)).toBe(true);
    // The first holder comes back too late: its completion does not count.
    expect(await completeLease('L2', 'A', 'p1', t(2))).toBe(false);
    expect(await completeLease('L2', 'B', 'p1', t(2))).toBe(true);
  });

  it('a failed run backs off for everybody', async () => {
    expect(await acquireLease('L3', 'p1', 'A', t(0), 1_000)).toBe(true);
    await releaseLease('L3', 'A', t(0), 60_000, 'boom');
    expect(await acquireLease('L3', 'p1', 'B', t(59), 1_000)).toBe(false);
    expect(await acquireLease('L3', 'p1', 'B', t(60), 1_000)).toBe(true);
    expect(await leaseOf('L3')).toMatchObject({ lastError: 'boom', lastPeriod: null });
  });
});

describe('runner', () => {
  it('records a failure and retries only after the back-off; stop lets another process take over at once', async () => {
    const { log, lines } = memoryLogger();
    let clock = new Date('2026-02-01T00:00:00Z');
    let calls = 0;
    const runner = new JobRunner({
      log,
      now: () => clock,
      jobs: [
        {
          name: 'R1',
          due: () => 'only',
          retryMs: 60_000,
          run: async () => {
            calls++;
            if (calls < 2) throw new Error('数据库忙');
          },
        },
      ],
    });
    await runner.tick();
    await runner.idle();
    expect(calls).toBe(1);
    expect(lines.some((l) => l.level === 'error' && l.msg === 'job failed')).toBe(true);
    expect(await leaseOf('R1')).toMatchObject({ lastError: '数据库忙', lastPeriod: null });
    clock = new Date(clock.getTime() + 30_000);
    await runner.tick();
    await runner.idle();
    expect(calls).toBe(1);
    clock = new Date(clock.getTime() + 30_000);
    await runner.tick();
    await runner.idle();
    expect(calls).toBe(2);
    expect(await leaseOf('R1')).toMatchObject({ lastPeriod: 'only', lastError: null, runs: 1 });

    // A long job interrupted by stop() (it throws at its next safe point) frees its lease at
    // once, not after the back-off.
    let aborted = false;
    const slow = new JobRunner({
      log,
      jobs: [
        {
          name: 'R2',
          due: () => 'p',
          run: ({ signal }) => new Promise<void>((_resolve, reject) => signal.addEventListener('abort', () => ((aborted = true), reject(signal.reason)))),
        },
      ],
    });
    await slow.tick();
    await new Promise((r) => setTimeout(r, 100));
    await slow.stop(2_000);
    expect(aborted).toBe(true);
    expect(await leaseOf('R2')).toMatchObject({ owner: null, lastPeriod: null });
    expect(await acquireLease('R2', 'p', 'other', new Date(), 1_000)).toBe(true);
  });

  it('a run that finishes after stop() was called has done its period: no other process runs it again', async () => {
    // The two-process test caught this once in a loaded run: the tick job finished its work,
    // stop() came before the runner looked, the period was handed back and run a second time.
    const { log } = memoryLogger();
    let finish!: () => void;
    const late = new JobRunner({ log, jobs: [{ name: 'R3', due: () => 'p', run: () => new Promise<void>((resolve) => (finish = resolve)) }] });
    await late.tick();
    await vi.waitFor(() => expect(finish).toBeDefined());
    const stopped = late.stop(2_000);
    finish();
    await stopped;
    expect(await leaseOf('R3')).toMatchObject({ owner: null, lastPeriod: 'p', runs: 1 });
    expect(await acquireLease('R3', 'p', 'other', new Date(), 1_000)).toBe(false);
  });
});

/** The latest Monday on or before today that falls in the first week of its month. */
function mondayInFirstWeek(): string {
  let d = today();
  while (!(isoWeekday(d) === 1 && Number(d.slice(8)) <= 7)) d = addDays(d, -1);
  return d;
}

function runChild(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    // `node --import tsx`, not the tsx CLI: one process per child, killed cleanly.
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD], { cwd: ROOT, env: { ...process.env, ...env, LOG_LEVEL: 'warn' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (c) => (output += c));
    child.stderr.on('data', (c) => (output += c));
    const timer = setTimeout(() => child.kill('SIGKILL'), 90_000);
    child.on('error', reject);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

describe('two processes, one runner', () => {
  const D = mondayInFirstWeek();
  let users: Record<string, string>;
  let promo: Awaited<ReturnType<typeof createUser>>;

  beforeAll(async () => {
    const mk = async (username: string, role: 'UNIT' | 'OWNER' | 'LEADER' | 'PROMOTION', unit?: string) =>
      (await createUser({ username, displayName: username, password: 'Test@2026', role, unitId: unit ? db.ref.units.get(unit)! : null })).id;
    promo = await createUser({ username: 'promo2', displayName: 'promo2', password: 'Test@2026', role: 'PROMOTION' });
    users = {
      unit_land: await mk('unit_land2', 'UNIT', '区自然资源和规划分局'),
      owner: await mk('owner2', 'OWNER'),
      leader: await mk('leader2', 'LEADER'),
    };
    // Signed 100 days before D: its 土地摘牌 node (+90) is 10 days overdue on D.
    await signProject(promo, {
      name: '双进程测试项目',
      investor: '双进程测试有限公司',
      industryCode: 'C2651',
      source: 'NEW_INVESTMENT',
      platformId: db.ref.platforms.get('杭州湾经开区')!,
      totalInvestment: 200_000_000,
      templateKey: 'STANDARD_LAND',
      signedOn: addDays(D, -100),
      ownerUserIds: [users.owner],
    });
  });

  it('runs each job exactly once per period', async () => {
    const fixedNow = new Date(occurrence(D, 8 * 60 + 31).getTime()).toISOString();
    const env = { ZS_URI: db.uri, ZS_DB: db.dbName, ZS_FIXED_NOW: fixedNow, ZS_START_AT: String(Date.now() + 4_000), ZS_RUN_MS: '2500' };
    const [a, b] = await Promise.all([runChild(env), runChild(env)]);
    expect([a.code, a.output]).toEqual([0, expect.stringContaining('done')]);
    expect([b.code, b.output]).toEqual([0, expect.stringContaining('done')]);

    const runs = await mongoose.connection.db!.collection<{ job: string; period: string; pid: number }>('jobRuns').find({}).toArray();
    const count = new Map<string, number>();
    for (const r of runs) count.set(`${r.job}|${r.period}`, (count.get(`${r.job}|${r.period}`) ?? 0) + 1);
    const duplicates = [...count].filter(([, n]) => n !== 1);
    expect(duplicates).toEqual([]);

    // The fast job ran period after period, each in one process only.
    const ticks = runs.filter((r) => r.job === 'tick');
    expect(new Set(ticks.map((r) => r.period)).size).toBeGreaterThanOrEqual(4);

    // The real jobs, on the fixed clock: one run each, for the expected period.
    const once = (job: string) => runs.filter((r) => r.job === job).map((r) => r.period);
    const monthEnd = endOfMonth(addDays(`${D.slice(0, 7)}-01`, -1));
    expect(once(JOB_NAMES.reminders)).toEqual([D]);
    expect(once(JOB_NAMES.digest)).toEqual([D]);
    expect(once(JOB_NAMES.snapshot)).toEqual([monthEnd]);
    expect(once(JOB_NAMES.webhooks)).toHaveLength(1);
    for (const job of Object.values(JOB_NAMES)) expect(await leaseOf(job)).toMatchObject({ runs: 1, owner: null });

    // And what they wrote: one reminder per person, one digest per leader.
    const reminders = await NotificationModel.find({ kind: 'DAILY_REMINDER' }).lean();
    expect(reminders.map((n) => n.userId.toHexString()).sort()).toEqual([users.unit_land, users.owner].sort());
    expect(reminders.every((n) => n.key.startsWith(`reminder:${D}:`))).toBe(true);
    const digests = await NotificationModel.find({ kind: 'WEEKLY_DIGEST' }).lean();
    expect(digests.map((n) => n.userId.toHexString())).toEqual([users.leader]);
  }, 120_000);
});
