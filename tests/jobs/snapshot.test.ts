/**
 * The month-end hook calls the race module's takeMonthEndSnapshot for the month just ended, and
 * tells (rather than fails) when the module is not part of the build.
 */
import { describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadTakeMonthEndSnapshot, runMonthEndSnapshot } from '../../api/src/jobs/snapshot.js';
import { memoryLogger } from './helpers.js';

describe('month-end snapshot hook', () => {
  it('passes the month-end date to the race module', async () => {
    const taken: string[] = [];
    const ok = await runMonthEndSnapshot('2026-05-31', { load: async () => async (asOf) => void taken.push(asOf) });
    expect(ok).toBe(true);
    expect(taken).toEqual(['2026-05-31']);
  });

  it('warns and skips when the race module is absent', async () => {
    const { log, lines } = memoryLogger();
    expect(await runMonthEndSnapshot('2026-05-31', { log, load: async () => null })).toBe(false);
    expect(lines).toContainEqual(expect.objectContaining({ level: 'warn', msg: expect.stringContaining('race module') }));
  });

  it('finds the race module exactly when its file exists', async () => {
    const present = existsSync(fileURLToPath(new URL('../../api/src/modules/race/snapshots.ts', import.meta.url)));
    const take = await loadTakeMonthEndSnapshot();
    expect(typeof take).toBe(present ? 'function' : 'object');
  });
});
