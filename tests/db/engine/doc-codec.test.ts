/**
 * Stored-document codec: partial decoding must give exactly what a full decode gives for
 * the requested fields, for every BSON type, so filters see the same values either way.
 */
import { describe, expect, it } from 'vitest';
import { Binary, BSONRegExp, BSONSymbol, Code, DBRef, Decimal128, Double, EJSON, Int32, Long, MaxKey, MinKey, ObjectId, Timestamp, UUID } from 'bson';
import { cachedFieldDecoder, clearFieldCache, decodeDocument, encodeDocument, fieldDecoder, readId, topLevelProjector } from '../../../api/src/db/embedded/engine/doc-codec.js';
import { compileProjection } from '../../../api/src/db/embedded/query/projection.js';

const doc = {
  _id: new ObjectId(),
  str: '招商 ünïcode 😀',
  i32: new Int32(-7),
  dbl: new Double(5),
  i64: Long.fromString('9007199254740993'),
  dec: Decimal128.fromString('12.50'),
  bool: false,
  nul: null,
  date: new Date('2024-05-01T08:00:00.123Z'),
  bin: new Binary(Buffer.from([1, 2, 3]), 0),
  uuid: new UUID(),
  ts: new Timestamp({ t: 1700000000, i: 3 }),
  re: new BSONRegExp('^a.c$', 'i'),
  sym: new BSONSymbol('sym'),
  code: new Code('function(){}'),
  min: new MinKey(),
  max: new MaxKey(),
  arr: [new Int32(1), 'two', { three: new Double(3) }],
  sub: { a: { b: new Int32(1) } },
  empty: {},
};

