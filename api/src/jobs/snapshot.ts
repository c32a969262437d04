/**
 * The month-end hook: 赛马 snapshots (月监测) are taken by the race module's
 * `takeMonthEndSnapshot(asOf)` for the month-end just passed. The module is loaded when the job
 * runs, so the jobs work (and say so) in a build that does not have it.
 */
import type { Logger } from '../lib/logger.js';

export type TakeSnapshot = (asOf: string) => Promise<unknown>;

// A computed specifier: the race module is optional at build time.
const RACE_SNAPSHOTS = ['..', 'modules', 'race', 'snapshots.js'].join('/');

export async function loadTakeMonthEndSnapshot(): Promise<TakeSnapshot | null> {
  try {
    const mod = (await import(RACE_SNAPSHOTS)) as { takeMonthEndSnapshot?: TakeSnapshot };
    return typeof mod.takeMonthEndSnapshot === 'function' ? mod.takeMonthEndSnapshot : null;
  } catch (e) {
    const err = e as { code?: string; message?: string };
    if (err.code === 'ERR_MODULE_NOT_FOUND' && /race[\\/]snapshots/.test(err.message ?? '')) return null;
    throw e;
  }
}

export async function runMonthEndSnapshot(monthEnd: string, opts: { log?: Logger; load?: () => Promise<TakeSnapshot | null> } = {}): Promise<boolean> {
  const take = await (opts.load ?? loadTakeMonthEndSnapshot)();
  if (!take) {
    opts.log?.warn({ monthEnd }, 'month-end snapshot skipped: the race module (modules/race/snapshots.ts) is not installed');
    return false;
  }
  await take(monthEnd);
  opts.log?.info({ monthEnd }, 'month-end snapshot taken');
  return true;
}
