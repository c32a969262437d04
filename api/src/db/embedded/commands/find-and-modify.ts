/**
 * findAndModify: update, upsert or remove the first document in `sort` order and return it
 * (before or, with `new`, after the change), optionally projected by `fields`.
 */
import type { Document } from 'bson';
import { ErrorCodes, MongoError } from '../errors.js';
import type { CollectionData } from '../engine/collection.js';
import { decodeDocument, type Stored } from '../engine/doc-codec.js';
import { collectMatches, matches } from '../engine/executor.js';
import { planQuery } from '../engine/planner.js';
import { compileProjection, compileSort } from '../engine/query-api.js';
import { bool, collectionName, optDoc } from './args.js';
import type { CommandContext, CommandHandler } from './context.js';
import { runUpdate } from './write.js';

/** The first match in sort order, read completely before anything changes. */
function firstMatch(ctx: CommandContext, coll: CollectionData, query: Document, sort: Document | undefined): { rid: number; buf: Stored }[] {
  const s = sort && Object.keys(sort).length ? sort : null;
  const plan = planQuery(coll, query, { sort: s });
  if (!s || plan.sortProvided) return collectMatches(coll, query, plan, ctx.engine.stats, 1);
  const cmp = compileSort(s);
  let best: { rid: number; buf: Stored; doc: Document } | null = null;
  for (const m of matches(coll, query, plan, ctx.engine.stats, { extraFields: Object.keys(s) })) {
    const doc = m.doc ?? {};
    if (!best || cmp(doc, best.doc) < 0) best = { rid: m.rid, buf: m.buf, doc };
  }
  return best ? [best] : [];
}

async function findAndModify(ctx: CommandContext): Promise<Document> {
  const b = ctx.body;
  const name = collectionName(b, Object.keys(b)[0]);
  const query = optDoc(b, 'query') ?? {};
  const sort = optDoc(b, 'sort');
  const fields = optDoc(b, 'fields');
  const remove = bool(b, 'remove');
  const returnNew = bool(b, 'new');
  const upsert = bool(b, 'upsert');
  const update = b.update as Document | Document[] | undefined;
  if (remove && update !== undefined) throw new MongoError(ErrorCodes.FailedToParse, 'Cannot specify both an update and remove=true');
  if (!remove && update === undefined) throw new MongoError(ErrorCodes.FailedToParse, 'Either an update or remove=true must be specified');
  if (remove && upsert) throw new MongoError(ErrorCodes.FailedToParse, 'Cannot specify both upsert=true and remove=true');
  if (remove && returnNew) throw new MongoError(ErrorCodes.FailedToParse, 'Cannot specify both new=true and remove=true; \'remove\' always returns the deleted document');
  const project = fields && Object.keys(fields).length ? compileProjection(fields, query) : (d: Document) => d;

  const result = await ctx.write((w) => {
    const coll = w.collection(ctx.db, name);
    if (remove) {
      ctx.rt.counters.delete++;
      const target = coll ? firstMatch(ctx, coll, query, sort)[0] : undefined;
      if (!target) return { lastErrorObject: { n: 0 }, value: null };
      const old = decodeDocument(target.buf);
      w.remove(coll!, target.rid, old);
      return { lastErrorObject: { n: 1 }, value: project(old) };
    }
    ctx.rt.counters.update++;
    const o = runUpdate(ctx, w, name, { q: query, u: update!, upsert, multi: false, arrayFilters: b.arrayFilters as Document[] | undefined }, (c) =>
      firstMatch(ctx, c, query, sort),
    );
    if (o.upsertedId !== undefined) {
      return {
        lastErrorObject: { n: 1, updatedExisting: false, upserted: o.upsertedId },
        value: returnNew && o.after ? project(o.after) : null,
      };
    }
    if (!o.matched) return { lastErrorObject: { n: 0, updatedExisting: false }, value: null };
    const doc = returnNew ? o.after : o.before;
    return { lastErrorObject: { n: 1, updatedExisting: true }, value: doc ? project(doc) : null };
  });
  return { lastErrorObject: result.lastErrorObject, value: result.value, ok: 1 };
}

export const findAndModifyCommands: Record<string, CommandHandler> = { findAndModify, findandmodify: findAndModify };
