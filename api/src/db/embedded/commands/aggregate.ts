/**
 * aggregate: a leading `$match` is answered by the planner (indexes, partial decoding), the
 * rest runs in the query layer's pipeline over decoded documents; `$lookup` reads other
 * collections of the same database from the same snapshot. The count pipeline drivers send
 * for countDocuments ([$match, ($skip), ($limit), $group {_id: const, n: {$sum: 1}}]), and the
 * same ending in `$count`, is answered without decoding whole documents.
 */
import { Int32, type Document } from 'bson';
import { ErrorCodes, MongoError } from '../errors.js';
import type { ReadView } from '../engine/catalog.js';
import type { CollectionData } from '../engine/collection.js';
import { decodeDocument } from '../engine/doc-codec.js';
import type { ExecStats } from '../engine/executor.js';
import { runBestPlan } from '../engine/multi-planner.js';
import { isPlainObject, runPipeline } from '../engine/query-api.js';
import { optDoc, toNumber } from './args.js';
import type { CommandContext, CommandHandler } from './context.js';
import { cursorReply, encodeAll } from './cursor-reply.js';

function stageName(stage: Document): string {
  return Object.keys(stage)[0] ?? '';
}

/**
 * The output of a counting last stage as a function of the count: `$group {_id: <constant>,
 * <name>: {$sum: 1}}` or `$count: <name>`; null for any other stage.
 */
function countOutput(stage: Document): ((n: number) => Document) | null {
  if (typeof stage.$count === 'string') {
    const field = stage.$count;
    return (n) => ({ [field]: new Int32(n) });
  }
  const g = stage.$group;
  if (!isPlainObject(g)) return null;
  const keys = Object.keys(g);
  if (keys.length !== 2 || keys[0] !== '_id') return null;
  const id = g._id;
  if ((typeof id === 'string' && id.startsWith('$')) || isPlainObject(id) || Array.isArray(id)) return null;
  const acc = g[keys[1]];
  if (!isPlainObject(acc) || Object.keys(acc).length !== 1 || toNumber(acc.$sum) !== 1) return null;
  return (n) => ({ _id: id, [keys[1]]: new Int32(n) });
}

function fastCount(coll: CollectionData | undefined, filter: Document, rest: Document[], stats: ExecStats): Document[] | null {
  let skip = 0;
  let limit = Infinity;
  let i = 0;
  for (; i < rest.length - 1; i++) {
    const name = stageName(rest[i]);
    const n = toNumber(rest[i][name]);
    if (name === '$skip' && n !== undefined && limit === Infinity) skip += n;
    else if (name === '$limit' && n !== undefined) limit = Math.min(limit, n);
    else return null;
  }
  const output = rest.length ? countOutput(rest[rest.length - 1]) : null;
  if (!output) return null;
  let n = 0;
  if (coll) {
    if (Object.keys(filter).length === 0) n = coll.size;
    else for (const _ of runBestPlan(coll, filter, {}, stats).stream) n++;
  }
  n = Math.min(Math.max(0, n - skip), limit);
  return n > 0 ? [output(n)] : [];
}

function lookupResolver(view: ReadView, db: string): (name: string) => Document[] {
  const cache = new Map<string, Document[]>();
  return (name) => {
    let docs = cache.get(name);
    if (!docs) {
      const c = view.collection(db, name);
      docs = c ? [...c.docs.values()].map((b) => decodeDocument(b)) : [];
      cache.set(name, docs);
    }
    return docs;
  };
}

const UNSUPPORTED_STAGES = new Set(['$out', '$merge']);

function aggregate(ctx: CommandContext): Document {
  const b = ctx.body;
  const pipeline = b.pipeline;
  if (!Array.isArray(pipeline)) throw new MongoError(ErrorCodes.TypeMismatch, "'pipeline' option must be specified as an array");
  for (const stage of pipeline) {
    if (!isPlainObject(stage) || Object.keys(stage).length !== 1) throw new MongoError(ErrorCodes.TypeMismatch, 'Each element of the \'pipeline\' array must be an object with one field');
    if (UNSUPPORTED_STAGES.has(stageName(stage))) throw new MongoError(ErrorCodes.InvalidPipelineOperator, `${stageName(stage)} is not supported by the embedded server`);
  }
  const cursorOpt = optDoc(b, 'cursor');
  if (!cursorOpt && b.explain !== true) throw new MongoError(ErrorCodes.FailedToParse, "The 'cursor' option is required, except for aggregate with the explain argument");
  const view = ctx.view();
  const target = b.aggregate;
  const dbLevel = typeof target !== 'string';
  if (dbLevel && toNumber(target) !== 1) throw new MongoError(ErrorCodes.InvalidNamespace, "aggregate needs a collection name or 1 for database-level aggregation");
  const name = dbLevel ? '$cmd.aggregate' : (target as string);
  const ns = `${ctx.db}.${name}`;
  const coll = dbLevel ? undefined : view.collection(ctx.db, name);

  if (b.explain === true) {
    return { explainVersion: '1', stages: pipeline, ok: 1 };
  }

  let filter: Document = {};
  let rest = pipeline as Document[];
  if (rest.length && stageName(rest[0]) === '$match' && isPlainObject(rest[0].$match)) {
    filter = rest[0].$match as Document;
    rest = rest.slice(1);
  }
  let results = dbLevel ? null : fastCount(coll, filter, rest, ctx.engine.stats);
  if (!results) {
    const input: Document[] = [];
    if (coll) {
      for (const m of runBestPlan(coll, filter, { matchOptions: () => ({ full: true }) }, ctx.engine.stats).stream) input.push(m.doc!);
    }
    const resolve = lookupResolver(view, ctx.db);
    const vars = optDoc(b, 'let');
    results = rest.length ? runPipeline(input, rest, { collection: resolve, now: new Date(), vars }) : input;
  }
  const batchSize = cursorOpt && cursorOpt.batchSize !== undefined ? toNumber(cursorOpt.batchSize) : undefined;
  return cursorReply(ctx, ns, encodeAll(results), { batchSize });
}

export const aggregateCommands: Record<string, CommandHandler> = { aggregate };
