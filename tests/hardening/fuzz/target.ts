/**
 * The system under fuzz: the real app in production mode over the embedded in-memory database,
 * listening on a loopback port (so raw bytes, broken multipart bodies and truncated requests
 * reach it exactly as sent), with one user per role. Works under vitest and under plain tsx
 * (bench/fuzz.ts), so it uses no test-runner hooks.
 *
 * Besides HTTP, it exposes two witnesses the oracle needs: every error the server logged
 * (a 500-class failure is always logged) and a digest of the database (to prove that a refused
 * write wrote nothing).
 */
import { createHash, randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { BSON } from 'mongodb';
import { connectDatabase, type Database } from '../../../api/src/db/connection.js';
import { ensureIndexes } from '../../../api/src/db/indexes.js';
import { createApp } from '../../../api/src/server.js';
import { loadConfig, type Config } from '../../../api/src/config.js';
import { seedReference, createUser, type Reference } from '../../../seeds/factories.js';
import type { UserRecord } from '../../../api/src/modules/users/types.js';
import { HttpClient } from './http.js';

export const PASSWORD = 'Test@2026';

/** One user per role, plus second users of some roles for scope tests (as tests/testkit/api.ts). */
export const ROLE_USERS = [
  { username: 'admin', role: 'ADMIN' as const },
  { username: 'promo', role: 'PROMOTION' as const },
  { username: 'promo_hzw', role: 'PROMOTION' as const, platform: '杭州湾经开区' },
  { username: 'promo_cej', role: 'PROMOTION' as const, platform: '曹娥江经开区' },
  { username: 'unit_land', role: 'UNIT' as const, unit: '区自然资源和规划分局' },
  { username: 'unit_jx', role: 'UNIT' as const, unit: '区经信局' },
  { username: 'unit_hzw', role: 'UNIT' as const, unit: '杭州湾经开区管委会' },
  { username: 'owner_a', role: 'OWNER' as const },
  { username: 'owner_b', role: 'OWNER' as const },
  { username: 'leader', role: 'LEADER' as const },
];
export type Who = (typeof ROLE_USERS)[number]['username'];
export const WHO: Who[] = ROLE_USERS.map((u) => u.username);

/** Users the fuzzer may edit, deactivate or lock without disturbing the role sessions. */
export const VICTIMS = ['victim_1', 'victim_2'];

export interface LoggedError {
  msg: string;
  err?: { type?: string; message?: string; stack?: string };
  path?: unknown;
}

export interface Target {
  base: string;
  config: Config;
  ref: Reference;
  users: Record<string, UserRecord>;
  clients: Record<Who, HttpClient>;
  anonymous(): HttpClient;
  /** Logs `username` in on a new cookie jar, from its own (forwarded) address. */
  login(username: string): Promise<HttpClient>;
  /** Errors the server logged (level error and above) since the start. */
  logged: LoggedError[];
  snapshot(): Promise<Snapshot>;
  close(): Promise<void>;
}

/** Collections whose documents change on every request or by design on a failed attempt. */
const VOLATILE = new Set(['sessions', 'loginRateLimits']);
/** Append-only collections: count and newest id witness any write, without hashing them all. */
const APPEND_ONLY = new Set(['audit', 'evidence.chunks']);

export interface Snapshot {
  hashes: Map<string, string>;
  docs: Map<string, Record<string, unknown>[]>;
}

export function changedCollections(a: Snapshot, b: Snapshot): string[] {
  const names = new Set([...a.hashes.keys(), ...b.hashes.keys()]);
  return [...names].filter((n) => a.hashes.get(n) !== b.hashes.get(n)).sort();
}

let addressSeq = 0;
/** A distinct client address per login, so the per-IP login limit never throttles the harness. */
export const nextAddress = () => `10.77.${Math.floor(++addressSeq / 250) % 250}.${(addressSeq % 250) + 1}`;

export async function startTarget(opts: { evidenceMaxBytes?: number } = {}): Promise<Target> {
  const db: Database = await connectDatabase({ memory: true, dbName: `zs_fuzz_${process.pid}_${randomBytes(3).toString('hex')}` });
  await ensureIndexes();
  const ref = await seedReference();
  const users: Record<string, UserRecord> = {};
  for (const u of ROLE_USERS) {
    users[u.username] = await createUser({
      username: u.username,
      displayName: u.username,
      password: PASSWORD,
      role: u.role,
      unitId: 'unit' in u ? ref.units.get(u.unit!)! : null,
      platformId: 'platform' in u ? ref.platforms.get(u.platform!)! : null,
    });
  }
  for (const v of VICTIMS) users[v] = await createUser({ username: v, displayName: v, password: PASSWORD, role: 'OWNER' });

  const logged: LoggedError[] = [];
  const sink = new Writable({
    write(chunk, _enc, done) {
      for (const line of String(chunk).split('\n')) if (line.trim()) logged.push(JSON.parse(line) as LoggedError);
      done();
    },
  });
  const log = pino({ level: 'error' }, sink);
  // Production mode, as deployed behind a proxy: TRUST_PROXY lets each harness session use its
  // own forwarded address (the login limit is per address) and HTTPS via x-forwarded-proto.
  const config = loadConfig({
    NODE_ENV: 'production',
    LOG_LEVEL: 'error',
    SESSION_SECRET: 'fuzz-secret-0123456789abcdef',
    TRUST_PROXY: 'loopback',
    CLIENT_DIST: '/nonexistent',
    EVIDENCE_MAX_BYTES: String(opts.evidenceMaxBytes ?? 512 * 1024),
  });
  const { app } = await createApp({ config, log, connection: db.connection });
  const server: Server = app.listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const login = async (username: string) => {
    const c = new HttpClient(base, username, nextAddress());
    const r = await c.gql(`mutation($u: String!, $p: String!) { login(username: $u, password: $p) { viewer { user { id } } errors { message } } }`, { u: username, p: PASSWORD });
    if (!r.json?.data?.login?.viewer) throw new Error(`login as ${username} failed: ${r.text.slice(0, 300)}`);
    return c;
  };
  const clients = {} as Record<Who, HttpClient>;
  for (const who of WHO) clients[who] = await login(who);

  const raw = db.connection.db!;
  const snapshot = async (): Promise<Snapshot> => {
    const hashes = new Map<string, string>();
    const docs = new Map<string, Record<string, unknown>[]>();
    const names = (await raw.listCollections({}, { nameOnly: true }).toArray()).map((c) => c.name);
    for (const name of names) {
      if (VOLATILE.has(name)) continue;
      const coll = raw.collection(name);
      if (APPEND_ONLY.has(name)) {
        const [count, last] = await Promise.all([coll.countDocuments({}), coll.find({}, { projection: { _id: 1 } }).sort({ _id: -1 }).limit(1).toArray()]);
        hashes.set(name, `${count}:${String(last[0]?._id ?? '')}`);
        continue;
      }
      const list = (await coll.find({}).sort({ _id: 1 }).toArray()) as Record<string, unknown>[];
      docs.set(name, list);
      hashes.set(name, createHash('sha1').update(BSON.EJSON.stringify(list, { relaxed: false })).digest('hex'));
    }
    return { hashes, docs };
  };

  return {
    base,
    config,
    ref,
    users,
    clients,
    anonymous: () => new HttpClient(base, 'anonymous', nextAddress()),
    login,
    logged,
    snapshot,
    async close() {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
      await db.close();
    },
  };
}
