/**
 * Database failures are told to the user plainly (found by bench/faults/db-kill.ts and
 * disk-full.ts, where they came back as "服务器内部错误"): a database that cannot be reached is
 * DATABASE_UNAVAILABLE, a write refused for a full disk is STORAGE_FULL, each with a Chinese
 * message and nothing internal. The errors here are real ones, raised by the driver, mongoose
 * and the embedded server, not hand-made lookalikes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GraphQLError } from 'graphql';
import { MongoClient, MongoNetworkError } from 'mongodb';
import mongoose from 'mongoose';
import { databaseFailure, databaseFailureResponse, DATABASE_FAILURE_MESSAGES } from '../../api/src/db/errors.js';
import { formatError } from '../../api/src/graphql/safety.js';
import { startEmbedded, type EmbeddedServer } from '../../api/src/db/embedded/index.js';
import { MemoryStorage } from '../../api/src/db/embedded/storage/memory.js';
import { ErrorCodes, MongoError } from '../../api/src/db/embedded/errors.js';
import type { JournalRecord } from '../../api/src/db/embedded/types.js';
import { freePort } from '../testkit/db-process.js';

const silent = { info() {}, warn() {}, error() {} };

/** The embedded server's storage with the disk full: every append fails as the journal reports it. */
class FullDisk extends MemoryStorage {
  override async append(_batch: JournalRecord[]): Promise<void> {
    throw new MongoError(ErrorCodes.OutOfDiskSpace, 'journal write failed: the disk holding the data directory is full (ENOSPC)');
  }
}

const logs: unknown[] = [];
const log = { warn: (o: unknown) => logs.push(o), error: (o: unknown) => logs.push(o) } as never;
/** What Apollo passes to formatError for an error thrown in a resolver. */
const asResolverError = (e: Error) => new GraphQLError(e.message, { originalError: e, path: ['project'] });
const format = (e: Error) => formatError(log, true)({ message: e.message, path: ['project'], extensions: { code: 'INTERNAL_SERVER_ERROR' } }, asResolverError(e));

describe('database failures', () => {
  let full: EmbeddedServer;
  let fullClient: MongoClient;
  beforeAll(async () => {
    full = await startEmbedded({ storage: new FullDisk(), logger: silent });
    fullClient = await MongoClient.connect(full.uri, { retryWrites: false });
  });
  afterAll(async () => {
    await fullClient?.close();
    await full?.stop();
  });

  it('a database nobody answers on is DATABASE_UNAVAILABLE', async () => {
    const client = new MongoClient(`mongodb://127.0.0.1:${await freePort()}/?directConnection=true`, { serverSelectionTimeoutMS: 300 });
    const err = await client.db('x').command({ ping: 1 }).catch((e: Error) => e);
    await client.close();
    expect((err as Error).name).toBe('MongoServerSelectionError');
    expect(databaseFailure(err)).toBe('DATABASE_UNAVAILABLE');
    expect(format(err as Error)).toEqual({ message: '数据库暂时不可用，请稍后重试', path: ['project'], extensions: { code: 'DATABASE_UNAVAILABLE' } });
  });

  it('a connection cut mid-request and a mongoose buffering timeout are DATABASE_UNAVAILABLE too', async () => {
    expect(databaseFailure(new MongoNetworkError('connection 3 to 127.0.0.1:27017 closed'))).toBe('DATABASE_UNAVAILABLE');
    const conn = mongoose.createConnection();
    const M = conn.model('Probe', new mongoose.Schema({ a: Number }, { bufferTimeoutMS: 50 }), 'probe');
    const err = await M.findOne({}).exec().catch((e: Error) => e);
    expect((err as Error).message).toMatch(/buffering timed out/);
    expect(databaseFailure(err)).toBe('DATABASE_UNAVAILABLE');
    await conn.close();
  });

  it('a write refused for a full disk is STORAGE_FULL', async () => {
    const err = await fullClient.db('app').collection('c').insertOne({ a: 1 }).catch((e: Error) => e);
    expect(err).toMatchObject({ code: 14031 });
    expect(databaseFailure(err)).toBe('STORAGE_FULL');
    const out = format(err as Error);
    expect(out).toEqual({ message: DATABASE_FAILURE_MESSAGES.STORAGE_FULL, path: ['project'], extensions: { code: 'STORAGE_FULL' } });
    expect(out.message).toMatch(/存储空间已满/);
    expect(JSON.stringify(out)).not.toMatch(/ENOSPC|journal/);
  });

  it('anything else stays an internal error, with nothing internal shown', () => {
    const err = new TypeError('cannot read properties of undefined');
    expect(databaseFailure(err)).toBeNull();
    expect(format(err)).toEqual({ message: '服务器内部错误', path: ['project'], extensions: { code: 'INTERNAL_SERVER_ERROR' } });
  });

  it('HTTP routes answer 503 and 507 with the same GraphQL-shaped body', () => {
    expect(databaseFailureResponse('DATABASE_UNAVAILABLE')).toEqual({ status: 503, body: { errors: [{ message: '数据库暂时不可用，请稍后重试', extensions: { code: 'DATABASE_UNAVAILABLE' } }] } });
    expect(databaseFailureResponse('STORAGE_FULL').status).toBe(507);
  });
});
