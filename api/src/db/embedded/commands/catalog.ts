/**
 * Databases and collections: create, drop, dropDatabase, listCollections, listDatabases.
 */
import type { Document } from 'bson';
import { ErrorCodes, MongoError } from '../errors.js';
import { ID_INDEX_SPEC } from '../engine/collection.js';
import { bsonEquals, compileFilter } from '../engine/query-api.js';
import { bool, checkDbName, collectionName, optDoc, toNumber } from './args.js';
import type { CommandContext, CommandHandler } from './context.js';
import { cursorReply, encodeAll } from './cursor-reply.js';

/** Fields every command may carry that are not collection options. */
const GENERIC_FIELDS = new Set([
  '$db', 'lsid', 'txnNumber', 'autocommit', 'startTransaction', 'writeConcern', 'readConcern', '$clusterTime',
  '$readPreference', 'apiVersion', 'apiStrict', 'apiDeprecationErrors', 'comment', 'maxTimeMS',
]);

const UNSUPPORTED_OPTIONS = ['capped', 'viewOn', 'timeseries', 'clusteredIndex', 'changeStreamPreAndPostImages'];

async function create(ctx: CommandContext): Promise<Document> {
  const name = collectionName(ctx.body, 'create');
  const options: Document = {};
  for (const [k, v] of Object.entries(ctx.body)) if (k !== 'create' && !GENERIC_FIELDS.has(k)) options[k] = v;
  const unsupported = UNSUPPORTED_OPTIONS.find((o) => options[o] !== undefined && options[o] !== false);
  await ctx.write((w) => {
    const existing = w.collection(ctx.db, name);
    // MongoDB 7: creating an existing collection with the same options is not an error.
    if (existing && bsonEquals(existing.options, options)) return;
    if (!existing && unsupported) throw new MongoError(ErrorCodes.InvalidOptions, `the embedded server does not support collection option '${unsupported}'`);
    w.createCollection(ctx.db, name, options);
  });
  return { ok: 1 };
}

function splitNamespace(v: unknown, field: string): [string, string] {
  const dot = typeof v === 'string' ? v.indexOf('.') : -1;
  if (typeof v !== 'string' || dot <= 0 || dot === v.length - 1) throw new MongoError(ErrorCodes.InvalidNamespace, `Invalid namespace specified '${String(v)}' for '${field}'`);
  const db = v.slice(0, dot);
  checkDbName(db);
  return [db, v.slice(dot + 1)];
}

async function renameCollection(ctx: CommandContext): Promise<Document> {
  const [fromDb, from] = splitNamespace(ctx.body.renameCollection, 'renameCollection');
  const [toDb, to] = splitNamespace(ctx.body.to, 'to');
  const dropTarget = bool(ctx.body, 'dropTarget');
  await ctx.write((w) => w.renameCollection(fromDb, from, toDb, to, dropTarget));
  return { ok: 1 };
}

async function drop(ctx: CommandContext): Promise<Document> {
  const name = collectionName(ctx.body, 'drop');
  const before = ctx.view().collection(ctx.db, name);
  await ctx.write((w) => w.dropCollection(ctx.db, name));
  // MongoDB 7 answers ok also when the collection did not exist.
  return { ns: `${ctx.db}.${name}`, nIndexesWas: before?.indexes.length ?? 0, ok: 1 };
}

async function dropDatabase(ctx: CommandContext): Promise<Document> {
  await ctx.write((w) => w.dropDatabase(ctx.db));
  return { dropped: ctx.db, ok: 1 };
}

function listCollections(ctx: CommandContext): Document {
  const filter = optDoc(ctx.body, 'filter');
  const nameOnly = bool(ctx.body, 'nameOnly');
  const view = ctx.view();
  const entries: Document[] = [];
  for (const name of view.collectionNames(ctx.db).sort()) {
    const c = view.collection(ctx.db, name)!;
    entries.push(
      nameOnly
        ? { name, type: 'collection' }
        : { name, type: 'collection', options: c.options, info: { readOnly: false, uuid: c.uuid }, idIndex: ID_INDEX_SPEC },
    );
  }
  const match = filter && Object.keys(filter).length ? compileFilter(filter) : null;
  const selected = match ? entries.filter((e) => match(e)) : entries;
  const cursor = optDoc(ctx.body, 'cursor');
  const batchSize = cursor?.batchSize !== undefined ? toNumber(cursor.batchSize) : undefined;
  return cursorReply(ctx, `${ctx.db}.$cmd.listCollections`, encodeAll(selected), { batchSize });
}

function listDatabases(ctx: CommandContext): Document {
  const filter = optDoc(ctx.body, 'filter');
  const nameOnly = bool(ctx.body, 'nameOnly');
  const view = ctx.view();
  let total = 0;
  let dbs: Document[] = view.databaseNames().sort().map((db) => {
    let size = 0;
    for (const name of view.collectionNames(db)) for (const buf of view.collection(db, name)!.docs.values()) size += buf.length;
    total += size;
    return nameOnly ? { name: db } : { name: db, sizeOnDisk: size, empty: size === 0 };
  });
  if (filter && Object.keys(filter).length) {
    const match = compileFilter(filter);
    dbs = dbs.filter((d) => match(d));
  }
  return nameOnly ? { databases: dbs, ok: 1 } : { databases: dbs, totalSize: total, totalSizeMb: Math.floor(total / 1048576), ok: 1 };
}

export const catalogCommands: Record<string, CommandHandler> = { create, drop, dropDatabase, listCollections, listDatabases, renameCollection };
