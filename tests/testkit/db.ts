/**
 * Database lifecycle for vitest suites.
 *
 * `useDatabase()` registers beforeAll/afterAll hooks for the calling test file:
 *  - with `MONGODB_URI` set, it connects there and works in a database name unique to this
 *    file (and process), dropped afterwards, so files can run in parallel on one server;
 *  - otherwise it starts the embedded server in memory mode on an ephemeral port, once per
 *    file, and stops it afterwards.
 * The same suites must pass both ways, which keeps the embedded server honest.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll } from 'vitest';
import { MongoClient, type Db, type MongoClientOptions } from 'mongodb';
import mongoose, { type Connection } from 'mongoose';

export interface TestDatabase {
  /** Connection string of the server under test (without a database name). */
  readonly uri: string;
  /** The database this file works in; dropped after the file. */
  readonly dbName: string;
  /** One driver client per file, connected; closed after the file. */
  readonly client: MongoClient;
  /** `client.db(dbName)`. */
  readonly db: Db;
  /** True when the server is an external one from `MONGODB_URI`. */
  readonly external: boolean;
  /** A new mongoose connection to `dbName`, opened and ready; closed after the file. */
  connectMongoose(options?: mongoose.ConnectOptions): Promise<Connection>;
  /** A new driver client with extra options (e.g. monitorCommands); closed after the file. */
  connectClient(options?: MongoClientOptions): Promise<MongoClient>;
  /** A second database name unique to this file (for dropDatabase/listDatabases tests); dropped after. */
  extraDbName(label: string): string;
}

interface Running {
  uri: string;
  dbName: string;
  client: MongoClient;
  stop?: () => Promise<void>;
}

/** Database names are limited to 63 bytes; keep the label short and the suffix unique. */
function uniqueDbName(label: string): string {
  const safe = label.replace(/[^A-Za-z0-9_]/g, '_').slice(0, 24);
  return `zs_t_${safe}_${process.pid}_${randomBytes(4).toString('hex')}`;
}

async function startServer(): Promise<{ uri: string; stop?: () => Promise<void> }> {
  const external = process.env.MONGODB_URI;
  if (external) return { uri: external };
  // Imported lazily so that runs against a real MongoDB never load the embedded server.
  const { startEmbedded } = await import('../../api/src/db/embedded/index.js');
  const server = await startEmbedded({ memory: true, port: 0, host: '127.0.0.1' });
  return { uri: server.uri, stop: () => server.stop() };
}

export function useDatabase(label = 'db'): TestDatabase {
  let running: Running | undefined;
  const extraDbs = new Set<string>();
  const clients: MongoClient[] = [];
  const connections: Connection[] = [];

  const need = (): Running => {
    if (!running) throw new Error('useDatabase(): the database is only ready inside tests and hooks');
    return running;
  };

  beforeAll(async () => {
    const { uri, stop } = await startServer();
    const client = new MongoClient(uri, { serverSelectionTimeoutMS: 15_000 });
    try {
      await client.connect();
    } catch (err) {
      await stop?.();
      throw err;
    }
    running = { uri, dbName: uniqueDbName(label), client, stop };
  });

  afterAll(async () => {
    if (!running) return;
    const { client, dbName, stop } = running;
    running = undefined;
    try {
      await Promise.all(connections.map((c) => c.close()));
      await Promise.all(clients.map((c) => c.close()));
      for (const name of [dbName, ...extraDbs]) await client.db(name).dropDatabase();
    } finally {
      await client.close();
      await stop?.();
    }
  });

  return {
    get uri() {
      return need().uri;
    },
    get dbName() {
      return need().dbName;
    },
    get client() {
      return need().client;
    },
    get db() {
      const r = need();
      return r.client.db(r.dbName);
    },
    get external() {
      return Boolean(process.env.MONGODB_URI);
    },
    async connectMongoose(options = {}) {
      const r = need();
      const conn = mongoose.createConnection(r.uri, { serverSelectionTimeoutMS: 15_000, ...options, dbName: r.dbName });
      connections.push(conn);
      return conn.asPromise();
    },
    async connectClient(options = {}) {
      const r = need();
      const client = new MongoClient(r.uri, { serverSelectionTimeoutMS: 15_000, ...options });
      clients.push(client);
      return client.connect();
    },
    extraDbName(extraLabel: string) {
      const name = uniqueDbName(`${label}_${extraLabel}`);
      extraDbs.add(name);
      return name;
    },
  };
}
