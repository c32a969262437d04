/**
 * The servers `bench/load/floor.ts` measures, one layer of the API's stack at a time:
 *
 *   node --import tsx bench/load/floor-server.ts <layer>
 *
 * Each answers POST /graphql with the same small answer and prints `port <n>` when ready.
 * - `http`: node:http alone (read the body, parse it, answer JSON).
 * - `express`: express with helmet, a request id and express.json, as api/src/server.ts has them.
 * - `apollo`: plus Apollo Server executing `{ viewer { id name role } }` from a constant.
 * - `session`: plus express-session with connect-mongo and the signed-in user read by id, both on
 *   the embedded database on its thread, as the API reads them on every request.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import express, { type NextFunction, type Request, type Response } from 'express';
import helmet from 'helmet';
import session from 'express-session';
import MongoStore from 'connect-mongo';
import { randomUUID } from 'node:crypto';
import { ApolloServer } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import { ObjectId } from 'mongodb';
import { pathToFileURL } from 'node:url';
import { connectDatabase } from '../../api/src/db/connection.js';

export const LAYERS = ['http', 'express', 'apollo', 'session'] as const;
export type Layer = (typeof LAYERS)[number];

const USER = { id: '64b000000000000000000001', name: '压测用户', role: 'PROMOTION' };
const ANSWER = JSON.stringify({ data: { viewer: USER } });

// Imported by floor.ts for LAYERS only; serves when run.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const layer = process.argv[2] as Layer;
  if (!LAYERS.includes(layer)) {
    console.error(`usage: node --import tsx bench/load/floor-server.ts <${LAYERS.join('|')}>`);
    process.exit(2);
  }
  await serve(layer);
}

function listen(handler: Parameters<typeof createServer>[1]) {
  const server = createServer(handler);
  server.listen(0, '127.0.0.1', () => console.log(`port ${(server.address() as AddressInfo).port}`));
}

async function serve(layer: Layer): Promise<void> {
  if (layer === 'http') {
    listen((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        JSON.parse(Buffer.concat(chunks).toString('utf8'));
        res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' }).end(ANSWER);
      });
    });
  } else {
    const app = express();
    app.disable('x-powered-by');
    app.use(helmet({ contentSecurityPolicy: false, crossOriginEmbedderPolicy: false }));
    app.use((req: Request, res: Response, next: NextFunction) => {
      res.setHeader('x-request-id', randomUUID());
      next();
    });
    let viewer: (req: Request) => Promise<typeof USER | null> = async () => USER;
    if (layer === 'session') {
      const db = await connectDatabase({ memory: true, thread: true, dbName: 'floor' });
      const users = db.connection.db!.collection('users');
      await users.insertOne({ _id: new ObjectId(USER.id), username: 'floor', name: USER.name, role: USER.role, active: true, passwordHash: 'x'.repeat(60) });
      app.use(
        session({
          name: 'zs.sid',
          secret: 'floor-bench-secret-0123456789abcdef',
          resave: false,
          saveUninitialized: false,
          rolling: true,
          store: MongoStore.create({ client: db.connection.getClient() as never, dbName: 'floor', collectionName: 'sessions', ttl: 8 * 3600, touchAfter: 300 }),
          cookie: { httpOnly: true, sameSite: 'lax', maxAge: 8 * 3600 * 1000 },
        }),
      );
      app.post('/login', (req, res, next) => {
        req.session.regenerate((err) => {
          if (err) return next(err);
          (req.session as unknown as { userId: string }).userId = USER.id;
          req.session.save((e) => (e ? next(e) : res.json({ ok: true })));
        });
      });
      viewer = async (req) => {
        const id = (req.session as unknown as { userId?: string }).userId;
        if (!id) return null;
        const doc = await users.findOne({ _id: new ObjectId(id) });
        return doc ? { id: doc._id.toHexString(), name: doc.name as string, role: doc.role as string } : null;
      };
    }
    if (layer === 'express') {
      app.post('/graphql', express.json({ limit: '1mb' }), (req, res) => {
        void viewer(req).then(() => res.type('application/json').send(ANSWER));
      });
    } else {
      const apollo = new ApolloServer<{ viewer: typeof USER | null }>({
        typeDefs: `type Viewer { id: ID! name: String! role: String! } type Query { viewer: Viewer }`,
        resolvers: { Query: { viewer: (_: unknown, __: unknown, ctx: { viewer: typeof USER | null }) => ctx.viewer } },
        csrfPrevention: true,
        allowBatchedHttpRequests: false,
        plugins: [ApolloServerPluginCacheControlDisabled()],
      });
      await apollo.start();
      app.use('/graphql', express.json({ limit: '1mb' }), expressMiddleware(apollo, { context: async ({ req }) => ({ viewer: await viewer(req) }) }));
    }
    listen(app);
  }
}
