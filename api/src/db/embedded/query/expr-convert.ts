/**
 * Type conversion expressions ($convert, $toInt, $toLong, ...), native so that the result
 * has exactly the requested BSON type. Failures are ConversionFailure (241) so $convert's
 * onError can catch them.
 */
import { Decimal128, Double, Int32, Long, ObjectId } from 'bson';
import { ErrorCodes, MongoError } from '../errors.js';
import { bsonTag, isNumeric, isPlainObject } from './bsontype.js';
import { aggTypeName, argList, fail, isNullish, objectArgs, truthy, type OpCompiler } from './expr-util.js';
import { isNaNValue, numKind, NK, toDecimal128, toJsNumber, truncToBigInt } from './numeric.js';

const CONVERSION_FAILURE = 241;

function conversionError(v: unknown, to: string): MongoError {
  return fail(CONVERSION_FAILURE, `Unsupported conversion from ${aggTypeName(v)} to ${to} in $convert with no onError value`);
}

function parseNumberString(s: string, to: string): number {
  if (!/^\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\s*$/.test(s) && !/^[+-]?(Infinity|inf|NaN)$/i.test(s)) {
    throw fail(CONVERSION_FAILURE, `Failed to parse number '${s}' in $convert with no onError value`);
  }
  const n = Number(s.replace(/inf$/i, 'Infinity').replace(/^([+-]?)nan$/i, 'NaN'));
  if (to !== 'double' && !Number.isInteger(n)) throw fail(CONVERSION_FAILURE, `Failed to parse number '${s}' in $convert with no onError value: Bad digit`);
  return n;
}

const CONVERTERS: Record<string, (v: unknown) => unknown> = {
  double(v) {
    if (isNumeric(v)) return new Double(toJsNumber(v));
    if (typeof v === 'boolean') return new Double(v ? 1 : 0);
    if (v instanceof Date) return new Double(v.getTime());
    if (typeof v === 'string') return new Double(parseNumberString(v, 'double'));
    throw conversionError(v, 'double');
  },
  int(v) {
    let n: number;
    if (isNumeric(v)) {
      if (isNaNValue(v) || !Number.isFinite(toJsNumber(v))) throw fail(CONVERSION_FAILURE, 'Attempt to convert NaN or infinity value to integer');
      n = Math.trunc(toJsNumber(v));
    } else if (typeof v === 'boolean') n = v ? 1 : 0;
    else if (typeof v === 'string') n = parseNumberString(v, 'int');
    else throw conversionError(v, 'int');
    if (n < -2147483648 || n > 2147483647) throw fail(CONVERSION_FAILURE, `Conversion would overflow target type in $convert with no onError value: ${n}`);
    return new Int32(n);
  },
  long(v) {
    if (isNumeric(v)) {
      const b = truncToBigInt(v);
      if (b === null) throw fail(CONVERSION_FAILURE, 'Attempt to convert NaN or infinity value to integer');
      if (b < -(2n ** 63n) || b >= 2n ** 63n) throw fail(CONVERSION_FAILURE, 'Conversion would overflow target type in $convert with no onError value');
      return Long.fromBigInt(b);
    }
    if (typeof v === 'boolean') return Long.fromNumber(v ? 1 : 0);
    if (v instanceof Date) return Long.fromNumber(v.getTime());
    if (typeof v === 'string') {
      if (!/^\s*[+-]?\d+\s*$/.test(v)) throw fail(CONVERSION_FAILURE, `Failed to parse number '${v}' in $convert with no onError value`);
      return Long.fromBigInt(BigInt(v.trim()));
    }
    throw conversionError(v, 'long');
  },
  decimal(v) {
    if (isNumeric(v)) return numKind(v) === NK.decimal ? v : toDecimal128(v);
    if (typeof v === 'boolean') return Decimal128.fromString(v ? '1' : '0');
    if (v instanceof Date) return Decimal128.fromString(String(v.getTime()));
    if (typeof v === 'string') {
      try {
        return Decimal128.fromString(v.trim());
      } catch {
        throw fail(CONVERSION_FAILURE, `Failed to parse number '${v}' in $convert with no onError value`);
      }
    }
    throw conversionError(v, 'decimal');
  },
  bool(v) {
    return truthy(v);
  },
  string(v) {
    if (typeof v === 'string') return v;
    if (typeof v === 'boolean') return String(v);
    if (v instanceof Date) return v.toISOString();
    const tag = bsonTag(v);
    if (tag === 'ObjectId') return (v as ObjectId).toHexString();
    if (tag === 'Decimal128') return (v as Decimal128).toString();
    if (tag === 'Long') return (v as Long).toString();
    if (isNumeric(v)) return String(toJsNumber(v));
    if (tag === 'BSONSymbol') return String((v as { value: string }).value);
    throw conversionError(v, 'string');
  },
  objectId(v) {
    if (bsonTag(v) === 'ObjectId') return v;
    if (typeof v === 'string' && /^[0-9a-fA-F]{24}$/.test(v)) return new ObjectId(v);
    if (typeof v === 'string') throw fail(CONVERSION_FAILURE, `Failed to parse objectId '${v}' in $convert with no onError value: Invalid string length for parsing to OID, expected 24 but found ${v.length}`);
    throw conversionError(v, 'objectId');
  },
  date(v) {
    if (v instanceof Date) return v;
    if (isNumeric(v)) return new Date(toJsNumber(v));
    if (bsonTag(v) === 'ObjectId') return (v as ObjectId).getTimestamp();
    if (bsonTag(v) === 'Timestamp') return new Date((v as { t: number }).t * 1000);
    if (typeof v === 'string') {
      const d = new Date(v);
      if (Number.isNaN(d.getTime())) throw fail(CONVERSION_FAILURE, `Error parsing date string '${v}'`);
      return d;
    }
    throw conversionError(v, 'date');
  },
};

const TYPE_BY_NUMBER: Record<number, string> = { 1: 'double', 2: 'string', 7: 'objectId', 8: 'bool', 9: 'date', 16: 'int', 18: 'long', 19: 'decimal' };

export function converter(op: string, to: string): OpCompiler {
  return (arg, c) => {
    const [f] = argList(op, arg, c, 1);
    const conv = CONVERTERS[to];
    return (cur, env) => {
      const v = f(cur, env);
      return isNullish(v) ? null : conv(v);
    };
  };
}

export const $convert: OpCompiler = (arg, c) => {
  const a = objectArgs('$convert', arg, ['input', 'to'], ['onError', 'onNull', 'format', 'base'], c);
  return (cur, env) => {
    const input = a.input!(cur, env);
    if (isNullish(input)) return a.onNull ? a.onNull(cur, env) : null;
    let to = a.to!(cur, env);
    if (isPlainObject(to)) to = to.type;
    const name = typeof to === 'string' ? to : isNumeric(to) ? TYPE_BY_NUMBER[toJsNumber(to)] : undefined;
    const conv = name ? CONVERTERS[name] : undefined;
    if (!conv) throw fail(ErrorCodes.BadValue, `Unknown type name: ${String(to)}`);
    try {
      return conv(input);
    } catch (e) {
      if (a.onError && e instanceof MongoError && e.code === CONVERSION_FAILURE) return a.onError(cur, env);
      throw e;
    }
  };
};
