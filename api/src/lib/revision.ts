/**
 * A per-document revision counter (`rev`) that every write through the model increments, so
 * that a process holding a decoded copy of a document can tell, from `{_id, rev}` alone, whether
 * the stored document still is the one it decoded (the metrics facts cache). Unlike `version`
 * (optimistic concurrency of user edits, deliberately left alone by index-only writes) and
 * `updatedAt` (a clock: two writes in one millisecond, or from a process whose clock lags, can
 * leave it equal), `rev` changes on every update, from any process.
 *
 * The counter is added by query and bulk-write middleware, so no call site can forget it:
 * updateOne, updateMany, findOneAndUpdate and bulkWrite's update operations get `$inc: {rev: 1}`;
 * `save()` of an existing document increments it. Forms that cannot carry an increment (a
 * replacement document, an update pipeline) are refused rather than written without it. Writes
 * that go around mongoose (`Model.collection.*`) are not seen: api/src keeps none for models
 * with this plugin (tests/api/facts-cache.test.ts checks the sources).
 */
import type { Schema } from 'mongoose';

const REFUSED = 'this model keeps a revision counter: use an update document with operators, not a replacement or a pipeline';

/** Adds `$inc: {rev: 1}` to an update document (in place); refuses forms that cannot carry it. */
function withRevision(update: unknown): Record<string, unknown> {
  if (!update || typeof update !== 'object' || Array.isArray(update)) throw new Error(REFUSED);
  const u = update as Record<string, unknown>;
  const keys = Object.keys(u);
  // mongoose wraps a document without operators into $set; with none at all it would replace.
  if (keys.length > 0 && !keys.some((k) => k.startsWith('$'))) {
    return { $set: u, $inc: { rev: 1 } };
  }
  const inc = (u.$inc ?? {}) as Record<string, unknown>;
  u.$inc = { ...inc, rev: 1 };
  return u;
}

export function revisionPlugin(schema: Schema): void {
  schema.add({ rev: { type: Number, default: 0 } });
  for (const op of ['updateOne', 'updateMany', 'findOneAndUpdate'] as const) {
    schema.pre(op, { query: true, document: false }, function (this: { getUpdate(): unknown; setUpdate(u: unknown): void }) {
      this.setUpdate(withRevision(this.getUpdate()));
    });
  }
  for (const op of ['replaceOne', 'findOneAndReplace'] as const) {
    schema.pre(op, { query: true, document: false }, function () {
      throw new Error(REFUSED);
    });
  }
  // Model middleware: mongoose's typings list only createCollection, but it runs bulkWrite's too.
  (schema as unknown as { pre(op: 'bulkWrite', fn: (ops: Record<string, { update?: unknown }>[]) => void): void }).pre('bulkWrite', (ops) => {
    for (const op of ops) {
      if (op.replaceOne) throw new Error(REFUSED);
      const w = op.updateOne ?? op.updateMany;
      if (w) w.update = withRevision(w.update);
    }
  });
  // $inc, not set(): a document loaded without `rev` (a projection) must not write a stale count.
  schema.pre('save', function (this: { isNew: boolean; $inc(path: string, by: number): unknown }) {
    if (!this.isNew) this.$inc('rev', 1);
  });
}
