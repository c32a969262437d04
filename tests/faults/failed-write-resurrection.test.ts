/**
 * A write refused because the disk was full must stay refused after a restart, and so must a
 * write made on top of it (found while building bench/faults/disk-full.ts).
 *
 * The engine applies a write to its latest state and appends it to the journal; a write that
 * arrives while the previous group is being written builds on that group's effects and is
 * queued as the next group. If the first group fails (ENOSPC) the engine rolls both back and
 * tells both clients "not applied" — but the journal still writes the second group when it
 * fits, so the restarted server replays it: the second write, and with it the first one's
 * effect (its record is the whole document), come back although both clients were told they
 * failed. The writes made on top were also refused with a bare InternalError instead of the
 * full disk's code, which the API could only show as "服务器内部错误".
 */
import { afterEach, describe, expect, it } from 'vitest';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MongoClient } from 'mongodb';
import { startEmbedded, type EmbeddedServer } from '../../api/src/db/embedded/index.js';
import { DurableStorage } from '../../api/src/db/embedded/storage/durable.js';
import { nodeIO, type FileHandleLike, type StorageIO } from '../../api/src/db/embedded/storage/io.js';

const silent = { info() {}, warn() {}, error() {} };

/** Real files; when armed, the next journal write waits `delayMs` (so another write queues behind it) and fails with ENOSPC. */
class OneFailedWrite implements StorageIO {
  armed = false;
  delayMs = 150;
  async open(path: string, flags: string): Promise<FileHandleLike> {
    const real = await nodeIO.open(path, flags);
    const io = this;
    return {
      fd: real.fd,
      async write(buffer, offset, length, position) {
        if (io.armed && path.endsWith('.wal')) {
          io.armed = false;
          await new Promise((r) => setTimeout(r, io.delayMs));
          throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
        }
        return real.write(buffer, offset, length, position);
      },
      read: (b, o, l, p) => real.read(b, o, l, p),
      datasync: () => real.datasync(),
      sync: () => real.sync(),
      truncate: (len) => real.truncate(len),
      stat: () => real.stat(),
      close: () => real.close(),
    };
  }
}

let cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const c of cleanups.reverse()) await c().catch(() => undefined);
  cleanups = [];
});

async function serve(dir: string, io?: StorageIO): Promise<{ server: EmbeddedServer; client: MongoClient }> {
  const server = await startEmbedded({ storage: new DurableStorage(dir, { io, logger: silent }), logger: silent });
  const client = await MongoClient.connect(server.uri, { retryWrites: false, maxPoolSize: 4 });
  return { server, client };
}

describe('a write refused for a full disk', () => {
  it('does not come back after a restart, nor does a write made on top of it', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'zs-resurrect-'));
    cleanups.push(() => rm(dir, { recursive: true, force: true }));
    const io = new OneFailedWrite();
    const first = await serve(dir, io);
    cleanups.push(() => first.server.stop(), () => first.client.close());
    const c = first.client.db('app').collection<{ _id: number; n?: number; m?: number }>('c');
    await c.insertOne({ _id: 1, n: 0, m: 0 });

    io.armed = true;
    const refused = c.updateOne({ _id: 1 }, { $inc: { n: 1 } });
    await new Promise((r) => setTimeout(r, 30)); // the first group is now waiting on the disk
    const onTop = c.updateOne({ _id: 1 }, { $inc: { m: 1 } });
    const other = c.insertOne({ _id: 2 });
    const results = await Promise.allSettled([refused, onTop, other]);
    // Every client is told its write did not happen …
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected', 'rejected']);
    // … for the same reason: the disk is full (so the API can say STORAGE_FULL to all three) …
    for (const r of results) expect((r as PromiseRejectedResult).reason).toMatchObject({ code: 14031 });
    // … and the running server agrees.
    expect(await c.find().toArray()).toEqual([{ _id: 1, n: 0, m: 0 }]);

    await first.client.close();
    await first.server.stop();
    const again = await serve(dir);
    cleanups.push(() => again.server.stop(), () => again.client.close());
    expect(await again.client.db('app').collection('c').find().toArray()).toEqual([{ _id: 1, n: 0, m: 0 }]);
  });
});
