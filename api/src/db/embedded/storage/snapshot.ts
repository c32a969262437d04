/**
 * Snapshot files: the whole state as a run of frames (see frame.ts), each body a run of
 * BSON documents whose first is a header:
 *
 *   {k: 'meta', format, version, createdAt}
 *   {k: 'db', db}                                       one per database
 *   {k: 'coll', db, coll, options, indexes}             one per collection
 *   {k: 'docs', db, coll} doc doc doc ...               documents, ~256 KB per frame
 *   {k: 'end', seq, dbs, collections, docs}             last; seq = last batch included
 *
 * A snapshot without its end frame, or with a bad frame, is not a snapshot. Writing goes
 * to a .tmp file, is synced, renamed into place and the directory synced, so a snapshot
 * name on disk always means a complete file. Serialising yields to the event loop every
 * ~1 MB or ~8 ms so a large database does not stall the server.
 */
import { Long, serialize, type Document } from 'bson';
import { rename } from 'node:fs/promises';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { join } from 'node:path';
import type { IndexSpec, ServerState } from '../types.js';
import { DataDirError, FORMAT_NAME, FORMAT_VERSION, removeQuietly, SNAPSHOT_TEMP, snapshotName, syncDir } from './datadir.js';
import { encodeFrame, FrameReader } from './frame.js';
import { writeFully, type StorageIO } from './io.js';
import { readDocuments, toIndexSpec } from './records.js';
import type { StateBuilder } from './state.js';

/** A captured state with every iterable turned into an array, so later changes cannot leak in. */
export type FrozenState = { db: string; collections: { name: string; options: Document; indexes: IndexSpec[]; docs: Document[] }[] }[];

export function freeze(state: ServerState): FrozenState {
  return [...state].map(([db, { collections }]) => ({
    db,
    collections: [...collections].map(([name, c]) => ({ name, options: c.options, indexes: [...c.indexes], docs: Array.from(c.docs) })),
  }));
}

const DOCS_FRAME_BYTES = 256 << 10;
const FLUSH_BYTES = 1 << 20;
/**
 * Longest stretch of synchronous serialising between two turns of the event loop. Every
 * journal append needs two I/O callbacks (write, then sync), each of which can wait for one
 * slice: while appends are in flight slices are kept short so they are not slowed down.
 */
const SLICE_MS = 8;
const BUSY_SLICE_MS = 1;

export class SnapshotAborted extends Error {
  constructor() {
    super('snapshot aborted');
  }
}

export interface SnapshotResult {
  name: string;
  seq: number;
  docs: number;
  bytes: number;
}

/**
 * Writes `state` as the snapshot after batch `seq` (known only once the journal has been
 * rotated at the capture point, hence a promise).
 */
