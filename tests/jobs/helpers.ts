/**
 * A database for the job suites: the embedded server in memory on a TCP port of 127.0.0.1 (so
 * child processes can join it), or MONGODB_URI with a database unique to the file. Models and
 * indexes are installed; reference data (units, platforms, templates) is seeded on request.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll } from 'vitest';
import mongoose from 'mongoose';
import { connectDatabase, type Database } from '../../api/src/db/connection.js';
import { ensureIndexes } from '../../api/src/db/indexes.js';
import { seedReference, type Reference } from '../../seeds/factories.js';

export interface JobsDb {
  /** Server URI without a database name. */
  uri: string;
  dbName: string;
  ref: Reference;
}

export function useJobsDb(opts: { reference?: boolean } = {}): JobsDb {
  const db = { dbName: `zs_jobs_${process.pid}_${randomBytes(3).toString('hex')}` } as JobsDb;
  let database: Database | undefined;
  let stop: (() => Promise<void>) | undefined;
  beforeAll(async () => {
    if (process.env.MONGODB_URI) db.uri = process.env.MONGODB_URI;
    else {
      const { startEmbedded } = await import('../../api/src/db/embedded/index.js');
      const server = await startEmbedded({ memory: true, port: 0, host: '127.0.0.1' });
      db.uri = server.uri;
      stop = () => server.stop();
    }
    database = await connectDatabase({ uri: db.uri, dbName: db.dbName });
    await ensureIndexes();
    if (opts.reference) db.ref = await seedReference();
  }, 120_000);
  afterAll(async () => {
    if (process.env.MONGODB_URI) await mongoose.connection.db?.dropDatabase();
    await database?.close();
    await stop?.();
  });
  return db;
}

/** A logger that keeps what it is told (tests assert on warnings). */
export function memoryLogger() {
  const lines: { level: string; obj: unknown; msg?: string }[] = [];
  const make = (): any => {
    const log: any = {};
    for (const level of ['trace', 'debug', 'info', 'warn', 'error', 'fatal']) {
      log[level] = (obj: unknown, msg?: string) => lines.push({ level, obj, msg: typeof obj === 'string' ? obj : msg });
    }
    log.child = () => log;
    return log;
  };
  return { log: make(), lines };
}
