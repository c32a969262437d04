/**
 * HTTP wiring only: security headers, request ids, sessions, the viewer, GraphQL, evidence
 * files, health, and the built client. Domain rules live in modules/*.
 */
import express, { type Request, type Response, type NextFunction } from 'express';
import session from 'express-session';
import MongoStore from 'connect-mongo';
import helmet from 'helmet';
import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { ApolloServer } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import type { Connection } from 'mongoose';
import type { Config } from './config.js';
import type { Logger } from './lib/logger.js';
import { createContext, type Context } from './context.js';
import { databaseFailure, databaseFailureResponse } from './db/errors.js';
import { buildSchema } from './graphql/schema.js';
import { armorPlugins, armorValidationRules, formatError } from './graphql/safety.js';
import { loadViewer } from './auth/session.js';
import { setSecretsKey } from './lib/sealed.js';
import { initLoginLimiter } from './auth/login.js';
import { evidenceRouter } from './modules/files/routes.js';
import { ledgerRouter } from './modules/ledger/routes.js';
import { raceRouter } from './modules/race/routes.js';

declare module 'express-session' {
  interface SessionData {
    userId?: string;
  }
}

export interface AppDeps {
  config: Config;
  log: Logger;
  connection: Connection;
}

export const SESSION_TTL_SECONDS = 8 * 3600;
const SESSION_TOUCH_AFTER_SECONDS = 300;

/** A session secret shared by every API instance: from the environment or kept in the database. */
async function sessionSecret(config: Config, connection: Connection): Promise<string> {
  if (config.SESSION_SECRET) return config.SESSION_SECRET;
  const settings = connection.db!.collection<{ _id: string; value: string }>('settings');
  const doc = await settings.findOneAndUpdate(
    { _id: 'sessionSecret' },
    { $setOnInsert: { value: randomBytes(32).toString('hex') } },
    { upsert: true, returnDocument: 'after' },
  );
  return doc!.value;
}

export async function createApp({ config, log, connection }: AppDeps) {
  const production = config.NODE_ENV === 'production';
  // main.ts sets it before the upgrades too; here for every other host of the app (tests, benches).
  setSecretsKey(config.SECRETS_KEY);
  const app = express();
  app.disable('x-powered-by');
  if (config.TRUST_PROXY) app.set('trust proxy', config.TRUST_PROXY);

  app.use(
    helmet({
      contentSecurityPolicy: production
        ? { directives: { 'img-src': ["'self'", 'data:', 'blob:'], 'script-src': ["'self'"], 'style-src': ["'self'", "'unsafe-inline'"] } }
        : false,
      crossOriginEmbedderPolicy: false,
    }),
  );
  app.use((req: Request & { id?: string }, res: Response, next: NextFunction) => {
    const given = req.get('x-request-id');
    req.id = given && /^[\w-]{8,64}$/.test(given) ? given : randomUUID();
    res.setHeader('x-request-id', req.id);
    next();
  });

  app.get('/healthz', async (_req, res) => {
    try {
      await connection.db!.command({ ping: 1 });
      res.json({ status: 'ok', database: 'ok' });
    } catch (e) {
      log.warn({ err: e }, 'health check: database unavailable');
      res.status(503).json({ status: 'unavailable', database: 'unreachable' });
    }
  });

  app.use(
    session({
      name: 'zs.sid',
      secret: await sessionSecret(config, connection),
      resave: false,
      saveUninitialized: false,
      rolling: true,
      // touchAfter: the stored expiry slides at most every 5 minutes, not on every request (a
      // write per read request otherwise); the cookie still slides on every response.
      store: MongoStore.create({ client: connection.getClient() as never, dbName: connection.db!.databaseName, collectionName: 'sessions', ttl: SESSION_TTL_SECONDS, touchAfter: SESSION_TOUCH_AFTER_SECONDS }),
      cookie: { httpOnly: true, sameSite: 'lax', secure: production && !!config.TRUST_PROXY, maxAge: SESSION_TTL_SECONDS * 1000 },
    }),
  );
  app.use(loadViewer(log));
  initLoginLimiter(connection);

  app.use('/api/evidence', evidenceRouter(config, connection));
  app.use('/api', ledgerRouter(config, log));
  app.use('/api/race', raceRouter());

  const apollo = new ApolloServer<Context>({
    schema: buildSchema(),
    csrfPrevention: true,
    introspection: !production,
    includeStacktraceInErrorResponses: !production,
    hideSchemaDetailsFromClientErrors: production,
    allowBatchedHttpRequests: false,
    formatError: formatError(log, production),
    // No response uses cache hints; the default cache-control plugin would hook every field.
    plugins: [...armorPlugins(), ApolloServerPluginCacheControlDisabled(), ...(production ? [ApolloServerPluginLandingPageDisabled()] : [])],
    validationRules: armorValidationRules(),
  });
  await apollo.start();
  app.use(
    '/graphql',
    express.json({ limit: '1mb' }),
    expressMiddleware(apollo, {
      context: async ({ req, res }) => createContext(req, res, (req as Request & { viewer?: Context['viewer'] }).viewer ?? null, log, config),
    }),
  );

  const dist = resolve(config.CLIENT_DIST);
  if (existsSync(resolve(dist, 'index.html'))) {
    app.use(express.static(dist, { index: false, maxAge: '1h' }));
    app.get(/^\/(?!graphql|api\/|healthz).*/, (_req, res) => res.sendFile(resolve(dist, 'index.html')));
  }

  app.use((err: Error & { status?: number; type?: string }, req: Request & { id?: string }, res: Response, _next: NextFunction) => {
    // The session store is read before GraphQL: a database that is down or full is said plainly here too.
    const failure = databaseFailure(err);
    if (failure) {
      log.warn({ err, requestId: req.id }, failure === 'STORAGE_FULL' ? 'write refused: database storage full' : 'database unavailable');
      const { status, body } = databaseFailureResponse(failure);
      res.status(status).json(body);
      return;
    }
    const status = err.status && err.status >= 400 && err.status < 500 ? err.status : 500;
    if (status >= 500) log.error({ err, requestId: req.id }, 'request failed');
    const message =
      err.type === 'entity.too.large' ? '请求内容过大' : err.type === 'entity.parse.failed' ? '请求格式不正确（JSON解析失败）' : status >= 500 ? '服务器内部错误' : err.message;
    res.status(status).json({ errors: [{ message, extensions: { code: status === 413 ? 'PAYLOAD_TOO_LARGE' : status >= 500 ? 'INTERNAL_SERVER_ERROR' : 'BAD_REQUEST' } }] });
  });

  return { app, apollo };
}
