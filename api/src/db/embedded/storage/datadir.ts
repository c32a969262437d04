/**
 * The data directory layout:
 *
 *   FORMAT                       {"format": "zhaoshang-embedded-mongo", "version": 1, ...}
 *   LOCK                         held with an OS lock by the process using the directory
 *   snapshot-<seq>.snap          the whole state after batch <seq> (newest complete one wins)
 *   journal-<firstSeq>.wal       batches from <firstSeq> on, in order
 *   *.tmp                        unfinished snapshots, removed at open
 *
 * Sequence numbers in names are zero-padded so names sort in sequence order.
 */
import { mkdir, open, readdir, readFile, rename, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export const FORMAT_NAME = 'zhaoshang-embedded-mongo';
export const FORMAT_VERSION = 1;

/** Why a data directory cannot be opened; the message is meant for the operator. */
export class DataDirError extends Error {
  constructor(
    readonly reason: 'locked' | 'format' | 'corrupt',
    message: string,
  ) {
    super(message);
    this.name = 'DataDirError';
  }
}

const pad = (seq: number) => String(seq).padStart(16, '0');
export const journalName = (firstSeq: number) => `journal-${pad(firstSeq)}.wal`;
export const snapshotName = (seq: number) => `snapshot-${pad(seq)}.snap`;
/** Snapshots are written under this name first (its seq is not known yet; one runs at a time). */
export const SNAPSHOT_TEMP = 'snapshot-in-progress.tmp';

export interface DirListing {
  journals: { name: string; firstSeq: number }[]; // ascending
  snapshots: { name: string; seq: number }[]; // ascending
  temps: string[];
}

export async function listDataDir(dir: string): Promise<DirListing> {
  const listing: DirListing = { journals: [], snapshots: [], temps: [] };
  for (const name of await readdir(dir)) {
    let m: RegExpExecArray | null;
    if ((m = /^journal-(\d{16})\.wal$/.exec(name))) listing.journals.push({ name, firstSeq: Number(m[1]) });
    else if ((m = /^snapshot-(\d{16})\.snap$/.exec(name))) listing.snapshots.push({ name, seq: Number(m[1]) });
    else if (name.endsWith('.tmp')) listing.temps.push(name);
  }
  listing.journals.sort((a, b) => a.firstSeq - b.firstSeq);
  listing.snapshots.sort((a, b) => a.seq - b.seq);
  return listing;
}

/** Makes renames, creations and deletions in `dir` durable. */
export async function syncDir(dir: string): Promise<void> {
  const h = await open(dir, 'r');
  try {
    await h.sync();
  } finally {
    await h.close();
  }
}

export async function ensureDir(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true });
}

/** Checks FORMAT, or writes it when the directory holds no data yet. */
export async function checkOrCreateFormat(dir: string): Promise<void> {
  const path = join(dir, 'FORMAT');
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    const { journals, snapshots } = await listDataDir(dir);
    if (journals.length || snapshots.length) {
      throw new DataDirError('format', `Data directory ${dir} holds journal or snapshot files but no FORMAT file; refusing to guess its format.`);
    }
    const format = { format: FORMAT_NAME, version: FORMAT_VERSION, createdAt: new Date().toISOString() };
    await writeFile(`${path}.tmp`, `${JSON.stringify(format, null, 2)}\n`, { flush: true });
    await rename(`${path}.tmp`, path);
    await syncDir(dir);
    return;
  }
  let format: { format?: unknown; version?: unknown };
  try {
    format = JSON.parse(text);
  } catch {
    throw new DataDirError('format', `Data directory ${dir}: FORMAT is not valid JSON.`);
  }
  if (format.format !== FORMAT_NAME) {
    throw new DataDirError('format', `Data directory ${dir} has format ${JSON.stringify(format.format)}, not ${FORMAT_NAME}.`);
  }
  const version = format.version;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    throw new DataDirError('format', `Data directory ${dir} has an unknown format version ${JSON.stringify(version)}.`);
  }
  if (version > FORMAT_VERSION) {
    throw new DataDirError(
      'format',
      `Data directory ${dir} was written by a newer server (format version ${version}; this server reads up to ${FORMAT_VERSION}). Upgrade the server to open it.`,
    );
  }
}

export async function removeQuietly(path: string): Promise<void> {
  try {
    await unlink(path);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
}
