/**
 * The journal writer: group commit over one open segment file.
 *
 * Appends queue up; one writer loop at a time takes every batch queued so far, writes them
 * with one positional write and makes them durable with one fdatasync, then resolves them
 * all. Appends arriving while that fdatasync is in flight form the next group, so under
 * concurrency the number of syncs stays far below the number of appends. All I/O is async
 * on a FileHandle: the event loop never waits for the disk.
 *
 * A failed write or sync rejects the whole group and cuts the file back to the last synced
 * offset before anything else is written, so the journal never holds a rejected batch in
 * front of an accepted one. Sequence numbers of a rejected group are reused.
 *
 * Segments are preallocated with zeros ahead of the writes: overwriting allocated blocks
 * lets fdatasync skip the file-size metadata commit a growing file needs on every write,
 * which roughly doubles sequential throughput on ext4. A run of zeros after the last frame
 * is a clean end to recovery (no frame starts with a zero byte).
 *
 * `rotate()` queues a marker: batches queued before it stay in the current segment,
 * batches after it go to a new segment. That is how a snapshot's capture point becomes a
 * segment boundary.
 */
import { join } from 'node:path';
import { MongoError, ErrorCodes } from '../errors.js';
import type { JournalRecord } from '../types.js';
import { journalName, removeQuietly, syncDir } from './datadir.js';
import { toWriteError, writeFully, type FileHandleLike, type StorageIO } from './io.js';
import { encodeBatch, stampBatch } from './records.js';

export interface Logger {
  info(msg: string): void;
  warn(msg: string): void;
  error(msg: string): void;
}

export interface JournalStats {
  /** fdatasync calls made for batches (the group-commit counter). */
  syncs: number;
  /** Batches made durable. */
  batches: number;
  /** Records in those batches. */
  records: number;
  bytes: number;
  /** Groups rejected because a write or sync failed. */
  failedGroups: number;
}

type BatchEntry = { kind: 'batch'; frame: Buffer; records: number; generation: number | undefined; resolve: () => void; reject: (e: Error) => void };
type Entry = BatchEntry | { kind: 'rotate'; resolve: (r: Rotation) => void; reject: (e: Error) => void };

/** Where a rotation cut the journal: batches up to `lastSeq` are in segments before `segmentFirstSeq`. */
export interface Rotation {
  lastSeq: number;
  segmentFirstSeq: number;
  /** `stats.failedGroups` when the marker was reached: tells whether batches before it were rejected. */
  failedGroups: number;
}

/** A group is cut at this size so one huge burst does not build one huge buffer. */
const MAX_GROUP_BYTES = 64 << 20;
/** Preallocation grows with the segment, between these bounds. */
const MIN_PREALLOC = 1 << 20;
const MAX_PREALLOC = 16 << 20;
const ZEROS = Buffer.alloc(MIN_PREALLOC);

export class JournalWriter {
  readonly stats: JournalStats = { syncs: 0, batches: 0, records: 0, bytes: 0, failedGroups: 0 };
  private readonly queue: Entry[] = [];
  private active = false;
  private running: Promise<void> = Promise.resolve();
  /**
   * Clean: the file is `allocated` bytes long and zero after `size`. Dirty: a failed write
   * may have left other bytes after `size`; they are cut off before anything else is written.
   */
  private dirty = false;
  private closed = false;
  /** The highest generation of a rejected batch, and why: batches of that generation or older are refused. */
  private refused: { generation: number; error: Error } | null = null;

  constructor(
    private readonly dir: string,
    private readonly io: StorageIO,
    private readonly logger: Logger,
    private handle: FileHandleLike,
    private segmentFirstSeq: number,
    private size: number,
    private allocated: number,
    private nextSeq: number,
  ) {}

  /** True while a write is in flight or queued. */
  get busy(): boolean {
    return this.active;
  }

  /** `generation`: see Storage.append; a batch without one is never refused for an earlier failure. */
  append(batch: JournalRecord[], generation?: number): Promise<void> {
    if (this.closed) return Promise.reject(new MongoError(ErrorCodes.InternalError, 'storage is closed'));
    if (this.isStale(generation)) return Promise.reject(this.refused!.error);
    let frame: Buffer;
    try {
      frame = encodeBatch(batch);
    } catch (e) {
      return Promise.reject(new MongoError(ErrorCodes.BadValue, `cannot journal batch: ${(e as Error).message}`));
    }
    return new Promise<void>((resolve, reject) => {
      this.queue.push({ kind: 'batch', frame, records: batch.length, generation, resolve, reject });
      this.kick();
    });
  }

  rotate(): Promise<Rotation> {
    if (this.closed) return Promise.reject(new Error('storage is closed'));
    return new Promise<Rotation>((resolve, reject) => {
      this.queue.push({ kind: 'rotate', resolve, reject });
      this.kick();
    });
  }

  /** Writes out everything queued, trims the preallocated tail, closes the segment. */
  async close(): Promise<void> {
    this.closed = true;
    while (this.active) await this.running;
    await this.trimTail(this.handle);
    await this.handle.close();
  }

  private isStale(generation: number | undefined): boolean {
    return generation !== undefined && this.refused !== null && generation <= this.refused.generation;
  }

  private kick(): void {
    if (this.active) return;
    this.active = true;
    this.running = this.run();
  }

