/**
 * Shared pieces of the storage tests: temporary data directories, a recording logger,
 * child processes run under tsx, and a plain view of a ServerState for comparisons.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serialize, type Document } from 'bson';
import type { ServerState } from '../../../api/src/db/embedded/types.js';
import { idKey } from '../../../api/src/db/embedded/storage/idkey.js';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
export const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), 'fixtures');

export async function tempDir(prefix = 'zs-storage-'): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

export function recordingLogger() {
  const lines: { level: 'info' | 'warn' | 'error'; msg: string }[] = [];
  return {
    lines,
    logger: {
      info: (msg: string) => lines.push({ level: 'info', msg }),
      warn: (msg: string) => lines.push({ level: 'warn', msg }),
      error: (msg: string) => lines.push({ level: 'error', msg }),
    },
    warnings: () => lines.filter((l) => l.level === 'warn').map((l) => l.msg),
    errors: () => lines.filter((l) => l.level === 'error').map((l) => l.msg),
  };
}

/** Documents of one collection keyed by `_id` (BSON equality), or undefined if it is absent. */
export function docsOf(state: ServerState, db: string, coll: string): Map<string, Document> | undefined {
  const c = state.get(db)?.collections.get(coll);
  if (!c) return undefined;
  return new Map([...c.docs].map((d) => [idKey(d._id), d]));
}

/** A canonical, order-independent plain form of a state (documents sorted by id key). */
export function plain(state: ServerState): unknown {
  const out: Record<string, unknown> = {};
  for (const [db, { collections }] of state) {
    const colls: Record<string, unknown> = {};
    for (const [name, c] of collections) {
      const docs = [...c.docs].map((d) => [idKey(d._id), d] as const).sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
      colls[name] = { options: c.options, indexes: [...c.indexes].sort((a, b) => (a.name < b.name ? -1 : 1)), docs: docs.map((d) => d[1]) };
    }
    out[db] = colls;
  }
  return out;
}

/** The exact BSON bytes of a state, order-independent: a fast equality check for big states. */
export function fingerprint(state: ServerState): string {
  const p = plain(state) as Record<string, Record<string, { options: Document; indexes: Document[]; docs: Document[] }>>;
  const parts: string[] = [];
  for (const db of Object.keys(p).sort()) {
    for (const coll of Object.keys(p[db]).sort()) {
      const c = p[db][coll];
      parts.push(`${db}.${coll}`, Buffer.from(serialize({ options: c.options, indexes: c.indexes })).toString('hex'));
      for (const d of c.docs) parts.push(Buffer.from(serialize(d)).toString('hex'));
    }
  }
  return parts.join('|');
}

/** Runs a fixture under tsx (`node --import tsx`, so that kill -9 hits the script itself). */
export function spawnFixture(name: string, args: string[]): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', join(FIXTURES, name), ...args], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** Calls `onLine` for each stdout line; resolves with the exit code and signal. */
export function watchLines(child: ChildProcess, onLine: (line: string) => void): Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }> {
  let buf = '';
  let stderr = '';
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
    buf += chunk;
    let nl: number;
    while ((nl = buf.indexOf('\n')) >= 0) {
      const line = buf.slice(0, nl);
      buf = buf.slice(nl + 1);
      onLine(line);
    }
  });
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  return new Promise((resolvePromise) => child.on('close', (code, signal) => resolvePromise({ code, signal, stderr })));
}
