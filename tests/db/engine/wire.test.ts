/**
 * Wire protocol framing and hostile input, over raw sockets: whatever one connection sends,
 * the server closes only that connection, logs why, and keeps serving everybody else.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MongoClient } from 'mongodb';
import { startEmbedded, type EmbeddedServer } from '../../../api/src/db/embedded/index.js';
import { opMsg, opQuery, RawClient } from './raw-client.js';
import type { AnyDoc } from './support.js';

let server: EmbeddedServer;
let client: MongoClient;
const warnings: string[] = [];

beforeAll(async () => {
  server = await startEmbedded({ logger: { info() {}, warn: (m) => warnings.push(m), error: (m) => warnings.push(m) } });
  client = await MongoClient.connect(server.uri);
});

afterAll(async () => {
  await client?.close();
  await server?.stop();
});

/** The server still answers a normal driver client. */
async function stillServing(): Promise<void> {
  const db = client.db('wire');
  expect(await db.command({ ping: 1 })).toMatchObject({ ok: 1 });
  await db.collection('alive').insertOne({ at: new Date() });
  expect(await db.collection('alive').countDocuments()).toBeGreaterThan(0);
}

describe('handshake and framing', () => {
  it('answers the legacy OP_QUERY isMaster with OP_REPLY, as a replica-set primary', async () => {
    const c = await RawClient.open(server.port);
    c.send(opQuery('admin.$cmd', { isMaster: 1, helloOk: true, client: { driver: { name: 'raw' } }, compression: ['none'] }, 77));
    const r = await c.next();
    expect(r).not.toBeNull();
    expect(r!.opCode).toBe(1);
    expect(r!.responseTo).toBe(77);
    expect(r!.body).toMatchObject({ ok: 1, ismaster: true, setName: 'rs0', maxWireVersion: 21, logicalSessionTimeoutMinutes: 30 });
    expect(r!.body.hosts).toEqual([r!.body.me]);
    expect(r!.body.primary).toBe(r!.body.me);
    expect(r!.body).not.toHaveProperty('topologyVersion');
    expect(r!.body).not.toHaveProperty('compression');
    c.destroy();
  });

  it('answers OP_MSG hello with OP_MSG; cursor ids are int64 even when 0', async () => {
    const c = await RawClient.open(server.port);
    c.send(opMsg({ hello: 1, $db: 'admin' }, { requestId: 5 }));
    const hello = await c.next();
    expect(hello).toMatchObject({ opCode: 2013, responseTo: 5, body: { isWritablePrimary: true, ok: 1 } });
    c.send(opMsg({ find: 'nothing_here', filter: {}, $db: 'wire' }));
    const find = await c.next();
    expect(find!.body.cursor.id._bsontype).toBe('Long');
    expect(String(find!.body.cursor.id)).toBe('0');
    c.destroy();
  });

  it('merges kind-1 document sequences into the command and tolerates the checksum flag', async () => {
    const c = await RawClient.open(server.port);
    const docs = [{ _id: 1, v: 'a' }, { _id: 2, v: 'b' }, { _id: 3, v: 'c' }];
    c.send(opMsg({ insert: 'seq', $db: 'wire' }, { sequences: { documents: docs }, checksum: true }));
    expect((await c.next())!.body).toMatchObject({ ok: 1, n: 3 });
    expect(await client.db('wire').collection('seq').find({}, { sort: { _id: 1 } }).toArray()).toEqual(docs);
    c.destroy();
  });

  it('sends no reply when moreToCome is set, and still executes the command', async () => {
    const c = await RawClient.open(server.port);
    c.send(opMsg({ insert: 'quiet', documents: [{ _id: 'q' }], writeConcern: { w: 0 }, $db: 'wire' }, { flags: 2 }));
    c.send(opMsg({ ping: 1, $db: 'admin' }, { requestId: 91 }));
    const r = await c.next();
    expect(r!.responseTo).toBe(91); // the first reply is the ping's: the insert had none
    expect(await c.next(200)).toBeNull();
    expect(await client.db('wire').collection<AnyDoc>('quiet').countDocuments({ _id: 'q' })).toBe(1);
    c.destroy();
  });

  it('serves a message split across many TCP writes and several messages in one write', async () => {
    const c = await RawClient.open(server.port);
    const m = opMsg({ ping: 1, $db: 'admin' }, { requestId: 11 });
    for (const byte of m) c.send(Buffer.of(byte));
    expect((await c.next())!.responseTo).toBe(11);
    c.send(Buffer.concat([opMsg({ ping: 1, $db: 'admin' }, { requestId: 12 }), opMsg({ ping: 1, $db: 'admin' }, { requestId: 13 })]));
    expect((await c.next())!.responseTo).toBe(12);
    expect((await c.next())!.responseTo).toBe(13);
    c.destroy();
  });
});

describe('hostile input closes only the offending connection', () => {
  const bystanders: RawClient[] = [];

  async function expectClosed(bytes: Buffer, logged: RegExp): Promise<void> {
    const bystander = await RawClient.open(server.port);
    bystanders.push(bystander);
    const before = warnings.length;
    const c = await RawClient.open(server.port);
    c.send(bytes);
    expect(await c.closedWithin()).toBe(true);
    expect(warnings.slice(before).some((w) => logged.test(w))).toBe(true);
    // A connection opened before the bad one is unaffected.
    bystander.send(opMsg({ ping: 1, $db: 'admin' }, { requestId: 4242 }));
    expect((await bystander.next())!.responseTo).toBe(4242);
    await stillServing();
  }

  afterAll(() => bystanders.forEach((b) => b.destroy()));

  it('a declared length above 48 MB', async () => {
    const h = Buffer.alloc(16);
    h.writeInt32LE(50_000_000, 0);
    h.writeInt32LE(2013, 12);
    await expectClosed(h, /length 50000000/);
  });

  it('a declared length below the header size', async () => {
    const h = Buffer.alloc(16);
    h.writeInt32LE(3, 0);
    await expectClosed(h, /length 3/);
  });

  it('random garbage', async () => {
    await expectClosed(Buffer.from('GET / HTTP/1.1\r\nHost: example\r\n\r\n'), /length/);
  });

  it('an unknown opcode (legacy OP_UPDATE)', async () => {
    const m = opMsg({ ping: 1, $db: 'admin' });
    m.writeInt32LE(2001, 12);
    await expectClosed(m, /opCode 2001/);
  });

  it('a body whose BSON length overruns the message', async () => {
    const m = opMsg({ ping: 1, $db: 'admin' });
    m.writeInt32LE(10_000, 21); // the body document's own length field
    await expectClosed(m, /does not fit/);
  });

  it('corrupt BSON inside a well-framed message', async () => {
    const m = opMsg({ ping: 1, $db: 'admin' });
    m[25] = 0x77; // the type byte of the first element: no such BSON type
    await expectClosed(m, /invalid BSON/);
  });

  it('an unknown section kind and an unknown required flag bit', async () => {
    const m = opMsg({ ping: 1, $db: 'admin' });
    m[20] = 5;
    await expectClosed(m, /section kind 5/);
    const f = opMsg({ ping: 1, $db: 'admin' }, { flags: 1 << 4 });
    await expectClosed(f, /required flag/);
  });

  it('a truncated message followed by a hang-up does not disturb the server', async () => {
    const c = await RawClient.open(server.port);
    const m = opMsg({ ping: 1, $db: 'admin' });
    c.send(m.subarray(0, m.length - 7));
    c.destroy();
    await stillServing();
  });
});
