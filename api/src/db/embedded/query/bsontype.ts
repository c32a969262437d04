/**
 * Classification of raw-form values (see types.ts) into BSON types.
 *
 * We read the `_bsontype` tag instead of `instanceof` so that values created by another copy
 * of the `bson` package (the driver's) are recognised too. Plain JS numbers and bigints are
 * accepted as well (callers sometimes build documents by hand); they classify the way the
 * serializer would write them.
 */

/** BSON type numbers as used by `$type` (and the wire format). */
export const BsonType = {
  double: 1,
  string: 2,
  object: 3,
  array: 4,
  binData: 5,
  undefined: 6,
  objectId: 7,
  bool: 8,
  date: 9,
  null: 10,
  regex: 11,
  dbPointer: 12,
  javascript: 13,
  symbol: 14,
  javascriptWithScope: 15,
  int: 16,
  timestamp: 17,
  long: 18,
  decimal: 19,
  minKey: -1,
  maxKey: 127,
} as const;

export type BsonTypeName = keyof typeof BsonType;

/** The `_bsontype` tag of a bson class instance, or undefined. */
export function bsonTag(v: unknown): string | undefined {
  return typeof v === 'object' && v !== null ? (v as { _bsontype?: string })._bsontype : undefined;
}

export function isInt32Range(n: number): boolean {
  return Number.isInteger(n) && n >= -2147483648 && n <= 2147483647 && !Object.is(n, -0);
}

/** True for a plain document (not an array, not a bson class, not a Date). */
export function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

/** Documents and arrays: values that have sub-fields a dotted path can step into. */
export function isContainer(v: unknown): v is Record<string, unknown> | unknown[] {
  return Array.isArray(v) || isPlainObject(v);
}

/** The BSON type number of a raw value; `undefined` (missing) reports as 6. */
export function bsonTypeOf(v: unknown): number {
  switch (typeof v) {
    case 'string':
      return BsonType.string;
    case 'boolean':
      return BsonType.bool;
    case 'number':
      return isInt32Range(v) ? BsonType.int : BsonType.double;
    case 'bigint':
      return BsonType.long;
    case 'undefined':
      return BsonType.undefined;
    case 'object':
      break;
    default:
      return BsonType.javascript;
  }
  if (v === null) return BsonType.null;
  if (Array.isArray(v)) return BsonType.array;
  if (v instanceof Date) return BsonType.date;
  if (v instanceof RegExp) return BsonType.regex;
  switch ((v as { _bsontype?: string })._bsontype) {
    case undefined:
      return BsonType.object;
    case 'Int32':
      return BsonType.int;
    case 'Double':
      return BsonType.double;
    case 'Long':
      return BsonType.long;
    case 'Decimal128':
      return BsonType.decimal;
    case 'ObjectId':
      return BsonType.objectId;
    case 'Binary':
      return BsonType.binData;
    case 'Timestamp':
      return BsonType.timestamp;
    case 'BSONRegExp':
      return BsonType.regex;
    case 'MinKey':
      return BsonType.minKey;
    case 'MaxKey':
      return BsonType.maxKey;
    case 'Code':
      return (v as { scope?: unknown }).scope ? BsonType.javascriptWithScope : BsonType.javascript;
    case 'BSONSymbol':
      return BsonType.symbol;
    case 'DBRef':
      return BsonType.object;
    default:
      return BsonType.object;
  }
}

/** The names `$type` (query and aggregation) reports for each type number. */
export const typeNames: Record<number, string> = Object.fromEntries(
  Object.entries(BsonType).map(([name, n]) => [n, name]),
);

/** True for any of the four numeric types (wrapped or plain). */
export function isNumeric(v: unknown): boolean {
  const t = typeof v;
  if (t === 'number' || t === 'bigint') return true;
  if (t !== 'object' || v === null) return false;
  const tag = (v as { _bsontype?: string })._bsontype;
  return tag === 'Int32' || tag === 'Double' || tag === 'Long' || tag === 'Decimal128';
}
