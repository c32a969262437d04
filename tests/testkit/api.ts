/**
 * The API under test: a real express + Apollo app over a real database (the embedded server in
 * memory mode, or MONGODB_URI with a database unique to the file), with the demo reference data
 * and one user per role. `as(username)` gives a cookie-keeping client logged in as that user.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll } from 'vitest';
import request from 'supertest';
import type { Express } from 'express';
import mongoose from 'mongoose';
import { connectDatabase, type Database } from '../../api/src/db/connection.js';
import { ensureIndexes } from '../../api/src/db/indexes.js';
import { createApp } from '../../api/src/server.js';
import { loadConfig, type Config } from '../../api/src/config.js';
import { createLogger } from '../../api/src/lib/logger.js';
import { seedReference, createUser, type Reference } from '../../seeds/factories.js';
import type { UserRecord } from '../../api/src/modules/users/types.js';

export const PASSWORD = 'Test@2026';

export interface GqlResult<T = Record<string, any>> {
  status: number;
  data: T;
  errors?: { message: string; extensions?: { code?: string; [k: string]: unknown } }[];
}

export interface Client {
  user: UserRecord | null;
  gql<T = Record<string, any>>(query: string, variables?: Record<string, unknown>): Promise<GqlResult<T>>;
  agent: ReturnType<typeof request.agent>;
}

export interface TestApi {
  app: Express;
  ref: Reference;
  users: Record<string, UserRecord>;
  /** Commands sent to the database since the last reset (driver command monitoring). */
  commands: string[];
  as(username: string): Promise<Client>;
  anonymous(): Client;
  config: Config;
}

/** Users every API suite starts with: one per role, plus a second of some roles for scope tests. */
const USERS = [
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

export function useApi(opts: { production?: boolean; monitor?: boolean } = {}): TestApi {
  let db: Database;
  const commands: string[] = [];
  const api = { users: {}, commands } as TestApi;

  beforeAll(async () => {
    const external = process.env.MONGODB_URI;
    db = await connectDatabase({
      uri: external,
      memory: !external,
      dbName: `zs_api_${process.pid}_${randomBytes(3).toString('hex')}`,
      monitorCommands: !!opts.monitor,
    });
    if (opts.monitor) db.connection.getClient().on('commandStarted', (e) => commands.push(e.commandName));
    await ensureIndexes();
    api.ref = await seedReference();
    for (const u of USERS) {
      api.users[u.username] = await createUser({
        username: u.username,
        displayName: u.username,
        password: PASSWORD,
        role: u.role,
        unitId: 'unit' in u ? api.ref.units.get(u.unit!)! : null,
        platformId: 'platform' in u ? api.ref.platforms.get(u.platform!)! : null,
      });
    }
    api.config = loadConfig({ NODE_ENV: opts.production ? 'production' : 'test', LOG_LEVEL: 'silent', SESSION_SECRET: 'test-secret-0123456789abcdef' });
    const { app } = await createApp({ config: api.config, log: createLogger('silent'), connection: db.connection });
    api.app = app;
  }, 120_000);

  afterAll(async () => {
    if (process.env.MONGODB_URI) await mongoose.connection.db?.dropDatabase();
    await db?.close();
  });

  const client = (agent: ReturnType<typeof request.agent>, user: UserRecord | null): Client => ({
    user,
    agent,
    async gql(query, variables) {
      const res = await agent.post('/graphql').set('content-type', 'application/json').send({ query, variables });
      return { status: res.status, data: res.body.data, errors: res.body.errors } as never;
    },
  });

  api.anonymous = () => client(request.agent(api.app), null);
  api.as = async (username: string) => {
    const agent = request.agent(api.app);
    const c = client(agent, api.users[username] ?? null);
    const r = await c.gql(`mutation($u: String!, $p: String!) { login(username: $u, password: $p) { viewer { user { id } } errors { message } } }`, {
      u: username,
      p: PASSWORD,
    });
    if (!r.data?.login?.viewer) throw new Error(`login as ${username} failed: ${JSON.stringify(r.errors ?? r.data)}`);
    return c;
  };
  return api;
}

/** A minimal valid PDF, for evidence uploads. */
export const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');
