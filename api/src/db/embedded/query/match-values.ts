/**
 * Predicates on single candidate values, one per query operator. They know nothing about
 * paths or arrays along a path (match.ts walks those); each tests one value the way
 * MongoDB's matchesSingleElement does: comparisons only within one type bracket, NaN only
 * equal to NaN, MinKey/MaxKey bounding every type, regexes matching strings and symbols.
 */
import type { ObjectId } from 'bson';
import { ErrorCodes, MongoError } from '../errors.js';
import { BsonType, bsonTag, isNumeric, isPlainObject } from './bsontype.js';
import { Bracket, bracketOf, compareBson, compareObjectIds, hashKey, smallNumber } from './compare.js';
import { compareNumeric, isNaNValue, numKind, NK, toJsNumber, truncToBigInt } from './numeric.js';
import { compileRegex, isRegexValue, regexSource } from './regex.js';

export type ValuePred = (v: unknown) => boolean;

function badValue(msg: string): MongoError {
  return new MongoError(ErrorCodes.BadValue, msg);
}

export function isDbRefLike(obj: Record<string, unknown>): boolean {
  const k = Object.keys(obj)[0];
  return k === '$ref' || k === '$id' || k === '$db';
}

/** Equality to a constant, specialised by the constant's type. */
export function equalsPred(target: unknown): ValuePred {
  if (target === null || target === undefined) return (v) => v === null || v === undefined;
  if (typeof target === 'string') {
    return (v) => v === target || (bsonTag(v) === 'BSONSymbol' && (v as { value: string }).value === target);
  }
  if (typeof target === 'boolean') return (v) => v === target;
  if (isNumeric(target)) {
    if (isNaNValue(target)) return (v) => isNaNValue(v);
    const n = smallNumber(target);
    if (n !== undefined) {
      return (v) => {
        if (typeof v === 'object' && v !== null) {
          const tag = (v as { _bsontype?: string })._bsontype;
          if (tag === 'Int32' || tag === 'Double') return (v as { value: number }).value === n;
          return (tag === 'Long' || tag === 'Decimal128') && compareNumeric(v, n) === 0;
        }
        return typeof v === 'number' ? v === n : typeof v === 'bigint' && compareNumeric(v, n) === 0;
      };
    }
    return (v) => isNumeric(v) && compareNumeric(v, target) === 0;
  }
  if (target instanceof Date) {
    const t = target.getTime();
    return (v) => v instanceof Date && v.getTime() === t;
  }
  if (bsonTag(target) === 'ObjectId') {
    const t = target as ObjectId;
    return (v) => typeof v === 'object' && v !== null && (v as { _bsontype?: string })._bsontype === 'ObjectId' && compareObjectIds(v as ObjectId, t) === 0;
  }
  const bracket = bracketOf(target);
  return (v) => bracketOf(v) === bracket && compareBson(v, target) === 0;
}

const CMP = { $lt: 0, $lte: 1, $gt: 2, $gte: 3 } as const;
export type CmpOp = keyof typeof CMP;

export function comparePred(op: CmpOp, target: unknown): ValuePred {
  const bracket = bracketOf(target);
  const kind = CMP[op];
  const orEqual = kind === 1 || kind === 3;
  if (bracket === Bracket.minKey || bracket === Bracket.maxKey) {
    // MinKey/MaxKey bound every type: only the direction matters.
    const upper = bracket === Bracket.maxKey;
    return (v) => {
      const b = bracketOf(v);
      if (b === bracket) return orEqual;
      return kind < 2 ? upper : !upper;
    };
  }
  if (bracket === Bracket.number && isNaNValue(target)) {
    return orEqual ? (v) => isNaNValue(v) : () => false;
  }
  const test = (c: number): boolean => (kind === 0 ? c < 0 : kind === 1 ? c <= 0 : kind === 2 ? c > 0 : c >= 0);
  if (bracket === Bracket.number) {
    const n = smallNumber(target);
    return (v) => {
      if (n !== undefined) {
        const x = smallNumber(v);
        if (x !== undefined) {
          if (x !== x) return false; // NaN only equals NaN
          return test(x < n ? -1 : x > n ? 1 : 0);
        }
      }
      if (bracketOf(v) !== Bracket.number || isNaNValue(v)) return false;
      return test(compareNumeric(v, target));
    };
  }
  if (bracket === Bracket.string && typeof target === 'string') {
    return (v) => (typeof v === 'string' || bracketOf(v) === Bracket.string) && test(compareBson(v, target));
  }
  return (v) => bracketOf(v) === bracket && test(compareBson(v, target));
}

export function regexPred(pattern: string, options: string): ValuePred {
  const re = compileRegex(pattern, options);
  return (v) => {
    if (typeof v === 'string') return re.test(v);
    const tag = bsonTag(v);
    if (tag === 'BSONSymbol') return re.test((v as { value: string }).value);
    if (tag === 'BSONRegExp' || v instanceof RegExp) {
      const s = regexSource(v);
      return s.pattern === pattern && s.options === options;
    }
    return false;
  };
}

export function regexValuePred(rx: unknown): ValuePred {
  const { pattern, options } = regexSource(rx);
  return regexPred(pattern, options);
}

