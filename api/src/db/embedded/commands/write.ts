/**
 * insert, update, delete. Each command runs as one engine write (one journal batch).
 * Per-statement failures are reported MongoDB's way: `ok: 1` with `writeErrors`, stopping
 * at the first one when `ordered` (the default), and the statements before it stay done.
 */
import type { Document } from 'bson';
import { ErrorCodes, isMongoError, MongoError } from '../errors.js';
import { decodeDocument, type Stored } from '../engine/doc-codec.js';
import { collectMatches } from '../engine/executor.js';
import { planQuery } from '../engine/planner.js';
import type { Writer } from '../engine/writer.js';
import { bool, collectionName, docArray, docStream, num } from './args.js';
import type { CommandContext, CommandHandler } from './context.js';
import { updatedDocument, upsertDocument, withIdFirst, isReplacement } from './doc-rules.js';

function checkBatch(items: { length: number }, what: string): void {
  if (items.length === 0 || items.length > 100_000) {
    throw new MongoError(ErrorCodes.InvalidLength, `Write batch sizes must be between 1 and 100000. Got ${items.length} ${what}.`);
  }
}

/**
 * Run statements, collecting MongoError failures as writeErrors. Errors that carry labels
 * (a transaction's write conflict) fail the whole command instead, as in MongoDB, so the
 * driver sees the TransientTransactionError label and can retry the transaction.
 */
function eachStatement<T>(items: readonly T[] | { readonly length: number; get(i: number): T }, ordered: boolean, run: (item: T, index: number) => void): Document[] {
  const writeErrors: Document[] = [];
  const stream = Array.isArray(items) ? null : (items as { get(i: number): T });
  for (let i = 0; i < items.length; i++) {
    try {
      run(stream ? stream.get(i) : (items as readonly T[])[i], i);
    } catch (e) {
      if (!isMongoError(e) || e.errorLabels.length) throw e;
      writeErrors.push(e.toWriteError(i));
      if (ordered) break;
    }
  }
  return writeErrors;
}

function withErrors(reply: Document, writeErrors: Document[]): Document {
  if (writeErrors.length) reply.writeErrors = writeErrors;
  return reply;
}

async function insert(ctx: CommandContext): Promise<Document> {
  const name = collectionName(ctx.body, 'insert');
  const docs = docStream(ctx.body, 'documents');
  checkBatch(docs, 'operations');
  const ordered = bool(ctx.body, 'ordered', true);
  ctx.rt.counters.insert += docs.length;
  const { n, writeErrors } = await ctx.write((w) => {
    const coll = w.ensureCollection(ctx.db, name);
    let n = 0;
    const writeErrors = eachStatement(docs, ordered, (doc) => {
      w.insert(coll, withIdFirst(doc));
      n++;
    });
    return { n, writeErrors };
  });
  return withErrors({ n, ok: 1 }, writeErrors);
}

interface UpdateStatement {
  q: Document;
  u: Document | Document[];
  upsert?: boolean;
  multi?: boolean;
  arrayFilters?: Document[];
}

interface UpdateOutcome {
  matched: number;
  modified: number;
  upsertedId?: unknown;
  /** The document before / after (findAndModify wants them). */
  before?: Document;
  after?: Document;
}

/** One update statement against a writer; shared with findAndModify. */
export function runUpdate(ctx: CommandContext, w: Writer, name: string, s: UpdateStatement, pick?: (coll: NonNullable<ReturnType<Writer['collection']>>) => { rid: number; buf: Stored }[]): UpdateOutcome {
  if (typeof s.q !== 'object' || s.q === null) throw new MongoError(ErrorCodes.FailedToParse, 'The update statement needs a query (q)');
  if (s.u === undefined || s.u === null) throw new MongoError(ErrorCodes.FailedToParse, 'The update statement needs an update (u)');
  if (s.multi && isReplacement(s.u)) throw new MongoError(ErrorCodes.FailedToParse, 'multi update is not supported for replacement-style update');
  const spec = { u: s.u, arrayFilters: s.arrayFilters, filter: s.q };
  const coll = w.collection(ctx.db, name);
  const out: UpdateOutcome = { matched: 0, modified: 0 };
  if (coll) {
    const targets = pick ? pick(coll) : collectMatches(coll, s.q, planQuery(coll, s.q), ctx.engine.stats, s.multi ? Infinity : 1);
    for (const m of targets) {
      const old = decodeDocument(m.buf);
      const { doc, changed } = updatedDocument(old, spec);
      out.matched++;
      out.before = old;
      out.after = doc;
      if (changed) {
        w.update(coll, m.rid, old, doc);
        out.modified++;
      }
    }
  }
  if (out.matched === 0 && s.upsert) {
    const doc = upsertDocument(spec);
    w.insert(w.ensureCollection(ctx.db, name), doc);
    out.upsertedId = doc._id;
    out.after = doc;
  }
  return out;
}

async function update(ctx: CommandContext): Promise<Document> {
  const name = collectionName(ctx.body, 'update');
  const stmts = docArray(ctx.body, 'updates');
  checkBatch(stmts, 'operations');
  const ordered = bool(ctx.body, 'ordered', true);
  ctx.rt.counters.update += stmts.length;
  const r = await ctx.write((w) => {
    let n = 0;
    let nModified = 0;
    const upserted: Document[] = [];
    const writeErrors = eachStatement(stmts, ordered, (raw, index) => {
      const s: UpdateStatement = {
        q: raw.q as Document,
        u: raw.u as Document,
        upsert: bool(raw, 'upsert'),
        multi: bool(raw, 'multi'),
        arrayFilters: raw.arrayFilters as Document[] | undefined,
      };
      const o = runUpdate(ctx, w, name, s);
      n += o.matched;
      nModified += o.modified;
      if (o.upsertedId !== undefined) {
        n++;
        upserted.push({ index, _id: o.upsertedId });
      }
    });
    return { n, nModified, upserted, writeErrors };
  });
  const reply: Document = { n: r.n, nModified: r.nModified };
  if (r.upserted.length) reply.upserted = r.upserted;
  reply.ok = 1;
  return withErrors(reply, r.writeErrors);
}

async function remove(ctx: CommandContext): Promise<Document> {
  const name = collectionName(ctx.body, 'delete');
  const stmts = docArray(ctx.body, 'deletes');
  checkBatch(stmts, 'operations');
  const ordered = bool(ctx.body, 'ordered', true);
  ctx.rt.counters.delete += stmts.length;
  const r = await ctx.write((w) => {
    let n = 0;
    const writeErrors = eachStatement(stmts, ordered, (raw) => {
      const q = raw.q as Document;
      if (typeof q !== 'object' || q === null) throw new MongoError(ErrorCodes.FailedToParse, 'The delete statement needs a query (q)');
      const limit = num(raw, 'limit', 0);
      if (limit !== 0 && limit !== 1) throw new MongoError(ErrorCodes.FailedToParse, 'The limit field in delete objects must be 0 or 1');
      const coll = w.collection(ctx.db, name);
      if (!coll) return;
      for (const m of collectMatches(coll, q, planQuery(coll, q), ctx.engine.stats, limit === 1 ? 1 : Infinity)) {
        w.remove(coll, m.rid, decodeDocument(m.buf));
        n++;
      }
    });
    return { n, writeErrors };
  });
  return withErrors({ n: r.n, ok: 1 }, r.writeErrors);
}

export const writeCommands: Record<string, CommandHandler> = { insert, update, delete: remove };
