/** Temporary directories that are removed even when a script is interrupted (process.exit runs 'exit' hooks). */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface TempDir {
  path: string;
  /** Removes it now (and forgets the exit hook). */
  remove(): void;
  /** Keeps it: no removal at exit. */
  keep(): void;
}

export function tempDir(prefix: string): TempDir {
  const path = mkdtempSync(join(tmpdir(), prefix));
  const remove = () => {
    process.off('exit', remove);
    rmSync(path, { recursive: true, force: true });
  };
  process.once('exit', remove);
  return { path, remove, keep: () => process.off('exit', remove) };
}
