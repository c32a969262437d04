/**
 * Databases and their collections. Two shapes:
 *  - `Catalog`: mutable maps of mutable collections (the engine's latest state, a
 *    transaction's working set);
 *  - `FrozenRoot`: an immutable map of maps of frozen collections. A new root is made for
 *    every published write (copying only the maps on the path), so whoever holds a root
 *    holds a consistent snapshot of every collection at once, for free.
 */
import type { Document } from 'bson';
import type { ServerState } from '../types.js';
import { CollectionData } from './collection.js';
import { decodeDocument } from './doc-codec.js';

export type FrozenRoot = ReadonlyMap<string, ReadonlyMap<string, CollectionData>>;

export const EMPTY_ROOT: FrozenRoot = new Map();

/** Read access to one consistent state. Collections from `collection()` may be iterated lazily. */
export interface ReadView {
  collection(db: string, name: string): CollectionData | undefined;
  collectionNames(db: string): string[];
  databaseNames(): string[];
}

export function rootView(root: FrozenRoot): ReadView {
  return {
    collection: (db, name) => root.get(db)?.get(name),
    collectionNames: (db) => [...(root.get(db)?.keys() ?? [])],
    databaseNames: () => [...root.keys()],
  };
}

export class Catalog {
  readonly dbs = new Map<string, Map<string, CollectionData>>();

  get(db: string, name: string): CollectionData | undefined {
    return this.dbs.get(db)?.get(name);
  }

  set(db: string, name: string, data: CollectionData): void {
    let colls = this.dbs.get(db);
    if (!colls) {
      colls = new Map();
      this.dbs.set(db, colls);
    }
    colls.set(name, data);
  }

  delete(db: string, name: string): void {
    const colls = this.dbs.get(db);
    if (!colls) return;
    colls.delete(name);
    if (colls.size === 0) this.dbs.delete(db); // MongoDB has no empty databases
  }

  /** A mutable catalog holding mutable copies of a frozen root's collections. */
  static fromRoot(root: FrozenRoot): Catalog {
    const c = new Catalog();
    for (const [db, colls] of root) for (const [name, data] of colls) c.set(db, name, data.clone());
    return c;
  }

  /** Frozen copies of everything (O(collections x indexes)). */
  freeze(): FrozenRoot {
    const root = new Map<string, Map<string, CollectionData>>();
    for (const [db, colls] of this.dbs) {
      const m = new Map<string, CollectionData>();
      for (const [name, data] of colls) m.set(name, data.snapshot());
      root.set(db, m);
    }
    return root;
  }
}

/** Replace (or remove, with null) some collections of a root, copying only what changes. */
export function withCollections(root: FrozenRoot, changes: Iterable<[string, string, CollectionData | null]>): FrozenRoot {
  const next = new Map(root) as Map<string, ReadonlyMap<string, CollectionData>>;
  const copied = new Set<string>();
  for (const [db, name, data] of changes) {
    let colls = next.get(db) as Map<string, CollectionData> | undefined;
    if (!copied.has(db)) {
      colls = new Map(colls ?? []);
      copied.add(db);
      next.set(db, colls);
    }
    if (data) colls!.set(name, data);
    else colls!.delete(name);
  }
  for (const db of copied) if (next.get(db)!.size === 0) next.delete(db);
  return next;
}

/** The state as storage wants it; documents are decoded lazily from frozen versions. */
export function toServerState(root: FrozenRoot): ServerState {
  const state: ServerState = new Map();
  for (const [db, colls] of root) {
    const collections = new Map();
    for (const [name, data] of colls) {
      collections.set(name, {
        options: data.options,
        indexes: data.secondarySpecs(),
        docs: {
          *[Symbol.iterator](): Iterator<Document> {
            for (const buf of data.docs.values()) yield decodeDocument(buf);
          },
        },
      });
    }
    state.set(db, { collections });
  }
  return state;
}