describe('doc codec', () => {
  const buf = encodeDocument(doc);
  const full = decodeDocument(buf);

  it('decodes every field alone exactly as the full decode does', () => {
    for (const name of Object.keys(doc)) {
      const part = fieldDecoder([name])(buf);
      expect(Object.keys(part), name).toEqual([name]);
      expect(part[name], name).toEqual(full[name]);
      expect((part[name] as { _bsontype?: string })?._bsontype, name).toBe((full[name] as { _bsontype?: string })?._bsontype);
    }
  });

  it('keeps stored order, ignores missing names, and reads the _id', () => {
    expect(Object.keys(fieldDecoder(['date', 'missing', 'str'])(buf))).toEqual(['str', 'date']);
    expect(readId(buf)).toEqual(doc._id);
  });

  it('decodes nested arrays and documents exactly as the full decode does, types and key order included', () => {
    const scalars = { s: '园区', i: new Int32(3), d: new Double(1.5), l: Long.fromNumber(7), b: true, n: null, t: new Date('2025-01-02T03:04:05Z'), o: new ObjectId() };
    const nested = {
      _id: new ObjectId(),
      ids: [new ObjectId(), new ObjectId()],
      tiers: ['OVER_100M', 'OVER_1B'],
      none: [],
      gates: [{ code: 'SIGN', stage: 'SIGNED', actualDate: '2025-03-01', recordedOn: null }],
      terminated: { reason: '协商解约', by: new ObjectId(), at: new Date(), on: '2025-06-01' },
      deep: [[scalars, [scalars]], { a: [{ b: { c: [new Int32(1), new Double(2), Long.fromNumber(3)] } }] }],
      // Left to bson: what it decodes specially, or types this decoder does not handle.
      ref: { $ref: 'projects', $id: new ObjectId() },
      dbref: new DBRef('projects', new ObjectId()),
      dollar: { $x: 1 },
      withBinary: [{ bin: new Binary(Buffer.from([9]), 0) }],
      withDecimal: { v: Decimal128.fromString('1.10') },
      withRegex: [new BSONRegExp('a', 'i')],
      proto: JSON.parse('{"__proto__": {"polluted": 1}}'),
    };
    const stored = encodeDocument(nested);
    const whole = decodeDocument(stored);
    for (const name of Object.keys(nested)) {
      const part = fieldDecoder([name])(stored);
      expect(EJSON.stringify(part[name] as never, { relaxed: false }), name).toBe(EJSON.stringify(whole[name], { relaxed: false }));
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(fieldDecoder(['dbref'])(stored).dbref).toBeInstanceOf(DBRef);
  });

  it('gives values that stay right after the next document is decoded (no view of a reused buffer)', () => {
    const a = { _id: new ObjectId(), ids: [new ObjectId()], s: 'A文本', sub: { o: new ObjectId() } };
    const b = { _id: new ObjectId(), ids: [new ObjectId()], s: 'B文本', sub: { o: new ObjectId() } };
    const dec = fieldDecoder(['_id', 'ids', 's', 'sub']);
    const first = dec(encodeDocument(a));
    dec(encodeDocument(b));
    expect(EJSON.stringify(first, { relaxed: false })).toBe(EJSON.stringify(a, { relaxed: false }));
  });

  it('refuses documents over 16 MB with 10334', () => {
    expect(() => encodeDocument({ big: 'x'.repeat(16 * 1024 * 1024) })).toThrow(expect.objectContaining({ code: 10334 }));
  });
});

describe('projection on the stored bytes', () => {
  const buf = encodeDocument(doc);
  const canonical = (d: object) => EJSON.stringify(d, { relaxed: false });

  it('gives what the decoding projector gives, byte for byte, for whole top-level fields', () => {
    const specs: Record<string, unknown>[] = [
      { str: 1 },
      { str: 1, arr: true, missing: 1 },
      { _id: 0, sub: 1, date: new Int32(1) },
      { _id: 1 },
      { _id: 0 },
      { str: 0, sub: 0 },
      { _id: 0, bin: false, uuid: new Double(0) },
      { _id: 1, nul: 0 },
      { dec: Long.fromNumber(1), empty: 1, max: 1 },
    ];
    for (const spec of specs) {
      const raw = topLevelProjector(spec);
      expect(raw, JSON.stringify(spec)).not.toBeNull();
      const fromBytes = raw!(buf);
      const decoded = compileProjection(spec)(decodeDocument(buf));
      expect(canonical(decodeDocument(fromBytes)), JSON.stringify(spec)).toBe(canonical(decoded));
      expect(Object.keys(decodeDocument(fromBytes))).toEqual(Object.keys(decoded));
      expect(fromBytes).toBe(encodeDocument(decoded));
    }
  });

  it('leaves every other projection to the decoding projector', () => {
    for (const spec of [{ 'sub.a': 1 }, { arr: { $slice: 1 } }, { 'arr.$': 1 }, { str: 'literal' }, { x: { $add: [1, 2] } }, { str: 1, sub: 0 }, {}]) {
      expect(topLevelProjector(spec), JSON.stringify(spec)).toBeNull();
    }
  });
});

describe('the cache of decoded fields', () => {
  const canonical = (d: object) => EJSON.stringify(d, { relaxed: false });

  it('answers what the decoder answers, as fields are asked for one set after another', () => {
    clearFieldCache();
    const buf = encodeDocument(doc);
    const sets = [['str', 'arr'], ['sub', 'missing', 'str'], ['i64', 'date'], ['missing']];
    for (const fields of sets) {
      const got = cachedFieldDecoder(fields)(buf);
      for (const f of fields) expect(canonical({ v: got[f] ?? null }), f).toBe(canonical({ v: fieldDecoder([f])(buf)[f] ?? null }));
      expect('missing' in got).toBe(false);
    }
    // Every field asked for so far is kept, once, on one shared document.
    expect(Object.keys(cachedFieldDecoder(['str'])(buf)).sort()).toEqual(['arr', 'date', 'i64', 'str', 'sub']);
  });

  it('keys on the bytes: a changed document is decoded afresh', () => {
    const a = encodeDocument({ _id: 1, n: 1 });
    const b = encodeDocument({ _id: 1, n: 2 });
    const read = cachedFieldDecoder(['n']);
    expect(Number(read(a).n)).toBe(1);
    expect(Number(read(b).n)).toBe(2);
    // Equal bytes held in another string decode to the same values, so they may share the entry.
    expect(Number(read(encodeDocument({ _id: 1, n: 1 })).n)).toBe(1);
  });

  it('keeps a field named __proto__ as a field, not as the prototype', () => {
    clearFieldCache();
    const buf = encodeDocument({ _id: 1, ['__proto__']: { polluted: true }, n: 1 } as never);
    const direct = fieldDecoder(['__proto__', 'n'])(buf);
    expect(Object.getPrototypeOf(direct)).toBe(Object.prototype);
    expect(Object.keys(direct).sort()).toEqual(['__proto__', 'n']);
    cachedFieldDecoder(['n'])(buf);
    const merged = cachedFieldDecoder(['__proto__'])(buf);
    expect(Object.getPrototypeOf(merged)).toBe(Object.prototype);
    expect((merged as Record<string, { polluted: boolean }>)['__proto__'].polluted).toBe(true);
  });

  it('decodes a large document without keeping it', () => {
    const big = encodeDocument({ _id: 1, n: 7, blob: 'x'.repeat(20_000) });
    const read = cachedFieldDecoder(['n']);
    expect(Number(read(big).n)).toBe(7);
    expect(read(big)).not.toBe(read(big));
  });

  it('stays right past both generations (documents dropped and decoded again)', () => {
    clearFieldCache();
    const read = cachedFieldDecoder(['n']);
    const docs = Array.from({ length: 210_000 }, (_, i) => encodeDocument({ _id: i, n: i * 3 }));
    for (let round = 0; round < 2; round++) for (let i = 0; i < docs.length; i += 7) expect(Number(read(docs[i]).n)).toBe(i * 3);
  });
});
