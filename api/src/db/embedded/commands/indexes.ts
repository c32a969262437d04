/**
 * createIndexes, listIndexes, dropIndexes. Index specs are stored as given (normalised to
 * `{ v: 2, key, name, ...options }`), so listIndexes shows what the client asked for.
 */
import type { Document } from 'bson';
import { ErrorCodes, MongoError } from '../errors.js';
import type { CollectionData } from '../engine/collection.js';
import { ID_INDEX_SPEC } from '../engine/collection.js';
import { bsonEquals, isPlainObject } from '../engine/query-api.js';
import { MoreCodes, mongoError } from '../engine/errors-ext.js';
import type { IndexSpec } from '../types.js';
import { collectionName, docArray, toNumber } from './args.js';
import type { CommandContext, CommandHandler } from './context.js';
import { cursorReply, encodeAll } from './cursor-reply.js';

const KEY_TYPES = new Set(['hashed', 'text', '2d', '2dsphere']);
/** Options that decide what an index holds (two indexes differing in these are different). */
const SEMANTIC_OPTIONS = ['unique', 'sparse', 'partialFilterExpression', 'expireAfterSeconds', 'collation'];
const DROPPED_OPTIONS = new Set(['background', 'ns']);

function defaultName(key: Document): string {
  return Object.entries(key)
    .map(([f, v]) => `${f}_${typeof v === 'string' ? v : String(toNumber(v))}`)
    .join('_');
}

function normaliseSpec(raw: Document): IndexSpec {
  const key = raw.key;
  if (!isPlainObject(key) || Object.keys(key).length === 0) throw mongoError(MoreCodes.CannotCreateIndex, "Index specification must have a non-empty 'key' object");
  for (const [field, v] of Object.entries(key)) {
    const n = toNumber(v);
    const ok = typeof v === 'string' ? KEY_TYPES.has(v) : n !== undefined && n !== 0 && !Number.isNaN(n);
    if (!ok) throw mongoError(MoreCodes.CannotCreateIndex, `Values in the index key pattern can only be numbers or strings like 'hashed' or 'text'; bad value for '${field}'`);
  }
  const name = typeof raw.name === 'string' && raw.name.length ? raw.name : defaultName(key);
  const spec: IndexSpec = { v: 2, key, name };
  for (const [k, v] of Object.entries(raw)) {
    if (k === 'key' || k === 'name' || k === 'v' || DROPPED_OPTIONS.has(k)) continue;
    if ((k === 'unique' || k === 'sparse') && !v) continue;
    spec[k] = v;
  }
  if (spec.partialFilterExpression !== undefined && !isPlainObject(spec.partialFilterExpression)) {
    throw new MongoError(ErrorCodes.TypeMismatch, 'partialFilterExpression must be an object');
  }
  if (name === '_id_' && !bsonEquals(Object.keys(key), ['_id'])) throw new MongoError(ErrorCodes.BadValue, "The index name '_id_' is reserved for the _id index");
  return spec;
}

function sameOptions(a: IndexSpec, b: IndexSpec): boolean {
  return SEMANTIC_OPTIONS.every((o) => (a[o] === undefined && b[o] === undefined) || bsonEquals(a[o] ?? null, b[o] ?? null));
}

function sameKey(a: IndexSpec, b: IndexSpec): boolean {
  return bsonEquals(a.key, b.key);
}

