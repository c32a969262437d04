/**
 * Durability of the embedded server's data directory, end to end through the CLI process:
 * kill -9 mid-stream, torn journal tails, and the single-writer lock. Embedded only: these
 * crash the server, which a test must never do to an external MongoDB.
 */
import { appendFileSync, mkdtempSync, rmSync, truncateSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { MongoClient } from 'mongodb';
import { listDataFiles, spawnServer, type ServerProcess } from '../../testkit/db-process.js';
import { killRun } from '../../testkit/kill-run.js';

const external = Boolean(process.env.MONGODB_URI);
/** Each server start is a fresh node + tsx process (seconds on a busy machine). */
const SLOW = 180_000;
const dirs: string[] = [];
const servers: ServerProcess[] = [];

afterAll(async () => {
  for (const s of servers) await s.kill9();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function tempDbpath(): string {
  const dir = mkdtempSync(join(tmpdir(), 'zs-durability-'));
  dirs.push(dir);
  return dir;
}

async function start(dbpath: string): Promise<ServerProcess> {
  const server = await spawnServer({ dbpath });
  servers.push(server);
  return server;
}

/** Runs `fn` with a client on a freshly started server, closing the client after. */
async function withClient<T>(server: ServerProcess, fn: (c: MongoClient) => Promise<T>): Promise<T> {
  const client = new MongoClient(server.uri, { serverSelectionTimeoutMS: 10_000, retryWrites: false });
  try {
    await client.connect();
    return await fn(client);
  } finally {
    await client.close(true);
  }
}

const coll = (c: MongoClient) => c.db('durable').collection<{ _id: string; n: number }>('docs');

async function insertSequential(server: ServerProcess, prefix: string, count: number): Promise<string[]> {
  return withClient(server, async (c) => {
    const ids: string[] = [];
    for (let n = 0; n < count; n++) {
      const _id = `${prefix}-${n}`;
      await coll(c).insertOne({ _id, n });
      ids.push(_id);
    }
    return ids;
  });
}

async function presentIds(server: ServerProcess): Promise<Set<string>> {
  return withClient(server, async (c) => new Set((await coll(c).find({}, { projection: { _id: 1 } }).toArray()).map((d) => d._id)));
}

/**
 * Journal files found in the data directory by name (`journal`/`.wal`), newest last. Names
 * are discovered rather than hard-coded so the test outlives a change of layout; the data
 * directory's own README (datadir.ts) says names sort in sequence order.
 */
function journalFiles(dbpath: string) {
  const files = listDataFiles(dbpath).filter((f) => /journal|\.wal$/i.test(f.name));
  return files.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.mtimeMs - b.mtimeMs));
}

describe('durability (embedded server process)', () => {
  it.skipIf(external)('every acknowledged insert survives kill -9 mid-stream, twice in a row', async () => {
    const dbpath = tempDbpath();
    for (const round of ['r1', 'r2']) {
      const result = await killRun({ dbpath, runId: round, writers: 4, killAfterAcks: 400 });
      expect(result.acked, result.log).toBeGreaterThanOrEqual(400);
      expect(result.missing, `acknowledged but lost after kill -9 (round ${round})\n${result.log}`).toEqual([]);
      expect(result.corrupt, `damaged documents after recovery (round ${round})`).toEqual([]);
      expect(result.recovered).toBeGreaterThanOrEqual(result.acked);
      expect(result.recovered).toBeLessThanOrEqual(result.attempted);
    }
  }, SLOW);

  it.skipIf(external)('garbage appended to the journal after a clean stop is cut off, and later writes survive', async () => {
    const dbpath = tempDbpath();
    let server = await start(dbpath);
    const before = await insertSequential(server, 'clean', 50);
    const exit = await server.stop();
    expect(exit.signal, `the server should shut down on SIGTERM by itself\n${server.output()}`).toBeNull();

    const journals = journalFiles(dbpath);
    expect(journals.length, `no journal file found in ${dbpath}: ${listDataFiles(dbpath).map((f) => f.name).join(', ')}`).toBeGreaterThan(0);
    const newest = journals.at(-1)!;
    // A torn write: a few plausible header bytes, then noise.
    appendFileSync(newest.path, Buffer.concat([Buffer.from([0x2a, 0x00, 0x00, 0x00, 0x03]), Buffer.from('torn-tail-garbage-\u0000\u00ff\u0013')]));

    server = await start(dbpath);
    const afterTear = await presentIds(server);
    expect(before.filter((id) => !afterTear.has(id))).toEqual([]);
    // New writes must land where they will be replayed, not behind the garbage.
    const more = await insertSequential(server, 'after', 50);
    await server.kill9();

    server = await start(dbpath);
    const finalIds = await presentIds(server);
    expect([...before, ...more].filter((id) => !finalIds.has(id))).toEqual([]);
    expect(finalIds.size).toBe(100);
    await server.stop();
  }, SLOW);

  it.skipIf(external)('a journal cut inside its last record loses at most that record', async () => {
    const dbpath = tempDbpath();
    let server = await start(dbpath);
    const ids = await insertSequential(server, 'torn', 60);
    await server.kill9();

    const newest = journalFiles(dbpath).at(-1);
    expect(newest, 'no journal file found').toBeDefined();
    expect(newest!.size).toBeGreaterThan(16);
    truncateSync(newest!.path, newest!.size - 5);

    server = await start(dbpath);
    const present = await presentIds(server);
    // Sequential inserts: only the last one can have been in the torn record.
    expect(ids.slice(0, -1).filter((id) => !present.has(id))).toEqual([]);
    // The server keeps working on the repaired journal.
    await withClient(server, async (c) => {
      await coll(c).updateOne({ _id: ids.at(-1)! }, { $set: { n: 59 } }, { upsert: true });
    });
    await server.kill9();
    server = await start(dbpath);
    expect([...(await presentIds(server))].sort()).toEqual([...ids].sort());
    await server.stop();
  }, SLOW);

  it.skipIf(external)('damage before the tail of the journal stops recovery instead of dropping acknowledged writes', async () => {
    const dbpath = tempDbpath();
    const server = await start(dbpath);
    await insertSequential(server, 'mid', 40);
    await server.stop();
    const newest = journalFiles(dbpath).at(-1)!;
    const { openSync, readSync, writeSync, closeSync } = await import('node:fs');
    const fd = openSync(newest.path, 'r+');
    try {
      const at = Math.floor(newest.size / 2);
      const byte = Buffer.alloc(1);
      readSync(fd, byte, 0, 1, at);
      byte[0] ^= 0xff;
      writeSync(fd, byte, 0, 1, at);
    } finally {
      closeSync(fd);
    }
    await expect(start(dbpath)).rejects.toThrow(/exited before ready \(code [1-9]/);
  }, SLOW);

  it.skipIf(external)('a second server on the same data directory is refused while the first runs', async () => {
    const dbpath = tempDbpath();
    const first = await start(dbpath);
    await insertSequential(first, 'lock', 3);
    await expect(start(dbpath)).rejects.toThrow(/exited before ready \(code [1-9]/);
    // The first server is unaffected.
    expect((await presentIds(first)).size).toBe(3);
    await first.stop();
  }, SLOW);
});
