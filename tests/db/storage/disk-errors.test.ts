import { afterEach, describe, expect, it } from 'vitest';
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { Int32 } from 'bson';
import { DurableStorage } from '../../../api/src/db/embedded/storage/durable.js';
import { MongoError } from '../../../api/src/db/embedded/errors.js';
import type { JournalRecord, ServerState } from '../../../api/src/db/embedded/types.js';
import { FaultyIO } from './faulty-io.js';
import { docsOf, recordingLogger, tempDir } from './helpers.js';

let cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.reverse()) await c();
  cleanups = [];
});

const put = (i: number): JournalRecord[] => [{ op: 'put', db: 'app', coll: 'c', doc: { _id: new Int32(i), text: 'x'.repeat(200) } }];
const ids = (state: ServerState) => [...(docsOf(state, 'app', 'c') ?? new Map()).values()].map((d) => (d._id as Int32).value).sort((a, b) => a - b);
const SEGMENT = 'journal-0000000000000001.wal';

async function setup() {
  const t = await tempDir();
  const io = new FaultyIO();
  const log = recordingLogger();
  const s = new DurableStorage(t.dir, { io, logger: log.logger });
  await s.open();
  cleanups.push(t.cleanup, () => s.close());
  return { dir: t.dir, io, log, s };
}

async function reopen(dir: string) {
  const log = recordingLogger();
  const s = new DurableStorage(dir, { logger: log.logger });
  const state = await s.open();
  await s.close();
  return { state, warnings: log.warnings() };
}

describe('disk errors', () => {
  it('rejects appends with OutOfDiskSpace when the disk is full, and accepts them again once space is back', async () => {
    const { dir, io, log, s } = await setup();
    await s.append(put(1));
    await s.append(put(2));
    const good = s.stats.bytes;

    // The disk fills up in the middle of a group: part of it reaches the file first.
    io.failWrites = { match: /\.wal$/, code: 'ENOSPC', partialBytes: 30 };
    const results = await Promise.allSettled([3, 4, 5].map((i) => s.append(put(i))));
    for (const r of results) {
      expect(r.status).toBe('rejected');
      const err = (r as PromiseRejectedResult).reason;
      expect(err).toBeInstanceOf(MongoError);
      expect(err).toMatchObject({ code: 14031, codeName: 'OutOfDiskSpace' });
      expect(err.message).toMatch(/^journal write failed: the disk holding the data directory is full/);
    }
    expect(log.errors().length).toBeGreaterThan(0);
    // The partial write was cut away: the journal ends after the last acknowledged batch.
    expect((await stat(join(dir, SEGMENT))).size).toBe(good);

    await expect(s.append(put(6))).rejects.toMatchObject({ code: 14031 });
    io.failWrites = null;
    await s.append(put(7));
    await Promise.all([8, 9].map((i) => s.append(put(i))));
    await s.close();

    const after = await reopen(dir);
    expect(ids(after.state)).toEqual([1, 2, 7, 8, 9]);
    expect(after.warnings).toEqual([]);
  });

  it('rejects with InternalError when fdatasync reports EIO, and keeps the journal consistent', async () => {
    const { dir, io, s } = await setup();
    await s.append(put(1));
    io.failSync = { match: /\.wal$/, code: 'EIO' };
    const err = await s.append(put(2)).catch((e) => e);
    expect(err).toBeInstanceOf(MongoError);
    expect(err).toMatchObject({ code: 1, codeName: 'InternalError' });
    expect(err.message).toContain('journal write failed: EIO');
    io.failSync = null;
    await s.append(put(3));
    await s.close();
    expect(ids((await reopen(dir)).state)).toEqual([1, 3]);
  });

  it('accepts no write while the failed bytes cannot be cut away', async () => {
    const { dir, io, s } = await setup();
    await s.append(put(1));
    io.failWrites = { match: /\.wal$/, code: 'ENOSPC', partialBytes: 30 };
    io.failTruncate = { match: /\.wal$/, code: 'EIO' };
    await expect(s.append(put(2))).rejects.toMatchObject({ code: 14031 });
    io.failWrites = null;
    // Writing after uncut garbage would bury a rejected batch in the middle of the journal.
    await expect(s.append(put(3))).rejects.toMatchObject({ code: 1 });
    io.failTruncate = null;
    await s.append(put(4));
    await s.close();
    const after = await reopen(dir);
    expect(ids(after.state)).toEqual([1, 4]);
    expect(after.warnings).toEqual([]);
  });

  it('leaves a torn tail, not a corrupt journal, if the process stops before the cut', async () => {
    const { dir, io, s } = await setup();
    await s.append(put(1));
    io.failWrites = { match: /\.wal$/, code: 'ENOSPC', partialBytes: 30 };
    io.failTruncate = { match: /\.wal$/, code: 'EIO' };
    await expect(s.append(put(2))).rejects.toMatchObject({ code: 14031 });
    await s.close(); // cannot trim either: the 30 bytes stay, as after a crash
    const after = await reopen(dir);
    expect(ids(after.state)).toEqual([1]);
    expect(after.warnings).toEqual([expect.stringContaining('dropped 30 bytes')]);
  });

  it('abandons a snapshot that hits a full disk and keeps the journal', async () => {
    const { dir, io, log, s } = await setup();
    for (let i = 1; i <= 20; i++) await s.append(put(i));
    io.failWrites = { match: /\.tmp$/, code: 'ENOSPC', partialBytes: 0 };
    const state = engineState(20);
    s.requestSnapshot(() => state);
    await s.whenSnapshotDone();
    expect(s.stats.failedSnapshots).toBe(1);
    expect(log.errors()).toEqual([expect.stringMatching(/Snapshot of .* failed, the journal keeps everything: .*ENOSPC/)]);
    const files = await readdir(dir);
    expect(files.filter((f) => f.endsWith('.tmp') || f.endsWith('.snap'))).toEqual([]);
    io.failWrites = null;
    await s.append(put(21));
    await s.close();
    expect(ids((await reopen(dir)).state)).toEqual(Array.from({ length: 21 }, (_, i) => i + 1));
  });

  it('abandons a snapshot whose captured state holds a batch that was then rejected', async () => {
    const { dir, io, log, s } = await setup();
    for (let i = 1; i <= 3; i++) await s.append(put(i));
    io.failSync = { match: /\.wal$/, code: 'EIO' };
    const rejected = s.append(put(4)).catch((e) => e);
    // The engine applied batch 4 in memory when it appended it; the capture includes it.
    s.requestSnapshot(() => engineState(4));
    expect(await rejected).toMatchObject({ code: 1 });
    io.failSync = null;
    await s.whenSnapshotDone();
    expect(s.stats.snapshots).toBe(0);
    expect(log.errors().some((m) => m.includes('a write in the captured state could not be made durable'))).toBe(true);
    await s.append(put(5));
    await s.close();
    expect((await readdir(dir)).filter((f) => f.endsWith('.snap'))).toEqual([]);
    expect(ids((await reopen(dir)).state)).toEqual([1, 2, 3, 5]);
  });
});

/** What the engine would hold in memory after batches 1..n. */
function engineState(n: number): ServerState {
  const docs = Array.from({ length: n }, (_, i) => put(i + 1)[0]).map((r) => (r as Extract<JournalRecord, { op: 'put' }>).doc);
  return new Map([['app', { collections: new Map([['c', { options: {}, indexes: [], docs }]]) }]]);
}
