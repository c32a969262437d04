/**
 * The embedded server on a worker thread (the API's setup, api/src/db/embedded/thread.ts):
 * it serves the driver like the in-thread server, keeps durable data across a stop and a new
 * start, refuses a data directory already in use with the storage's own message, and stops.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { MongoClient } from 'mongodb';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmbeddedThread } from '../../api/src/db/embedded/thread.js';
import { DurableStorage } from '../../api/src/db/embedded/storage/durable.js';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'zs-thread-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

async function withClient<T>(uri: string, fn: (c: MongoClient) => Promise<T>): Promise<T> {
  const client = await MongoClient.connect(uri, { serverSelectionTimeoutMS: 5_000 });
  try {
    return await fn(client);
  } finally {
    await client.close();
  }
}

describe('embedded server on a worker thread', () => {
  it('serves the driver, transactions included', async () => {
    const server = await startEmbeddedThread({ memory: true, port: 0 });
    cleanups.push(() => server.stop());
    await withClient(server.uri, async (c) => {
      const coll = c.db('t').collection('things');
      await coll.insertOne({ _id: 1 as never, name: '签约' });
      await c.withSession((s) => s.withTransaction(() => coll.updateOne({ _id: 1 as never }, { $set: { name: '落地' } }, { session: s })));
      expect(await coll.findOne({ _id: 1 as never })).toEqual({ _id: 1, name: '落地' });
    });
  });

  it('keeps acknowledged writes across a stop and a new start on the same directory', async () => {
    const dir = tempDir();
    const first = await startEmbeddedThread({ dbpath: dir, port: 0 });
    await withClient(first.uri, (c) => c.db('t').collection('things').insertMany([{ n: 1 }, { n: 2 }, { n: 3 }]));
    await first.stop();
    const second = await startEmbeddedThread({ dbpath: dir, port: 0 });
    cleanups.push(() => second.stop());
    expect(await withClient(second.uri, (c) => c.db('t').collection('things').countDocuments())).toBe(3);
  });

  it('refuses a data directory in use, with the storage’s message, and reports no failure later', async () => {
    const dir = tempDir();
    const holder = new DurableStorage(dir);
    await holder.open();
    cleanups.push(() => holder.close());
    const failures: Error[] = [];
    const err = await startEmbeddedThread({ dbpath: dir, port: 0, onFailure: (e) => failures.push(e) }).catch((e: Error) => e);
    expect(err).toBeInstanceOf(Error);
    expect((err as Error).message).toMatch(/is in use by/);
    await new Promise((r) => setTimeout(r, 200));
    expect(failures).toEqual([]);
  });
});
