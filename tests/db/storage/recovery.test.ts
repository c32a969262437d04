import { afterEach, describe, expect, it } from 'vitest';
import { readdir, readFile, stat, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Int32 } from 'bson';
import { DurableStorage } from '../../../api/src/db/embedded/storage/durable.js';
import { DataDirError } from '../../../api/src/db/embedded/storage/datadir.js';
import type { JournalRecord, ServerState } from '../../../api/src/db/embedded/types.js';
import { FaultyIO } from './faulty-io.js';
import { docsOf, recordingLogger, tempDir } from './helpers.js';

let cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.reverse()) await c();
  cleanups = [];
});
async function freshDir() {
  const t = await tempDir();
  cleanups.push(t.cleanup);
  return t.dir;
}

const batch = (i: number): JournalRecord[] => [
  { op: 'put', db: 'app', coll: 'c', doc: { _id: new Int32(i), name: `batch ${i}`, n: new Int32(i) } },
  { op: 'put', db: 'app', coll: 'c', doc: { _id: `pair-${i}` } },
];
/** The ids of the batches present, checking each batch is there whole or not at all. */
function batchesIn(state: ServerState): number[] {
  const docs = docsOf(state, 'app', 'c') ?? new Map();
  const ids: number[] = [];
  for (const d of docs.values()) {
    if (typeof d._id === 'string') continue;
    const i = (d._id as Int32).value;
    expect([...docs.values()].some((p) => p._id === `pair-${i}`), `batch ${i} is whole`).toBe(true);
    ids.push(i);
  }
  const pairs = [...docs.values()].filter((d) => typeof d._id === 'string').length;
  expect(pairs, 'no half batch').toBe(ids.length);
  return ids.sort((a, b) => a - b);
}

const SEGMENT = 'journal-0000000000000001.wal';

/** Writes batches 1..n one after another; returns the byte offset where each batch's frame ends. */
async function writeBatches(dir: string, n: number): Promise<number[]> {
  const s = new DurableStorage(dir);
  await s.open();
  const ends: number[] = [];
  for (let i = 1; i <= n; i++) {
    await s.append(batch(i));
    ends.push(s.stats.bytes);
  }
  await s.close();
  return ends;
}

async function reopen(dir: string, logger = recordingLogger().logger) {
  const s = new DurableStorage(dir, { logger });
  const state = await s.open();
  await s.close();
  return state;
}

