/**
 * The API as a separate OS process (`api/src/main.ts`), for the load benchmark and the fault
 * scripts: they must be able to kill it with SIGKILL, restart it on the same data directory,
 * and measure it from outside.
 *
 * Started as `node --import tsx api/src/main.ts` in its own process group (as
 * tests/testkit/db-process.ts does for the database: `npx tsx` would fork a second node and a
 * SIGKILL to the wrapper would orphan the real server). Ready once GET /healthz answers 200.
 * With `compiled`, it runs the API as production does (`npm start`, the Dockerfile): compiled to
 * JavaScript by scripts/build-api.mjs, into a folder of this process's own.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { freePort, killGroup, processControls, REPO_ROOT, type ExitInfo } from '../../tests/testkit/db-process.js';

export const API_MAIN = join(REPO_ROOT, 'api/src/main.ts');
export const BENCH_SESSION_SECRET = 'bench-session-secret-0123456789abcdef';

export interface ApiProcess {
  readonly url: string;
  readonly port: number;
  readonly pid: number;
  readonly child: ChildProcess;
  readonly exited: Promise<ExitInfo>;
  /** Everything the process printed so far (stdout and stderr interleaved). */
  output(): string;
  /** SIGKILL to the whole process group: nothing is flushed. */
  kill9(): Promise<ExitInfo>;
  /** SIGTERM (graceful shutdown), then SIGKILL after `graceMs`. */
  stop(graceMs?: number): Promise<ExitInfo>;
  /**
   * The URI of the embedded database running inside this API process (LOG_LEVEL info or
   * lower prints it): checks read exactly what the API sees, without stopping it.
   */
  embeddedUri(): string;
}

export interface ApiOptions {
  /** The embedded database in-process with its data here (MONGODB_URI unset). */
  dataDir?: string;
  /** An external database instead (e.g. the standalone embedded server). */
  mongoUri?: string;
  port?: number;
  /** Extra environment (JOBS_ENABLED, WEBHOOK_INTERVAL_MS, TRUST_PROXY, …). */
  env?: Record<string, string>;
  /** Extra node flags (e.g. --cpu-prof, which NODE_OPTIONS does not allow). */
  nodeArgs?: string[];
  /** How long to wait for /healthz (a 10,000-project data directory takes a while to replay). */
  startTimeoutMs?: number;
  /** Keep at most this many characters of output (a long run logs a lot). */
  maxOutput?: number;
  /** Run the compiled API (as production does) instead of the sources under tsx. */
  compiled?: boolean;
}

let compiledCommand: Promise<string[]> | null = null;
/**
 * The node arguments of the compiled API, as `npm start` passes them (API_NODE_FLAGS, then the
 * main file). It is compiled once per benchmark process, into node_modules/.cache (inside the
 * project, so the compiled files find node_modules), removed when the process exits.
 */
function compiledApi(): Promise<string[]> {
  compiledCommand ??= (async () => {
    const dir = join(REPO_ROOT, 'node_modules/.cache/zhaoshang-api', String(process.pid));
    process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
    const { buildApi, API_NODE_FLAGS } = (await import(join(REPO_ROOT, 'scripts/build-api.mjs'))) as {
      buildApi: (dir: string) => Promise<{ main: string }>;
      API_NODE_FLAGS: string[];
    };
    return [...API_NODE_FLAGS, (await buildApi(dir)).main];
  })();
  return compiledCommand;
}

const live = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of live) killGroup(child);
});

/**
 * For scripts: Ctrl-C or SIGTERM leaves through process.exit, so that the 'exit' hooks kill the
 * detached children (APIs here, databases in tests/testkit/db-process.ts) instead of orphaning them.
 */
export function exitOnSignals(): void {
  for (const sig of ['SIGINT', 'SIGTERM'] as const) process.once(sig, () => process.exit(130));
}

export async function spawnApi(opts: ApiOptions): Promise<ApiProcess> {
  if (!opts.dataDir && !opts.mongoUri) throw new Error('spawnApi: give dataDir or mongoUri');
  const port = opts.port ?? (await freePort());
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    FORCE_COLOR: '0',
    NODE_ENV: 'production',
    LOG_LEVEL: 'warn',
    SESSION_SECRET: BENCH_SESSION_SECRET,
    HOST: '127.0.0.1',
    PORT: String(port),
    SEED_IF_EMPTY: '0',
    // No built client is needed to answer /graphql; a missing folder is simply not served.
    CLIENT_DIST: join(REPO_ROOT, 'client/dist'),
    ...opts.env,
  };
  delete env.MONGODB_URI;
  delete env.DATA_DIR;
  if (opts.mongoUri) env.MONGODB_URI = opts.mongoUri;
  else env.DATA_DIR = opts.dataDir;

  const entry = opts.compiled ? await compiledApi() : ['--import', 'tsx', API_MAIN];
  const child = spawn(process.execPath, [...(opts.nodeArgs ?? []), ...entry], {
    cwd: REPO_ROOT,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env,
  });
  live.add(child);
  const maxOutput = opts.maxOutput ?? 200_000;
  let out = '';
  let embedded: string | null = null;
  const onOut = (s: string) => {
    out += s;
    embedded ??= /"uri":"(mongodb:\/\/[^"]+)"[^\n]*embedded database started/.exec(out)?.[1] ?? null;
    if (out.length > maxOutput) out = out.slice(out.length - maxOutput);
  };
  child.stdout!.setEncoding('utf8').on('data', onOut);
  child.stderr!.setEncoding('utf8').on('data', onOut);
  const exited = new Promise<ExitInfo>((resolve) => {
    child.once('exit', (code, signal) => {
      live.delete(child);
      resolve({ code, signal });
    });
  });

  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + (opts.startTimeoutMs ?? 180_000);
  let exitedEarly: ExitInfo | null = null;
  void exited.then((e) => (exitedEarly = e));
  for (;;) {
    if (exitedEarly) throw new Error(`API exited before it was ready (${JSON.stringify(exitedEarly)}):\n${out.slice(-4000)}`);
    if (Date.now() > deadline) {
      killGroup(child);
      throw new Error(`API not ready within ${opts.startTimeoutMs ?? 180_000} ms:\n${out.slice(-4000)}`);
    }
    try {
      const res = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(2_000) });
      if (res.status === 200) break;
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 200));
  }

  return {
    url,
    port,
    pid: child.pid!,
    child,
    exited,
    output: () => out,
    embeddedUri() {
      if (!embedded) throw new Error('no embedded database URI in the API output (start it with LOG_LEVEL=info and no MONGODB_URI)');
      return embedded;
    },
    ...processControls(child, exited),
  };
}

