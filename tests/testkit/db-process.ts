/**
 * The embedded server as a separate OS process (the `npm run db` CLI), for tests and
 * benchmarks that must crash it (`kill -9`), restart it on the same data directory or
 * measure its memory from outside.
 *
 * The child is `node --import tsx cli.ts`, not `npx tsx cli.ts`: tsx's own CLI forks a
 * second node process, so SIGKILL sent to it would orphan the real server. The child is
 * also started in its own process group and killed as a group, to be sure.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const CLI_PATH = join(REPO_ROOT, 'api/src/db/embedded/cli.ts');

export interface ExitInfo {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface ServerProcess {
  readonly uri: string;
  readonly port: number;
  readonly pid: number;
  readonly child: ChildProcess;
  /** Resolves when the process has exited. */
  readonly exited: Promise<ExitInfo>;
  /** Everything the process printed so far (stdout and stderr interleaved). */
  output(): string;
  /** SIGKILL to the whole process group: no chance to flush anything. */
  kill9(): Promise<ExitInfo>;
  /** SIGTERM, then SIGKILL after `graceMs`. */
  stop(graceMs?: number): Promise<ExitInfo>;
}

export interface SpawnOptions {
  dbpath?: string;
  memory?: boolean;
  port?: number;
  startTimeoutMs?: number;
}

const live = new Set<ChildProcess>();
// A crashed test run must not leave detached servers behind.
process.once('exit', () => {
  for (const child of live) {
    try {
      if (child.pid) process.kill(-child.pid, 'SIGKILL');
    } catch {
      /* already gone */
    }
  }
});

/** A TCP port that was free a moment ago (the OS picks it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

export async function spawnServer(opts: SpawnOptions): Promise<ServerProcess> {
  if (!opts.dbpath && !opts.memory) throw new Error('spawnServer: give dbpath or memory');
  const port = opts.port ?? (await freePort());
  const args = ['--import', 'tsx', CLI_PATH, '--port', String(port)];
  if (opts.dbpath) args.push('--dbpath', opts.dbpath);
  else args.push('--memory');

  const child = spawn(process.execPath, args, {
    cwd: REPO_ROOT,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, FORCE_COLOR: '0' },
  });
  live.add(child);
  let out = '';
  child.stdout!.setEncoding('utf8').on('data', (s: string) => (out += s));
  child.stderr!.setEncoding('utf8').on('data', (s: string) => (out += s));

  const exited = new Promise<ExitInfo>((resolve) => {
    child.once('exit', (code, signal) => {
      live.delete(child);
      resolve({ code, signal });
    });
  });

  const uri = await new Promise<string>((resolve, reject) => {
    const timeoutMs = opts.startTimeoutMs ?? 30_000;
    const timer = setTimeout(() => finish(new Error(`server did not print its uri within ${timeoutMs} ms:\n${out}`)), timeoutMs);
    const onData = () => {
      const m = /mongodb:\/\/[^\s"'<>]+/.exec(out);
      if (m) finish(null, m[0]);
    };
    const onExit = (code: number | null, signal: string | null) =>
      finish(new Error(`server exited before ready (code ${code}, signal ${signal}):\n${out}`));
    function finish(err: Error | null, value?: string) {
      clearTimeout(timer);
      child.stdout!.off('data', onData);
      child.stderr!.off('data', onData);
      child.off('exit', onExit);
      if (err) {
        killGroup(child);
        reject(err);
      } else resolve(value!);
    }
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', onExit);
  });

  const pid = child.pid!;
  return {
    uri,
    port,
    pid,
    child,
    exited,
    output: () => out,
    ...processControls(child, exited),
  };
}

/** kill -9 of a child's whole process group, and a graceful stop that falls back to it. */
export function processControls(child: ChildProcess, exited: Promise<ExitInfo>) {
  return {
    async kill9(): Promise<ExitInfo> {
      killGroup(child);
      return exited;
    },
    async stop(graceMs = 15_000): Promise<ExitInfo> {
      if (child.exitCode !== null || child.signalCode !== null) return exited;
      child.kill('SIGTERM');
      const timer = setTimeout(() => killGroup(child), graceMs);
      const info = await exited;
      clearTimeout(timer);
      return info;
    },
  };
}

export function killGroup(child: ChildProcess): void {
  if (!child.pid || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, 'SIGKILL');
  } catch {
    child.kill('SIGKILL');
  }
}

/** Resident set size of a process in bytes, from /proc (Linux). */
export async function rssOf(pid: number): Promise<number> {
  const { readFile } = await import('node:fs/promises');
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const m = /^VmRSS:\s+(\d+)\s+kB/m.exec(status);
  if (!m) throw new Error(`no VmRSS for pid ${pid}`);
  return Number(m[1]) * 1024;
}

export interface DataFile {
  path: string;
  name: string;
  size: number;
  mtimeMs: number;
}

/** Every regular file under a data directory, recursively. */
export function listDataFiles(dir: string): DataFile[] {
  const files: DataFile[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) files.push(...listDataFiles(path));
    else if (entry.isFile()) {
      const st = statSync(path);
      files.push({ path, name: entry.name, size: st.size, mtimeMs: st.mtimeMs });
    }
  }
  return files;
}
