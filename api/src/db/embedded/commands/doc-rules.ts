/**
 * Rules every written document follows, whichever command writes it: an `_id` (an ObjectId
 * when the client gave none), stored as the first field, never an array, regex or
 * undefined; updates never change it; a replacement keeps the old one.
 */
import { ObjectId, type Document } from 'bson';
import { ErrorCodes, MongoError } from '../errors.js';
import { applyUpdate, bsonEquals, updateKind, upsertSeed } from '../engine/query-api.js';
import { immutableIdError } from '../engine/writer.js';

function tag(v: unknown): string | undefined {
  return typeof v === 'object' && v !== null ? (v as { _bsontype?: string })._bsontype : undefined;
}

function checkId(id: unknown): void {
  if (Array.isArray(id)) throw new MongoError(ErrorCodes.InvalidIdField, "The '_id' value cannot be of type array");
  if (id instanceof RegExp || tag(id) === 'BSONRegExp') throw new MongoError(ErrorCodes.InvalidIdField, "The '_id' value cannot be of type regex");
}

/** The document as stored: `_id` present and first. */
export function withIdFirst(doc: Document): Document {
  if (doc._id === undefined) {
    const { _id: _missing, ...rest } = doc;
    return { _id: new ObjectId(), ...rest };
  }
  checkId(doc._id);
  for (const k in doc) return k === '_id' ? doc : { _id: doc._id, ...doc };
  return doc;
}

/** An update made only of field names (no operators, not a pipeline) replaces the document. */
export function isReplacement(u: Document | Document[]): boolean {
  return updateKind(u) === 'replacement';
}

export interface UpdateSpec {
  u: Document | Document[];
  arrayFilters?: Document[];
  filter: Document;
}

function checkUpdateArgument(u: unknown): void {
  if (typeof u !== 'object' || u === null) throw new MongoError(ErrorCodes.FailedToParse, 'Update argument must be either an object or an array');
}

/**
 * The new version of `old`, and whether it differs byte for byte (the query layer keeps
 * `_id` and refuses to change it).
 */
export function updatedDocument(old: Document, spec: UpdateSpec): { doc: Document; changed: boolean } {
  checkUpdateArgument(spec.u);
  const r = applyUpdate(old, spec.u, { isInsert: false, arrayFilters: spec.arrayFilters, filter: spec.filter });
  if (!bsonEquals(r.doc._id, old._id)) throw immutableIdError();
  return { doc: r.changed ? withIdFirst(r.doc) : r.doc, changed: r.changed };
}

/**
 * The document an upsert inserts when nothing matched: the equality fields of the filter
 * updated by the operators (or, for a replacement, the replacement with the filter's `_id`).
 */
export function upsertDocument(spec: UpdateSpec): Document {
  checkUpdateArgument(spec.u);
  const seed = upsertSeed(spec.filter);
  const r = applyUpdate(seed, spec.u, { isInsert: true, arrayFilters: spec.arrayFilters, filter: spec.filter });
  return withIdFirst(r.doc);
}
