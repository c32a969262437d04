/**
 * Aggregation pipelines over raw documents.
 *
 * A pipeline is compiled stage by stage first (so a malformed stage fails before any work, as
 * on the server) and then run eagerly over arrays. The stages whose semantics depend on BSON
 * order or types are native ($match, $sort, $group, $bucket, $lookup, ...); a few rare ones
 * mingo implements well ($bucketAuto, $densify, $fill, $setWindowFields, $graphLookup,
 * $redact) are delegated over plain copies, at the cost of Long/Decimal128 precision.
 */
import { Int32, Long, type Document } from 'bson';
import { Aggregator, ProcessingMode } from 'mingo';
import { ErrorCodes, MongoError } from '../errors.js';
import { isNumeric, isPlainObject } from './bsontype.js';
import { hashKey } from './compare.js';
import { fromPlain, toPlain } from './convert.js';
import { compile, type Fn } from './expr.js';
import { compileBucket, parseGroup, runGroup } from './group.js';
import { compileFilter } from './match.js';
import { toJsNumber } from './numeric.js';
import { getPathValues, splitPath } from './paths.js';
import { compileAddFields, compileProjectStage, compileUnset } from './projection.js';
import { parseSortSpec, sortDocuments } from './sort.js';
import * as mingoPipeline from 'mingo/operators/pipeline';

export interface PipelineContext {
  /** Documents of another collection of the same database ($lookup, $unionWith). */
  collection(name: string): Document[];
  /** The statement's clock ($$NOW); defaults to the time of the call. */
  now?: Date;
  /** Variables from the command's `let`. */
  vars?: Record<string, unknown>;
}

interface Run {
  collection(name: string): Document[];
  now: Date;
  vars: Record<string, unknown>;
}
type StageFn = (docs: Document[], run: Run) => Document[];

function fail(code: number, msg: string): MongoError {
  return new MongoError(code, msg);
}

const REMOVE = Symbol('remove');

/** Copy-on-write set of a dotted path in a document (intermediate non-documents are replaced). */
function setPath(doc: Record<string, unknown>, parts: string[], value: unknown, i = 0): Record<string, unknown> {
  const out = { ...doc };
  const k = parts[i];
  if (i === parts.length - 1) {
    if (value === REMOVE) delete out[k];
    else out[k] = value;
  } else {
    const child = doc[k];
    out[k] = setPath(isPlainObject(child) ? child : {}, parts, value, i + 1);
  }
  return out;
}

/** Field lookup through documents only (no array traversal), as $unwind reads its path. */
function getDocPath(doc: unknown, parts: string[]): unknown {
  let v = doc;
  for (const p of parts) {
    if (!isPlainObject(v)) return undefined;
    v = v[p];
  }
  return v;
}

function containsKey(v: unknown, key: string): boolean {
  if (Array.isArray(v)) return v.some((e) => containsKey(e, key));
  if (!isPlainObject(v)) return false;
  return Object.keys(v).some((k) => k === key || containsKey(v[k], key));
}

function fieldName(v: unknown, what: string): string {
  if (typeof v !== 'string' || v === '') throw fail(40156, `${what} must be a non-empty string`);
  if (v.startsWith('$')) throw fail(40158, `${what} cannot start with '$'`);
  return v;
}

function positiveInt(v: unknown, what: string, allowZero: boolean): number {
  const n = isNumeric(v) ? toJsNumber(v) : NaN;
  if (!Number.isInteger(n)) throw fail(15957, `${what} must be an integer value`);
  if (allowZero ? n < 0 : n <= 0) throw fail(allowZero ? 15956 : 15958, allowZero ? `Argument to $skip cannot be negative` : 'the limit must be positive');
  return n;
}

// ---- stages ----

function $match(spec: unknown): StageFn {
  if (!isPlainObject(spec)) throw fail(15959, 'the match filter must be an expression in an object');
  const m = compileFilter(spec);
  const scoped = containsKey(spec, '$expr');
  return (docs, run) => {
    const f = scoped ? compileFilter(spec, { scope: { vars: run.vars, now: run.now } }) : m;
    return docs.filter((d) => f(d));
  };
}

function $replaceRoot(expr: unknown, stage: string): StageFn {
  const fn = compile(expr);
  return (docs, run) =>
    docs.map((d) => {
      const r = fn(d, { root: d, vars: run.vars, now: run.now });
      if (!isPlainObject(r)) {
        throw fail(40228, `'newRoot' expression must evaluate to an object, but resulting value was: ${r === undefined ? 'MISSING' : String(r)}. Type of resulting value: '${r === undefined ? 'missing' : typeof r}'. Input document: ${stage}`);
      }
      return r;
    });
}

