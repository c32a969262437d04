/**
 * A string key for an `_id` value under BSON equality, used to upsert and delete by id
 * during recovery. MongoDB treats numbers of different types as equal when their values
 * are (Int32 1, Int64 1, Double 1.0 and Decimal128 1.0 are one `_id`), so numbers map to a
 * canonical decimal form; embedded documents and arrays recurse (field order matters, as
 * in MongoDB); every other BSON value is keyed by its type and its BSON bytes.
 */
import { serialize, type Decimal128 } from 'bson';

export function idKey(id: unknown): string {
  const num = numericKey(id);
  if (num !== undefined) return `n${num}`;
  if (id === null || id === undefined) return 'z'; // BSON null; undefined is stored as null
  if (typeof id === 'string') return `s${JSON.stringify(id)}`;
  if (typeof id === 'boolean') return id ? 'bt' : 'bf';
  if (Array.isArray(id)) return `a[${id.map(idKey).join(',')}]`;
  if (typeof id === 'object' && !('_bsontype' in id) && !(id instanceof Date) && isPlainObject(id)) {
    return `o{${Object.entries(id).map(([k, v]) => `${JSON.stringify(k)}:${idKey(v)}`).join(',')}}`;
  }
  // ObjectId, Date, Binary, Timestamp, regular expressions, MinKey/MaxKey, ...
  return `x${Buffer.from(serialize({ v: id })).toString('base64')}`;
}

function isPlainObject(v: object): boolean {
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

function numericKey(v: unknown): string | undefined {
  if (typeof v === 'number') return doubleKey(v);
  if (typeof v === 'bigint') return v.toString();
  if (v === null || typeof v !== 'object' || !('_bsontype' in v)) return undefined;
  switch ((v as { _bsontype: string })._bsontype) {
    case 'Int32':
    case 'Double':
      return doubleKey((v as { valueOf(): number }).valueOf());
    case 'Long':
      return (v as { toString(): string }).toString();
    case 'Decimal128':
      return decimalKey(v as Decimal128);
    default:
      return undefined;
  }
}

function doubleKey(d: number): string {
  if (Number.isNaN(d)) return 'NaN';
  if (d === Infinity) return 'Inf';
  if (d === -Infinity) return '-Inf';
  if (Number.isInteger(d)) return BigInt(d).toString(); // exact, also beyond 2^53, and -0 -> "0"
  // 100 significant digits: exact for any double that can equal a Decimal128 (at most 34
  // digits), and more than the 17 needed to tell any two doubles apart.
  return canonicalDecimal(d.toPrecision(100));
}

function decimalKey(d: Decimal128): string {
  const s = d.toString();
  if (s === 'NaN' || s === '-NaN') return 'NaN';
  if (s === 'Infinity') return 'Inf';
  if (s === '-Infinity') return '-Inf';
  return canonicalDecimal(s);
}

/** "1.50E+3" -> "1500", "-0.0" -> "0", "0.10" -> "0.1": one spelling per value. */
function canonicalDecimal(s: string): string {
  const m = /^(-?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(s);
  if (!m) return s;
  const [, sign, intPart, fracPart = '', expPart = '0'] = m;
  let digits = (intPart + fracPart).replace(/^0+/, '');
  let exp = Number(expPart) - fracPart.length; // value = digits * 10^exp
  if (digits === '') return '0';
  const trailing = digits.length - digits.replace(/0+$/, '').length;
  digits = digits.slice(0, digits.length - trailing);
  exp += trailing;
  let out: string;
  if (exp >= 0) out = digits + '0'.repeat(exp);
  else if (-exp < digits.length) out = `${digits.slice(0, exp)}.${digits.slice(exp)}`;
  else out = `0.${'0'.repeat(-exp - digits.length)}${digits}`;
  return sign + out;
}