export function inPred(values: unknown): ValuePred {
  if (!Array.isArray(values)) throw badValue('$in needs an array');
  const regexes: ValuePred[] = [];
  const plain: unknown[] = [];
  for (const v of values) {
    if (isRegexValue(v)) regexes.push(regexValuePred(v));
    else if (isPlainObject(v) && Object.keys(v)[0]?.startsWith('$') && !isDbRefLike(v)) throw badValue('cannot nest $ under $in');
    else plain.push(v);
  }
  let eq: ValuePred;
  if (plain.length <= 6) {
    const preds = plain.map(equalsPred);
    eq = (v) => {
      for (const p of preds) if (p(v)) return true;
      return false;
    };
  } else {
    const keys = new Set(plain.map(hashKey));
    eq = (v) => keys.has(hashKey(v));
  }
  if (regexes.length === 0) return eq;
  return (v) => {
    if (eq(v)) return true;
    for (const r of regexes) if (r(v)) return true;
    return false;
  };
}

const typeNamesByCode: Record<number, true> = Object.fromEntries(Object.values(BsonType).map((n) => [n, true]));
const TYPE_ALIASES: Record<string, number[]> = {
  ...Object.fromEntries(Object.entries(BsonType).map(([k, n]) => [k, [n]])),
  number: [BsonType.double, BsonType.int, BsonType.long, BsonType.decimal],
};

/** Resolve a $type argument (names, numbers or an array of them) into type numbers. */
export function typeSet(arg: unknown, opName = '$type'): Set<number> {
  const list = Array.isArray(arg) ? arg : [arg];
  const out = new Set<number>();
  for (const t of list) {
    if (typeof t === 'string') {
      const codes = TYPE_ALIASES[t];
      if (!codes) throw badValue(`Unknown type name alias: ${t}`);
      for (const c of codes) out.add(c);
    } else if (isNumeric(t)) {
      const n = toJsNumber(t);
      if (!Number.isInteger(n) || !(n in typeNamesByCode)) throw badValue(`Invalid numerical type code: ${n}`);
      out.add(n);
    } else throw badValue(`${opName} argument must be a string or number`);
  }
  return out;
}

export function modPred(arg: unknown): ValuePred {
  if (!Array.isArray(arg)) throw badValue('malformed mod, needs to be an array');
  if (arg.length < 2) throw badValue('malformed mod, not enough elements');
  if (arg.length > 2) throw badValue('malformed mod, too many elements');
  if (!isNumeric(arg[0])) throw badValue('malformed mod, divisor not a number');
  if (!isNumeric(arg[1])) throw badValue('malformed mod, remainder not a number');
  const d = truncToBigInt(arg[0]);
  const r = truncToBigInt(arg[1]);
  if (d === null) throw badValue('malformed mod, divisor value is invalid :: caused by :: Unable to coerce NaN/Inf to integral type');
  if (r === null) throw badValue('malformed mod, remainder value is invalid :: caused by :: Unable to coerce NaN/Inf to integral type');
  if (d === 0n) throw badValue('divisor cannot be 0');
  const small = d >= -(2n ** 31n) && d < 2n ** 31n && r >= -(2n ** 31n) && r < 2n ** 31n;
  const dn = Number(d);
  const rn = Number(r);
  return (v) => {
    if (!isNumeric(v)) return false;
    if (small && numKind(v) !== NK.long && numKind(v) !== NK.decimal) {
      const x = toJsNumber(v);
      if (!Number.isFinite(x)) return false;
      return Math.trunc(x) % dn === rn;
    }
    const x = truncToBigInt(v);
    return x !== null && x % d === r;
  };
}

export function sizePred(arg: unknown): ValuePred {
  if (!isNumeric(arg)) throw badValue(`Failed to parse $size. Expected a number in: $size: ${String(arg)}`);
  const n = toJsNumber(arg);
  if (!Number.isInteger(n)) throw badValue(`Failed to parse $size. Expected an integer in: $size: ${n}`);
  if (n < 0) throw badValue(`Failed to parse $size. Expected a non-negative number in: $size: ${n}`);
  return (v) => Array.isArray(v) && v.length === n;
}

export function bitsPred(op: string, arg: unknown): ValuePred {
  let mask = 0n;
  if (Array.isArray(arg)) {
    for (const p of arg) {
      const n = toJsNumber(p);
      if (!isNumeric(p) || !Number.isInteger(n) || n < 0 || n > 63) throw badValue(`bit positions must be integers in [0, 63]: ${String(p)}`);
      mask |= 1n << BigInt(n);
    }
  } else if (isNumeric(arg)) {
    const b = truncToBigInt(arg);
    if (b === null || b < 0n) throw badValue(`${op} bitmask must be a non-negative number`);
    mask = BigInt.asUintN(64, b);
  } else if (bsonTag(arg) === 'Binary') {
    const bytes = (arg as { buffer: Uint8Array; position: number }).buffer.subarray(0, (arg as { position: number }).position);
    for (let i = 0; i < bytes.length && i < 8; i++) mask |= BigInt(bytes[i]) << BigInt(8 * i);
  } else throw badValue(`${op} takes an Array, a number, or a BinData but received: ${String(arg)}`);
  return (v) => {
    if (!isNumeric(v)) return false;
    const x = toJsNumber(v);
    if (!Number.isInteger(x) && numKind(v) !== NK.long) return false;
    const bits = BigInt.asUintN(64, truncToBigInt(v) ?? 0n);
    const set = bits & mask;
    switch (op) {
      case '$bitsAllSet':
        return set === mask;
      case '$bitsAllClear':
        return set === 0n;
      case '$bitsAnySet':
        return set !== 0n;
      default:
        return set !== mask;
    }
  };
}
