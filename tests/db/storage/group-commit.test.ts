import { afterEach, describe, expect, it } from 'vitest';
import { Int32 } from 'bson';
import { DurableStorage } from '../../../api/src/db/embedded/storage/durable.js';
import type { JournalRecord } from '../../../api/src/db/embedded/types.js';
import { FaultyIO } from './faulty-io.js';
import { docsOf, tempDir } from './helpers.js';

let cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.reverse()) await c();
  cleanups = [];
});
async function openStorage(io?: FaultyIO) {
  const t = await tempDir();
  const s = new DurableStorage(t.dir, { io });
  await s.open();
  cleanups.push(t.cleanup, () => s.close());
  return { s, dir: t.dir };
}
const put = (i: number): JournalRecord[] => [{ op: 'put', db: 'app', coll: 'c', doc: { _id: new Int32(i), payload: 'x'.repeat(100) } }];

describe('group commit', () => {
  it('shares one fdatasync among appends that arrive while a sync is in flight', async () => {
    const { s, dir } = await openStorage();
    const n = 1000;
    await Promise.all(Array.from({ length: n }, (_, i) => s.append(put(i))));
    expect(s.stats.batches).toBe(n);
    // The first append starts a write alone; everything queued behind it shares the next sync.
    expect(s.stats.syncs).toBeLessThanOrEqual(5);
    await s.close();
    const again = new DurableStorage(dir);
    const state = await again.open();
    await again.close();
    expect(docsOf(state, 'app', 'c')!.size).toBe(n);
  });

  it('syncs once per append when appends come one after another', async () => {
    const { s } = await openStorage();
    for (let i = 0; i < 50; i++) await s.append(put(i));
    expect(s.stats.syncs).toBe(50);
  });

  it('acknowledges an append only after the sync that covers it has completed', async () => {
    const io = new FaultyIO();
    io.syncDelayMs = 30;
    const { s } = await openStorage(io);
    await s.append(put(0)); // the first write also preallocates the segment
    io.syncsDone = 0;
    io.events.length = 0;
    const syncsBefore = s.stats.syncs;
    const acked: { id: number; syncsDone: number }[] = [];
    const ack = (id: number) => () => acked.push({ id, syncsDone: io.syncsDone });
    const syncStarted = new Promise<void>((resolve) => (io.onSyncStart = resolve));
    const first = s.append(put(1)).then(ack(1));
    await syncStarted;
    // These arrive while the first batch's sync is in flight: one write and one sync for all three.
    const rest = [2, 3, 4].map((id) => s.append(put(id)).then(ack(id)));
    await Promise.all([first, ...rest]);
    expect(acked.find((a) => a.id === 1)!.syncsDone).toBe(1);
    for (const id of [2, 3, 4]) expect(acked.find((a) => a.id === id)!.syncsDone).toBe(2);
    expect(s.stats.syncs - syncsBefore).toBe(2);
    expect(io.events).toEqual(['write', 'sync', 'write', 'sync']);
  });

  it('serves 50 concurrent writers with far fewer syncs than batches', async () => {
    const { s, dir } = await openStorage();
    const writers = Array.from({ length: 50 }, async (_, w) => {
      for (let i = 0; i < 40; i++) await s.append(put(w * 1000 + i));
    });
    await Promise.all(writers);
    expect(s.stats.batches).toBe(2000);
    expect(s.stats.syncs).toBeLessThan(2000 / 5);
    await s.close();
    const again = new DurableStorage(dir);
    const state = await again.open();
    await again.close();
    expect(docsOf(state, 'app', 'c')!.size).toBe(2000);
  });
});