/** Whether `spec` must be built (false: an identical index exists); throws on a clash. */
function needsBuild(coll: CollectionData, spec: IndexSpec): boolean {
  for (const existing of coll.indexes.map((i) => i.spec)) {
    if (existing.name === spec.name) {
      if (sameKey(existing, spec) && sameOptions(existing, spec)) return false;
      throw new MongoError(
        ErrorCodes.IndexKeySpecsConflict,
        `An existing index has the same name as the requested index. When index names are not specified, they are auto generated and can cause conflicts. Please refer to our documentation. Requested index: ${JSON.stringify(spec)}, existing index: ${JSON.stringify(existing)}`,
      );
    }
    if (sameKey(existing, spec) && bsonEquals(existing.partialFilterExpression ?? null, spec.partialFilterExpression ?? null)) {
      if (sameOptions(existing, spec)) throw new MongoError(ErrorCodes.IndexOptionsConflict, `Index already exists with a different name: ${existing.name}`);
      throw new MongoError(ErrorCodes.IndexOptionsConflict, `An equivalent index already exists with the same name but different options. Requested index: ${JSON.stringify(spec)}, existing index: ${JSON.stringify(existing)}`);
    }
  }
  return true;
}

async function createIndexes(ctx: CommandContext): Promise<Document> {
  const name = collectionName(ctx.body, 'createIndexes');
  const specs = docArray(ctx.body, 'indexes').map(normaliseSpec);
  if (!specs.length) throw new MongoError(ErrorCodes.BadValue, 'Must specify at least one index to create');
  const r = await ctx.write((w) => {
    const createdCollectionAutomatically = !w.collection(ctx.db, name);
    const coll = w.ensureCollection(ctx.db, name);
    const before = coll.indexes.length;
    for (const spec of specs) if (needsBuild(coll, spec)) w.createIndex(coll, spec);
    return { createdCollectionAutomatically, before, after: w.collection(ctx.db, name)!.indexes.length };
  });
  const reply: Document = { numIndexesBefore: r.before, numIndexesAfter: r.after, createdCollectionAutomatically: r.createdCollectionAutomatically };
  if (r.before === r.after) reply.note = 'all indexes already exist';
  reply.ok = 1;
  return reply;
}

function listIndexes(ctx: CommandContext): Document {
  const name = collectionName(ctx.body, 'listIndexes');
  const coll = ctx.view().collection(ctx.db, name);
  if (!coll) throw new MongoError(ErrorCodes.NamespaceNotFound, `ns does not exist: ${ctx.db}.${name}`);
  const specs = [ID_INDEX_SPEC, ...coll.secondarySpecs()];
  return cursorReply(ctx, `${ctx.db}.$cmd.listIndexes.${name}`, encodeAll(specs));
}

async function dropIndexes(ctx: CommandContext): Promise<Document> {
  const command = Object.keys(ctx.body)[0];
  const name = collectionName(ctx.body, command);
  const which = ctx.body.index;
  const nIndexesWas = await ctx.write((w) => {
    const coll = w.collection(ctx.db, name);
    if (!coll) throw new MongoError(ErrorCodes.NamespaceNotFound, `ns not found ${ctx.db}.${name}`);
    const was = coll.indexes.length;
    const names: string[] = [];
    if (which === '*') names.push(...coll.indexes.slice(1).map((i) => i.name));
    else if (typeof which === 'string') names.push(which);
    else if (Array.isArray(which)) names.push(...which.map(String));
    else if (isPlainObject(which)) {
      const found = coll.indexes.find((i) => bsonEquals(i.spec.key, which));
      if (!found) throw new MongoError(ErrorCodes.IndexNotFound, `can't find index with key: ${JSON.stringify(which)}`);
      names.push(found.name);
    } else throw new MongoError(ErrorCodes.TypeMismatch, "Field 'index' must be a string, an array of strings or an index key pattern");
    for (const n of names) {
      if (n === '_id_') throw new MongoError(ErrorCodes.InvalidOptions, 'cannot drop _id index');
      if (!coll.index(n)) throw new MongoError(ErrorCodes.IndexNotFound, `index not found with name [${n}]`);
    }
    const target = w.collection(ctx.db, name)!;
    for (const n of names) w.dropIndex(target, n);
    return was;
  });
  return { nIndexesWas, ok: 1 };
}

export const indexCommands: Record<string, CommandHandler> = { createIndexes, listIndexes, dropIndexes, deleteIndexes: dropIndexes };
