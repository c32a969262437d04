/**
 * Process-level tests: the directory lock against other processes, and kill -9 in the
 * middle of appends and snapshots. Each round starts a tsx child (~1 s), so the kill -9
 * loop runs 3 rounds here; `npx tsx bench/durability-loop.ts 50` runs as many as wanted.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { readdir } from 'node:fs/promises';
import type { ChildProcess } from 'node:child_process';
import { DurableStorage } from '../../../api/src/db/embedded/storage/durable.js';
import { DataDirError } from '../../../api/src/db/embedded/storage/datadir.js';
import { crashRound } from './fixtures/crash-run.js';
import { spawnFixture, tempDir, watchLines } from './helpers.js';

let cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.reverse()) await c();
  cleanups = [];
});

/** Starts hold-lock.ts and resolves once the child holds the directory. */
async function holdLock(dir: string): Promise<{ child: ChildProcess; pid: number; exited: ReturnType<typeof watchLines> }> {
  const child = spawnFixture('hold-lock.ts', [dir]);
  cleanups.push(() => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  });
  let onLocked!: (pid: number) => void;
  const locked = new Promise<number>((resolve) => (onLocked = resolve));
  const exited = watchLines(child, (line) => {
    const m = /^locked (\d+)$/.exec(line);
    if (m) onLocked(Number(m[1]));
  });
  const pid = await Promise.race([locked, exited.then((e) => Promise.reject(new Error(`hold-lock exited early: ${e.stderr}`)))]);
  return { child, pid, exited };
}

describe('single-writer lock', () => {
  it('refuses a second DurableStorage on the same directory in the same process', async () => {
    const t = await tempDir();
    cleanups.push(t.cleanup);
    const first = new DurableStorage(t.dir);
    await first.open();
    const err = await new DurableStorage(t.dir).open().catch((e) => e);
    expect(err).toBeInstanceOf(DataDirError);
    expect(err.reason).toBe('locked');
    expect(err.message).toBe(
      `Data directory ${t.dir} is in use by this process (pid ${process.pid}) since ${JSON.parse((await import('node:fs')).readFileSync(`${t.dir}/LOCK`, 'utf8')).since}. ` +
        'Only one server can use a data directory at a time: stop the other one or choose another data directory.',
    );
    await first.close();
    const second = new DurableStorage(t.dir);
    await second.open(); // released by close()
    await second.close();
  });

  it('refuses a directory held by another live process, naming it, and opens once that process is killed -9', async () => {
    const t = await tempDir();
    cleanups.push(t.cleanup);
    const { child, pid, exited } = await holdLock(t.dir);
    expect(pid).toBe(child.pid);
    const err = await new DurableStorage(t.dir).open().catch((e) => e);
    expect(err).toBeInstanceOf(DataDirError);
    expect(err.message).toContain(`Data directory ${t.dir} is in use by another process (pid ${pid})`);

    child.kill('SIGKILL');
    expect((await exited).signal).toBe('SIGKILL');
    // The OS dropped the lock with the process: no stale-lock wait.
    const s = new DurableStorage(t.dir);
    await s.open();
    await s.close();
  });
});

describe('kill -9 while appending', () => {
  it('keeps every acknowledged batch, whole, across repeated crashes and snapshots', async () => {
    const t = await tempDir();
    cleanups.push(t.cleanup);
    const acked = new Set<number>();
    let total = 0;
    for (const killAfterAcks of [150, 420, 60]) {
      const round = await crashRound(t.dir, acked, { killAfterAcks, snapshotEveryRecords: 300, writers: 8 });
      // acks already in the pipe when the kill lands count too: they were acknowledged
      expect(round.acked).toBeGreaterThanOrEqual(killAfterAcks);
      total += round.acked;
      expect(round.missing, 'acknowledged batches lost').toEqual([]);
      expect(round.partial, 'batches that came back in part').toEqual([]);
      expect(round.childStderr).not.toMatch(/error/i);
    }
    expect(acked.size).toBe(total);
    const files = await readdir(t.dir);
    // snapshots ran and compaction kept the directory small
    expect(files.filter((f) => f.endsWith('.snap')).length).toBe(1);
    expect(files.filter((f) => f.endsWith('.wal')).length).toBeLessThanOrEqual(3);
  });
});
