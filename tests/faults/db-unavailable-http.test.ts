/**
 * Regression (found by bench/faults/db-kill.ts): with the database down, every signed-in request
 * came back as HTTP 500 "服务器内部错误" — the session store is read before GraphQL, and its
 * failure went to the generic error handler. It must say plainly that the database is
 * unavailable, like GraphQL does, and /healthz must say so too.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import type { Express } from 'express';
import { connectDatabase, type Database } from '../../api/src/db/connection.js';
import { ensureIndexes } from '../../api/src/db/indexes.js';
import { createApp } from '../../api/src/server.js';
import { loadConfig } from '../../api/src/config.js';
import { createLogger } from '../../api/src/lib/logger.js';
import { createUser } from '../../seeds/factories.js';
import { spawnServer, type ServerProcess } from '../testkit/db-process.js';

describe('the database goes away under a running API', () => {
  let server: ServerProcess;
  let db: Database;
  let app: Express;
  beforeAll(async () => {
    server = await spawnServer({ memory: true });
    db = await connectDatabase({ uri: server.uri, dbName: 'zs_unavailable' });
    await ensureIndexes();
    await createUser({ username: 'promo', displayName: '招商', password: 'Test@2026', role: 'PROMOTION' });
    const config = loadConfig({ NODE_ENV: 'production', LOG_LEVEL: 'silent', SESSION_SECRET: 'test-secret-0123456789abcdef' });
    ({ app } = await createApp({ config, log: createLogger('silent'), connection: db.connection }));
  });
  afterAll(async () => {
    await db?.close().catch(() => undefined);
    await server?.kill9();
  });

  it('answers a signed-in request with DATABASE_UNAVAILABLE, not an internal error', async () => {
    const agent = request.agent(app);
    const login = await agent.post('/graphql').send({ query: 'mutation { login(username: "promo", password: "Test@2026") { viewer { user { id } } } }' });
    expect(login.body.data.login.viewer).not.toBeNull();
    expect((await agent.post('/graphql').send({ query: '{ viewer { user { username } } }' })).body.data.viewer.user.username).toBe('promo');

    await server.kill9();
    const started = Date.now();
    const res = await agent.post('/graphql').send({ query: '{ viewer { user { username } } }' });
    expect(res.status).toBe(503);
    expect(res.body).toEqual({ errors: [{ message: '数据库暂时不可用，请稍后重试', extensions: { code: 'DATABASE_UNAVAILABLE' } }] });
    // Bounded by the driver's server selection timeout: an answer, not a hang.
    expect(Date.now() - started).toBeLessThan(15_000);

    const health = await request(app).get('/healthz');
    expect(health.status).toBe(503);
    expect(health.body).toEqual({ status: 'unavailable', database: 'unreachable' });
  });
});
