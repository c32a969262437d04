/**
 * Type-preserving folds shared by $group accumulators and the array forms of the
 * $sum/$avg/$min/$max expressions.
 *
 * $sum keeps the narrowest type that holds the result (Int32 sums overflow into Long, Long
 * into Double; any Double makes a Double, any Decimal128 a Decimal128), as MongoDB does.
 */
import { Double, Int32, Long } from 'bson';
import { compareBson } from './compare.js';
import { addNumbers, divideNumbers, NK, numKind, toJsNumber } from './numeric.js';

/**
 * Running sum with MongoDB's result typing. Integers are summed exactly (as a JS number while
 * safe, then as a bigint); doubles use compensated (Neumaier) summation, close to the
 * server's double-double accumulator; a Decimal128 switches to decimal arithmetic. No
 * per-value allocation on the common paths: $group sums run over every document.
 */
export class NumericSum {
  private kind: number = NK.int;
  private count = 0;
  private int = 0;
  private big: bigint | null = null;
  private dSum = 0;
  private dComp = 0;
  private dec: unknown = null;

  private intTotal(): bigint | number {
    return this.big ?? this.int;
  }

  private toDouble(): void {
    this.dSum = Number(this.intTotal());
    this.dComp = 0;
    this.big = null;
    this.kind = NK.double;
  }

  private addDouble(x: number): void {
    const t = this.dSum + x;
    if (Math.abs(this.dSum) >= Math.abs(x)) this.dComp += this.dSum - t + x;
    else this.dComp += x - t + this.dSum;
    this.dSum = t;
  }

  add(v: unknown): void {
    const k = numKind(v);
    if (k === NK.none) return;
    this.count++;
    if (k === NK.decimal || this.kind === NK.decimal) {
      if (this.kind !== NK.decimal) {
        this.dec = this.sum();
        this.kind = NK.decimal;
      }
      this.dec = addNumbers(this.dec, v);
      return;
    }
    if (k === NK.double || this.kind === NK.double) {
      if (this.kind !== NK.double) this.toDouble();
      this.addDouble(toJsNumber(v));
      return;
    }
    if (k === NK.long) this.kind = NK.long;
    if (this.big === null) {
      const r = this.int + toJsNumber(v);
      if (Number.isSafeInteger(r) && (k !== NK.long || Number.isSafeInteger(toJsNumber(v)))) this.int = r;
      else this.big = BigInt(this.int) + (k === NK.long ? (v as Long).toBigInt() : BigInt(toJsNumber(v)));
    } else this.big += k === NK.long ? (v as Long).toBigInt() : BigInt(toJsNumber(v));
    if (this.big !== null && (this.big > INT64_MAX || this.big < INT64_MIN)) {
      this.toDouble(); // Long overflow continues in double precision, as on the server
      return;
    }
    if (this.kind === NK.int && (this.big !== null || this.int > 2147483647 || this.int < -2147483648)) this.kind = NK.long;
  }

  get n(): number {
    return this.count;
  }

  sum(): unknown {
    switch (this.kind) {
      case NK.int:
        return new Int32(this.int);
      case NK.long:
        return this.big !== null ? Long.fromBigInt(this.big) : Long.fromNumber(this.int);
      case NK.double:
        return new Double(this.dSum + this.dComp);
      default:
        return this.dec;
    }
  }

  /** Average: Double unless a Decimal128 took part; null when nothing numeric was seen. */
  avg(): unknown {
    if (this.count === 0) return null;
    if (this.kind === NK.decimal) return divideNumbers(this.dec, new Int32(this.count));
    const total = this.kind === NK.double ? this.dSum + this.dComp : Number(this.intTotal());
    return new Double(total / this.count);
  }
}

const INT64_MAX = 2n ** 63n - 1n;
const INT64_MIN = -(2n ** 63n);

/** $min/$max over values: null and missing are ignored; nothing left gives null. */
export function extreme(values: Iterable<unknown>, max: boolean): unknown {
  let best: unknown;
  for (const v of values) {
    if (v === undefined || v === null) continue;
    if (best === undefined || (max ? compareBson(v, best) > 0 : compareBson(v, best) < 0)) best = v;
  }
  return best === undefined ? null : best;
}

/** Population or sample standard deviation of the numeric values (Double; null if undefined). */
export function stdDev(values: Iterable<unknown>, sample: boolean): unknown {
  let n = 0;
  let mean = 0;
  let m2 = 0;
  for (const v of values) {
    if (numKind(v) === NK.none) continue;
    const x = toJsNumber(v);
    n++;
    const d = x - mean;
    mean += d / n;
    m2 += d * (x - mean);
  }
  if (n === 0 || (sample && n < 2)) return null;
  return new Double(Math.sqrt(m2 / (sample ? n - 1 : n)));
}
