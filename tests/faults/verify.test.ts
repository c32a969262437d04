/**
 * The check behind the kill -9 verdicts can fail: given a database state and a stream record it
 * reports a lost acknowledged change, a missing or doubled audit entry, a refused change that is
 * there, a change without its audit entry, and a node whose version or note disagrees with the
 * reports that are there — and nothing when all is consistent.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { MongoClient, ObjectId, type Db } from 'mongodb';
import { startEmbedded, type EmbeddedServer } from '../../api/src/db/embedded/index.js';
import { verifyStream } from '../../bench/faults/lib/verify.js';
import type { StreamRecord, TokenRecord } from '../../bench/faults/lib/stream.js';

const silent = { info() {}, warn() {}, error() {} };
const DB = 'zs_verify';

describe('verifyStream', () => {
  let server: EmbeddedServer;
  let client: MongoClient;
  let db: Db;
  const lead = new ObjectId();
  const node = new ObjectId();
  const tok = (kind: 'followUp' | 'nodeReport', writer: number, seq: number): TokenRecord => ({
    token: `verify-t-${writer}-${seq}`,
    writer,
    seq,
    kind,
    targetId: (kind === 'followUp' ? lead : node).toHexString(),
  });
  const record = (r: Partial<StreamRecord>): StreamRecord => ({
    prefix: 'verify-t',
    targets: [
      { kind: 'followUp', id: lead.toHexString(), startVersion: 0 },
      { kind: 'nodeReport', id: node.toHexString(), startVersion: 3 },
    ],
    acked: [],
    refused: [],
    unknown: [],
    ...r,
  });
  /** Writes the state a stream would leave: follow-ups, node version/note and audit entries. */
  const state = async (s: { followUps: string[]; audits: string[]; version: number; notes: string | null }) => {
    await db.collection('leads').insertOne({ _id: lead, followUps: s.followUps.map((summary) => ({ summary })) });
    await db.collection('nodes').insertOne({ _id: node, version: s.version, notes: s.notes });
    if (s.audits.length) await db.collection('audit').insertMany(s.audits.map((requestId) => ({ requestId, action: 'x', targetId: lead })));
  };

  beforeAll(async () => {
    server = await startEmbedded({ memory: true, logger: silent });
    client = await MongoClient.connect(server.uri);
    db = client.db(DB);
  });
  afterAll(async () => {
    await client?.close();
    await server?.stop();
  });
  beforeEach(async () => {
    await db.dropDatabase();
  });

  const f0 = tok('followUp', 0, 0);
  const f1 = tok('followUp', 0, 1);
  const n0 = tok('nodeReport', 1, 0);
  const n1 = tok('nodeReport', 1, 1);

  it('passes a consistent state, with an unanswered mutation either way', async () => {
    await state({ followUps: [f0.token, f1.token], audits: [f0.token, f1.token, n0.token], version: 4, notes: n0.token });
    const v = await verifyStream(server.uri, record({ acked: [f0, n0], unknown: [f1, n1] }), DB);
    expect(v.problems).toEqual([]);
    expect(v).toMatchObject({ ok: true, acked: 2, unknown: 2, unknownCommitted: 1 });
  });

  it('reports an acknowledged change lost, and one audited twice', async () => {
    await state({ followUps: [], audits: [n0.token, n0.token], version: 5, notes: n0.token });
    const v = await verifyStream(server.uri, record({ acked: [f0, n0] }), DB);
    expect(v.ok).toBe(false);
    expect(v.problems).toContain(`acknowledged ${f0.token}: 0 audit entries (want 1)`);
    expect(v.problems).toContain(`acknowledged ${f0.token}: follow-up present 0 times (want 1)`);
    expect(v.problems).toContain(`acknowledged ${n0.token}: 2 audit entries (want 1)`);
  });

  it('reports a refused change that is there, and a change without its audit entry', async () => {
    await state({ followUps: [f0.token, f1.token], audits: [f0.token], version: 3, notes: null });
    const v = await verifyStream(server.uri, record({ refused: [f0], unknown: [f1] }), DB);
    expect(v.problems).toEqual([
      expect.stringMatching(new RegExp(`^refused ${f0.token} .* is there: 1 audit entries, 1 follow-ups`)),
      `unknown ${f1.token}: 1 follow-ups but 0 audit entries (change and audit must commit together)`,
    ]);
  });

  it('reports a node whose version or note disagrees with the audited reports', async () => {
    await state({ followUps: [], audits: [n0.token, n1.token], version: 4, notes: n0.token });
    const v = await verifyStream(server.uri, record({ acked: [n0, n1] }), DB);
    expect(v.problems).toEqual([
      `node ${node.toHexString()}: version 4, want 3 + 2 reports with audit entries`,
      `node ${node.toHexString()}: note ${n0.token}, want the last report's ${n1.token}`,
    ]);
  });

  it('reports entries for mutations that were never sent', async () => {
    await state({ followUps: ['verify-t-9-9'], audits: ['verify-t-9-9'], version: 3, notes: null });
    const v = await verifyStream(server.uri, record({}), DB);
    expect(v.problems).toEqual(['audit entry verify-t-9-9 for a mutation never sent', 'follow-up verify-t-9-9 never sent']);
  });
});
