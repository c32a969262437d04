/**
 * The database connection. With MONGODB_URI unset the embedded MongoDB-compatible server
 * starts in-process with its data in DATA_DIR (zero setup): on a worker thread of its own when
 * `thread` is asked (the API, so that it and the database use two cores), else on the caller's
 * thread (tests, scripts). With MONGODB_URI set, the same code talks to real MongoDB (a replica
 * set in production, for transactions).
 */
import mongoose, { type Connection } from 'mongoose';
import { mkdir } from 'node:fs/promises';
import type { Logger } from '../lib/logger.js';

export interface Database {
  connection: Connection;
  uri: string;
  close(): Promise<void>;
}

export const DEFAULT_DB_NAME = 'zhaoshang';

function hasDbName(uri: string): boolean {
  const path = uri.replace(/^mongodb(\+srv)?:\/\/[^/]*/, '').split('?')[0];
  return path.length > 1;
}

export interface ConnectOptions {
  uri?: string;
  dataDir?: string;
  memory?: boolean;
  dbName?: string;
  log?: Logger;
  monitorCommands?: boolean;
  /** Run the embedded server on a worker thread; `onDatabaseLost` hears if that thread dies. */
  thread?: boolean;
  onDatabaseLost?: (error: Error) => void;
}

export async function connectDatabase(opts: ConnectOptions): Promise<Database> {
  let uri: string | undefined = opts.uri;
  let stopEmbedded: (() => Promise<void>) | null = null;
  if (!uri) {
    if (!opts.memory && opts.dataDir) await mkdir(opts.dataDir, { recursive: true });
    const where = opts.memory ? { port: 0, memory: true } : { port: 0, dbpath: opts.dataDir ?? './data' };
    const server = opts.thread
      ? await (await import('./embedded/thread.js')).startEmbeddedThread({ ...where, onFailure: opts.onDatabaseLost })
      : await (await import('./embedded/index.js')).startEmbedded(where);
    uri = server.uri as string;
    stopEmbedded = () => server.stop();
    opts.log?.info({ uri, dataDir: opts.memory ? '(memory)' : opts.dataDir }, 'embedded database started');
  }
  // Models are registered on mongoose's default connection: one database per process.
  await mongoose.connect(uri, {
    ...(opts.dbName || !hasDbName(uri) ? { dbName: opts.dbName ?? DEFAULT_DB_NAME } : {}),
    serverSelectionTimeoutMS: 10_000,
    maxPoolSize: 20,
    monitorCommands: opts.monitorCommands ?? false,
  });
  const connection = mongoose.connection;
  return {
    connection,
    uri,
    async close() {
      await mongoose.disconnect();
      if (stopEmbedded) await stopEmbedded();
    },
  };
}
