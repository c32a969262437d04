/**
 * The embedded MongoDB-compatible server: `startEmbedded()` opens storage (a data directory
 * or memory), loads the state and serves the MongoDB wire protocol on a TCP port, as the
 * primary of a one-node replica set `rs0` (so the official driver and mongoose use
 * sessions, retryable writes and transactions exactly as against production).
 */
import { resolve } from 'node:path';
import type { Runtime as RuntimeType, ServerInfo } from './commands/context.js';
import { Runtime } from './commands/context.js';
import { endSession } from './commands/sessions.js';
import { Engine, type Logger } from './engine/engine.js';
import { expireDocuments, TTL_INTERVAL_MS } from './engine/ttl.js';
import { listen } from './server.js';
import { DurableStorage } from './storage/durable.js';
import { MemoryStorage } from './storage/memory.js';
import type { Storage } from './types.js';

export type { Logger, Storage };

export interface EmbeddedOptions {
  /** TCP port; 0 (the default) picks a free one. */
  port?: number;
  /** Interface to listen on (default 127.0.0.1). */
  host?: string;
  /** Data directory for durable storage. */
  dbpath?: string;
  /** Keep everything in memory (the default when no dbpath is given). */
  memory?: boolean;
  logger?: Logger;
  /** A storage backend of your own (tests inject slow or failing ones); overrides dbpath/memory. */
  storage?: Storage;
}

export interface EmbeddedServer {
  /** Connection string for the mongodb driver and mongoose. */
  uri: string;
  port: number;
  stop(): Promise<void>;
}

/** How often idle cursors, sessions and over-age transactions are cleaned up. */
const SWEEP_INTERVAL_MS = 5_000;
/** transactionLifetimeLimitSeconds. */
const TRANSACTION_LIFETIME_MS = 60_000;

const defaultLogger: Logger = {
  info() {},
  warn: (m) => console.warn(`[embedded-mongo] ${m}`),
  error: (m) => console.error(`[embedded-mongo] ${m}`),
};

function advertisedHost(host: string): string {
  if (host === '0.0.0.0' || host === '') return '127.0.0.1';
  if (host === '::') return '[::1]';
  return host.includes(':') ? `[${host}]` : host;
}

function startHousekeeping(rt: RuntimeType): () => void {
  const sweep = setInterval(() => {
    rt.cursors.sweep();
    for (const s of rt.sessions.sweep()) endSession(rt, s);
    rt.engine.expireTransactions(TRANSACTION_LIFETIME_MS);
  }, SWEEP_INTERVAL_MS);
  const ttl = setInterval(() => {
    expireDocuments(rt.engine).catch((e) => rt.logger.error(`TTL pass failed: ${(e as Error).message}`));
  }, TTL_INTERVAL_MS);
  sweep.unref();
  ttl.unref();
  return () => {
    clearInterval(sweep);
    clearInterval(ttl);
  };
}

export async function startEmbedded(opts: EmbeddedOptions = {}): Promise<EmbeddedServer> {
  if (opts.memory && opts.dbpath) throw new Error('startEmbedded: give either dbpath or memory, not both');
  const logger = opts.logger ?? defaultLogger;
  const host = opts.host ?? '127.0.0.1';
  const dbpath = opts.dbpath ? resolve(opts.dbpath) : null;
  const storage: Storage = opts.storage ?? (dbpath ? new DurableStorage(dbpath, { logger }) : new MemoryStorage());
  const engine = new Engine(storage, { logger });
  await engine.open();

  const info: ServerInfo = { advertised: '', port: 0, bindIp: host, dbpath, startedAt: new Date(), argv: process.argv.slice() };
  const rt = new Runtime(engine, info, logger);
  let wire;
  try {
    wire = await listen(rt, host, opts.port ?? 0);
  } catch (e) {
    await engine.close();
    throw e;
  }
  info.port = wire.port;
  info.advertised = `${advertisedHost(host)}:${wire.port}`;
  const stopHousekeeping = startHousekeeping(rt);
  const uri = `mongodb://${info.advertised}/?directConnection=true`;
  logger.info(`Embedded MongoDB-compatible server listening on ${info.advertised} (${dbpath ? `data directory ${dbpath}` : 'in memory'})`);

  let stopping: Promise<void> | null = null;
  return {
    uri,
    port: wire.port,
    stop() {
      stopping ??= (async () => {
        stopHousekeeping();
        await wire.close();
        rt.cursors.closeAll();
        await engine.close();
      })();
      return stopping;
    },
  };
}
