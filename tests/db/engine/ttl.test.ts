/**
 * TTL indexes: the periodic pass deletes documents whose indexed date is older than
 * expireAfterSeconds, and nothing else.
 */
import { describe, expect, it } from 'vitest';
import { Engine } from '../../../api/src/db/embedded/engine/engine.js';
import { expireDocuments } from '../../../api/src/db/embedded/engine/ttl.js';
import { MemoryStorage } from '../../../api/src/db/embedded/storage/memory.js';

describe('TTL', () => {
  it('removes expired documents (earliest date of an array counts) and keeps the rest', async () => {
    const engine = new Engine(new MemoryStorage(), { logger: { info() {}, warn() {}, error() {} } });
    await engine.open();
    const now = new Date('2025-01-01T00:00:00Z');
    const ago = (s: number) => new Date(now.getTime() - s * 1000);
    await engine.write((w) => {
      const c = w.ensureCollection('app', 'sessions');
      w.createIndex(c, { v: 2, name: 'expires_1', key: { expires: 1 }, expireAfterSeconds: 60 });
      w.insert(c, { _id: 'old', expires: ago(120) });
      w.insert(c, { _id: 'fresh', expires: ago(10) });
      w.insert(c, { _id: 'mixed', expires: [ago(10), ago(600)] });
      w.insert(c, { _id: 'not-a-date', expires: 'yesterday' });
      w.insert(c, { _id: 'missing' });
    });
    expect(await expireDocuments(engine, now)).toBe(2);
    const left = [...engine.view().collection('app', 'sessions')!.idIndex.tree.keys()].map((k) => k[0]).sort();
    expect(left).toEqual(['fresh', 'missing', 'not-a-date']);
    await engine.close();
  });
});