  /**
   * The writer loop. Each step returns how to settle its entries, and the loop goes idle
   * *before* settling them when nothing else is queued: an append made in reaction to an
   * acknowledgement then starts its own write at once instead of waiting for this loop.
   */
  private async run(): Promise<void> {
    for (;;) {
      const head = this.queue[0];
      let settle: () => void;
      if (head.kind === 'rotate') {
        this.queue.shift();
        settle = await this.rotateNow().then(
          (r) => () => head.resolve(r),
          (e: Error) => () => head.reject(e),
        );
      } else {
        let n = 0;
        let bytes = 0;
        for (const e of this.queue) {
          if (e.kind !== 'batch' || (n > 0 && bytes + e.frame.length > MAX_GROUP_BYTES)) break;
          bytes += e.frame.length;
          n++;
        }
        const taken = this.queue.splice(0, n) as BatchEntry[];
        // Batches made on top of a rejected one (same or older generation) are refused unwritten.
        const refused = this.refused;
        const stale = taken.filter((e) => this.isStale(e.generation));
        const group = stale.length ? taken.filter((e) => !stale.includes(e)) : taken;
        const written = group.length ? await this.writeGroup(group, stale.length ? group.reduce((b, e) => b + e.frame.length, 0) : bytes) : () => {};
        // Counted as a failed group: a snapshot captured with them in it must be abandoned.
        if (stale.length) this.stats.failedGroups++;
        settle = () => {
          for (const e of stale) e.reject(refused!.error);
          written();
        };
      }
      if (this.queue.length === 0) this.active = false;
      settle();
      if (!this.active) return;
    }
  }

  /** Writes and syncs one group; never throws (failures reject the group's entries). */
  private async writeGroup(group: BatchEntry[], bytes: number): Promise<() => void> {
    const first = this.nextSeq;
    let buf: Buffer;
    try {
      await this.cutBackIfDirty();
      group.forEach((e, i) => stampBatch(e.frame, first + i, first));
      buf = group.length === 1 ? group[0].frame : Buffer.concat(group.map((e) => e.frame), bytes);
      this.dirty = true;
      await this.preallocate(buf.length);
      await writeFully(this.handle, buf, this.size);
      await this.handle.datasync();
      this.dirty = false;
    } catch (e) {
      // Cut the partial write away now, so a crash cannot replay batches we reject.
      await this.cutBackIfDirty().catch(() => undefined);
      return this.fail(group, e);
    }
    this.size += buf.length;
    this.nextSeq += group.length;
    this.stats.syncs++;
    this.stats.batches += group.length;
    this.stats.bytes += buf.length;
    for (const e of group) this.stats.records += e.records;
    return () => {
      for (const e of group) e.resolve();
    };
  }

  private fail(group: BatchEntry[], e: unknown): () => void {
    this.stats.failedGroups++;
    const err = toWriteError(e, 'journal write');
    const generations = group.flatMap((x) => (x.generation === undefined ? [] : [x.generation]));
    const generation = Math.max(...generations);
    if (generations.length && (!this.refused || generation >= this.refused.generation)) this.refused = { generation, error: err };
    this.logger.error(`${err.message} (${group.length} batch(es) rejected; journal kept at ${this.size} bytes)`);
    return () => {
      for (const entry of group) entry.reject(err);
    };
  }

  private async cutBackIfDirty(): Promise<void> {
    if (!this.dirty) return;
    await this.handle.truncate(this.size);
    await this.handle.datasync();
    this.allocated = this.size;
    this.dirty = false;
  }

  /** Makes sure `bytes` more fit in already allocated (zeroed and synced) space. */
  private async preallocate(bytes: number): Promise<void> {
    if (this.size + bytes <= this.allocated) return;
    const step = Math.min(Math.max(this.allocated, MIN_PREALLOC), MAX_PREALLOC);
    const target = this.size + bytes + step;
    for (let at = this.allocated; at < target; at += ZEROS.length) {
      await writeFully(this.handle, ZEROS.subarray(0, Math.min(ZEROS.length, target - at)), at);
    }
    await this.handle.datasync();
    this.allocated = target;
  }

  /** Gives back the preallocated tail of a segment that will not be written again. */
  private async trimTail(handle: FileHandleLike): Promise<void> {
    if (this.allocated === this.size && !this.dirty) return;
    try {
      await handle.truncate(this.size);
      await handle.datasync();
      this.allocated = this.size;
      this.dirty = false;
    } catch (e) {
      // Zeros after the last frame are a clean end for recovery; only disk space is lost.
      this.logger.warn(`trimming journal segment to ${this.size} bytes failed: ${(e as Error).message}`);
    }
  }

  private async rotateNow(): Promise<Rotation> {
    await this.cutBackIfDirty();
    if (this.size > 0) {
      const path = join(this.dir, journalName(this.nextSeq));
      const handle = await this.io.open(path, 'wx');
      try {
        await syncDir(this.dir);
      } catch (e) {
        await handle.close().catch(() => undefined);
        await removeQuietly(path).catch(() => undefined); // so a later rotation can create it again
        throw e;
      }
      const old = this.handle;
      await this.trimTail(old);
      this.handle = handle;
      this.segmentFirstSeq = this.nextSeq;
      this.size = 0;
      this.allocated = 0;
      this.dirty = false;
      // Every byte of the old segment was synced with its group; a close error loses nothing.
      await old.close().catch((e: Error) => this.logger.warn(`closing a journal segment failed: ${e.message}`));
    }
    return { lastSeq: this.nextSeq - 1, segmentFirstSeq: this.segmentFirstSeq, failedGroups: this.stats.failedGroups };
  }
}
