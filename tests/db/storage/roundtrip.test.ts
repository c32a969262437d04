import { afterEach, describe, expect, it } from 'vitest';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  Binary, BSONRegExp, BSONSymbol, Code, DBRef, Decimal128, Double, Int32, Long, MaxKey, MinKey, ObjectId, serialize, Timestamp, UUID,
  type Document,
} from 'bson';
import { DurableStorage } from '../../../api/src/db/embedded/storage/durable.js';
import { DataDirError } from '../../../api/src/db/embedded/storage/datadir.js';
import type { JournalRecord } from '../../../api/src/db/embedded/types.js';
import { docsOf, plain, tempDir } from './helpers.js';

let cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups) await c();
  cleanups = [];
});
async function freshDir() {
  const t = await tempDir();
  cleanups.push(t.cleanup);
  return t.dir;
}

/** One document carrying every BSON type, in raw form. */
function everyType(): Document {
  return {
    _id: new ObjectId('65a1b2c3d4e5f60718293a4b'),
    int32: new Int32(42),
    doubleWhole: new Double(5), // must stay a double, not become int32 5
    doubleFrac: new Double(-0.1),
    doubleNegZero: new Double(-0),
    doubleNaN: new Double(NaN),
    doubleInf: new Double(Infinity),
    longSmall: Long.fromNumber(3),
    longBig: Long.fromString('9223372036854775807'),
    decimal: Decimal128.fromString('1234567890.123456789012345678901234'),
    decimalNeg: Decimal128.fromString('-0.00'),
    string: '招商项目 ✓ \u0000 inside',
    emptyString: '',
    boolTrue: true,
    boolFalse: false,
    nul: null,
    date: new Date('2024-02-29T12:34:56.789Z'),
    dateOld: new Date(-62135596800000),
    oid: new ObjectId('000000000000000000000001'),
    binary: new Binary(Buffer.from([0, 1, 2, 255]), 0),
    binaryUser: new Binary(Buffer.from('custom'), 0x80),
    uuid: new UUID('0f8fad5b-d9cb-469f-a165-70867728950e').toBinary(),
    regex: new BSONRegExp('^a.*b$', 'imsx'),
    timestamp: new Timestamp({ t: 1700000000, i: 7 }),
    minKey: new MinKey(),
    maxKey: new MaxKey(),
    code: new Code('function () { return 1; }'),
    codeWithScope: new Code('function () { return x; }', { x: new Int32(1) }),
    symbol: new BSONSymbol('sym'),
    dbref: new DBRef('other', new ObjectId('000000000000000000000002'), 'db2'),
    nested: { a: { b: { c: [new Int32(1), new Double(2), [Long.fromNumber(3)], { d: 'e' }] } } },
    emptyDoc: {},
    emptyArray: [],
    'dotted.key': 'allowed in storage',
    $dollar: 'allowed in storage',
  };
}

const bytes = (d: Document) => Buffer.from(serialize(d)).toString('hex');

