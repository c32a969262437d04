/**
 * Numbers across the four BSON numeric types: exact comparison and MongoDB's arithmetic.
 *
 * Hand-written rather than taken from a decimal library because MongoDB's rules are specific:
 * Int32 overflows into Long, Long overflow is an error in updates, a Double meeting a
 * Decimal128 is first rounded to 15 significant digits, and Decimal128 results keep their
 * IEEE 754-2008 cohort (1.0 + 1 is 2.0, not 2), which general-purpose decimal libraries
 * normalise away. Comparison is exact: a double is expanded to its exact binary value, so
 * Long 2^53+1 > Double 2^53 and Decimal128 0.1 != Double 0.1, as on a real server.
 */
import { Decimal128, Double, Int32, Long } from 'bson';
import { bsonTag, isInt32Range } from './bsontype.js';

/** Numeric kinds, ordered by MongoDB's widening rule (Int < Long < Double < Decimal). */
export const NK = { none: 0, int: 1, long: 2, double: 3, decimal: 4 } as const;

export function numKind(v: unknown): number {
  switch (typeof v) {
    case 'number':
      return isInt32Range(v) ? NK.int : NK.double;
    case 'bigint':
      return NK.long;
    case 'object': {
      switch (bsonTag(v)) {
        case 'Int32':
          return NK.int;
        case 'Double':
          return NK.double;
        case 'Long':
          return NK.long;
        case 'Decimal128':
          return NK.decimal;
      }
      return NK.none;
    }
    default:
      return NK.none;
  }
}

/** A finite decimal value: (-1)^neg * coeff * 10^exp. */
export interface Dec {
  neg: boolean;
  coeff: bigint;
  exp: number;
}
/** Any numeric value in exact form. */
type Exact = Dec | { nan: true } | { inf: 1 | -1 };

const decCache = new WeakMap<object, Dec | { nan: true } | { inf: 1 | -1 }>();

/** Parse a Decimal128 (cached: stored documents are immutable and shared). */
export function decOf(d: Decimal128): Exact {
  let r = decCache.get(d);
  if (!r) {
    r = parseDecString(d.toString());
    decCache.set(d, r);
  }
  return r;
}

