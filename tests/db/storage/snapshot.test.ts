import { afterEach, describe, expect, it } from 'vitest';
import { readdir } from 'node:fs/promises';
import { Int32, type Document } from 'bson';
import { DurableStorage } from '../../../api/src/db/embedded/storage/durable.js';
import type { IndexSpec, JournalRecord, ServerState } from '../../../api/src/db/embedded/types.js';
import { fingerprint, plain, recordingLogger, tempDir } from './helpers.js';

let cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.reverse()) await c();
  cleanups = [];
});

/**
 * A stand-in for the engine: applies each batch to its in-memory state in the same step
 * as it calls append (the contract capture() relies on) and replaces documents, never
 * mutating them.
 */
class MiniEngine {
  readonly docs = new Map<number, Document>();
  indexes: IndexSpec[] = [];
  constructor(readonly storage: DurableStorage) {}

  write(records: JournalRecord[]): Promise<void> {
    for (const r of records) {
      if (r.op === 'put') this.docs.set((r.doc._id as Int32).value, r.doc);
      if (r.op === 'del') this.docs.delete((r.id as Int32).value);
      if (r.op === 'createIndex') this.indexes = [...this.indexes, r.spec];
    }
    return this.storage.append(records);
  }

  capture = (): ServerState =>
    new Map([['app', { collections: new Map([['c', { options: {}, indexes: this.indexes, docs: this.docs.values() }]]) }]]);
}

async function setup(snapshotEveryRecords: number) {
  const t = await tempDir();
  const log = recordingLogger();
  const s = new DurableStorage(t.dir, { logger: log.logger, snapshotEveryRecords });
  await s.open();
  cleanups.push(t.cleanup, () => s.close());
  return { dir: t.dir, s, log, engine: new MiniEngine(s) };
}

const doc = (id: number, version: number) => ({ _id: new Int32(id), n: new Int32(version), text: `document ${id} version ${version}` });