function $unwind(spec: unknown): StageFn {
  const s = typeof spec === 'string' ? { path: spec } : spec;
  if (!isPlainObject(s)) throw fail(15981, 'expected either a string or an object as specification for $unwind stage');
  const { path, includeArrayIndex, preserveNullAndEmptyArrays } = s;
  if (typeof path !== 'string' || !path.startsWith('$') || path.length < 2) {
    throw fail(28818, "path option to $unwind stage should be prefixed with a '$'");
  }
  const parts = splitPath(path.slice(1));
  const idxParts = includeArrayIndex === undefined ? undefined : splitPath(fieldName(includeArrayIndex, 'includeArrayIndex'));
  const preserve = preserveNullAndEmptyArrays === true;
  return (docs) => {
    const out: Document[] = [];
    for (const doc of docs) {
      const v = getDocPath(doc, parts);
      if (Array.isArray(v) && v.length > 0) {
        v.forEach((e, i) => {
          let d = setPath(doc, parts, e);
          if (idxParts) d = setPath(d, idxParts, Long.fromNumber(i));
          out.push(d);
        });
      } else if (v === undefined || v === null || Array.isArray(v)) {
        if (!preserve) continue;
        let d: Record<string, unknown> = Array.isArray(v) ? setPath(doc, parts, REMOVE) : doc;
        if (idxParts) d = setPath(d, idxParts, null);
        out.push(d);
      } else {
        out.push(idxParts ? setPath(doc, idxParts, null) : doc);
      }
    }
    return out;
  };
}

function $lookup(spec: unknown): StageFn {
  if (!isPlainObject(spec)) throw fail(ErrorCodes.FailedToParse, 'the $lookup specification must be an Object');
  const { from, localField, foreignField, as, pipeline } = spec;
  const asParts = splitPath(fieldName(as, "$lookup 'as'"));
  if ((localField === undefined) !== (foreignField === undefined)) {
    throw fail(ErrorCodes.FailedToParse, "$lookup requires both or neither of 'localField' and 'foreignField' to be specified");
  }
  if (localField === undefined && pipeline === undefined) {
    throw fail(ErrorCodes.FailedToParse, "$lookup requires either 'pipeline' or both 'localField' and 'foreignField' to be specified");
  }
  if (from !== undefined && typeof from !== 'string') throw fail(ErrorCodes.FailedToParse, "$lookup 'from' must be a string");
  if (pipeline !== undefined && !Array.isArray(pipeline)) throw fail(ErrorCodes.FailedToParse, "$lookup 'pipeline' must be an array");
  const sub = pipeline ? compileStages(pipeline as Document[], 'lookup') : undefined;
  const lets: [string, Fn][] = isPlainObject(spec.let) ? Object.entries(spec.let).map(([k, e]) => [k, compile(e)]) : [];
  const lf = localField === undefined ? undefined : fieldName(localField, "$lookup 'localField'");
  const ff = foreignField === undefined ? undefined : fieldName(foreignField, "$lookup 'foreignField'");
  const localNull = lf ? compileFilter({ [lf]: null }) : undefined;
  const foreignNull = ff ? compileFilter({ [ff]: null }) : undefined;

  return (docs, run) => {
    const foreign = from ? run.collection(from) : [];
    let index: Map<string, number[]> | undefined;
    if (ff) {
      // Hash the foreign side once per stage run: equality join on every reachable value.
      index = new Map();
      foreign.forEach((fd, i) => {
        const keys = getPathValues(fd, ff).map(hashKey);
        if (foreignNull!(fd)) keys.push('N');
        for (const k of new Set(keys)) {
          const list = index!.get(k);
          if (list) list.push(i);
          else index!.set(k, [i]);
        }
      });
    }
    return docs.map((doc) => {
      let matched: Document[] = foreign;
      if (index && lf) {
        const keys = getPathValues(doc, lf).map(hashKey);
        if (keys.length === 0 && localNull!(doc)) keys.push('N');
        const hits = new Set<number>();
        for (const k of keys) for (const i of index.get(k) ?? []) hits.add(i);
        matched = [...hits].sort((a, b) => a - b).map((i) => foreign[i]);
      }
      if (sub) {
        const vars = { ...run.vars };
        for (const [k, fn] of lets) vars[k] = fn(doc, { root: doc, vars: run.vars, now: run.now });
        matched = sub(matched, { collection: run.collection, now: run.now, vars });
      }
      return setPath(doc, asParts, matched);
    });
  };
}

