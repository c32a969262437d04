/**
 * One index: a B+ tree of `[key values..., record id]` entries (see key-order.ts) plus the
 * rules deciding which documents it holds (sparse, partial) and which it refuses (unique).
 */
import { Binary, type Document } from 'bson';
import type { IndexSpec } from '../types.js';
import { BTree } from './btree.js';
import { duplicateKeyError } from './dup-key.js';
import { extractKeys, type DocKeys } from './index-keys.js';
import { entryComparator, MAX, MIN, sameKey, type IndexEntry } from './key-order.js';
import { compileFilter } from './query-api.js';

/** Key types the engine indexes by value; others (text, geo) are kept but never planned. */
const PLANNABLE = new Set(['number', 'hashed']);

export function keyFieldsOf(key: Document): string[] {
  return Object.keys(key);
}

/** What never changes for an index: computed once, shared by every version of it. */
class IndexShape {
  readonly name: string;
  readonly fields: string[];
  readonly paths: string[][];
  /** Each field's declared direction: the order its values take in the tree. */
  readonly dirs: (1 | -1)[];
  readonly unique: boolean;
  readonly sparse: boolean;
  readonly partial: ((doc: Document) => boolean) | null;
  readonly plannable: boolean;
  readonly compare: (a: IndexEntry, b: IndexEntry) => number;

  constructor(
    readonly spec: IndexSpec,
    readonly isId: boolean,
  ) {
    this.name = spec.name;
    this.fields = keyFieldsOf(spec.key);
    this.paths = this.fields.map((f) => f.split('.'));
    this.dirs = Object.values(spec.key).map((v) => (Number(v) < 0 ? -1 : 1));
    this.unique = isId || spec.unique === true;
    this.sparse = spec.sparse === true;
    this.partial = spec.partialFilterExpression ? compileFilter(spec.partialFilterExpression) : null;
    const kinds = Object.values(spec.key).map((v) => (typeof v === 'string' ? v : 'number'));
    this.plannable = !this.partial && kinds.every((k) => PLANNABLE.has(k));
    this.compare = entryComparator(this.dirs);
  }
}

export class IndexData {
  private constructor(
    private readonly shape: IndexShape,
    public tree: BTree<IndexEntry, undefined>,
    /** Per field: some document had an array there (MongoDB's multikeyPaths). Never reset. */
    private multikeyFields: boolean[],
  ) {}

  static create(spec: IndexSpec, isId = false): IndexData {
    const shape = new IndexShape(spec, isId);
    return new IndexData(shape, new BTree<IndexEntry, undefined>(undefined, shape.compare), shape.fields.map(() => false));
  }

  /** Some field is multikey. */
  get multikey(): boolean {
    return this.multikeyFields.includes(true);
  }

  /** Field `i` is multikey: its bounds cannot be intersected and it provides no sort. */
  isMultikeyField(i: number): boolean {
    return this.multikeyFields[i];
  }

  get spec(): IndexSpec {
    return this.shape.spec;
  }
  get isId(): boolean {
    return this.shape.isId;
  }
  get name(): string {
    return this.shape.name;
  }
  get fields(): string[] {
    return this.shape.fields;
  }
  get paths(): string[][] {
    return this.shape.paths;
  }
  get dirs(): (1 | -1)[] {
    return this.shape.dirs;
  }
  get unique(): boolean {
    return this.shape.unique;
  }
  get sparse(): boolean {
    return this.shape.sparse;
  }
  get partial(): ((doc: Document) => boolean) | null {
    return this.shape.partial;
  }
  /** Usable by the planner (plain ascending/descending or hashed keys, no partial filter). */
  get plannable(): boolean {
    return this.shape.plannable;
  }
  /** The order of this index's entries (search keys may hold Bound sentinels). */
  get compare(): (a: IndexEntry, b: IndexEntry) => number {
    return this.shape.compare;
  }

  /** An independent copy sharing nodes until either side changes (O(1)). */
  clone(): IndexData {
    return new IndexData(this.shape, this.tree.clone(), [...this.multikeyFields]);
  }

  get size(): number {
    return this.tree.size;
  }

  /** The key tuples `doc` has in this index, or null when the index leaves it out. */
  keysOf(doc: Document): DocKeys | null {
    if (this.partial && !this.partial(doc)) return null;
    const keys = extractKeys(doc, this.paths);
    if (this.sparse && !keys.present) return null;
    return keys;
  }

  /** Throws E11000 if another record already holds one of `tuples`. */
  checkUnique(ns: string, tuples: unknown[][], rid: number): void {
    if (!this.unique) return;
    for (const t of tuples) {
      const other = this.findOther(t, rid);
      if (other !== undefined) throw duplicateKeyError(ns, this.name, this.spec.key, this.fields, t);
    }
  }

  /** A record id other than `rid` whose key equals `tuple`. */
  private findOther(tuple: unknown[], rid: number): number | undefined {
    const n = this.fields.length;
    const found = this.tree.getRange([...tuple, -Infinity], [...tuple, Infinity], true, 2);
    for (const [entry] of found) {
      const r = entry[n] as number;
      if (r !== rid) return r;
    }
    return undefined;
  }

  add(keys: DocKeys, rid: number): void {
    if (keys.arrayField !== undefined) this.multikeyFields[keys.arrayField] = true;
    for (const t of keys.tuples) this.tree.set(entryOf(t, rid, true), undefined);
  }

  remove(tuples: unknown[][], rid: number): void {
    for (const t of tuples) this.tree.delete(entryOf(t, rid, false));
  }

  /** Record ids whose key equals `tuple` exactly (all fields given). */
  lookup(tuple: unknown[]): number[] {
    const n = this.fields.length;
    const out: number[] = [];
    this.tree.forRange([...tuple, -Infinity], [...tuple, Infinity], true, (entry) => {
      out.push(entry[n] as number);
    });
    return out;
  }

  /**
   * A search key just before (side -1) or after (+1), in the tree's order, every entry whose
   * leading values are `prefix`.
   */
  edgeKey(prefix: unknown[], side: -1 | 1): IndexEntry {
    const key: unknown[] = [...prefix];
    for (let i = prefix.length; i < this.fields.length; i++) key.push(side * this.dirs[i] < 0 ? MIN : MAX);
    key.push(side * Infinity);
    return key;
  }
}

/**
 * An entry `[...tuple, rid]` allocated at its exact size: a spread literal reserves room to
 * grow (17 slots for 2 values), and entries are most of an index's memory.
 */
function entryOf(tuple: unknown[], rid: number, stored: boolean): IndexEntry {
  if (tuple.length === 1) return [stored ? detach(tuple[0]) : tuple[0], rid];
  const e = new Array<unknown>(tuple.length + 1);
  for (let i = 0; i < tuple.length; i++) e[i] = stored ? detach(tuple[i]) : tuple[i];
  e[tuple.length] = rid;
  return e;
}

/**
 * bson decodes Binary values as views into the message they came in; an index key must not
 * pin a whole (up to 48 MB) request buffer for the life of the document.
 */
function detach(v: unknown): unknown {
  if (typeof v === 'object' && v !== null && (v as { _bsontype?: string })._bsontype === 'Binary') {
    const b = v as Binary;
    return new Binary(Buffer.from(b.buffer.subarray(0, b.position)), b.sub_type);
  }
  return v;
}

/** True when two key-tuple lists hold the same keys in the same order. */
export function sameTuples(a: unknown[][], b: unknown[][]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!sameKey(a[i], b[i])) return false;
  return true;
}