function parseDecString(s: string): Exact {
  if (s === 'NaN' || s === '-NaN') return { nan: true };
  if (s === 'Infinity') return { inf: 1 };
  if (s === '-Infinity') return { inf: -1 };
  const m = /^(-?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(s);
  if (!m) return { nan: true };
  const frac = m[3] ?? '';
  return { neg: m[1] === '-', coeff: BigInt((m[2] || '0') + frac), exp: Number(m[4] ?? 0) - frac.length };
}

const f64 = new DataView(new ArrayBuffer(8));

/** The exact value of a double, as a decimal (every binary fraction has a finite decimal expansion). */
function doubleExact(x: number): Exact {
  if (Number.isNaN(x)) return { nan: true };
  if (!Number.isFinite(x)) return { inf: x > 0 ? 1 : -1 };
  if (Number.isInteger(x)) return { neg: x < 0 || Object.is(x, -0), coeff: BigInt(Math.abs(x)), exp: 0 };
  f64.setFloat64(0, x);
  const hi = f64.getUint32(0);
  const lo = f64.getUint32(4);
  const bexp = (hi >>> 20) & 0x7ff;
  let mant = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  let e2: number;
  if (bexp === 0) e2 = -1074;
  else {
    mant |= 1n << 52n;
    e2 = bexp - 1075;
  }
  while ((mant & 1n) === 0n && e2 < 0) {
    mant >>= 1n;
    e2++;
  }
  // mant * 2^e2 with e2 < 0 equals mant * 5^-e2 * 10^e2.
  return { neg: x < 0, coeff: mant * 5n ** BigInt(-e2), exp: e2 };
}

function longBig(v: unknown): bigint {
  if (typeof v === 'bigint') return v;
  return (v as Long).toBigInt();
}

/** True when a Long fits a double exactly (|v| < 2^53). */
function longIsSafe(l: Long): boolean {
  return l.high >= -0x200000 && l.high < 0x200000;
}

/** The value as a JS number when that is exact, else undefined (slow path needed). */
function fastNumber(v: unknown): number | undefined {
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint') return v >= -(2n ** 53n) && v <= 2n ** 53n ? Number(v) : undefined;
  const tag = (v as { _bsontype?: string })._bsontype;
  if (tag === 'Int32' || tag === 'Double') return (v as Int32).value;
  if (tag === 'Long') return longIsSafe(v as Long) ? (v as Long).toNumber() : undefined;
  return undefined;
}

function exactOf(v: unknown): Exact {
  if (typeof v === 'number') return doubleExact(v);
  if (typeof v === 'bigint') return { neg: v < 0n, coeff: v < 0n ? -v : v, exp: 0 };
  switch ((v as { _bsontype?: string })._bsontype) {
    case 'Int32':
    case 'Double':
      return doubleExact((v as Int32).value);
    case 'Long': {
      const b = (v as Long).toBigInt();
      return { neg: b < 0n, coeff: b < 0n ? -b : b, exp: 0 };
    }
    case 'Decimal128':
      return decOf(v as Decimal128);
  }
  return { nan: true };
}

function digitCount(b: bigint): number {
  return b === 0n ? 0 : b.toString().length;
}

function cmpMagnitude(a: Dec, b: Dec): number {
  const oa = digitCount(a.coeff) + a.exp;
  const ob = digitCount(b.coeff) + b.exp;
  if (oa !== ob) return oa < ob ? -1 : 1;
  let x = a.coeff;
  let y = b.coeff;
  if (a.exp > b.exp) x *= 10n ** BigInt(a.exp - b.exp);
  else if (b.exp > a.exp) y *= 10n ** BigInt(b.exp - a.exp);
  return x < y ? -1 : x > y ? 1 : 0;
}

function cmpDec(a: Dec, b: Dec): number {
  const sa = a.coeff === 0n ? 0 : a.neg ? -1 : 1;
  const sb = b.coeff === 0n ? 0 : b.neg ? -1 : 1;
  if (sa !== sb) return sa < sb ? -1 : 1;
  if (sa === 0) return 0;
  const m = cmpMagnitude(a, b);
  return sa > 0 ? m : -m;
}

function cmpExact(a: Exact, b: Exact): number {
  const an = 'nan' in a;
  const bn = 'nan' in b;
  if (an || bn) return an && bn ? 0 : an ? -1 : 1; // NaN sorts below every other number
  const ai = 'inf' in a ? a.inf : 0;
  const bi = 'inf' in b ? b.inf : 0;
  if (ai || bi) return ai === bi ? 0 : ai < bi ? -1 : 1;
  return cmpDec(a as Dec, b as Dec);
}

/** Compare two numeric values of any numeric type; -1, 0 or 1. */
export function compareNumeric(a: unknown, b: unknown): number {
  const x = fastNumber(a);
  if (x !== undefined) {
    const y = fastNumber(b);
    if (y !== undefined) {
      if (x < y) return -1;
      if (x > y) return 1;
      if (x === y) return 0;
      const xn = Number.isNaN(x);
      const yn = Number.isNaN(y);
      return xn && yn ? 0 : xn ? -1 : 1;
    }
  }
  return cmpExact(exactOf(a), exactOf(b));
}

/**
 * A string that is equal for numerically equal values of any type (used as a hash key for
 * $group, $addToSet and $in sets). Values exactly representable as a double use the double's
 * text; others use a normalised decimal that no double can produce.
 */
export function numericKey(v: unknown): string {
  const x = fastNumber(v);
  if (x !== undefined) return x === 0 ? '0' : String(x);
  const e = exactOf(v);
  if ('nan' in e) return 'NaN';
  if ('inf' in e) return e.inf > 0 ? 'Infinity' : '-Infinity';
  if (e.coeff === 0n) return '0';
  const asDouble = Number(`${e.neg ? '-' : ''}${e.coeff}e${e.exp}`);
  if (Number.isFinite(asDouble) && cmpExact(e, doubleExact(asDouble)) === 0) return String(asDouble);
  let c = e.coeff;
  let exp = e.exp;
  while (c % 10n === 0n) {
    c /= 10n;
    exp++;
  }
  return `x${e.neg ? '-' : ''}${c}e${exp}`;
}

/** Lossy conversion to a JS number (for mingo, $mod, sizes, ...). */
export function toJsNumber(v: unknown): number {
  const x = fastNumber(v);
  if (x !== undefined) return x;
  if (typeof v === 'bigint') return Number(v);
  const tag = bsonTag(v);
  if (tag === 'Long') return Number((v as Long).toBigInt());
  if (tag === 'Decimal128') return Number((v as Decimal128).toString());
  return NaN;
}

/** Wrap a JS number the way the serializer would type it: Int32 when integral and in range. */
export function wrapJsNumber(n: number): Int32 | Double {
  return isInt32Range(n) ? new Int32(n) : new Double(n);
}

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

function longOrNull(b: bigint): Long | null {
  return b < INT64_MIN || b > INT64_MAX ? null : Long.fromBigInt(b);
}

function intResult(n: number): Int32 | Long {
  return isInt32Range(n) ? new Int32(n) : Long.fromNumber(n);
}

// ---- Decimal128 arithmetic ----

const DEC_DIGITS = 34;
const DEC_EMAX = 6111;
const DEC_EMIN = -6176;

/** Conversion used by MongoDB when a non-decimal meets a decimal (doubles keep 15 digits). */
function toArithDec(v: unknown): Exact {
  const k = numKind(v);
  if (k === NK.decimal) return decOf(v as Decimal128);
  if (k === NK.int || k === NK.long) return exactOf(v);
  const x = toJsNumber(v);
  if (!Number.isFinite(x)) return doubleExact(x);
  if (x === 0) return { neg: Object.is(x, -0), coeff: 0n, exp: 0 };
  const p = parseDecString(x.toPrecision(15));
  return p;
}

function pow10(n: number): bigint {
  return 10n ** BigInt(n);
}

/** Divide |c| by 10^shift rounding half to even; `sticky` marks discarded non-zero digits beyond. */
function roundShift(c: bigint, shift: number, sticky = false): bigint {
  if (shift <= 0) return c;
  const d = pow10(shift);
  const q = c / d;
  const r = c % d;
  const half = d / 2n;
  if (r > half || (r === half && (sticky || q % 2n === 1n))) return q + 1n;
  return q;
}

/** Round to 34 digits and into the exponent range; returns an exact value ready for encoding. */
function normalizeDec(d: Dec, sticky = false): Exact {
  let { coeff, exp } = d;
  const n = digitCount(coeff);
  if (n > DEC_DIGITS) {
    const shift = n - DEC_DIGITS;
    coeff = roundShift(coeff, shift, sticky);
    exp += shift;
    if (digitCount(coeff) > DEC_DIGITS) {
      coeff /= 10n;
      exp += 1;
    }
  }
  if (exp < DEC_EMIN) {
    coeff = roundShift(coeff, DEC_EMIN - exp, sticky);
    exp = DEC_EMIN;
  }
  if (exp > DEC_EMAX) {
    if (coeff === 0n) exp = DEC_EMAX;
    else {
      const room = DEC_DIGITS - digitCount(coeff);
      if (exp - DEC_EMAX > room) return { inf: d.neg ? -1 : 1 };
      coeff *= pow10(exp - DEC_EMAX);
      exp = DEC_EMAX;
    }
  }
  return { neg: d.neg, coeff, exp };
}

function encodeDec(e: Exact): Decimal128 {
  if ('nan' in e) return Decimal128.fromString('NaN');
  if ('inf' in e) return Decimal128.fromString(e.inf > 0 ? 'Infinity' : '-Infinity');
  const exp = e.exp >= 0 ? `+${e.exp}` : String(e.exp);
  return Decimal128.fromString(`${e.neg ? '-' : ''}${e.coeff}E${exp}`);
}

function decAdd(a: Exact, b: Exact): Exact {
  if ('nan' in a || 'nan' in b) return { nan: true };
  if ('inf' in a || 'inf' in b) {
    const ai = 'inf' in a ? a.inf : 0;
    const bi = 'inf' in b ? b.inf : 0;
    if (ai && bi && ai !== bi) return { nan: true };
    return { inf: (ai || bi) as 1 | -1 };
  }
  const exp = Math.min(a.exp, b.exp);
  const x = (a.neg ? -a.coeff : a.coeff) * pow10(a.exp - exp);
  const y = (b.neg ? -b.coeff : b.coeff) * pow10(b.exp - exp);
  const s = x + y;
  // An exact zero sum is +0 unless both operands are negative (IEEE 754 round-half-even rule).
  const neg = s < 0n || (s === 0n && a.neg && b.neg);
  return normalizeDec({ neg, coeff: s < 0n ? -s : s, exp });
}

function decMul(a: Exact, b: Exact): Exact {
  if ('nan' in a || 'nan' in b) return { nan: true };
  const sign = (('inf' in a ? a.inf < 0 : a.neg) !== ('inf' in b ? b.inf < 0 : b.neg)) ? -1 : 1;
  if ('inf' in a || 'inf' in b) {
    const other = 'inf' in a ? b : a;
    if (!('inf' in other) && (other as Dec).coeff === 0n) return { nan: true };
    return { inf: sign as 1 | -1 };
  }
  return normalizeDec({ neg: sign < 0, coeff: a.coeff * b.coeff, exp: a.exp + b.exp });
}

function decDiv(a: Exact, b: Exact): Exact {
  if ('nan' in a || 'nan' in b) return { nan: true };
  const sign = (('inf' in a ? a.inf < 0 : a.neg) !== ('inf' in b ? b.inf < 0 : b.neg)) ? -1 : 1;
  if ('inf' in a) return 'inf' in b ? { nan: true } : { inf: sign as 1 | -1 };
  if ('inf' in b) return { neg: sign < 0, coeff: 0n, exp: 0 };
  if (b.coeff === 0n) return a.coeff === 0n ? { nan: true } : { inf: sign as 1 | -1 };
  const ideal = a.exp - b.exp;
  if (a.coeff === 0n) return normalizeDec({ neg: sign < 0, coeff: 0n, exp: ideal });
  // Scale the dividend so the quotient carries more than 34 digits, then round once.
  const p = Math.max(0, DEC_DIGITS + 3 - (digitCount(a.coeff) - digitCount(b.coeff)));
  let q = (a.coeff * pow10(p)) / b.coeff;
  const r = (a.coeff * pow10(p)) % b.coeff;
  let exp = ideal - p;
  if (r === 0n) {
    // Exact quotient: use the coefficient whose exponent is closest to the ideal one.
    while (exp < ideal && q % 10n === 0n) {
      q /= 10n;
      exp++;
    }
    return normalizeDec({ neg: sign < 0, coeff: q, exp });
  }
  return normalizeDec({ neg: sign < 0, coeff: q, exp }, true);
}

// ---- MongoDB arithmetic on raw values ----

export type RawNumber = Int32 | Long | Double | Decimal128;

function widest(a: unknown, b: unknown): number {
  return Math.max(numKind(a), numKind(b));
}

/**
 * a + b with MongoDB's result type. Returns null when a Long result overflows 64 bits
 * (updates report that as an error; aggregation falls back to a double).
 */
export function addNumbers(a: unknown, b: unknown): RawNumber | null {
  switch (widest(a, b)) {
    case NK.int:
      return intResult(toJsNumber(a) + toJsNumber(b));
    case NK.long:
      return longOrNull(bigOfInt(a) + bigOfInt(b));
    case NK.double:
      return new Double(toJsNumber(a) + toJsNumber(b));
    default:
      return encodeDec(decAdd(toArithDec(a), toArithDec(b)));
  }
}

export function subtractNumbers(a: unknown, b: unknown): RawNumber | null {
  switch (widest(a, b)) {
    case NK.int:
      return intResult(toJsNumber(a) - toJsNumber(b));
    case NK.long:
      return longOrNull(bigOfInt(a) - bigOfInt(b));
    case NK.double:
      return new Double(toJsNumber(a) - toJsNumber(b));
    default:
      return encodeDec(decAdd(toArithDec(a), negateExact(toArithDec(b))));
  }
}

export function multiplyNumbers(a: unknown, b: unknown): RawNumber | null {
  switch (widest(a, b)) {
    case NK.int: {
      const r = toJsNumber(a) * toJsNumber(b);
      return Number.isSafeInteger(r) ? intResult(r) : longOrNull(bigOfInt(a) * bigOfInt(b));
    }
    case NK.long:
      return longOrNull(bigOfInt(a) * bigOfInt(b));
    case NK.double:
      return new Double(toJsNumber(a) * toJsNumber(b));
    default:
      return encodeDec(decMul(toArithDec(a), toArithDec(b)));
  }
}

/** a / b: a Double unless a Decimal128 is involved. The caller rejects division by zero. */
export function divideNumbers(a: unknown, b: unknown): Double | Decimal128 {
  if (widest(a, b) === NK.decimal) return encodeDec(decDiv(toArithDec(a), toArithDec(b)));
  return new Double(toJsNumber(a) / toJsNumber(b));
}

function negateExact(e: Exact): Exact {
  if ('nan' in e) return e;
  if ('inf' in e) return { inf: (-e.inf) as 1 | -1 };
  return { neg: !e.neg, coeff: e.coeff, exp: e.exp };
}

function bigOfInt(v: unknown): bigint {
  const k = numKind(v);
  if (k === NK.long) return longBig(v);
  return BigInt(toJsNumber(v));
}

/** True for a numeric zero of any type. */
export function isZero(v: unknown): boolean {
  return compareNumeric(v, 0) === 0;
}

/** Convert a value to a Long/Int/Double/Decimal of the requested kind (for $sum results etc.). */
export function toDecimal128(v: unknown): Decimal128 {
  return encodeDec(toArithDec(v));
}

/** Truncate a numeric value towards zero as a bigint (for $mod); null for NaN/Infinity. */
export function truncToBigInt(v: unknown): bigint | null {
  const k = numKind(v);
  if (k === NK.long) return longBig(v);
  if (k === NK.decimal) {
    const e = decOf(v as Decimal128);
    if ('nan' in e || 'inf' in e) return null;
    const c = e.exp >= 0 ? e.coeff * pow10(e.exp) : e.coeff / pow10(-e.exp);
    return e.neg ? -c : c;
  }
  const x = toJsNumber(v);
  if (!Number.isFinite(x)) return null;
  return BigInt(Math.trunc(x));
}

export function isNaNValue(v: unknown): boolean {
  const k = numKind(v);
  if (k === NK.none) return false;
  if (k === NK.decimal) return 'nan' in decOf(v as Decimal128);
  if (k === NK.long) return false;
  return Number.isNaN(toJsNumber(v));
}