function $facet(spec: unknown): StageFn {
  if (!isPlainObject(spec) || Object.keys(spec).length === 0) throw fail(40169, 'the $facet specification must be a non-empty object');
  const facets = Object.keys(spec).map((name) => {
    fieldName(name, '$facet output field');
    if (name.includes('.')) throw fail(40170, "$facet output field names cannot contain '.'");
    const p = spec[name];
    if (!Array.isArray(p)) throw fail(40170, `arguments to $facet must be arrays, ${name} is ${typeof p}`);
    return [name, compileStages(p as Document[], 'facet')] as const;
  });
  return (docs, run) => [Object.fromEntries(facets.map(([name, p]) => [name, p(docs, run)]))];
}

function $unionWith(spec: unknown): StageFn {
  const s = typeof spec === 'string' ? { coll: spec } : spec;
  if (!isPlainObject(s) || typeof s.coll !== 'string') throw fail(ErrorCodes.FailedToParse, "$unionWith requires a 'coll' string");
  const sub = Array.isArray(s.pipeline) ? compileStages(s.pipeline as Document[], 'lookup') : undefined;
  const coll = s.coll;
  return (docs, run) => {
    const other = run.collection(coll);
    return docs.concat(sub ? sub(other, run) : other);
  };
}

function $sample(spec: unknown): StageFn {
  if (!isPlainObject(spec)) throw fail(28745, 'the $sample stage specification must be an object');
  const size = isNumeric(spec.size) ? toJsNumber(spec.size) : NaN;
  if (!(size >= 0)) throw fail(28747, 'size argument to $sample must not be negative');
  return (docs) => {
    const a = docs.slice();
    const n = Math.min(Math.trunc(size), a.length);
    for (let i = 0; i < n; i++) {
      const j = i + Math.floor(Math.random() * (a.length - i));
      [a[i], a[j]] = [a[j], a[i]];
    }
    return a.slice(0, n);
  };
}

const MINGO_STAGES = new Set(['$bucketAuto', '$densify', '$fill', '$setWindowFields', '$graphLookup', '$redact']);
const UNSUPPORTED = new Set(['$out', '$merge', '$geoNear', '$search', '$searchMeta', '$vectorSearch', '$indexStats', '$collStats', '$currentOp', '$listSessions', '$listLocalSessions', '$changeStream', '$planCacheStats']);

/** mingo may emit _id after other fields ($bucketAuto); the server always puts it first. */
function idFirst(doc: Document): Document {
  const keys = Object.keys(doc);
  if (!('_id' in doc) || keys[0] === '_id') return doc;
  const { _id, ...rest } = doc;
  return { _id, ...rest };
}

/** A stage mingo implements, run over plain copies. */
function delegatedStage(name: string, spec: unknown): StageFn {
  if (!(mingoPipeline as Record<string, unknown>)[name]) throw fail(ErrorCodes.Location40324, `Unrecognized pipeline stage name: '${name}'`);
  const plainSpec = toPlain(spec);
  return (docs, run) => {
    const agg = new Aggregator([{ [name]: plainSpec }], {
      collectionResolver: (n: string) => run.collection(n).map((d) => toPlain(d) as Record<string, unknown>),
      processingMode: ProcessingMode.CLONE_INPUT,
      // mingo implements parts of $setWindowFields with its own $function; user code never
      // reaches it because BSON cannot carry a JS function.
      scriptEnabled: true,
      variables: toPlain(run.vars) as Record<string, unknown>,
    });
    try {
      return agg.run(docs.map((d) => toPlain(d) as Record<string, unknown>)).map((d) => idFirst(fromPlain(d) as Document));
    } catch (e) {
      throw fail(ErrorCodes.BadValue, `${name}: ${(e as Error).message}`);
    }
  };
}

