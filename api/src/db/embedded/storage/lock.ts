/**
 * Single-writer lock on a data directory.
 *
 * Why an OS lock (fs-native-extensions: open-file-description `fcntl` locks on Linux,
 * `flock` on macOS, `LockFileEx` on Windows) rather than a lock file judged by its contents:
 * the kernel drops the lock the moment the holder dies, kill -9 included, so a restart is
 * never blocked by a stale lock and there is no pid-reuse or clock question to get wrong.
 * proper-lockfile, the usual npm choice, decides staleness by mtime: after a kill -9 the
 * restart waits out the stale period, and a holder whose event loop stalls past it
 * loses its lock to a second process while it is still writing.
 * Open-file-description locks also conflict between two opens in the same process, so a
 * second DurableStorage on the same directory is refused like a second process.
 *
 * The LOCK file's contents (pid, host, time) only serve the error message.
 */
import fsx from 'fs-native-extensions';
import { open, readFile, type FileHandle } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { DataDirError } from './datadir.js';

interface Holder {
  pid?: number;
  host?: string;
  since?: string;
}

export class DirLock {
  private constructor(private handle: FileHandle | null) {}

  static async acquire(dir: string): Promise<DirLock> {
    const path = join(dir, 'LOCK');
    const handle = await open(path, 'a+');
    let locked: boolean;
    try {
      locked = fsx.tryLock(handle.fd);
    } catch (e) {
      await handle.close();
      throw e;
    }
    if (!locked) {
      await handle.close();
      throw new DataDirError('locked', await lockedMessage(dir, path));
    }
    const me: Holder = { pid: process.pid, host: hostname(), since: new Date().toISOString() };
    try {
      await handle.truncate(0);
      await handle.write(`${JSON.stringify(me)}\n`);
    } catch (e) {
      await handle.close();
      throw e;
    }
    return new DirLock(handle);
  }

  async release(): Promise<void> {
    const h = this.handle;
    if (!h) return;
    this.handle = null;
    await h.truncate(0).catch(() => undefined); // cosmetic: a stale pid would only mislead
    await h.close(); // closing the last descriptor of the open file drops the OS lock
  }
}

async function lockedMessage(dir: string, path: string): Promise<string> {
  let holder: Holder = {};
  try {
    holder = JSON.parse(await readFile(path, 'utf8')) as Holder;
  } catch {
    // The holder has locked the file but not yet written its pid.
  }
  const who =
    holder.pid === undefined
      ? 'another process (pid unknown)'
      : holder.pid === process.pid && holder.host === hostname()
        ? `this process (pid ${holder.pid})`
        : `another process (pid ${holder.pid}${holder.host && holder.host !== hostname() ? ` on host ${holder.host}` : ''})`;
  const since = holder.since ? ` since ${holder.since}` : '';
  return (
    `Data directory ${dir} is in use by ${who}${since}. ` +
    'Only one server can use a data directory at a time: stop the other one or choose another data directory.'
  );
}