describe('recovery', () => {
  it('cuts a torn last batch at any byte and keeps exactly the batches before it', async () => {
    const dir = await freshDir();
    const ends = await writeBatches(dir, 3);
    const path = join(dir, SEGMENT);
    const full = await readFile(path);
    expect(full.length).toBe(ends[2]);
    const start = ends[1];
    for (let cut = start; cut < full.length; cut++) {
      await writeFile(path, full.subarray(0, cut));
      const log = recordingLogger();
      const state = await reopen(dir, log.logger);
      expect(batchesIn(state), `cut at ${cut}`).toEqual([1, 2]);
      if (cut > start) {
        expect(log.warnings()).toEqual([expect.stringContaining(`dropped ${cut - start} bytes of an incomplete last write at byte ${start}`)]);
      } else {
        expect(log.warnings()).toEqual([]);
      }
      expect((await stat(path)).size, 'the torn bytes are truncated away').toBe(start);
    }
    // and appending after a cut continues the sequence
    await writeFile(path, full.subarray(0, start + 5));
    const s = new DurableStorage(dir);
    await s.open();
    await s.append(batch(4));
    await s.close();
    expect(batchesIn(await reopen(dir))).toEqual([1, 2, 4]);
  });

  it('treats a damaged last batch and a zero-filled tail as a torn write', async () => {
    const dir = await freshDir();
    const ends = await writeBatches(dir, 3);
    const path = join(dir, SEGMENT);
    const full = await readFile(path);

    const flipped = Buffer.from(full);
    flipped[ends[1] + 40] ^= 0xff;
    await writeFile(path, flipped);
    const log = recordingLogger();
    expect(batchesIn(await reopen(dir, log.logger))).toEqual([1, 2]);
    expect(log.warnings()[0]).toContain('checksum mismatch');

    // Zeros after the last frame are preallocated space: a clean end, no warning.
    await writeFile(path, Buffer.concat([full, Buffer.alloc(10_000)]));
    const quiet = recordingLogger();
    expect(batchesIn(await reopen(dir, quiet.logger))).toEqual([1, 2, 3]);
    expect(quiet.warnings()).toEqual([]);
  });

  it('refuses to start when a damaged batch is followed by intact later ones', async () => {
    const dir = await freshDir();
    const ends = await writeBatches(dir, 5);
    const path = join(dir, SEGMENT);
    const full = await readFile(path);

    const body = Buffer.from(full);
    body[ends[0] + 30] ^= 0x01; // inside batch 2
    await writeFile(path, body);
    const err = await reopen(dir).catch((e) => e);
    expect(err).toBeInstanceOf(DataDirError);
    expect(err.reason).toBe('corrupt');
    expect(err.message).toContain(`${path} is damaged at byte ${ends[0]} (checksum mismatch)`);
    expect(err.message).toContain(`intact records from a later write follow at byte ${ends[1]}`);
    expect(err.message).toContain('Refusing to start');
    expect(await readFile(path), 'nothing was truncated').toEqual(body);

    const length = Buffer.from(full);
    length.writeUInt32LE(0x7fffffff, ends[0] + 4); // batch 2's length field
    await writeFile(path, length);
    await expect(reopen(dir)).rejects.toThrow(/damaged at byte \d+ \(bad frame length 2147483647\) and intact records from a later write/);

    // and the directory opens again once the damage is repaired
    await writeFile(path, full);
    expect(batchesIn(await reopen(dir))).toEqual([1, 2, 3, 4, 5]);
  });

  it('tolerates damage inside the last group-commit write even with intact frames after it', async () => {
    const dir = await freshDir();
    const s = new DurableStorage(dir);
    await s.open();
    await s.append(batch(1));
    await s.append(batch(2));
    const afterTwo = s.stats.bytes;
    // batch 3 is written alone; 4, 5, 6 queue behind it and share the next write
    await Promise.all([3, 4, 5, 6].map((i) => s.append(batch(i))));
    expect(s.stats.syncs).toBe(4);
    const afterThree = afterTwo + (s.stats.bytes - afterTwo) / 4; // all four frames are the same size
    await s.close();
    const path = join(dir, SEGMENT);
    const full = await readFile(path);

    // A crash can leave the last write's first page missing and its later pages on disk.
    const hole = Buffer.from(full);
    hole.fill(0, afterThree, afterThree + 20);
    await writeFile(path, hole);
    const log = recordingLogger();
    expect(batchesIn(await reopen(dir, log.logger))).toEqual([1, 2, 3]);
    expect(log.warnings()[0]).toContain(`dropped ${full.length - afterThree} bytes`);

    // The same damage to batch 3, whose write was synced before 4-6 were written, is corruption.
    const early = Buffer.from(full);
    early.fill(0, afterTwo, afterTwo + 20);
    await writeFile(path, early);
    await expect(reopen(dir)).rejects.toThrow(/damaged at byte \d+ .* intact records from a later write/);
  });

  it('replays across segments and refuses a missing or damaged earlier segment', async () => {
    const dir = await freshDir();
    // Snapshots that fail still rotate the journal: that leaves several segments behind.
    const io = new FaultyIO();
    io.failOpen = { match: /\.tmp$/, code: 'ENOSPC' };
    const log = recordingLogger();
    const s = new DurableStorage(dir, { io, logger: log.logger });
    await s.open();
    let state: ServerState = new Map();
    for (let i = 1; i <= 6; i++) {
      await s.append(batch(i));
      if (i % 2 === 0) {
        s.requestSnapshot(() => state);
        await s.whenSnapshotDone();
      }
    }
    await s.close();
    expect(log.errors()).toHaveLength(3);
    const segments = (await readdir(dir)).filter((f) => f.endsWith('.wal')).sort();
    expect(segments).toEqual([
      'journal-0000000000000001.wal',
      'journal-0000000000000003.wal',
      'journal-0000000000000005.wal',
      'journal-0000000000000007.wal',
    ]);
    state = await reopen(dir);
    expect(batchesIn(state)).toEqual([1, 2, 3, 4, 5, 6]);

    const middle = join(dir, 'journal-0000000000000003.wal');
    const saved = await readFile(middle);
    await writeFile(middle, saved.subarray(0, saved.length - 3)); // torn, but not the last segment
    await expect(reopen(dir)).rejects.toThrow(/journal-0000000000000003\.wal is damaged at byte \d+ .* later journal segments follow/);
    await unlink(middle);
    await expect(reopen(dir)).rejects.toThrow(/journal-0000000000000005\.wal starts at batch 5, but the batches before it end at 2: batches are missing/);
  });
});