function compileStage(name: string, spec: unknown): StageFn {
  switch (name) {
    case '$match':
      return $match(spec);
    case '$project': {
      const p = compileProjectStage(spec as Document);
      return (docs, run) => docs.map((d) => p(d, run.vars, run.now));
    }
    case '$addFields':
    case '$set': {
      const p = compileAddFields(spec as Document);
      return (docs, run) => docs.map((d) => p(d, run.vars, run.now));
    }
    case '$unset': {
      const p = compileUnset(spec);
      return (docs, run) => docs.map((d) => p(d, run.vars, run.now));
    }
    case '$replaceRoot':
      if (!isPlainObject(spec) || !('newRoot' in spec)) throw fail(40231, 'no newRoot specified for the $replaceRoot stage');
      return $replaceRoot(spec.newRoot, name);
    case '$replaceWith':
      return $replaceRoot(spec, name);
    case '$group': {
      const g = parseGroup(spec);
      return (docs, run) => runGroup(docs, g, run.vars, run.now);
    }
    case '$sort': {
      if (!isPlainObject(spec) || Object.keys(spec).length === 0) throw fail(15976, '$sort stage must have at least one sort key');
      parseSortSpec(spec);
      return (docs) => sortDocuments(docs, spec);
    }
    case '$limit': {
      const n = positiveInt(spec, 'the limit', false);
      return (docs) => docs.slice(0, n);
    }
    case '$skip': {
      const n = positiveInt(spec, 'the skip', true);
      return (docs) => docs.slice(n);
    }
    case '$unwind':
      return $unwind(spec);
    case '$count': {
      const name = fieldName(spec, 'the count field');
      if (name.includes('.')) throw fail(40160, "the count field cannot contain '.'");
      return (docs) => (docs.length ? [{ [name]: docs.length <= 2147483647 ? new Int32(docs.length) : Long.fromNumber(docs.length) }] : []);
    }
    case '$sortByCount': {
      const g = parseGroup({ _id: spec, count: { $sum: 1 } });
      return (docs, run) => sortDocuments(runGroup(docs, g, run.vars, run.now), { count: -1 });
    }
    case '$bucket': {
      const b = compileBucket(spec);
      return (docs, run) => b(docs, run.vars, run.now);
    }
    case '$lookup':
      return $lookup(spec);
    case '$facet':
      return $facet(spec);
    case '$unionWith':
      return $unionWith(spec);
    case '$sample':
      return $sample(spec);
    case '$documents': {
      const fn = compile(spec);
      return (_docs, run) => {
        const v = fn({}, { root: {}, vars: run.vars, now: run.now });
        if (!Array.isArray(v) || !v.every(isPlainObject)) throw fail(5858203, 'error during $documents evaluation: an array of objects is required');
        return v as Document[];
      };
    }
    default:
      if (MINGO_STAGES.has(name)) return delegatedStage(name, spec);
      if (UNSUPPORTED.has(name)) throw fail(ErrorCodes.IllegalOperation, `${name} is not supported by the embedded query engine`);
      throw fail(ErrorCodes.Location40324, `Unrecognized pipeline stage name: '${name}'`);
  }
}

const UPDATE_STAGES = new Set(['$addFields', '$set', '$project', '$unset', '$replaceRoot', '$replaceWith']);

/** Compile a pipeline into one function; `where` restricts the stages allowed. */
export function compileStages(pipeline: Document[], where: 'aggregate' | 'update' | 'lookup' | 'facet' = 'aggregate'): StageFn {
  if (!Array.isArray(pipeline)) throw fail(14, "'pipeline' option must be specified as an array");
  const stages = pipeline.map((stage) => {
    if (!isPlainObject(stage) || Object.keys(stage).length !== 1) {
      throw fail(40323, 'A pipeline stage specification object must contain exactly one field.');
    }
    const name = Object.keys(stage)[0];
    if (where === 'update' && !UPDATE_STAGES.has(name)) {
      throw fail(ErrorCodes.InvalidOptions, `${name} is not allowed to be used within an update`);
    }
    if (where === 'facet' && (name === '$facet' || name === '$out' || name === '$merge')) {
      throw fail(40600, `${name} is not allowed to be used within a $facet stage`);
    }
    return compileStage(name, stage[name]);
  });
  return (docs, run) => stages.reduce((acc, s) => s(acc, run), docs);
}

const compiledCache = new WeakMap<object, StageFn>();
const updateCache = new WeakMap<object, StageFn>();

/** Run an aggregation pipeline; results are raw documents (inputs are never mutated). */
export function runPipeline(input: Iterable<Document>, pipeline: Document[], ctx: PipelineContext): Document[] {
  let fn = compiledCache.get(pipeline);
  if (!fn) {
    fn = compileStages(pipeline);
    compiledCache.set(pipeline, fn);
  }
  const docs = Array.isArray(input) ? input : [...input];
  return fn(docs, { collection: (n) => ctx.collection(n), now: ctx.now ?? new Date(), vars: ctx.vars ?? {} });
}

/**
 * Run an update pipeline on one document. A result without _id keeps the original one
 * (as $replaceWith in an update does on the server).
 */
export function runUpdatePipeline(doc: Document, pipeline: Document[], now: Date): Document {
  let fn = updateCache.get(pipeline);
  if (!fn) {
    fn = compileStages(pipeline, 'update');
    updateCache.set(pipeline, fn);
  }
  const [out] = fn([doc], { collection: () => [], now, vars: {} });
  if (out._id === undefined && doc._id !== undefined) return { _id: doc._id, ...out };
  return out;
}
