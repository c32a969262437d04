/**
 * The file-system seam of the durable backend. Everything that writes journal or snapshot
 * bytes goes through `StorageIO`, so tests can inject a handle that fails with ENOSPC or EIO
 * exactly where they want, without mocking `node:fs`.
 */
import { open as fsOpen } from 'node:fs/promises';
import { MongoError, ErrorCodes } from '../errors.js';

/** The subset of `fs.promises.FileHandle` the storage uses. */
export interface FileHandleLike {
  readonly fd: number;
  write(buffer: Uint8Array, offset: number, length: number, position: number): Promise<{ bytesWritten: number }>;
  read(buffer: Uint8Array, offset: number, length: number, position: number): Promise<{ bytesRead: number }>;
  datasync(): Promise<void>;
  sync(): Promise<void>;
  truncate(len: number): Promise<void>;
  stat(): Promise<{ size: number }>;
  close(): Promise<void>;
}

export interface StorageIO {
  open(path: string, flags: string): Promise<FileHandleLike>;
}

export const nodeIO: StorageIO = {
  open: (path, flags) => fsOpen(path, flags),
};

/** Writes all of `buf` at `position`, looping over short writes (they happen near ENOSPC). */
export async function writeFully(handle: FileHandleLike, buf: Uint8Array, position: number): Promise<void> {
  let done = 0;
  while (done < buf.length) {
    const { bytesWritten } = await handle.write(buf, done, buf.length - done, position + done);
    if (bytesWritten <= 0) throw Object.assign(new Error('write made no progress'), { code: 'EIO' });
    done += bytesWritten;
  }
}

/** Reads exactly `length` bytes at `position` (fewer only at end of file). */
export async function readAt(handle: FileHandleLike, position: number, length: number): Promise<Buffer> {
  const buf = Buffer.allocUnsafe(length);
  let done = 0;
  while (done < length) {
    const { bytesRead } = await handle.read(buf, done, length - done, position + done);
    if (bytesRead === 0) break;
    done += bytesRead;
  }
  return done === length ? buf : buf.subarray(0, done);
}

/** The MongoDB error a client sees when its write could not be made durable. */
export function toWriteError(err: unknown, what: string): MongoError {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  const detail = err instanceof Error ? err.message : String(err);
  if (code === 'ENOSPC' || code === 'EDQUOT') {
    return new MongoError(ErrorCodes.OutOfDiskSpace, `${what} failed: the disk holding the data directory is full (${detail})`);
  }
  return new MongoError(ErrorCodes.InternalError, `${what} failed: ${detail}`);
}
