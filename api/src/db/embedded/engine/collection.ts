/**
 * A collection's data: stored BSON documents (see doc-codec.ts) keyed by record id
 * (insertion order, like WiredTiger's natural order) and its indexes, `_id_` first.
 *
 * Instances are either mutable (the engine's latest state, a transaction's working copy)
 * or frozen (a published version that readers, cursors and snapshots hold). `clone()` is
 * O(number of indexes): the trees share nodes and copy them lazily on write. Stored
 * documents are immutable strings, so sharing them between versions is safe.
 */
import { Binary, type Document } from 'bson';
import { randomUUID } from 'node:crypto';
import type { IndexSpec } from '../types.js';
import { BTree } from './btree.js';
import { decodeDocument, fieldDecoder, type Stored } from './doc-codec.js';
import { IndexData, sameTuples } from './index-data.js';

export const ID_INDEX_SPEC: IndexSpec = { v: 2, key: { _id: 1 }, name: '_id_' };

function newUuid(): Binary {
  return new Binary(Buffer.from(randomUUID().replace(/-/g, ''), 'hex'), Binary.SUBTYPE_UUID);
}

const ridOrder = (a: number, b: number) => a - b;

export class CollectionData {
  frozen = false;

  private constructor(
    readonly db: string,
    readonly name: string,
    public options: Document,
    readonly uuid: Binary,
    public docs: BTree<number, Stored>,
    public indexes: IndexData[],
    public nextRid: number,
  ) {}

  static create(db: string, name: string, options: Document = {}): CollectionData {
    return new CollectionData(db, name, options, newUuid(), new BTree<number, Stored>(undefined, ridOrder), [IndexData.create(ID_INDEX_SPEC, true)], 1);
  }

  get ns(): string {
    return `${this.db}.${this.name}`;
  }

  get size(): number {
    return this.docs.size;
  }

  get idIndex(): IndexData {
    return this.indexes[0];
  }

  /** A mutable copy (O(#indexes)). */
  clone(): CollectionData {
    return new CollectionData(this.db, this.name, this.options, this.uuid, this.docs.clone(), this.indexes.map((i) => i.clone()), this.nextRid);
  }

  /** The same data under another name (renameCollection); a mutable copy. */
  renamed(db: string, name: string): CollectionData {
    return new CollectionData(db, name, this.options, this.uuid, this.docs.clone(), this.indexes.map((i) => i.clone()), this.nextRid);
  }

  /** A frozen copy: what gets published to readers. */
  snapshot(): CollectionData {
    const c = this.clone();
    c.frozen = true;
    return c;
  }

  private assertMutable(): void {
    if (this.frozen) throw new Error(`internal: write to a frozen version of ${this.ns}`);
  }

  index(name: string): IndexData | undefined {
    return this.indexes.find((i) => i.name === name);
  }

  ridById(id: unknown): number | undefined {
    const rids = this.idIndex.lookup([id]);
    return rids.length ? rids[0] : undefined;
  }

  getBuf(rid: number): Stored | undefined {
    return this.docs.get(rid);
  }

  /** Add a document; all index checks happen before anything changes. Returns its record id. */
  insert(doc: Document, buf: Stored): number {
    this.assertMutable();
    const rid = this.nextRid;
    const keys = this.indexes.map((ix) => ix.keysOf(doc));
    this.indexes.forEach((ix, i) => {
      const k = keys[i];
      if (k) ix.checkUnique(this.ns, k.tuples, rid);
    });
    this.nextRid++;
    this.indexes.forEach((ix, i) => {
      const k = keys[i];
      if (k) ix.add(k, rid);
    });
    this.docs.set(rid, buf);
    return rid;
  }

  /** Replace a document in place of `rid`; index checks happen before anything changes. */
  update(rid: number, oldDoc: Document, newDoc: Document, newBuf: Stored): void {
    this.assertMutable();
    const changes: { ix: IndexData; before: ReturnType<IndexData['keysOf']>; after: ReturnType<IndexData['keysOf']> }[] = [];
    for (const ix of this.indexes) {
      const before = ix.keysOf(oldDoc);
      const after = ix.keysOf(newDoc);
      if (before && after && sameTuples(before.tuples, after.tuples)) continue;
      if (!before && !after) continue;
      changes.push({ ix, before, after });
    }
    for (const c of changes) if (c.after) c.ix.checkUnique(this.ns, c.after.tuples, rid);
    for (const c of changes) {
      if (c.before) c.ix.remove(c.before.tuples, rid);
      if (c.after) c.ix.add(c.after, rid);
    }
    this.docs.set(rid, newBuf);
  }

  remove(rid: number, oldDoc?: Document): void {
    this.assertMutable();
    const buf = this.docs.get(rid);
    if (!buf) return;
    const doc = oldDoc ?? decodeDocument(buf);
    for (const ix of this.indexes) {
      const k = ix.keysOf(doc);
      if (k) ix.remove(k.tuples, rid);
    }
    this.docs.delete(rid);
  }

  /** Build a new index over the current documents; throws (and adds nothing) on a duplicate. */
  addIndex(spec: IndexSpec): IndexData {
    this.assertMutable();
    const ix = IndexData.create(spec);
    // Only the indexed top-level fields are needed, unless a partial filter looks at more.
    const decode = ix.partial ? decodeDocument : fieldDecoder(ix.paths.map((p) => p[0]));
    for (const [rid, buf] of this.docs.entries()) {
      const k = ix.keysOf(decode(buf));
      if (!k) continue;
      ix.checkUnique(this.ns, k.tuples, rid);
      ix.add(k, rid);
    }
    this.indexes.push(ix);
    return ix;
  }

  dropIndex(name: string): void {
    this.assertMutable();
    this.indexes = this.indexes.filter((i) => i.name !== name);
  }

  /** Index specs except `_id_`, as storage and listIndexes want them. */
  secondarySpecs(): IndexSpec[] {
    return this.indexes.slice(1).map((i) => i.spec);
  }
}
