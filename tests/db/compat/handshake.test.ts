/** Server identity and administrative commands every driver sends first. */
import { describe, expect, it } from 'vitest';
import { Long } from 'mongodb';
import { useDatabase } from '../../testkit/db.js';
import { type AnyDoc, expectServerError } from './support.js';

const t = useDatabase('handshake');

describe('hello / ping / buildInfo', () => {
  it('hello describes a writable primary with MongoDB 7 limits', async () => {
    const hello = await t.client.db('admin').command({ hello: 1 });
    expect(hello.ok).toBe(1);
    expect(hello.isWritablePrimary).toBe(true);
    expect(hello.maxBsonObjectSize).toBe(16 * 1024 * 1024);
    expect(hello.maxMessageSizeBytes).toBe(48_000_000);
    expect(hello.maxWriteBatchSize).toBe(100_000);
    expect(hello.maxWireVersion).toBeGreaterThanOrEqual(21); // 21 = MongoDB 7.0
    expect(hello.minWireVersion).toBeLessThanOrEqual(hello.maxWireVersion);
    expect(hello.localTime).toBeInstanceOf(Date);
    // Sessions, hence transactions, are only offered when this is present.
    expect(typeof hello.logicalSessionTimeoutMinutes).toBe('number');
    if (hello.setName !== undefined) {
      expect(hello.hosts).toContain(hello.primary);
      expect(hello.me).toBe(hello.primary);
    }
    if (!t.external) expect(hello.setName).toBe('rs0');
  });

  it('legacy isMaster still answers with ismaster: true', async () => {
    const reply = await t.client.db('admin').command({ isMaster: 1 });
    expect(reply.ok).toBe(1);
    expect(reply.ismaster).toBe(true);
  });

  it('ping answers ok: 1 on any database', async () => {
    expect(await t.client.db('admin').command({ ping: 1 })).toMatchObject({ ok: 1 });
    expect(await t.db.command({ ping: 1 })).toMatchObject({ ok: 1 });
  });

  it('buildInfo reports a 7.x version string and array', async () => {
    const info = await t.client.db('admin').command({ buildInfo: 1 });
    expect(info.ok).toBe(1);
    expect(info.version).toMatch(/^\d+\.\d+\.\d+/);
    expect(info.versionArray).toHaveLength(4);
    expect(info.versionArray[0]).toBeGreaterThanOrEqual(7);
    expect(info.version.startsWith(`${info.versionArray[0]}.${info.versionArray[1]}.`)).toBe(true);
  });

  it('an unknown command fails with 59 CommandNotFound naming the command', async () => {
    const err = await expectServerError(t.db.command({ frobnicateWidgets: 1 }), 59, 'CommandNotFound');
    expect(err.message).toContain('frobnicateWidgets');
  });

  it('cursor ids in replies are int64 even when the cursor is exhausted', async () => {
    await t.db.collection<AnyDoc>('ids').insertOne({ a: 1 });
    const reply = await t.db.command({ find: 'ids', filter: {} }, { promoteLongs: false });
    expect(reply.cursor.id).toBeInstanceOf(Long);
    expect(reply.cursor.id.isZero()).toBe(true);
    expect(reply.cursor.ns).toBe(`${t.dbName}.ids`);
    expect(reply.cursor.firstBatch).toHaveLength(1);
  });
});
