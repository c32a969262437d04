/**
 * Micro-benchmark of DurableStorage.append(): acknowledged (fdatasync'ed) batches per second,
 * sequential and with concurrent writers, on a temporary data directory.
 *
 *   npx tsx bench/storage-append.ts [batchesPerRun=5000]
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Int32, ObjectId } from 'bson';
import { DurableStorage } from '../api/src/db/embedded/storage/durable.js';
import type { JournalRecord } from '../api/src/db/embedded/types.js';

const total = Number(process.argv[2] ?? 5000);

function batch(i: number): JournalRecord[] {
  return [{ op: 'put', db: 'bench', coll: 'items', doc: { _id: new ObjectId(), n: new Int32(i), name: `item ${i}`, tags: ['a', 'b'], createdAt: new Date() } }];
}

async function run(writers: number): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'zs-bench-'));
  const s = new DurableStorage(dir);
  await s.open();
  const perWriter = Math.ceil(total / writers);
  const started = performance.now();
  await Promise.all(
    Array.from({ length: writers }, async (_, w) => {
      for (let i = 0; i < perWriter; i++) await s.append(batch(w * perWriter + i));
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const { batches, syncs } = s.stats;
  await s.close();
  await rm(dir, { recursive: true, force: true });
  console.log(
    `${String(writers).padStart(3)} writer(s): ${Math.round(batches / seconds).toLocaleString('en')} acknowledged batches/s, ` +
      `${syncs} fdatasync for ${batches} batches (${(batches / syncs).toFixed(1)} per sync)`,
  );
}

for (const writers of [1, 10, 50, 200]) await run(writers);
