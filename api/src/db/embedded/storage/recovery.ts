/**
 * Recovery at open: the newest snapshot, then the journal segments after it, in order.
 *
 * Zeros after the last frame are preallocated space: a clean end. A damaged frame is a torn
 * tail — the last write, cut short by a crash — only when it is in the last segment and
 * nothing after it comes from a later write: intact frames after
 * it are tolerated only if they belong to the same group-commit write (their `group` is at
 * most the seq the damaged frame should have had), since only the last, unsynced write can
 * be partly on disk. The tail is cut away with a warning. Damage anywhere else means
 * acknowledged batches are lost: recovery refuses to start rather than silently drop them.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ServerState } from '../types.js';
import { DataDirError, journalName, listDataDir, removeQuietly, syncDir } from './datadir.js';
import { checkFrameAt, intactFramesAfter } from './frame.js';
import type { FileHandleLike, StorageIO } from './io.js';
import type { Logger } from './journal.js';
import { batchStamp, decodeBatch } from './records.js';
import { loadSnapshot } from './snapshot.js';
import { StateBuilder } from './state.js';

export interface Recovered {
  state: ServerState;
  /** The open last segment, positioned after its last good batch. */
  segment: { handle: FileHandleLike; firstSeq: number; size: number; allocated: number };
  nextSeq: number;
  /** Seq covered by the snapshot loaded (0 when none). */
  snapshotSeq: number;
  /** Batches replayed from the journal. */
  replayed: number;
}

export async function recover(dir: string, io: StorageIO, logger: Logger): Promise<Recovered> {
  const listing = await listDataDir(dir);
  for (const t of listing.temps) await removeQuietly(join(dir, t));

  const builder = new StateBuilder();
  let base = 0;
  const newest = listing.snapshots.at(-1);
  if (newest) base = await loadSnapshot(dir, io, newest.name, newest.seq, builder);

  // Segments wholly covered by the snapshot are left over from a crash between the snapshot
  // becoming durable and their deletion: remove them, with older snapshots.
  const journals = listing.journals;
  const firstNeeded = journals.findIndex((j, i) => i + 1 === journals.length || journals[i + 1].firstSeq > base + 1);
  const stale = [...journals.slice(0, Math.max(firstNeeded, 0)).map((j) => j.name), ...listing.snapshots.slice(0, -1).map((s) => s.name)];
  for (const name of stale) await removeQuietly(join(dir, name));
  if (stale.length) await syncDir(dir);
  const segments = firstNeeded < 0 ? [] : journals.slice(firstNeeded);

  const corrupt = (msg: string) => new DataDirError('corrupt', `${msg} Refusing to start: restore the data directory from a backup, or move the damaged file away to accept losing its data.`);

  let expected = base + 1; // next seq to apply
  let replayed = 0;
  let tail: { name: string; firstSeq: number; size: number; fileSize: number; torn: boolean; lastSeq: number } | null = null;
  for (const [i, seg] of segments.entries()) {
    const path = join(dir, seg.name);
    if (seg.firstSeq > expected) throw corrupt(`Journal ${path} starts at batch ${seg.firstSeq}, but the batches before it end at ${expected - 1}: batches are missing.`);
    const buf = await readFile(path);
    let off = 0;
    let seq = seg.firstSeq - 1; // last seq seen in this segment
    let torn = false;
    while (off < buf.length) {
      const check = checkFrameAt(buf, off);
      if (check.kind !== 'ok' && allZero(buf, off)) break; // preallocated space: a clean end
      if (check.kind !== 'ok') {
        const isLast = i === segments.length - 1;
        const later = laterWriteAfter(buf, off, seq + 1);
        if (!isLast || later !== undefined) {
          const where = later !== undefined ? `intact records from a later write follow at byte ${later}` : 'later journal segments follow';
          throw corrupt(`Journal ${path} is damaged at byte ${off} (${check.reason}) and ${where}: this is not a torn write at the end.`);
        }
        logger.warn(`Journal ${path}: ${droppedMessage(buf, off)} (${check.reason}).`);
        torn = true;
        break;
      }
      const stamp = batchStamp(check.body);
      if (stamp.seq !== seq + 1) throw corrupt(`Journal ${path} holds batch ${stamp.seq} at byte ${off} where batch ${seq + 1} belongs.`);
      seq = stamp.seq;
      if (seq >= expected) {
        let batch;
        try {
          batch = decodeBatch(check.body);
        } catch (e) {
          throw corrupt(`Journal ${path}: batch ${seq} at byte ${off} cannot be decoded (${(e as Error).message}).`);
        }
        for (const r of batch.records) builder.apply(r);
        expected = seq + 1;
        replayed++;
      }
      off = check.end;
    }
    tail = { name: seg.name, firstSeq: seg.firstSeq, size: off, fileSize: buf.length, torn, lastSeq: seq };
  }

  let handle: FileHandleLike;
  let allocated: number;
  if (tail && tail.lastSeq >= base) {
    handle = await io.open(join(dir, tail.name), 'r+');
    allocated = tail.fileSize; // zeros after `size` are preallocated space, reused
    if (tail.torn) {
      await handle.truncate(tail.size);
      await handle.datasync();
      allocated = tail.size;
    }
  } else {
    // No journal yet, or only batches the snapshot already holds: start a segment after it.
    if (tail) await removeQuietly(join(dir, tail.name));
    tail = { name: journalName(base + 1), firstSeq: base + 1, size: 0, fileSize: 0, torn: false, lastSeq: base };
    handle = await io.open(join(dir, tail.name), 'wx');
    allocated = 0;
    await syncDir(dir);
  }
  return {
    state: builder.toServerState(),
    segment: { handle, firstSeq: tail.firstSeq, size: tail.size, allocated },
    nextSeq: expected,
    snapshotSeq: base,
    replayed,
  };
}

/** Offset of an intact frame after `off` written by a later group-commit write than the damaged one. */
function laterWriteAfter(buf: Buffer, off: number, damagedSeq: number): number | undefined {
  for (const f of intactFramesAfter(buf, off + 1)) {
    if (batchStamp(f.body).group > damagedSeq) return f.offset;
  }
  return undefined;
}

const ZERO_CHUNK = Buffer.alloc(1 << 16);

function allZero(buf: Buffer, from: number): boolean {
  for (let at = from; at < buf.length; at += ZERO_CHUNK.length) {
    const end = Math.min(at + ZERO_CHUNK.length, buf.length);
    if (!buf.subarray(at, end).equals(ZERO_CHUNK.subarray(0, end - at))) return false;
  }
  return true;
}

/** Bytes dropped at a torn tail, telling the torn write apart from unused preallocated zeros. */
function droppedMessage(buf: Buffer, off: number): string {
  let zeros = 0;
  while (zeros < buf.length - off && buf[buf.length - 1 - zeros] === 0) zeros++;
  // A short run of zeros can end a torn frame itself; preallocation leaves at least a large one.
  if (zeros < 64 << 10) return `dropped ${buf.length - off} bytes of an incomplete last write at byte ${off}`;
  return `dropped ${buf.length - off - zeros} bytes of an incomplete last write at byte ${off} and ${zeros} bytes of unused preallocated space`;
}
