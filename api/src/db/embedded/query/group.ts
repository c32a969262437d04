/**
 * $group, $bucket and $sortByCount.
 *
 * Group keys are hashed with hashKey, so 1, 1.0 and NumberLong(1) fall in one group and
 * documents compare in BSON order, as on the server. The common accumulators run natively on
 * raw values (sums keep their numeric type); the rarer ones ($top, $firstN, $median, ...) are
 * delegated to mingo over plain copies of the group's documents.
 */
import { Int32, type Document } from 'bson';
import { OpType } from 'mingo/core';
import { ErrorCodes, MongoError } from '../errors.js';
import { NumericSum, extreme, stdDev } from './accumulate.js';
import { isNumeric, isPlainObject } from './bsontype.js';
import { toJsNumber } from './numeric.js';
import { parseSortSpec, sortDocuments } from './sort.js';
import { compareBson, hashKey } from './compare.js';
import { fromPlain, toPlain } from './convert.js';
import { compile, MINGO_CONTEXT, MINGO_OPTIONS, type Env, type Fn } from './expr.js';

interface Accumulator {
  add(doc: Document, env: Env): void;
  result(): unknown;
}
type AccumulatorFactory = () => Accumulator;

function fail(code: number, msg: string): MongoError {
  return new MongoError(code, msg);
}

function valueAcc(fn: Fn, make: () => { take(v: unknown): void; result(): unknown }): AccumulatorFactory {
  return () => {
    const state = make();
    return { add: (doc, env) => state.take(fn(doc, env)), result: () => state.result() };
  };
}

const NATIVE_ACCUMULATORS: Record<string, (fn: Fn, arg: unknown) => AccumulatorFactory> = {
  $sum: (fn) =>
    valueAcc(fn, () => {
      const s = new NumericSum();
      return { take: (v) => s.add(v), result: () => s.sum() };
    }),
  $avg: (fn) =>
    valueAcc(fn, () => {
      const s = new NumericSum();
      return { take: (v) => s.add(v), result: () => s.avg() };
    }),
  $min: (fn) =>
    valueAcc(fn, () => {
      const vals: unknown[] = [];
      return { take: (v) => vals.push(v), result: () => extreme(vals, false) };
    }),
  $max: (fn) =>
    valueAcc(fn, () => {
      const vals: unknown[] = [];
      return { take: (v) => vals.push(v), result: () => extreme(vals, true) };
    }),
  $first: (fn) =>
    valueAcc(fn, () => {
      let seen = false;
      let first: unknown = null;
      return {
        take: (v) => {
          if (!seen) first = v === undefined ? null : v;
          seen = true;
        },
        result: () => first,
      };
    }),
  $last: (fn) =>
    valueAcc(fn, () => {
      let last: unknown = null;
      return { take: (v) => (last = v === undefined ? null : v), result: () => last };
    }),
  $push: (fn) =>
    valueAcc(fn, () => {
      const out: unknown[] = [];
      return { take: (v) => v !== undefined && out.push(v), result: () => out };
    }),
  $addToSet: (fn) =>
    valueAcc(fn, () => {
      const seen = new Map<string, unknown>();
      return {
        take: (v) => {
          if (v === undefined) return;
          const k = hashKey(v);
          if (!seen.has(k)) seen.set(k, v);
        },
        result: () => [...seen.values()],
      };
    }),
  $mergeObjects: (fn) =>
    valueAcc(fn, () => {
      const out: Record<string, unknown> = {};
      return {
        take: (v) => {
          if (v === null || v === undefined) return;
          if (!isPlainObject(v)) throw fail(40400, `$mergeObjects requires object inputs, but input is of type ${typeof v}`);
          for (const k of Object.keys(v)) out[k] = v[k];
        },
        result: () => out,
      };
    }),
  $stdDevPop: (fn) =>
    valueAcc(fn, () => {
      const vals: unknown[] = [];
      return { take: (v) => vals.push(v), result: () => stdDev(vals, false) };
    }),
  $stdDevSamp: (fn) =>
    valueAcc(fn, () => {
      const vals: unknown[] = [];
      return { take: (v) => vals.push(v), result: () => stdDev(vals, true) };
    }),
};

