/**
 * Stored-document codec: partial decoding must give exactly what a full decode gives for
 * the requested fields, for every BSON type, so filters see the same values either way.
 */
import { describe, expect, it } from 'vitest';
import { Binary, BSONRegExp, BSONSymbol, Code, Decimal128, Double, Int32, Long, MaxKey, MinKey, ObjectId, Timestamp, UUID } from 'bson';
import { decodeDocument, encodeDocument, fieldDecoder, readId } from '../../../api/src/db/embedded/engine/doc-codec.js';

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

  it('refuses documents over 16 MB with 10334', () => {
    expect(() => encodeDocument({ big: 'x'.repeat(16 * 1024 * 1024) })).toThrow(expect.objectContaining({ code: 10334 }));
  });
});
