/**
 * What the load benchmarks share (bench/load/run.ts, bench/load/cost.ts): the 10,000-project
 * dataset, built once in a durable data directory and reused, and the API on a fresh copy of it.
 */
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from '../../tests/testkit/db-process.js';
import { spawnApi, type ApiProcess } from '../lib/api-process.js';
import { tempDir } from '../lib/temp.js';
import type { LoadUser } from './users.js';

/** Runs a node child (tsx loader) to completion; rejects on a non-zero exit. */
export function runNode(args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', ...args], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout!.setEncoding('utf8').on('data', (s: string) => (out += s));
    child.once('exit', (code, signal) => (code === 0 ? resolve(out) : reject(new Error(`${args[0]} exited with ${code ?? signal}\n${out}`))));
  });
}

export interface Dataset {
  dataDir: string;
  users: LoadUser[];
}

/**
 * The dataset of `projects` synthetic projects and the load users (bench/load/seed.ts), in
 * `root` (default $TMPDIR/zs-load-<projects>); built on first use or with `fresh`.
 */
export async function loadDataset(projects: number, root: string | undefined, fresh: boolean, log: (m: string) => void): Promise<Dataset> {
  root ??= join(tmpdir(), `zs-load-${projects}`);
  const dataDir = join(root, 'data');
  const readyFile = join(root, 'ready.json');
  if (fresh) rmSync(root, { recursive: true, force: true });
  if (!existsSync(readyFile)) {
    mkdirSync(root, { recursive: true });
    log(`building the dataset in ${dataDir} (${projects} projects; reused by later runs)`);
    const t = Date.now();
    const out = await runNode([join(REPO_ROOT, 'bench/load/seed.ts'), dataDir, String(projects)]);
    const seeded = JSON.parse(out.trim().split('\n').pop()!) as { users: LoadUser[] };
    writeFileSync(readyFile, JSON.stringify({ projects, users: seeded.users, builtAt: new Date().toISOString() }));
    log(`dataset ready in ${((Date.now() - t) / 1000).toFixed(1)} s`);
  } else log(`reusing the dataset in ${dataDir} (--fresh rebuilds it)`);
  const ready = JSON.parse(readFileSync(readyFile, 'utf8')) as { projects: number; users: LoadUser[] };
  if (ready.projects !== projects) throw new Error(`${root} holds ${ready.projects} projects, not ${projects}: use --fresh or --data`);
  return { dataDir, users: ready.users };
}

/**
 * The API (compiled, production mode, jobs off unless asked) on a copy of the dataset: every run
 * starts from the dataset as built, so one run's writes (nodes reported DONE, confirmed) do not
 * leave the next run fewer open nodes to write to. `stop()` also removes the copy.
 */
export async function startLoadApi(ds: Dataset, opts: { jobs?: boolean; profileDir?: string }, log: (m: string) => void): Promise<ApiProcess> {
  const scratch = tempDir('zs-load-data-');
  const runData = join(scratch.path, 'data');
  cpSync(ds.dataDir, runData, { recursive: true });
  const t = Date.now();
  try {
    const api = await spawnApi({
      dataDir: runData,
      compiled: true,
      env: { JOBS_ENABLED: opts.jobs ? '1' : '0' },
      nodeArgs: opts.profileDir ? ['--cpu-prof', `--cpu-prof-dir=${opts.profileDir}`] : [],
      startTimeoutMs: 300_000,
    });
    log(`API pid ${api.pid} ready on ${api.url} in ${((Date.now() - t) / 1000).toFixed(1)} s`);
    const stop = api.stop.bind(api);
    return Object.assign(api, {
      stop: async (graceMs?: number) => {
        try {
          return await stop(graceMs);
        } finally {
          scratch.remove();
        }
      },
    });
  } catch (e) {
    scratch.remove();
    throw e;
  }
}