function nOf(op: string, spec: Record<string, unknown>): number {
  const n = spec.n;
  const v = isNumeric(n) ? toJsNumber(n) : NaN;
  if (!Number.isInteger(v) || v <= 0) throw fail(5787908, `'n' must be a positive integer for ${op}, found: ${String(n)}`);
  return v;
}

/** $top/$bottom/$topN/$bottomN: order the group by `sortBy`, output from the first/last. */
function topBottom(op: string, arg: unknown): AccumulatorFactory {
  if (!isPlainObject(arg) || !isPlainObject(arg.sortBy) || !('output' in arg)) {
    throw fail(5788005, `${op} requires 'sortBy' (an object) and 'output'`);
  }
  const many = op.endsWith('N');
  const n = many ? nOf(op, arg) : 1;
  const bottom = op.startsWith('$bottom');
  const sortBy = arg.sortBy;
  parseSortSpec(sortBy);
  const output = compile(arg.output);
  return () => {
    const docs: Document[] = [];
    let env: Env | undefined;
    return {
      add: (doc, e) => {
        docs.push(doc);
        env = e;
      },
      result: () => {
        const sorted = sortDocuments(docs, sortBy);
        const picked = bottom ? sorted.slice(Math.max(0, sorted.length - n)) : sorted.slice(0, n);
        const values = picked.map((d) => {
          const v = output(d, { ...env!, root: d });
          return v === undefined ? null : v;
        });
        return many ? values : (values[0] ?? null);
      },
    };
  };
}

/** $firstN/$lastN/$minN/$maxN: {input, n}. */
function nValues(op: string, arg: unknown): AccumulatorFactory {
  if (!isPlainObject(arg) || !('input' in arg)) throw fail(5787907, `${op} requires 'input' and 'n'`);
  const n = nOf(op, arg);
  const input = compile(arg.input);
  return () => {
    const values: unknown[] = [];
    return {
      add: (doc, env) => {
        const v = input(doc, env);
        if (op === '$firstN' || op === '$lastN') values.push(v === undefined ? null : v);
        else if (v !== undefined && v !== null) values.push(v);
      },
      result: () => {
        if (op === '$firstN') return values.slice(0, n);
        if (op === '$lastN') return values.slice(Math.max(0, values.length - n));
        const sorted = values.slice().sort((a, b) => (op === '$maxN' ? compareBson(b, a) : compareBson(a, b)));
        return sorted.slice(0, n);
      },
    };
  };
}

const N_ACCUMULATORS: Record<string, (op: string, arg: unknown) => AccumulatorFactory> = {
  $top: topBottom,
  $bottom: topBottom,
  $topN: topBottom,
  $bottomN: topBottom,
  $firstN: nValues,
  $lastN: nValues,
  $minN: nValues,
  $maxN: nValues,
};

/** An accumulator mingo implements: collect the group's documents, let mingo fold them. */
function delegated(op: string, arg: unknown): AccumulatorFactory {
  const fn = MINGO_CONTEXT.getOperator(OpType.ACCUMULATOR, op);
  if (!fn) throw fail(15952, `unknown group operator '${op}'`);
  const plainArg = toPlain(arg);
  return () => {
    const docs: unknown[] = [];
    let vars: Record<string, unknown> = {};
    return {
      add: (doc, env) => {
        docs.push(toPlain(doc));
        vars = env.vars;
      },
      result: () => {
        try {
          return fromPlain(fn(docs, plainArg, { ...MINGO_OPTIONS, variables: toPlain(vars) as Record<string, unknown> }));
        } catch (e) {
          throw fail(ErrorCodes.BadValue, `${op}: ${(e as Error).message}`);
        }
      },
    };
  };
}

/** Parse `{$sum: expr}` (and $count: {}) into an accumulator factory. */
export function compileAccumulator(field: string, spec: unknown): AccumulatorFactory {
  if (!isPlainObject(spec) || Object.keys(spec).length !== 1) {
    throw fail(40234, `The field '${field}' must be an accumulator object`);
  }
  const op = Object.keys(spec)[0];
  const arg = spec[op];
  if (op === '$count') {
    if (!isPlainObject(arg) || Object.keys(arg).length) throw fail(ErrorCodes.BadValue, '$count takes no arguments, i.e. $count:{}');
    return NATIVE_ACCUMULATORS.$sum(() => new Int32(1), arg);
  }
  if (N_ACCUMULATORS[op]) return N_ACCUMULATORS[op](op, arg);
  const native = NATIVE_ACCUMULATORS[op];
  if (native) {
    if (Array.isArray(arg)) throw fail(40237, `The ${op} accumulator is a unary operator`);
    return native(compile(arg), arg);
  }
  return delegated(op, arg);
}

