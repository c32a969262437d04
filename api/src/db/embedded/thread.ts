/**
 * The embedded server on a worker thread of the calling process, for the API: the API's
 * JavaScript (HTTP, GraphQL, mongoose, decoding) and the database's (matching, indexes,
 * encoding, journal) then run on two cores instead of taking turns on one, while it stays one
 * process to start, stop and `kill -9` (a crash still loses nothing acknowledged: the journal
 * is written and fsynced by the thread before the reply goes out).
 *
 * The thread speaks the wire protocol on a loopback port like the in-thread server; only
 * startup, shutdown and failure cross the thread boundary. If the thread dies unexpectedly,
 * `onFailure` is told: the process has lost its database and should exit to be restarted.
 */
import { Worker } from 'node:worker_threads';
import type { EmbeddedServer } from './index.js';

/** Messages from thread-worker.ts. */
export type ThreadMessage = { type: 'ready'; uri: string; port: number } | { type: 'failed'; message: string; stack?: string } | { type: 'stopped' };

/** Where the thread's server keeps its data and listens (sent to the thread as is). */
export interface ThreadRequest {
  dbpath?: string;
  memory?: boolean;
  host?: string;
  port?: number;
}

export interface ThreadOptions extends ThreadRequest {
  /** Called once if the thread ends without being asked to. */
  onFailure?: (error: Error) => void;
}

/**
 * The worker's entry, beside this file: compiled, thread-worker.js itself; from the sources
 * (tsx), a two-line bootstrap that registers tsx's loader in the thread first, since a worker
 * does not inherit the `--import tsx` hooks of the main thread.
 */
function newWorker(request: ThreadRequest): Worker {
  const options = { workerData: request, name: 'embedded-mongo' };
  if (!import.meta.url.endsWith('.ts')) return new Worker(new URL('./thread-worker.js', import.meta.url), options);
  const tsx = import.meta.resolve('tsx/esm/api');
  const main = new URL('./thread-worker.ts', import.meta.url).href;
  const boot = `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(main)}); });`;
  return new Worker(boot, { ...options, eval: true });
}

export function startEmbeddedThread(opts: ThreadOptions): Promise<EmbeddedServer> {
  const request: ThreadRequest = { dbpath: opts.dbpath, memory: opts.memory, host: opts.host, port: opts.port };
  const worker = newWorker(request);
  let stopping = false;
  let stopped: Promise<void> | null = null;

  return new Promise<EmbeddedServer>((resolve, reject) => {
    let started = false;
    const fail = (error: Error) => {
      if (!started) reject(error);
      else if (!stopping) opts.onFailure?.(error);
    };
    worker.on('error', (e) => fail(e instanceof Error ? e : new Error(String(e))));
    worker.on('exit', (code) => fail(new Error(`the embedded database thread exited (code ${code})`)));
    worker.on('message', (m: ThreadMessage) => {
      if (m.type === 'failed') {
        const e = new Error(m.message);
        if (m.stack) e.stack = m.stack;
        fail(e);
      } else if (m.type === 'ready') {
        started = true;
        resolve({
          uri: m.uri,
          port: m.port,
          stop() {
            stopping = true;
            stopped ??= new Promise<void>((done) => {
              worker.once('exit', () => done());
              // Stopped cleanly: the thread ends by itself; should a handle keep it, end it.
              worker.on('message', (r: ThreadMessage) => {
                if (r.type === 'stopped' || r.type === 'failed') setTimeout(() => void worker.terminate(), 2_000).unref();
              });
              worker.postMessage('stop');
            });
            return stopped;
          },
        });
      }
    });
  });
}
