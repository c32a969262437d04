/**
 * DataLoader factories. One set is made per request (never module-level), so each request
 * sees fresh data and N parents cost one `$in` query per kind of child.
 */
import DataLoader from 'dataloader';
import { trusted, type Model } from 'mongoose';
import { isId, oid } from './records.js';

/** Loads documents by id, mapped to records; unknown ids give null. */
export function byIdLoader<D, R extends { id: string }>(model: Model<D>, map: (doc: D) => R, projection?: Record<string, 0 | 1>) {
  return new DataLoader<string, R | null>(async (ids) => {
    const valid = ids.filter(isId);
    const docs = valid.length
      ? ((await model.find({ _id: trusted({ $in: valid.map(oid) }) }, projection).batchSize(100_000).lean()) as D[])
      : [];
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
  model: Model<D>,
  field: string,
  map: (doc: D) => R,
  key: (r: R) => string | string[],
  sort: Record<string, 1 | -1>,
  projection?: Record<string, 0 | 1>,
) {
  return new DataLoader<string, R[]>(async (parentIds) => {
    const valid = parentIds.filter(isId);
    const docs = valid.length
      ? // One batch: the children of a page come back in a single round trip, not 101 then getMore.
        ((await model.find({ [field]: trusted({ $in: valid.map(oid) }) }, projection).sort(sort).batchSize(100_000).lean()) as D[])
      : [];
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
