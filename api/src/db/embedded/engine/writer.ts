/**
 * The write interface the commands use. Two implementations:
 *  - `LatestWriter` changes the engine's latest state and collects journal records, which
 *    the engine appends to storage before the change becomes visible to readers;
 *  - `TxnWriter` (transaction.ts) changes a transaction's private working copies.
 * Every method either does all it says or throws before changing anything.
 *
 * Read what you need from `collection()` completely before writing (collectMatches): the
 * returned collection is the one being changed.
 */
import type { Document } from 'bson';
import { ErrorCodes, MongoError } from '../errors.js';
import { STORED_BSON, type IndexSpec, type JournalRecord } from '../types.js';
import type { Catalog } from './catalog.js';
import { CollectionData } from './collection.js';
import { decodeDocument, encodeDocument, type Stored } from './doc-codec.js';
import { bsonEquals } from './query-api.js';

export interface Writer {
  readonly inTransaction: boolean;
  collection(db: string, name: string): CollectionData | undefined;
  /** The collection, created (implicitly, as on first insert) when missing. */
  ensureCollection(db: string, name: string): CollectionData;
  /** Explicit `create`: NamespaceExists (48) when it exists. */
  createCollection(db: string, name: string, options: Document): CollectionData;
  insert(coll: CollectionData, doc: Document): void;
  update(coll: CollectionData, rid: number, oldDoc: Document, newDoc: Document): void;
  remove(coll: CollectionData, rid: number, oldDoc: Document): void;
  createIndex(coll: CollectionData, spec: IndexSpec): void;
  dropIndex(coll: CollectionData, name: string): void;
  /** False when there was no such collection. */
  dropCollection(db: string, name: string): boolean;
  dropDatabase(db: string): void;
  renameCollection(fromDb: string, from: string, toDb: string, to: string, dropTarget: boolean): void;
}

export function collKey(db: string, name: string): string {
  return `${db}\0${name}`;
}

export function immutableIdError(): MongoError {
  return new MongoError(ErrorCodes.ImmutableField, "Performing an update on the path '_id' would modify the immutable field '_id'");
}

export function namespaceExists(db: string, name: string): MongoError {
  return new MongoError(ErrorCodes.NamespaceExists, `Collection ${db}.${name} already exists.`);
}

export function sourceMissing(db: string, name: string): MongoError {
  return new MongoError(ErrorCodes.NamespaceNotFound, `Source collection ${db}.${name} does not exist`);
}

/**
 * A journal `put` record carrying the stored bytes, its `doc` decoded only if storage reads
 * it (the durable journal writes the bytes; memory storage reads nothing). Holding the
 * written documents themselves until a large insert finishes kept them alive long enough
 * to be promoted to the old generation, which is what bulk loads paid for in resident memory.
 */
class StoredPut {
  readonly op = 'put';
  readonly [STORED_BSON]: Stored;

  constructor(
    readonly db: string,
    readonly coll: string,
    stored: Stored,
  ) {
    this[STORED_BSON] = stored;
  }

  get doc(): Document {
    return decodeDocument(this[STORED_BSON]);
  }

  /** What `bson.serialize` writes for it: the plain record (bson calls toBSON). */
  toBSON(): Document {
    return { op: this.op, db: this.db, coll: this.coll, doc: this.doc };
  }
}

function putRecord(db: string, coll: string, stored: Stored): JournalRecord {
  return new StoredPut(db, coll, stored);
}

export class LatestWriter implements Writer {
  readonly inTransaction = false;
  readonly records: JournalRecord[] = [];
  /** Collections whose new version must be published (collKey -> [db, name]). */
  readonly touched = new Map<string, [string, string]>();

  constructor(private readonly catalog: Catalog) {}

  private touch(db: string, name: string): void {
    this.touched.set(collKey(db, name), [db, name]);
  }

  collection(db: string, name: string): CollectionData | undefined {
    return this.catalog.get(db, name);
  }

  ensureCollection(db: string, name: string): CollectionData {
    return this.catalog.get(db, name) ?? this.createCollection(db, name, {});
  }

  createCollection(db: string, name: string, options: Document): CollectionData {
    if (this.catalog.get(db, name)) throw namespaceExists(db, name);
    const data = CollectionData.create(db, name, options);
    this.catalog.set(db, name, data);
    this.records.push({ op: 'createColl', db, coll: name, options });
    this.touch(db, name);
    return data;
  }

  insert(coll: CollectionData, doc: Document): void {
    const stored = encodeDocument(doc);
    coll.insert(doc, stored);
    this.records.push(putRecord(coll.db, coll.name, stored));
    this.touch(coll.db, coll.name);
  }

  update(coll: CollectionData, rid: number, oldDoc: Document, newDoc: Document): void {
    if (!bsonEquals(oldDoc._id, newDoc._id)) throw immutableIdError();
    const stored = encodeDocument(newDoc, 'Resulting document after update is');
    coll.update(rid, oldDoc, newDoc, stored);
    this.records.push(putRecord(coll.db, coll.name, stored));
    this.touch(coll.db, coll.name);
  }

  remove(coll: CollectionData, rid: number, oldDoc: Document): void {
    coll.remove(rid, oldDoc);
    this.records.push({ op: 'del', db: coll.db, coll: coll.name, id: oldDoc._id });
    this.touch(coll.db, coll.name);
  }

  createIndex(coll: CollectionData, spec: IndexSpec): void {
    coll.addIndex(spec);
    this.records.push({ op: 'createIndex', db: coll.db, coll: coll.name, spec });
    this.touch(coll.db, coll.name);
  }

  dropIndex(coll: CollectionData, name: string): void {
    coll.dropIndex(name);
    this.records.push({ op: 'dropIndex', db: coll.db, coll: coll.name, name });
    this.touch(coll.db, coll.name);
  }

  dropCollection(db: string, name: string): boolean {
    if (!this.catalog.get(db, name)) return false;
    this.catalog.delete(db, name);
    this.records.push({ op: 'dropColl', db, coll: name });
    this.touch(db, name);
    return true;
  }

  dropDatabase(db: string): void {
    const colls = this.catalog.dbs.get(db);
    if (!colls) return;
    for (const name of [...colls.keys()]) {
      this.catalog.delete(db, name);
      this.touch(db, name);
    }
    this.records.push({ op: 'dropDb', db });
  }

  renameCollection(fromDb: string, from: string, toDb: string, to: string, dropTarget: boolean): void {
    const src = this.catalog.get(fromDb, from);
    if (!src) throw sourceMissing(fromDb, from);
    if (fromDb === toDb && from === to) throw new MongoError(ErrorCodes.IllegalOperation, "Can't rename a collection to itself");
    if (this.catalog.get(toDb, to)) {
      if (!dropTarget) throw new MongoError(ErrorCodes.NamespaceExists, 'target namespace exists');
      this.dropCollection(toDb, to);
    }
    const moved = src.renamed(toDb, to);
    this.catalog.delete(fromDb, from);
    this.catalog.set(toDb, to, moved);
    // The journal has no rename record: the target is written out whole, then the source dropped.
    this.records.push({ op: 'createColl', db: toDb, coll: to, options: moved.options });
    for (const spec of moved.secondarySpecs()) this.records.push({ op: 'createIndex', db: toDb, coll: to, spec });
    for (const buf of moved.docs.values()) this.records.push(putRecord(toDb, to, buf));
    this.records.push({ op: 'dropColl', db: fromDb, coll: from });
    this.touch(fromDb, from);
    this.touch(toDb, to);
  }
}