export async function writeSnapshot(
  dir: string,
  io: StorageIO,
  state: FrozenState,
  seq: Promise<number>,
  hooks: { aborted: () => boolean; journalBusy: () => boolean },
): Promise<SnapshotResult> {
  const tmp = join(dir, SNAPSHOT_TEMP);
  const handle = await io.open(tmp, 'w');
  let pos = 0;
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let docCount = 0;
  let collCount = 0;
  let sliceStart = performance.now();
  const sliceOver = () => performance.now() - sliceStart > (hooks.journalBusy() ? BUSY_SLICE_MS : SLICE_MS);
  const flush = async () => {
    if (hooks.aborted()) throw new SnapshotAborted();
    const buf = Buffer.concat(pending, pendingBytes);
    pending = [];
    pendingBytes = 0;
    await writeFully(handle, buf, pos);
    pos += buf.length;
    await nextTurn(); // let requests in between chunks
    sliceStart = performance.now();
  };
  const push = async (parts: Uint8Array[]) => {
    const frame = encodeFrame(parts);
    pending.push(frame);
    pendingBytes += frame.length;
    if (pendingBytes >= FLUSH_BYTES || sliceOver()) await flush();
  };
  try {
    await push([serialize({ k: 'meta', format: FORMAT_NAME, version: FORMAT_VERSION, createdAt: new Date() })]);
    for (const { db, collections } of state) {
      await push([serialize({ k: 'db', db })]);
      for (const c of collections) {
        collCount++;
        await push([serialize({ k: 'coll', db, coll: c.name, options: c.options, indexes: c.indexes })]);
        const header = serialize({ k: 'docs', db, coll: c.name });
        let parts: Uint8Array[] = [header];
        let bytes = 0;
        for (const doc of c.docs) {
          const b = serialize(doc);
          parts.push(b);
          bytes += b.length;
          docCount++;
          if (bytes >= DOCS_FRAME_BYTES || sliceOver()) {
            await push(parts);
            parts = [header];
            bytes = 0;
          }
        }
        if (parts.length > 1) await push(parts);
      }
    }
    const covered = await seq;
    await push([serialize({ k: 'end', seq: Long.fromNumber(covered), dbs: state.length, collections: collCount, docs: docCount })]);
    await flush();
    await handle.sync();
    await handle.close();
    const name = snapshotName(covered);
    await rename(tmp, join(dir, name));
    await syncDir(dir);
    return { name, seq: covered, docs: docCount, bytes: pos };
  } catch (e) {
    await handle.close().catch(() => undefined);
    await removeQuietly(tmp).catch(() => undefined);
    throw e;
  }
}

/** Loads a snapshot into `builder`; returns the seq of the last batch it includes. */
export async function loadSnapshot(dir: string, io: StorageIO, name: string, expectedSeq: number, builder: StateBuilder): Promise<number> {
  const path = join(dir, name);
  const corrupt = (why: string) =>
    new DataDirError('corrupt', `Snapshot ${path} is damaged (${why}). Refusing to start: restore the data directory from a backup.`);
  const handle = await io.open(path, 'r');
  try {
    const reader = new FrameReader(handle, (await handle.stat()).size);
    let end: Document | null = null;
    let docs = 0;
    for (let body = await reader.next(); body; body = await reader.next()) {
      if (end) throw corrupt(`data after the end record at byte ${reader.offset}`);
      let parts: Document[];
      try {
        parts = readDocuments(body, 0);
      } catch (e) {
        throw corrupt(`${(e as Error).message} before byte ${reader.offset}`);
      }
      const head = parts[0] ?? {};
      if (head.k === 'db') builder.ensureDb(head.db);
      else if (head.k === 'coll') {
        const c = builder.ensureCollection(head.db, head.coll, head.options ?? {});
        c.indexes = ((head.indexes ?? []) as Document[]).map(toIndexSpec);
      } else if (head.k === 'docs') {
        for (let i = 1; i < parts.length; i++) builder.putDoc(head.db, head.coll, parts[i]);
        docs += parts.length - 1;
      } else if (head.k === 'end') end = head;
      else if (head.k === 'meta') {
        const version = toNumber(head.version);
        if (head.format !== FORMAT_NAME || !(version <= FORMAT_VERSION)) {
          throw new DataDirError('format', `Snapshot ${path} has format ${JSON.stringify(head.format)} version ${version}; this server reads ${FORMAT_NAME} up to version ${FORMAT_VERSION}.`);
        }
      } else throw corrupt(`unknown record ${JSON.stringify(head.k)}`);
    }
    if (reader.stop.kind !== 'end') throw corrupt(`${reader.stop.reason} at byte ${reader.offset}`);
    if (!end) throw corrupt('no end record');
    const seq = toNumber(end.seq);
    if (seq !== expectedSeq) throw corrupt(`it says it covers batch ${seq}, its name says ${expectedSeq}`);
    if (toNumber(end.docs) !== docs) throw corrupt(`it should hold ${toNumber(end.docs)} documents, it holds ${docs}`);
    return seq;
  } finally {
    await handle.close();
  }
}

/** Int32, Double and Long (raw form) to a JS number. */
function toNumber(v: unknown): number {
  if (v !== null && typeof v === 'object' && 'toNumber' in v) return (v as Long).toNumber();
  return Number(v);
}