describe('snapshots and compaction', () => {
  it('snapshots on its own while appends continue, loses nothing and removes covered segments', async () => {
    const { dir, s, log, engine } = await setup(400);
    await engine.write([{ op: 'createIndex', db: 'app', coll: 'c', spec: { name: 'n_1', key: { n: new Int32(1) } } }]);
    s.requestSnapshot(engine.capture); // registers capture for the automatic snapshots
    const writers = Array.from({ length: 20 }, async (_, w) => {
      for (let i = 0; i < 150; i++) {
        const id = w * 1000 + (i % 60); // rewrites and deletes as well as inserts
        if (i % 7 === 6) await engine.write([{ op: 'del', db: 'app', coll: 'c', id: new Int32(id) }]);
        else await engine.write([{ op: 'put', db: 'app', coll: 'c', doc: doc(id, i) }, { op: 'put', db: 'app', coll: 'c', doc: doc(w * 1000 + 999, i) }]);
      }
    });
    await Promise.all(writers);
    await s.whenSnapshotDone();
    expect(s.stats.snapshots).toBeGreaterThanOrEqual(3);
    expect(s.stats.failedSnapshots).toBe(0);
    expect(log.errors()).toEqual([]);
    await s.close();

    const files = (await readdir(dir)).sort();
    const snaps = files.filter((f) => f.endsWith('.snap'));
    expect(snaps).toHaveLength(1);
    const snapSeq = Number(/(\d+)/.exec(snaps[0])![1]);
    const segments = files.filter((f) => f.endsWith('.wal')).map((f) => Number(/(\d+)/.exec(f)![1]));
    expect(segments.length).toBeGreaterThanOrEqual(1);
    for (const first of segments) expect(first, 'no segment the snapshot covers is left').toBeGreaterThan(snapSeq);
    expect(files.filter((f) => f.endsWith('.tmp'))).toEqual([]);

    const again = new DurableStorage(dir);
    const state = await again.open();
    await again.close();
    expect(plain(state)).toStrictEqual(plain(engine.capture()));
  });

  it('runs one snapshot at a time and covers exactly the batches before the capture', async () => {
    const { dir, s, engine } = await setup(1_000_000);
    for (let i = 0; i < 100; i++) await engine.write([{ op: 'put', db: 'app', coll: 'c', doc: doc(i, 0) }]);
    s.requestSnapshot(engine.capture);
    s.requestSnapshot(engine.capture); // ignored: one is running
    // written after the capture: must come back from the new segment
    const later = [100, 101, 102].map((i) => engine.write([{ op: 'put', db: 'app', coll: 'c', doc: doc(i, 0) }]));
    await Promise.all(later);
    await s.whenSnapshotDone();
    expect(s.stats.snapshots).toBe(1);
    await s.close();
    expect((await readdir(dir)).filter((f) => f.endsWith('.snap'))).toEqual(['snapshot-0000000000000100.snap']);
    expect((await readdir(dir)).filter((f) => f.endsWith('.wal'))).toEqual(['journal-0000000000000101.wal']);
    const log = recordingLogger();
    const again = new DurableStorage(dir, { logger: log.logger });
    const state = await again.open();
    await again.close();
    expect(plain(state)).toStrictEqual(plain(engine.capture()));
    expect(log.lines.find((l) => l.msg.includes('replayed'))!.msg).toContain('snapshot up to batch 100, 3 journal batch(es) replayed');
  });

  it('keeps the event loop responsive while it writes a large snapshot', async () => {
    const { s, engine } = await setup(1_000_000);
    const big = Array.from({ length: 40_000 }, (_, i) => doc(i, 1));
    for (let i = 0; i < big.length; i += 2000) {
      await engine.write(big.slice(i, i + 2000).map((d) => ({ op: 'put', db: 'app', coll: 'c', doc: d }) as JournalRecord));
    }
    let maxGap = 0;
    let last = performance.now();
    const timer = setInterval(() => {
      const now = performance.now();
      maxGap = Math.max(maxGap, now - last);
      last = now;
    }, 1);
    const started = performance.now();
    s.requestSnapshot(engine.capture);
    // appends keep being acknowledged while the snapshot is written
    let acked = 0;
    while (s.stats.snapshots === 0 && acked < 10_000) {
      await engine.write([{ op: 'put', db: 'app', coll: 'c', doc: doc(100_000 + acked, 0) }]);
      acked++;
    }
    await s.whenSnapshotDone();
    const took = performance.now() - started;
    clearInterval(timer);
    expect(s.stats.snapshots).toBe(1);
    expect(acked).toBeGreaterThan(0);
    // Serialised in ~1 MB slices; a single synchronous pass over 40,000 documents would block for the whole snapshot.
    expect(maxGap).toBeLessThan(Math.max(150, took / 3));
  });

  it('close() abandons a snapshot in progress, leaving no partial file and losing nothing', async () => {
    const { dir, s, engine } = await setup(1_000_000);
    const docs = Array.from({ length: 30_000 }, (_, i) => doc(i, 1));
    for (let i = 0; i < docs.length; i += 3000) {
      await engine.write(docs.slice(i, i + 3000).map((d) => ({ op: 'put', db: 'app', coll: 'c', doc: d }) as JournalRecord));
    }
    s.requestSnapshot(engine.capture);
    await s.close();
    expect(s.stats.snapshots).toBe(0);
    expect(s.stats.failedSnapshots).toBe(0); // abandoned on purpose, not failed
    const files = await readdir(dir);
    expect(files.filter((f) => f.endsWith('.tmp') || f.endsWith('.snap'))).toEqual([]);
    const again = new DurableStorage(dir);
    const state = await again.open();
    await again.close();
    expect(fingerprint(state)).toBe(fingerprint(engine.capture()));
  });

  it('logs and skips a snapshot whose capture throws, without disturbing appends', async () => {
    const { s, log, engine } = await setup(1_000_000);
    await engine.write([{ op: 'put', db: 'app', coll: 'c', doc: doc(1, 1) }]);
    expect(() =>
      s.requestSnapshot(() => {
        throw new Error('engine is confused');
      }),
    ).not.toThrow();
    expect(s.stats.failedSnapshots).toBe(1);
    expect(log.errors()).toEqual([expect.stringContaining('capturing the state failed: engine is confused')]);
    await engine.write([{ op: 'put', db: 'app', coll: 'c', doc: doc(2, 1) }]);
    expect(s.stats.batches).toBe(2);
  });
});