describe('DurableStorage round trip', () => {
  it('creates a versioned data directory on first open', async () => {
    const dir = await freshDir();
    const s = new DurableStorage(join(dir, 'nested', 'data'));
    expect((await s.open()).size).toBe(0);
    await s.close();
    const format = JSON.parse(await readFile(join(dir, 'nested', 'data', 'FORMAT'), 'utf8'));
    expect(format).toMatchObject({ format: 'zhaoshang-embedded-mongo', version: 1 });
  });

  it('replays every record kind and keeps every BSON type exactly', async () => {
    const dir = await freshDir();
    const s1 = new DurableStorage(dir);
    await s1.open();
    const doc = everyType();
    const batches: JournalRecord[][] = [
      [{ op: 'createColl', db: 'app', coll: 'items', options: { validator: { $jsonSchema: { bsonType: 'object' } }, collation: { locale: 'zh' } } }],
      [
        { op: 'createIndex', db: 'app', coll: 'items', spec: { name: 'a_1', key: { a: new Int32(1) }, unique: true, expireAfterSeconds: 3600 } },
        { op: 'createIndex', db: 'app', coll: 'items', spec: { name: 'b_-1', key: { 'b.c': new Int32(-1) }, partialFilterExpression: { b: { $gt: new Int32(5) } } } },
        { op: 'createIndex', db: 'app', coll: 'items', spec: { name: 'gone', key: { g: new Int32(1) } } },
      ],
      [{ op: 'put', db: 'app', coll: 'items', doc: { ...doc, version: new Int32(1) } }],
      [
        { op: 'put', db: 'app', coll: 'items', doc: { _id: new Int32(7), v: 'int id' } },
        { op: 'put', db: 'app', coll: 'items', doc: { _id: 'seven', v: 'string id' } },
        { op: 'put', db: 'app', coll: 'items', doc: { _id: { a: new Int32(1), b: 'x' }, v: 'document id' } },
      ],
      // upsert by _id: the second put of the same id replaces the first
      [{ op: 'put', db: 'app', coll: 'items', doc: { ...doc, version: new Int32(2) } }],
      // BSON equality: Double 7.0 is the same _id as Int32 7
      [{ op: 'del', db: 'app', coll: 'items', id: new Double(7) }],
      [{ op: 'dropIndex', db: 'app', coll: 'items', name: 'gone' }],
      [
        { op: 'createColl', db: 'app', coll: 'scratch', options: {} },
        { op: 'put', db: 'app', coll: 'scratch', doc: { _id: new Int32(1) } },
        { op: 'dropColl', db: 'app', coll: 'scratch' },
      ],
      [
        { op: 'createColl', db: 'other', coll: 'x', options: { capped: false } },
        { op: 'put', db: 'other', coll: 'x', doc: { _id: new Int32(1) } },
      ],
      [{ op: 'dropDb', db: 'other' }],
      [{ op: 'createColl', db: 'kept', coll: 'empty', options: {} }],
    ];
    for (const b of batches) await s1.append(b);
    expect(s1.stats.batches).toBe(batches.length);
    await s1.close();

    const s2 = new DurableStorage(dir);
    const state = await s2.open();
    expect([...state.keys()].sort()).toEqual(['app', 'kept']);
    expect([...state.get('app')!.collections.keys()]).toEqual(['items']);
    const items = state.get('app')!.collections.get('items')!;
    expect(items.options).toStrictEqual({ validator: { $jsonSchema: { bsonType: 'object' } }, collation: { locale: 'zh' } });
    const indexes = [...items.indexes].sort((a, b) => (a.name < b.name ? -1 : 1));
    expect(indexes).toStrictEqual([
      { name: 'a_1', key: { a: new Int32(1) }, unique: true, expireAfterSeconds: 3600 },
      { name: 'b_-1', key: { 'b.c': new Int32(-1) }, partialFilterExpression: { b: { $gt: new Int32(5) } } },
    ]);
    const docs = docsOf(state, 'app', 'items')!;
    expect(docs.size).toBe(3);
    const back = [...items.docs].find((d) => d._id instanceof ObjectId)!;
    expect(bytes(back)).toBe(bytes({ ...doc, version: new Int32(2) }));
    expect(back.doubleWhole).toBeInstanceOf(Double);
    expect(back.longSmall).toBeInstanceOf(Long);
    expect(back.decimal).toBeInstanceOf(Decimal128);
    expect([...items.docs].map((d) => d.v).filter(Boolean).sort()).toEqual(['document id', 'string id']);
    expect(state.get('kept')!.collections.get('empty')!.options).toStrictEqual({});

    // The same state must come back through a snapshot.
    const before = plain(state);
    s2.requestSnapshot(() => state);
    await s2.whenSnapshotDone();
    expect(s2.stats.snapshots).toBe(1);
    await s2.close();
    const files = await readdir(dir);
    expect(files.filter((f) => f.endsWith('.snap'))).toHaveLength(1);
    const s3 = new DurableStorage(dir);
    const fromSnapshot = await s3.open();
    await s3.close();
    expect(plain(fromSnapshot)).toStrictEqual(before);
    const snapDoc = [...fromSnapshot.get('app')!.collections.get('items')!.docs].find((d) => d._id instanceof ObjectId)!;
    expect(bytes(snapDoc)).toBe(bytes({ ...doc, version: new Int32(2) }));
  });

  it('refuses a data directory of a newer or unknown format', async () => {
    const dir = await freshDir();
    await writeFile(join(dir, 'FORMAT'), JSON.stringify({ format: 'zhaoshang-embedded-mongo', version: 2 }));
    const err = await new DurableStorage(dir).open().catch((e) => e);
    expect(err).toBeInstanceOf(DataDirError);
    expect(err.message).toContain('newer server (format version 2; this server reads up to 1)');
    expect(err.message).toContain(dir);

    await writeFile(join(dir, 'FORMAT'), JSON.stringify({ format: 'wiredTiger', version: 1 }));
    await expect(new DurableStorage(dir).open()).rejects.toThrow(/has format "wiredTiger"/);

    // The failed opens released the lock: a valid directory opens afterwards.
    await writeFile(join(dir, 'FORMAT'), JSON.stringify({ format: 'zhaoshang-embedded-mongo', version: 1 }));
    const s = new DurableStorage(dir);
    await s.open();
    await s.close();
  });

  it('refuses journal files without a FORMAT file rather than guessing', async () => {
    const dir = await freshDir();
    const s = new DurableStorage(dir);
    await s.open();
    await s.append([{ op: 'put', db: 'a', coll: 'b', doc: { _id: new Int32(1) } }]);
    await s.close();
    const { unlink } = await import('node:fs/promises');
    await unlink(join(dir, 'FORMAT'));
    await expect(new DurableStorage(dir).open()).rejects.toThrow(/no FORMAT file/);
  });

  it('rejects appends before open and after close', async () => {
    const dir = await freshDir();
    const s = new DurableStorage(dir);
    await expect(s.append([{ op: 'dropDb', db: 'x' }])).rejects.toMatchObject({ code: 1 });
    await s.open();
    await s.close();
    await expect(s.append([{ op: 'dropDb', db: 'x' }])).rejects.toMatchObject({ code: 1 });
  });
});
