/**
 * TTL indexes (`expireAfterSeconds`): like mongod's TTL monitor, a periodic pass deletes
 * documents whose indexed date is older than the limit (for an array of dates, the
 * earliest counts, which is what `$lt` on the array gives).
 */
import { decodeDocument } from './doc-codec.js';
import type { Engine } from './engine.js';
import { collectMatches } from './executor.js';
import { planQuery } from './planner.js';

export const TTL_INTERVAL_MS = 60_000;

/** Delete expired documents everywhere; returns how many. */
export async function expireDocuments(engine: Engine, now = new Date()): Promise<number> {
  const view = engine.view();
  const targets: { db: string; name: string; field: string; seconds: number }[] = [];
  for (const db of view.databaseNames()) {
    for (const name of view.collectionNames(db)) {
      for (const ix of view.collection(db, name)!.indexes) {
        const seconds = Number(ix.spec.expireAfterSeconds?.valueOf());
        if (ix.fields.length === 1 && Number.isFinite(seconds) && seconds >= 0) targets.push({ db, name, field: ix.fields[0], seconds });
      }
    }
  }
  if (!targets.length) return 0;
  return engine.write((w) => {
    let n = 0;
    for (const t of targets) {
      const coll = w.collection(t.db, t.name);
      if (!coll) continue;
      const filter = { [t.field]: { $lt: new Date(now.getTime() - t.seconds * 1000) } };
      for (const m of collectMatches(coll, filter, planQuery(coll, filter), engine.stats)) {
        w.remove(coll, m.rid, decodeDocument(m.buf));
        n++;
      }
    }
    return n;
  });
}
