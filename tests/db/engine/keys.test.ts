/**
 * Index key generation and ordering, unit-level: the rules that decide which documents an
 * index lookup can find.
 */
import { describe, expect, it } from 'vitest';
import { Int32, ObjectId } from 'bson';
import { compareBson } from '../../../api/src/db/embedded/query/index.js';
import { Bound, compareKeyValue } from '../../../api/src/db/embedded/engine/key-order.js';
import { extractKeys } from '../../../api/src/db/embedded/engine/index-keys.js';
import { Bracket } from '../../../api/src/db/embedded/engine/query-api.js';

const paths = (...p: string[]) => p.map((x) => x.split('.'));

describe('key order', () => {
  it('orders ObjectIds exactly as compareBson does', () => {
    const ids = Array.from({ length: 200 }, (_, i) => (i % 3 ? new ObjectId() : ObjectId.createFromTime(1_600_000_000 + (i * 7919) % 1000)));
    for (let i = 1; i < ids.length; i++) {
      expect(compareKeyValue(ids[i - 1], ids[i])).toBe(compareBson(ids[i - 1], ids[i]));
      expect(compareKeyValue(ids[i], ids[i])).toBe(0);
    }
  });

  it('bracket bounds sit just outside one type', () => {
    const belowNumbers = new Bound(-1, Bracket.number);
    const aboveNumbers = new Bound(1, Bracket.number);
    expect(compareKeyValue(belowNumbers, -Infinity)).toBe(-1);
    expect(compareKeyValue(belowNumbers, null)).toBe(1);
    expect(compareKeyValue(aboveNumbers, 1e300)).toBe(1);
    expect(compareKeyValue(aboveNumbers, '')).toBe(-1);
    expect(compareKeyValue('a', aboveNumbers)).toBe(1);
  });
});

describe('extractKeys', () => {
  it('keys a missing field as null and reports it absent', () => {
    expect(extractKeys({ a: 1 }, paths('b'))).toEqual({ tuples: [[null]], multikey: false, present: false });
  });

  it('expands arrays at the end of and along the path', () => {
    expect(extractKeys({ t: ['x', 'y'] }, paths('t'))).toMatchObject({ tuples: [['x'], ['y']], multikey: true });
    expect(extractKeys({ a: [{ b: 1 }, { b: [2, 3] }, { c: 4 }] }, paths('a.b'))).toMatchObject({ tuples: [[1], [2], [3]], multikey: true });
    expect(extractKeys({ a: [] }, paths('a')).tuples).toEqual([[undefined]]);
  });

  it('takes an array position from a numeric path part', () => {
    expect(extractKeys({ a: [new Int32(5), new Int32(6)] }, paths('a.1')).tuples.map((t) => Number(t[0]))).toEqual([6]);
  });

  it('builds the cross product for a compound key and refuses parallel arrays', () => {
    expect(extractKeys({ a: 1, b: ['x', 'y'] }, paths('a', 'b')).tuples).toEqual([
      [1, 'x'],
      [1, 'y'],
    ]);
    expect(() => extractKeys({ a: [1, 2], b: ['x'] }, paths('a', 'b'))).toThrow(expect.objectContaining({ code: 171 }));
  });
});
