/**
 * Handshake and diagnostics. The server presents itself as the primary of a one-node
 * replica set `rs0`, so drivers use retryable writes and allow transactions. It never sends
 * `topologyVersion` (that would switch drivers to streaming hello) and never answers the
 * `compression` offer (so clients never compress).
 */
import { Int32, Long, ObjectId, type Document } from 'bson';
import { cpus, hostname, release, totalmem, type as osType, arch } from 'node:os';
import { ErrorCodes, MongoError } from '../errors.js';
import { SESSION_TIMEOUT_MINUTES } from '../engine/sessions.js';
import { MAX_BSON_OBJECT_SIZE } from '../engine/doc-codec.js';
import { MAX_MESSAGE_SIZE } from '../wire/protocol.js';
import type { CommandContext, CommandHandler } from './context.js';

export const SERVER_VERSION = '7.0.14';
export const MAX_WIRE_VERSION = 21;
const SET_NAME = 'rs0';
const ELECTION_ID = new ObjectId('7fffffff0000000000000001');

function helloReply(ctx: CommandContext, legacy: boolean): Document {
  const me = ctx.rt.info.advertised;
  if (ctx.body.client && !ctx.conn.client) ctx.conn.client = ctx.body.client as Document;
  return {
    ...(legacy ? { ismaster: true } : { isWritablePrimary: true }),
    helloOk: true,
    setName: SET_NAME,
    setVersion: 1,
    hosts: [me],
    primary: me,
    me,
    electionId: ELECTION_ID,
    secondary: false,
    maxBsonObjectSize: MAX_BSON_OBJECT_SIZE,
    maxMessageSizeBytes: MAX_MESSAGE_SIZE,
    maxWriteBatchSize: 100_000,
    localTime: new Date(),
    logicalSessionTimeoutMinutes: SESSION_TIMEOUT_MINUTES,
    connectionId: ctx.conn.id,
    minWireVersion: 0,
    maxWireVersion: MAX_WIRE_VERSION,
    readOnly: false,
    ok: 1,
  };
}

const parameters: Record<string, unknown> = {
  featureCompatibilityVersion: { version: '7.0' },
  authenticationMechanisms: [],
  transactionLifetimeLimitSeconds: 60,
  maxTransactionLockRequestTimeoutMillis: 5,
  internalQueryMaxBlockingSortMemoryUsageBytes: 104857600,
  logLevel: 0,
  quiet: false,
};

function getParameter(ctx: CommandContext): Document {
  const arg = ctx.body.getParameter;
  const all = arg === '*' || (typeof arg === 'object' && arg !== null && (arg as Document).allParameters === true);
  const reply: Document = {};
  for (const [name, value] of Object.entries(parameters)) {
    if (all || name in ctx.body) reply[name] = value;
  }
  if (!Object.keys(reply).length) throw new MongoError(ErrorCodes.InvalidOptions, 'no option found to get');
  return { ...reply, ok: 1 };
}

function serverStatus(ctx: CommandContext): Document {
  const mem = process.memoryUsage();
  const c = ctx.rt.counters;
  const uptimeMs = Date.now() - ctx.rt.info.startedAt.getTime();
  return {
    host: hostname(),
    version: SERVER_VERSION,
    process: 'mongod',
    pid: new Long(process.pid),
    uptime: Math.floor(uptimeMs / 1000),
    uptimeMillis: new Long(uptimeMs),
    uptimeEstimate: new Long(Math.floor(uptimeMs / 1000)),
    localTime: new Date(),
    connections: { current: c.connectionsCurrent, available: 1_000_000 - c.connectionsCurrent, totalCreated: c.connectionsTotal },
    mem: { bits: 64, resident: Math.round(mem.rss / 1048576), virtual: Math.round((mem.rss + mem.external) / 1048576), supported: true },
    opcounters: { insert: c.insert, query: c.query, update: c.update, delete: c.delete, getmore: c.getmore, command: c.command },
    metrics: {
      cursor: { open: { total: ctx.rt.cursors.size } },
      queryExecutor: { scanned: ctx.engine.stats.keysExamined, scannedObjects: ctx.engine.stats.docsExamined },
    },
    logicalSessionRecordCache: { activeSessionsCount: ctx.rt.sessions.size },
    transactions: { currentActive: ctx.engine.liveTransactions.size },
    storageEngine: { name: ctx.rt.info.dbpath ? 'embedded-journal' : 'embedded-memory', supportsCommittedReads: true, persistent: !!ctx.rt.info.dbpath },
    ok: 1,
  };
}

function hostInfo(): Document {
  return {
    system: {
      currentTime: new Date(),
      hostname: hostname(),
      cpuAddrSize: 64,
      memSizeMB: new Long(Math.round(totalmem() / 1048576)),
      numCores: cpus().length,
      cpuArch: arch(),
      numaEnabled: false,
    },
    os: { type: osType(), name: osType(), version: release() },
    extra: {},
    ok: 1,
  };
}

export const handshakeCommands: Record<string, CommandHandler> = {
  hello: (ctx) => helloReply(ctx, false),
  isMaster: (ctx) => helloReply(ctx, true),
  ismaster: (ctx) => helloReply(ctx, true),
  ping: () => ({ ok: 1 }),
  buildInfo: () => ({
    version: SERVER_VERSION,
    gitVersion: 'embedded',
    versionArray: [new Int32(7), new Int32(0), new Int32(14), new Int32(0)],
    bits: 64,
    debug: false,
    maxBsonObjectSize: MAX_BSON_OBJECT_SIZE,
    storageEngines: ['embedded'],
    modules: [],
    javascriptEngine: 'none',
    ok: 1,
  }),
  getParameter,
  getCmdLineOpts: (ctx) => ({
    argv: ctx.rt.info.argv,
    parsed: {
      net: { port: ctx.rt.info.port, bindIp: ctx.rt.info.bindIp },
      ...(ctx.rt.info.dbpath ? { storage: { dbPath: ctx.rt.info.dbpath } } : {}),
      replication: { replSet: SET_NAME },
    },
    ok: 1,
  }),
  serverStatus,
  hostInfo,
  whatsmyuri: (ctx) => ({ you: ctx.conn.remote, ok: 1 }),
  connectionStatus: () => ({ authInfo: { authenticatedUsers: [], authenticatedUserRoles: [] }, ok: 1 }),
};
handshakeCommands.buildinfo = handshakeCommands.buildInfo;