export interface GroupSpec {
  id: Fn;
  fields: [string, AccumulatorFactory][];
}

export function parseGroup(spec: unknown): GroupSpec {
  if (!isPlainObject(spec)) throw fail(15947, 'a group\'s fields must be specified in an object');
  if (!('_id' in spec)) throw fail(15955, 'a group specification must include an _id');
  const fields: [string, AccumulatorFactory][] = [];
  for (const k of Object.keys(spec)) {
    if (k === '_id') continue;
    if (k.includes('.')) throw fail(40235, `The field name '${k}' cannot contain '.'`);
    if (k.startsWith('$')) throw fail(40236, `The field name '${k}' cannot be an operator name`);
    fields.push([k, compileAccumulator(k, spec[k])]);
  }
  return { id: compile(spec._id), fields };
}

/** Run a parsed $group over documents. */
export function runGroup(docs: Document[], g: GroupSpec, vars: Record<string, unknown>, now: Date): Document[] {
  const groups = new Map<string, { id: unknown; accs: Accumulator[] }>();
  for (const doc of docs) {
    const env: Env = { root: doc, vars, now };
    let id = g.id(doc, env);
    if (id === undefined) id = null;
    const key = hashKey(id);
    let grp = groups.get(key);
    if (!grp) {
      grp = { id, accs: g.fields.map(([, make]) => make()) };
      groups.set(key, grp);
    }
    for (const acc of grp.accs) acc.add(doc, env);
  }
  const out: Document[] = [];
  for (const grp of groups.values()) {
    const d: Document = { _id: grp.id };
    g.fields.forEach(([name], i) => (d[name] = grp.accs[i].result()));
    out.push(d);
  }
  return out;
}

/** $bucket: boundaries must be ascending values of one type; out-of-range goes to `default`. */
export function compileBucket(spec: unknown): (docs: Document[], vars: Record<string, unknown>, now: Date) => Document[] {
  if (!isPlainObject(spec)) throw fail(40201, 'Argument to $bucket stage must be an object');
  const { groupBy, boundaries, output } = spec;
  if (groupBy === undefined || boundaries === undefined) throw fail(40198, "$bucket requires 'groupBy' and 'boundaries' to be specified.");
  if (!Array.isArray(boundaries) || boundaries.length < 2) throw fail(40192, "The $bucket 'boundaries' field must be an array with at least two values");
  for (let i = 1; i < boundaries.length; i++) {
    if (compareBson(boundaries[i - 1], boundaries[i]) >= 0) throw fail(40194, "The 'boundaries' option to $bucket must be sorted in ascending order");
  }
  const hasDefault = 'default' in spec;
  if (hasDefault && compareBson(spec.default, boundaries[0]) >= 0 && compareBson(spec.default, boundaries[boundaries.length - 1]) < 0) {
    throw fail(40199, "The $bucket 'default' field must be less than the lowest boundary or greater than or equal to the highest boundary.");
  }
  const by = compile(groupBy);
  const g = parseGroup({ _id: null, ...(isPlainObject(output) ? output : { count: { $sum: 1 } }) });
  return (docs, vars, now) => {
    const buckets = new Map<number, Document[]>();
    for (const doc of docs) {
      const v = by(doc, { root: doc, vars, now });
      let idx = -1;
      for (let i = 0; i < boundaries.length - 1; i++) {
        if (compareBson(v, boundaries[i]) >= 0 && compareBson(v, boundaries[i + 1]) < 0) {
          idx = i;
          break;
        }
      }
      if (idx < 0) {
        if (!hasDefault) throw fail(40066, '$bucket could not find a matching branch for an input, and no default was specified.');
        idx = boundaries.length;
      }
      let list = buckets.get(idx);
      if (!list) buckets.set(idx, (list = []));
      list.push(doc);
    }
    const out: Document[] = [];
    for (const idx of [...buckets.keys()].sort((a, b) => a - b)) {
      const [res] = runGroup(buckets.get(idx)!, g, vars, now);
      res._id = idx === boundaries.length ? spec.default : boundaries[idx];
      out.push(res);
    }
    return out;
  };
}
