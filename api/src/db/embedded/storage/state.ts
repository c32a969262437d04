/**
 * The state recovery rebuilds: a snapshot's contents, then journal records replayed on top.
 * Replay is idempotent per record (put upserts by `_id`, deletes and drops of missing
 * things do nothing), as the engine wrote each record against the state it had then.
 */
import type { Document } from 'bson';
import type { IndexSpec, JournalRecord, ServerState } from '../types.js';
import { idKey } from './idkey.js';

interface MutableCollection {
  options: Document;
  indexes: IndexSpec[];
  docs: Map<string, Document>;
}

export class StateBuilder {
  private readonly dbs = new Map<string, Map<string, MutableCollection>>();

  /** A database that exists without collections (a snapshot may hold one). */
  ensureDb(db: string): void {
    if (!this.dbs.has(db)) this.dbs.set(db, new Map());
  }

  ensureCollection(db: string, coll: string, options: Document = {}): MutableCollection {
    this.ensureDb(db);
    const colls = this.dbs.get(db)!;
    let c = colls.get(coll);
    if (!c) {
      c = { options, indexes: [], docs: new Map() };
      colls.set(coll, c);
    }
    return c;
  }

  putDoc(db: string, coll: string, doc: Document): void {
    this.ensureCollection(db, coll).docs.set(idKey(doc._id), doc);
  }

  apply(r: JournalRecord): void {
    switch (r.op) {
      case 'put':
        this.putDoc(r.db, r.coll, r.doc);
        return;
      case 'del':
        this.dbs.get(r.db)?.get(r.coll)?.docs.delete(idKey(r.id));
        return;
      case 'createColl':
        this.ensureCollection(r.db, r.coll).options = r.options;
        return;
      case 'dropColl': {
        const colls = this.dbs.get(r.db);
        colls?.delete(r.coll);
        if (colls && colls.size === 0) this.dbs.delete(r.db); // MongoDB has no empty databases
        return;
      }
      case 'dropDb':
        this.dbs.delete(r.db);
        return;
      case 'createIndex': {
        const c = this.ensureCollection(r.db, r.coll);
        c.indexes = [...c.indexes.filter((s) => s.name !== r.spec.name), r.spec];
        return;
      }
      case 'dropIndex': {
        const c = this.dbs.get(r.db)?.get(r.coll);
        if (c) c.indexes = r.name === '*' ? [] : c.indexes.filter((s) => s.name !== r.name);
        return;
      }
    }
  }

  toServerState(): ServerState {
    const state: ServerState = new Map();
    for (const [db, colls] of this.dbs) {
      const collections = new Map();
      for (const [name, c] of colls) {
        collections.set(name, { options: c.options, indexes: c.indexes, docs: [...c.docs.values()] });
      }
      state.set(db, { collections });
    }
    return state;
  }
}
