/**
 * Reading command arguments. Commands are decoded in raw form, so numbers arrive wrapped
 * (Int32, Double, Long) and booleans may arrive as numbers (`{ isMaster: 1 }`).
 */
import type { Document } from 'bson';
import { ErrorCodes, MongoError } from '../errors.js';
import { isPlainObject } from '../engine/query-api.js';
import { DocumentSequence } from '../wire/protocol.js';

export function toNumber(v: unknown): number | undefined {
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'object' && v !== null) {
    const tag = (v as { _bsontype?: string })._bsontype;
    if (tag === 'Int32' || tag === 'Double') return (v as { value: number }).value;
    if (tag === 'Long') return (v as { toNumber(): number }).toNumber();
    if (tag === 'Decimal128') return Number(String(v));
  }
  return undefined;
}

export function num(body: Document, field: string, fallback: number): number {
  const v = body[field];
  if (v === undefined || v === null) return fallback;
  const n = toNumber(v);
  if (n === undefined || Number.isNaN(n)) throw new MongoError(ErrorCodes.TypeMismatch, `Field '${field}' must be a number`);
  return n;
}

export function bool(body: Document, field: string, fallback = false): boolean {
  const v = body[field];
  if (v === undefined || v === null) return fallback;
  if (typeof v === 'boolean') return v;
  const n = toNumber(v);
  if (n !== undefined) return n !== 0;
  throw new MongoError(ErrorCodes.TypeMismatch, `Field '${field}' must be a boolean`);
}

export function str(body: Document, field: string): string {
  const v = body[field];
  if (typeof v !== 'string') throw new MongoError(ErrorCodes.TypeMismatch, `Field '${field}' must be a string`);
  return v;
}

export function optDoc(body: Document, field: string): Document | undefined {
  const v = body[field];
  if (v === undefined || v === null) return undefined;
  if (!isPlainObject(v)) throw new MongoError(ErrorCodes.TypeMismatch, `Field '${field}' must be an object`);
  return v;
}

export function docArray(body: Document, field: string): Document[] {
  const v = body[field];
  if (v instanceof DocumentSequence) return v.toArray();
  if (!Array.isArray(v)) throw new MongoError(ErrorCodes.TypeMismatch, `Field '${field}' must be an array`);
  return v as Document[];
}

/** Documents read one at a time (an OP_MSG sequence is decoded only as each is reached). */
export interface DocStream {
  readonly length: number;
  get(i: number): Document;
}

/** Like docArray, without decoding a document sequence up front. */
export function docStream(body: Document, field: string): DocStream {
  const v = body[field];
  if (v instanceof DocumentSequence) return v;
  const docs = docArray(body, field);
  return { length: docs.length, get: (i) => docs[i] };
}

const INVALID_COLL_CHARS = /[\0$]/;

/** The collection named by the command's first field (`{ find: 'users' }`). */
export function collectionName(body: Document, command: string): string {
  const v = body[command];
  if (typeof v !== 'string') throw new MongoError(ErrorCodes.InvalidNamespace, `collection name has invalid type ${v === null ? 'null' : typeof v}`);
  if (!v.length || INVALID_COLL_CHARS.test(v)) throw new MongoError(ErrorCodes.InvalidNamespace, `Invalid collection name: '${v}'`);
  return v;
}

const INVALID_DB_CHARS = /[/\\. "$\0]/;

export function checkDbName(db: string): void {
  if (!db.length || db.length > 63 || INVALID_DB_CHARS.test(db)) throw new MongoError(ErrorCodes.InvalidNamespace, `Invalid database name: '${db}'`);
}
