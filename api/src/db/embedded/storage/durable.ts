/**
 * The durable backend: a locked data directory holding a journal (group-committed,
 * checksummed batches) and snapshots written in the background.
 *
 * Contract with the engine beyond `Storage`:
 *  - When `capture()` runs, the state it returns must hold the effects of exactly the
 *    batches passed to `append()` before that moment (apply a batch in memory in the same
 *    synchronous step that calls `append`). The snapshot is written asynchronously from the
 *    captured view, so the documents in it must not be mutated in place afterwards
 *    (replace documents, do not edit them); the iterables themselves are copied at capture.
 *  - If `append()` rejects, the batch is not in the journal: the engine must undo it in
 *    memory and report the error (code 14031 when the disk is full).
 */
import { MongoError, ErrorCodes } from '../errors.js';
import type { JournalRecord, ServerState, Storage } from '../types.js';
import { checkOrCreateFormat, ensureDir, listDataDir, removeQuietly, syncDir } from './datadir.js';
import { nodeIO, type StorageIO } from './io.js';
import { JournalWriter, type JournalStats, type Logger, type Rotation } from './journal.js';
import { DirLock } from './lock.js';
import { recover } from './recovery.js';
import { freeze, SnapshotAborted, writeSnapshot } from './snapshot.js';
import { join } from 'node:path';

export interface DurableStorageOptions {
  logger?: Logger;
  /** Take a snapshot on its own once the journal holds this many records (default 100,000). */
  snapshotEveryRecords?: number;
  /** File-system seam for journal and snapshot files (tests inject failures here). */
  io?: StorageIO;
}

export interface DurableStats extends JournalStats {
  snapshots: number;
  failedSnapshots: number;
}

const silent: Logger = { info() {}, warn() {}, error() {} };

export class DurableStorage implements Storage {
  private readonly logger: Logger;
  private readonly io: StorageIO;
  private readonly snapshotEvery: number;
  private lock: DirLock | null = null;
  private journal: JournalWriter | null = null;
  private lastCapture: (() => ServerState) | null = null;
  private recordsSinceSnapshot = 0;
  private snapshotTask: Promise<void> | null = null;
  private autoSnapshotQueued = false;
  private closing = false;
  private closeTask: Promise<void> | null = null;
  private journalStats: JournalStats = { syncs: 0, batches: 0, records: 0, bytes: 0, failedGroups: 0 };
  private snapshots = 0;
  private failedSnapshots = 0;

  constructor(
    readonly dir: string,
    opts: DurableStorageOptions = {},
  ) {
    this.logger = opts.logger ?? silent;
    this.io = opts.io ?? nodeIO;
    this.snapshotEvery = opts.snapshotEveryRecords ?? 100_000;
  }

  async open(): Promise<ServerState> {
    if (this.lock) throw new Error(`DurableStorage for ${this.dir} is already open`);
    await ensureDir(this.dir);
    const lock = await DirLock.acquire(this.dir);
    try {
      await checkOrCreateFormat(this.dir);
      const started = Date.now();
      const r = await recover(this.dir, this.io, this.logger);
      this.journal = new JournalWriter(this.dir, this.io, this.logger, r.segment.handle, r.segment.firstSeq, r.segment.size, r.segment.allocated, r.nextSeq);
      this.journalStats = this.journal.stats;
      this.lock = lock;
      this.logger.info(
        `Data directory ${this.dir}: snapshot up to batch ${r.snapshotSeq}, ${r.replayed} journal batch(es) replayed in ${Date.now() - started} ms.`,
      );
      return r.state;
    } catch (e) {
      await lock.release();
      throw e;
    }
  }

