/**
 * One round of bench/faults/api-kill.ts (the CI subset): SIGKILL to the API process on the
 * embedded durable database while several clients write, restart on the same data directory,
 * and every acknowledged mutation is there with exactly one audit entry.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { apiKillRound, startFaultApi } from '../../bench/faults/lib/api-kill-round.js';
import type { ApiProcess } from '../../bench/lib/api-process.js';

describe('kill -9 of the API during a stream of mutations', () => {
  let dataDir: string;
  let api: ApiProcess | undefined;
  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'zs-api-kill-test-'));
    api = await startFaultApi(dataDir, true);
  });
  afterAll(async () => {
    await api?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('loses no acknowledged mutation, audits each exactly once, and restarts writable', async () => {
    const killAfter = 30 + Math.floor(Math.random() * 70);
    const res = await apiKillRound(api!, dataDir, { killAfter });
    api = res.api;
    expect(res.verification.problems).toEqual([]);
    expect(res.verification.acked).toBeGreaterThanOrEqual(killAfter);
    // Several writers were mid-request at the kill: the check covered unanswered ones too.
    expect(res.record.unknown.length).toBeGreaterThan(0);
    expect(res.writableAfterRestart).toBe(true);
  }, 90_000);
});
