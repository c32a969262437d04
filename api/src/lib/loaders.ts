/**
 * DataLoader factories. One set is made per request (never module-level), so each request
 * sees fresh data and N parents cost one `$in` query per kind of child.
 */
import DataLoader from 'dataloader';
import { trusted } from 'mongoose';
import { findRecords, type AnyModel } from './raw-read.js';
import { isId, oid } from './records.js';

/**
 * A by-id loader that can also answer synchronously for ids this request has already loaded.
 * A list resolving the same few units or platforms for a thousand nodes then makes a promise
 * only for the first of each (graphql-js settles every promise-valued field separately).
 */
export class RecordLoader<R extends { id: string }> extends DataLoader<string, R | null> {
  private readonly loaded = new Map<string, R | null>();

  constructor(batch: (ids: readonly string[]) => Promise<(R | null)[]>) {
    super(async (ids) => {
      const rows = await batch(ids);
      ids.forEach((id, i) => this.loaded.set(id, rows[i]));
      return rows;
    });
  }

  /** The record (or null) if already loaded in this request, else a promise of it. */
  get(id: string): R | null | Promise<R | null> {
    const hit = this.loaded.get(id);
    return hit !== undefined ? hit : this.load(id);
  }

  override prime(id: string, value: R | null | Error): this {
    if (!(value instanceof Error) && !this.loaded.has(id)) this.loaded.set(id, value);
    return super.prime(id, value);
  }

  override clear(id: string): this {
    this.loaded.delete(id);
    return super.clear(id);
  }

  override clearAll(): this {
    this.loaded.clear();
    return super.clearAll();
  }
}

/**
 * A small reference table (units, platforms, industry chains, liaison leaders: dozens of rows
 * in a district) read whole, once per request, on first use. Every later lookup in the request
 * is synchronous, and a page costs one query per table however its rows are spread across the
 * levels of the answer (a by-id loader batches per level, so lead units and node units would be
 * two queries, or one, depending on the data).
 */
export class ReferenceLoader<R extends { id: string }> {
  private rows: Map<string, R> | null = null;
  private pending: Promise<Map<string, R>> | null = null;

  constructor(private readonly fetchAll: () => Promise<R[]>) {}

  private table(): Promise<Map<string, R>> {
    return (this.pending ??= this.fetchAll().then((list) => (this.rows = new Map(list.map((r) => [r.id, r])))));
  }

  /** The record (or null) once the table is read, else a promise of it. */
  get(id: string): R | null | Promise<R | null> {
    return this.rows ? (this.rows.get(id) ?? null) : this.load(id);
  }

  async load(id: string): Promise<R | null> {
    return (await this.table()).get(id) ?? null;
  }

  async loadMany(ids: readonly string[]): Promise<(R | null)[]> {
    const rows = await this.table();
    return ids.map((id) => rows.get(id) ?? null);
  }
}

export function referenceLoader<D, R extends { id: string }>(model: AnyModel, map: (doc: D) => R) {
  return new ReferenceLoader<R>(async () => (await findRecords<D>(model, {})).map(map));
}

/**
 * Loads documents by id, mapped to records; unknown ids give null. `map` receives the decoded
 * document (`D`: the stored shape with `id` for `_id` and ids as hex strings, see raw-read.ts).
 */
export function byIdLoader<D, R extends { id: string }>(model: AnyModel, map: (doc: D) => R, projection?: Record<string, 0 | 1>) {
  return new RecordLoader<R>(async (ids) => {
    const valid = ids.filter(isId);
    const docs = valid.length ? await findRecords<D>(model, { _id: trusted({ $in: valid.map(oid) }) }, { projection }) : [];
    const byId = new Map<string, R>();
    for (const d of docs) {
      const r = map(d);
      byId.set(r.id, r);
    }
    return ids.map((id) => byId.get(id) ?? null);
  });
}

/** Loads the children of many parents with one query on `field`, grouped per parent. */
export function groupLoader<D, R>(
  model: AnyModel,
  field: string,
  map: (doc: D) => R,
  key: (r: R) => string | string[],
  sort: Record<string, 1 | -1>,
  projection?: Record<string, 0 | 1>,
) {
  return new DataLoader<string, R[]>(async (parentIds) => {
    const valid = parentIds.filter(isId);
    const docs = valid.length ? await findRecords<D>(model, { [field]: trusted({ $in: valid.map(oid) }) }, { sort, projection }) : [];
    const groups = new Map<string, R[]>();
    for (const d of docs) {
      const r = map(d);
      const keys = key(r);
      for (const k of Array.isArray(keys) ? keys : [keys]) {
        const g = groups.get(k);
        if (g) g.push(r);
        else groups.set(k, [r]);
      }
    }
    return parentIds.map((id) => groups.get(id) ?? []);
  });
}