  append(batch: JournalRecord[], generation?: number): Promise<void> {
    if (!this.journal || this.closing) return Promise.reject(new MongoError(ErrorCodes.InternalError, 'storage is not open'));
    const done = this.journal.append(batch, generation);
    this.recordsSinceSnapshot += batch.length;
    if (this.recordsSinceSnapshot >= this.snapshotEvery && this.lastCapture && !this.snapshotTask && !this.autoSnapshotQueued) {
      // On a later turn: the engine may be between applying this batch and returning.
      this.autoSnapshotQueued = true;
      setImmediate(() => {
        this.autoSnapshotQueued = false;
        if (this.lastCapture && this.recordsSinceSnapshot >= this.snapshotEvery) this.requestSnapshot(this.lastCapture);
      });
    }
    return done;
  }

  requestSnapshot(capture: () => ServerState): void {
    this.lastCapture = capture;
    if (!this.journal || this.closing || this.snapshotTask) return; // one at a time
    let state: ReturnType<typeof freeze>;
    try {
      state = freeze(capture());
    } catch (e) {
      // A background task must not take the server down; the journal still has everything.
      this.failedSnapshots++;
      this.logger.error(`Snapshot of ${this.dir} not taken: capturing the state failed: ${(e as Error).message}`);
      return;
    }
    const rotation = this.journal.rotate(); // queued right behind the batches `state` holds
    this.recordsSinceSnapshot = 0;
    this.snapshotTask = this.runSnapshot(state, rotation, this.journal.stats.failedGroups).finally(() => {
      this.snapshotTask = null;
    });
  }

  /** Resolves when the snapshot in progress (if any) has finished or failed. */
  async whenSnapshotDone(): Promise<void> {
    while (this.snapshotTask) await this.snapshotTask;
  }

  /** Counters since open (kept after close): `syncs` vs `batches` shows group commit at work. */
  get stats(): DurableStats {
    return { ...this.journalStats, snapshots: this.snapshots, failedSnapshots: this.failedSnapshots };
  }

  close(): Promise<void> {
    this.closeTask ??= this.closeNow().finally(() => {
      this.closeTask = null;
    });
    return this.closeTask;
  }

  private async closeNow(): Promise<void> {
    const lock = this.lock;
    if (!lock) return;
    this.closing = true;
    try {
      await this.whenSnapshotDone(); // aborts at its next slice: closing is set
      await this.journal?.close();
    } finally {
      this.journal = null;
      this.lock = null;
      this.closing = false;
      await lock.release();
    }
  }

  private async runSnapshot(state: ReturnType<typeof freeze>, rotation: Promise<Rotation>, failedAtCapture: number): Promise<void> {
    const started = Date.now();
    const seq = rotation.then((r) => {
      // The captured state holds every batch appended before it; if one of those was then
      // rejected, the engine has undone it and the snapshot must not bring it back.
      if (r.failedGroups !== failedAtCapture) throw new Error('a write in the captured state could not be made durable');
      return r.lastSeq;
    });
    seq.catch(() => undefined); // awaited inside writeSnapshot; avoid an unhandled rejection if it fails first
    try {
      const result = await writeSnapshot(this.dir, this.io, state, seq, {
        aborted: () => this.closing,
        journalBusy: () => this.journal?.busy ?? false,
      });
      const { segmentFirstSeq } = await rotation;
      // The snapshot is durable: what it covers can go.
      const { journals, snapshots } = await listDataDir(this.dir);
      const obsolete = [...journals.filter((j) => j.firstSeq < segmentFirstSeq), ...snapshots.filter((s) => s.seq < result.seq)];
      for (const f of obsolete) await removeQuietly(join(this.dir, f.name));
      if (obsolete.length) await syncDir(this.dir);
      this.snapshots++;
      this.logger.info(
        `Snapshot ${result.name}: ${result.docs} document(s), ${result.bytes} bytes in ${Date.now() - started} ms; removed ${obsolete.length} obsolete file(s).`,
      );
    } catch (e) {
      if (e instanceof SnapshotAborted) return;
      this.failedSnapshots++;
      this.logger.error(`Snapshot of ${this.dir} failed, the journal keeps everything: ${(e as Error).message}`);
    }
  }
}
