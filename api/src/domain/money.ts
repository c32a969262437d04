/**
 * Money. Amounts are stored as integer yuan (元), never as floats of 万元/亿元, so sums are exact.
 * Forms take 万元 and show 万元/亿元; conversion in from 万元 is decimal-exact (a string or a
 * number with at most 4 decimals, i.e. whole yuan) and rejects anything that is not whole yuan.
 *
 * API: Yuan, isValidYuan, validateYuan, fromWan, toWan, toYi, formatWan, formatYi.
 */
import type { DomainError } from './errors.js';

/** Integer yuan, 0 ≤ x ≤ Number.MAX_SAFE_INTEGER (≈ 9.0e15 元, far above any project). */
export type Yuan = number;

export const YUAN_PER_WAN = 10_000;
export const YUAN_PER_YI = 100_000_000;

export type MoneyErrorCode = 'AMOUNT_NOT_INTEGER' | 'AMOUNT_NEGATIVE' | 'AMOUNT_TOO_LARGE';

export function isValidYuan(value: unknown): value is Yuan {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

/** Returns null when valid, else the reason (Chinese) for the given form field. */
export function validateYuan(value: number, field?: string): DomainError<MoneyErrorCode> | null {
  const at = field === undefined ? {} : { field };
  if (!Number.isFinite(value) || !Number.isInteger(value)) {
    return { code: 'AMOUNT_NOT_INTEGER', message: '金额须精确到元（整数）', ...at };
  }
  if (value < 0) return { code: 'AMOUNT_NEGATIVE', message: '金额不能为负数', ...at };
  if (!Number.isSafeInteger(value)) return { code: 'AMOUNT_TOO_LARGE', message: '金额超出允许范围', ...at };
  return null;
}

const DECIMAL = /^(\d+)(?:\.(\d*))?$/;

/**
 * 万元 → yuan, exactly. Accepts '1234.5678' or 1234.5678; throws RangeError for negatives, more
 * than 4 decimals (fractions of a yuan), exponent notation or results beyond a safe integer.
 */
export function fromWan(wan: number | string): Yuan {
  const text = typeof wan === 'number' ? String(wan) : wan.trim().replace(/,/g, '');
  const match = DECIMAL.exec(text);
  if (!match) throw new RangeError(`Not a non-negative decimal amount of 万元: ${JSON.stringify(wan)}`);
  const fraction = (match[2] ?? '').replace(/0+$/, '');
  if (fraction.length > 4) throw new RangeError(`Amount in 万元 is not whole yuan: ${text}`);
  const yuan = Number(match[1]) * YUAN_PER_WAN + Number(fraction.padEnd(4, '0'));
  if (!Number.isSafeInteger(yuan) || Number(match[1]) > Number.MAX_SAFE_INTEGER / YUAN_PER_WAN) {
    throw new RangeError(`Amount too large: ${text} 万元`);
  }
  return yuan;
}

/** Yuan → 万元 as a number for display or export (may carry up to 4 decimals). */
export function toWan(yuan: Yuan): number {
  return yuan / YUAN_PER_WAN;
}

/** Yuan → 亿元 as a number for display or charts. */
export function toYi(yuan: Yuan): number {
  return yuan / YUAN_PER_YI;
}

/** Rounds half up at `digits` decimals of `unit` and groups thousands: 1,234.57. */
function formatIn(yuan: Yuan, unit: number, digits: number): string {
  if (!isValidYuan(yuan)) throw new RangeError(`Not a valid yuan amount: ${yuan}`);
  if (!Number.isInteger(digits) || digits < 0 || digits > 4) throw new RangeError(`digits: ${digits}`);
  // Round in integers (unit ≥ 10^digits, so the divisor is whole); a float is never re-rounded.
  const scaled = Math.round(yuan / (unit / 10 ** digits));
  const whole = Math.floor(scaled / 10 ** digits);
  const fraction = scaled - whole * 10 ** digits;
  const grouped = whole.toLocaleString('en-US');
  return digits === 0 ? grouped : `${grouped}.${String(fraction).padStart(digits, '0')}`;
}

/** '12,345.68万元' (or without the unit). */
export function formatWan(yuan: Yuan, digits = 2, withUnit = true): string {
  return formatIn(yuan, YUAN_PER_WAN, digits) + (withUnit ? '万元' : '');
}

/** '10.00亿元' (or without the unit). */
export function formatYi(yuan: Yuan, digits = 2, withUnit = true): string {
  return formatIn(yuan, YUAN_PER_YI, digits) + (withUnit ? '亿元' : '');
}
