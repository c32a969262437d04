/**
 * A StorageIO over the real file system that fails on demand, the way a full or broken
 * disk does: a write that stores part of its bytes and then fails with ENOSPC, a sync
 * that fails with EIO, an open that fails. It also records the order of writes, syncs and
 * whatever the test logs, to check that appends are acknowledged only after their sync.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { nodeIO, type FileHandleLike, type StorageIO } from '../../../api/src/db/embedded/storage/io.js';

const errno = (code: string) => Object.assign(new Error(`${code}: simulated`), { code });

export class FaultyIO implements StorageIO {
  /** Fail writes to files whose path matches: store `partialBytes` of the write first. */
  failWrites: { match: RegExp; code: string; partialBytes: number } | null = null;
  failSync: { match: RegExp; code: string } | null = null;
  failTruncate: { match: RegExp; code: string } | null = null;
  failOpen: { match: RegExp; code: string } | null = null;
  syncDelayMs = 0;
  /** Called when a datasync starts (before its delay). */
  onSyncStart: (() => void) | null = null;
  syncsDone = 0;
  readonly events: string[] = [];

  async open(path: string, flags: string): Promise<FileHandleLike> {
    if (this.failOpen?.match.test(path)) throw errno(this.failOpen.code);
    const real = await nodeIO.open(path, flags);
    const io = this;
    return {
      fd: real.fd,
      async write(buffer, offset, length, position) {
        const f = io.failWrites;
        if (f?.match.test(path)) {
          if (f.partialBytes > 0 && length > 0) {
            const n = Math.min(f.partialBytes, length);
            await real.write(buffer, offset, n, position);
            io.failWrites = { ...f, partialBytes: 0 }; // the next call hits the full disk
            return { bytesWritten: n };
          }
          throw errno(f.code);
        }
        io.events.push('write');
        return real.write(buffer, offset, length, position);
      },
      read: (buffer, offset, length, position) => real.read(buffer, offset, length, position),
      async datasync() {
        io.onSyncStart?.();
        if (io.syncDelayMs) await sleep(io.syncDelayMs);
        if (io.failSync?.match.test(path)) throw errno(io.failSync.code);
        await real.datasync();
        io.syncsDone++;
        io.events.push('sync');
      },
      async sync() {
        if (io.failSync?.match.test(path)) throw errno(io.failSync.code);
        await real.sync();
      },
      async truncate(len) {
        if (io.failTruncate?.match.test(path)) throw errno(io.failTruncate.code);
        await real.truncate(len);
      },
      stat: () => real.stat(),
      close: () => real.close(),
    };
  }
}
