/**
 * Byte-level sameness of raw values: what MongoDB uses to decide that an update modified
 * nothing (nModified 0). Unlike bsonEquals, Int32 1 and Double 1.0 differ, as do Decimal128
 * 1.0 and 1.00, and document field order matters.
 */
import { bsonTag, isPlainObject } from './bsontype.js';
import { compareBson } from './compare.js';

export function sameRaw(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) {
    return typeof a === 'number' && typeof b === 'number' && Object.is(a, b);
  }
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameRaw(a[i], b[i])) return false;
    return true;
  }
  if (isPlainObject(a)) {
    if (!isPlainObject(b)) return false;
    const ka = Object.keys(a);
    const kb = Object.keys(b);
    if (ka.length !== kb.length) return false;
    for (let i = 0; i < ka.length; i++) {
      if (ka[i] !== kb[i] || !sameRaw(a[ka[i]], b[kb[i]])) return false;
    }
    return true;
  }
  if (a instanceof Date) return b instanceof Date && a.getTime() === b.getTime();
  const tag = bsonTag(a);
  if (tag !== bsonTag(b)) return false;
  switch (tag) {
    case 'Int32':
    case 'Double':
      return Object.is((a as { value: number }).value, (b as { value: number }).value);
    case 'Decimal128':
      return String(a) === String(b);
    default:
      return compareBson(a, b) === 0;
  }
}
