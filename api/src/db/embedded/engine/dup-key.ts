/**
 * The E11000 error exactly as mongod words it, e.g.
 * `E11000 duplicate key error collection: app.users index: email_1 dup key: { email: "a@b.c" }`,
 * with `keyPattern` and `keyValue` so drivers and mongoose can say which field clashed.
 */
import type { Document } from 'bson';
import { ErrorCodes, MongoError } from '../errors.js';
import { isPlainObject } from './query-api.js';

function tagOf(v: unknown): string | undefined {
  return typeof v === 'object' && v !== null ? (v as { _bsontype?: string })._bsontype : undefined;
}

/** A value the way mongod prints it inside an error message. */
export function formatValue(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'number' || typeof v === 'bigint' || typeof v === 'boolean') return String(v);
  if (v instanceof Date) return `new Date(${v.getTime()})`;
  if (Array.isArray(v)) return v.length ? `[ ${v.map(formatValue).join(', ')} ]` : '[]';
  switch (tagOf(v)) {
    case 'ObjectId':
      return `ObjectId('${(v as { toHexString(): string }).toHexString()}')`;
    case 'Int32':
    case 'Double':
      return String((v as { value: number }).value);
    case 'Long':
      return String(v);
    case 'Decimal128':
      return `NumberDecimal("${String(v)}")`;
    case 'BSONRegExp':
      return `/${(v as { pattern: string }).pattern}/${(v as { options: string }).options}`;
    case 'Timestamp':
      return `Timestamp(${(v as { t: number }).t}, ${(v as { i: number }).i})`;
    case 'Binary':
      return `BinData(${(v as { sub_type: number }).sub_type}, ${(v as { toString(e: string): string }).toString('hex').toUpperCase()})`;
    case 'MinKey':
      return 'MinKey';
    case 'MaxKey':
      return 'MaxKey';
    default:
      break;
  }
  if (isPlainObject(v)) {
    const parts = Object.entries(v).map(([k, x]) => `${k}: ${formatValue(x)}`);
    return parts.length ? `{ ${parts.join(', ')} }` : '{}';
  }
  return String(v);
}

export function duplicateKeyError(ns: string, indexName: string, keyPattern: Document, fields: readonly string[], key: readonly unknown[]): MongoError {
  const keyValue: Document = {};
  fields.forEach((f, i) => {
    keyValue[f] = key[i] === undefined ? null : key[i];
  });
  const shown = fields.map((f, i) => `${f}: ${formatValue(key[i])}`).join(', ');
  return new MongoError(ErrorCodes.DuplicateKey, `E11000 duplicate key error collection: ${ns} index: ${indexName} dup key: { ${shown} }`, {
    keyPattern,
    keyValue,
  });
}
