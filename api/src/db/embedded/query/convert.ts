/**
 * Conversion between raw-form values and the plain JS values mingo computes with.
 *
 * Only expression operators we do not implement natively go through mingo, so these
 * conversions sit at that boundary: raw numbers become JS numbers (Long and Decimal128
 * approximately, which is the price of delegating), BSONRegExp becomes RegExp; on the way
 * back integral numbers in Int32 range become Int32 and other numbers Double, as the
 * serializer would type them.
 */
import { BSONRegExp, BSONSymbol, Long } from 'bson';
import { bsonTag, isPlainObject } from './bsontype.js';
import { toJsNumber, wrapJsNumber } from './numeric.js';
import { compileRegex } from './regex.js';

const plainCache = new WeakMap<object, unknown>();

/** Raw -> plain JS. Documents are cached: stored documents are immutable and shared. */
export function toPlain(v: unknown): unknown {
  if (typeof v !== 'object' || v === null) return v;
  if (v instanceof Date) return v;
  const cached = plainCache.get(v);
  if (cached !== undefined) return cached;
  let out: unknown;
  if (Array.isArray(v)) out = v.map(toPlain);
  else if (isPlainObject(v)) {
    const o: Record<string, unknown> = {};
    for (const k of Object.keys(v)) o[k] = toPlain(v[k]);
    out = o;
  } else {
    switch (bsonTag(v)) {
      case 'Int32':
      case 'Double':
      case 'Long':
      case 'Decimal128':
        return toJsNumber(v);
      case 'BSONRegExp': {
        const r = v as BSONRegExp;
        try {
          return compileRegex(r.pattern, r.options);
        } catch {
          return v;
        }
      }
      case 'BSONSymbol':
        return (v as BSONSymbol).value;
      default:
        return v;
    }
  }
  plainCache.set(v, out);
  return out;
}

/** Plain JS -> raw. Values that are already raw (bson classes, Dates) pass through. */
export function fromPlain(v: unknown): unknown {
  switch (typeof v) {
    case 'number':
      return wrapJsNumber(v);
    case 'bigint':
      return Long.fromBigInt(v);
    case 'object':
      break;
    case 'function':
    case 'symbol':
      return undefined;
    default:
      return v;
  }
  if (v === null || v instanceof Date) return v;
  if (Array.isArray(v)) return v.map((e) => {
    const r = fromPlain(e);
    return r === undefined ? null : r;
  });
  if (v instanceof RegExp) return new BSONRegExp(v.source, v.flags.replace(/[gyd]/g, ''));
  if (isPlainObject(v)) {
    const o: Record<string, unknown> = {};
    for (const k of Object.keys(v)) {
      const r = fromPlain(v[k]);
      if (r !== undefined) o[k] = r;
    }
    return o;
  }
  return v;
}
