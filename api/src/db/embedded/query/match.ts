/**
 * Query filters compiled into predicates over raw documents.
 *
 * A filter is parsed once into closures; testing a document allocates nothing on the common
 * paths. Semantics follow MongoDB's matcher: a path through arrays yields several candidate
 * values and a condition holds if any candidate satisfies it; at the end of a path an array
 * is a candidate both as a whole and through each element (except for $size/$elemMatch);
 * comparisons only hold within one type bracket; null matches missing; $ne/$nin/$not negate
 * the whole field test rather than one element.
 *
 * `MatchDetails.arrayIndex` reports the position, in the first array along the matched path,
 * of the element that satisfied the filter (MongoDB's elemMatchKey): it drives the positional
 * `$` of updates and projections.
 */
import type { Document } from 'bson';
import { ErrorCodes, MongoError } from '../errors.js';
import { bsonTypeOf, isContainer, isPlainObject } from './bsontype.js';
import { compileExpression, isTruthy, type ExprScope } from './expr.js';
import {
  bitsPred,
  comparePred,
  equalsPred,
  inPred,
  isDbRefLike,
  modPred,
  regexPred,
  regexValuePred,
  sizePred,
  typeSet,
  type ValuePred,
} from './match-values.js';
import { arrayIndexOf, splitPath } from './paths.js';
import { isRegexValue, regexSource } from './regex.js';

export interface MatchDetails {
  arrayIndex?: number;
}
export type Matcher = (doc: Document, details?: MatchDetails) => boolean;

export interface FilterOptions {
  /** Variables visible to $expr (`let` of $lookup/aggregate; $$NOW). */
  scope?: ExprScope;
}

function badValue(msg: string): MongoError {
  return new MongoError(ErrorCodes.BadValue, msg);
}

// ---- candidate traversal ----

/** Set by $elemMatch when it succeeds: which element matched (for MatchDetails). */
let hitIndex = -1;

function record(det: MatchDetails | undefined, ai: number): void {
  if (!det) return;
  const idx = ai >= 0 ? ai : hitIndex;
  if (idx >= 0) det.arrayIndex = idx;
}

function atLeaf(v: unknown, test: ValuePred, leaf: boolean, det: MatchDetails | undefined, ai: number): boolean {
  if (leaf && Array.isArray(v)) {
    for (let j = 0; j < v.length; j++) {
      hitIndex = -1;
      if (test(v[j])) {
        record(det, ai >= 0 ? ai : j);
        return true;
      }
    }
  }
  hitIndex = -1;
  if (test(v)) {
    record(det, ai);
    return true;
  }
  return false;
}

function walk(v: unknown, parts: string[], i: number, test: ValuePred, leaf: boolean, det: MatchDetails | undefined, ai: number): boolean {
  if (i === parts.length) return atLeaf(v, test, leaf, det, ai);
  const part = parts[i];
  if (Array.isArray(v)) {
    for (let j = 0; j < v.length; j++) {
      const e = v[j];
      if (isPlainObject(e) && walk(e[part], parts, i + 1, test, leaf, det, ai >= 0 ? ai : j)) return true;
    }
    const idx = arrayIndexOf(part);
    if (idx >= 0 && idx < v.length) return walk(v[idx], parts, i + 1, test, leaf, det, ai >= 0 ? ai : idx);
    return false;
  }
  if (isPlainObject(v)) return walk(v[part], parts, i + 1, test, leaf, det, ai);
  return atLeaf(undefined, test, false, det, ai);
}

const LOGICAL_IN_ELEMMATCH = new Set(['$and', '$or', '$nor', '$expr', '$where', '$text', '$comment', '$jsonSchema']);

function elemMatchPred(arg: unknown, opts: FilterOptions): ValuePred {
  if (!isPlainObject(arg)) throw badValue('$elemMatch needs an Object');
  const first = Object.keys(arg)[0];
  if (first !== undefined && first.startsWith('$') && !LOGICAL_IN_ELEMMATCH.has(first)) {
    // Value form: each element is tested directly by the operators.
    const clauses = compileOperatorObject(arg, opts);
    const test = (e: unknown): boolean => {
      for (const c of clauses) if (!valueClause(c, e)) return false;
      return true;
    };
    return (v) => {
      if (!Array.isArray(v)) return false;
      for (let j = 0; j < v.length; j++) {
        if (test(v[j])) {
          hitIndex = j;
          return true;
        }
      }
      return false;
    };
  }
  const inner = compileFilterWith(arg, opts);
  return (v) => {
    if (!Array.isArray(v)) return false;
    for (let j = 0; j < v.length; j++) {
      const e = v[j];
      if (isContainer(e) && inner(e as Document)) {
        hitIndex = j;
        return true;
      }
    }
    return false;
  };
}

function allClauses(arg: unknown, opts: FilterOptions): Clause[] {
  if (!Array.isArray(arg)) throw badValue('$all needs an array');
  if (arg.length === 0) return [{ test: () => false, leaf: false }];
  return arg.map((e): Clause => {
    if (isPlainObject(e) && Object.keys(e)[0] === '$elemMatch') return { test: elemMatchPred(e.$elemMatch, opts), leaf: false };
    if (isPlainObject(e) && Object.keys(e)[0]?.startsWith('$') && !isDbRefLike(e)) throw badValue('no $ expressions in $all');
    if (isRegexValue(e)) return { test: regexValuePred(e), leaf: true };
    return { test: equalsPred(e), leaf: true };
  });
}

// ---- operator objects ----

/** An atom tests candidate values; a `not` negates the AND of its clauses over the field. */
type Clause = { test: ValuePred; leaf: boolean } | { not: Clause[] };

/** True if a filter value is an operator object (`{$gt: 1}`) rather than a literal document. */
function isOperatorObject(v: unknown): v is Record<string, unknown> {
  if (!isPlainObject(v)) return false;
  const k = Object.keys(v)[0];
  return k !== undefined && k.startsWith('$') && !isDbRefLike(v);
}

function compileOperatorObject(obj: Record<string, unknown>, opts: FilterOptions): Clause[] {
  const out: Clause[] = [];
  const keys = Object.keys(obj);
  if (keys.includes('$options') && !keys.includes('$regex')) throw badValue('$options needs a $regex');
  for (const op of keys) {
    const arg = obj[op];
    switch (op) {
      case '$eq':
        out.push({ test: equalsPred(arg), leaf: true });
        break;
      case '$ne':
        if (isRegexValue(arg)) throw badValue("Can't have regex as arg to $ne.");
        out.push({ not: [{ test: equalsPred(arg), leaf: true }] });
        break;
      case '$lt':
      case '$lte':
      case '$gt':
      case '$gte':
        if (isRegexValue(arg)) throw badValue(`Can't have RegEx as arg to predicate over field '${op}'.`);
        out.push({ test: comparePred(op, arg), leaf: true });
        break;
      case '$in':
        out.push({ test: inPred(arg), leaf: true });
        break;
      case '$nin':
        out.push({ not: [{ test: inPred(arg), leaf: true }] });
        break;
      case '$exists': {
        const exists: Clause = { test: (v) => v !== undefined, leaf: false };
        out.push(isTruthy(arg) ? exists : { not: [exists] });
        break;
      }
      case '$type': {
        const types = typeSet(arg);
        out.push({ test: (v) => v !== undefined && types.has(bsonTypeOf(v)), leaf: true });
        break;
      }
      case '$regex': {
        let pattern: string;
        let options = '';
        if (typeof arg === 'string') pattern = arg;
        else if (isRegexValue(arg)) ({ pattern, options } = regexSource(arg));
        else throw badValue('$regex has to be a string');
        if (obj.$options !== undefined) {
          if (typeof obj.$options !== 'string') throw badValue('$options has to be a string');
          if (isRegexValue(arg) && options) throw badValue('options set in both $regex and $options');
          options = obj.$options;
        }
        out.push({ test: regexPred(pattern, options), leaf: true });
        break;
      }
      case '$options':
        break;
      case '$mod':
        out.push({ test: modPred(arg), leaf: true });
        break;
      case '$size':
        out.push({ test: sizePred(arg), leaf: false });
        break;
      case '$all':
        out.push(...allClauses(arg, opts));
        break;
      case '$elemMatch':
        out.push({ test: elemMatchPred(arg, opts), leaf: false });
        break;
      case '$not': {
        if (isRegexValue(arg)) out.push({ not: [{ test: regexValuePred(arg), leaf: true }] });
        else if (isPlainObject(arg)) {
          if (Object.keys(arg).length === 0) throw badValue('$not cannot be empty');
          if (!isOperatorObject(arg)) throw badValue('$not needs a regex or a document');
          out.push({ not: compileOperatorObject(arg, opts) });
        } else throw badValue('$not needs a regex or a document');
        break;
      }
      case '$bitsAllSet':
      case '$bitsAllClear':
      case '$bitsAnySet':
      case '$bitsAnyClear':
        out.push({ test: bitsPred(op, arg), leaf: true });
        break;
      case '$comment':
        break;
      case '$near':
      case '$nearSphere':
      case '$geoWithin':
      case '$geoIntersects':
      case '$within':
        throw badValue(`${op} is not supported by the embedded server`);
      default:
        throw badValue(`unknown operator: ${op}`);
    }
  }
  return out;
}

function valueClause(c: Clause, v: unknown): boolean {
  if ('test' in c) return c.test(v);
  for (const inner of c.not) if (!valueClause(inner, v)) return true;
  return false;
}

function and(preds: Matcher[]): Matcher {
  if (preds.length === 0) return () => true;
  if (preds.length === 1) return preds[0];
  if (preds.length === 2) {
    const [a, b] = preds;
    return (d, det) => a(d, det) && b(d, det);
  }
  return (d, det) => {
    for (const p of preds) if (!p(d, det)) return false;
    return true;
  };
}

function fieldClause(parts: string[], c: Clause): Matcher {
  if ('not' in c) {
    const inner = and(c.not.map((x) => fieldClause(parts, x)));
    return (d) => !inner(d);
  }
  const { test, leaf } = c;
  if (parts.length === 1) {
    const f = parts[0];
    return (d, det) => {
      const v = (d as Record<string, unknown>)[f];
      if (!Array.isArray(v) && !det) return test(v);
      return atLeaf(v, test, leaf, det, -1);
    };
  }
  return (d, det) => walk(d, parts, 0, test, leaf, det, -1);
}

function compileField(path: string, cond: unknown, opts: FilterOptions): Matcher {
  if (path === '') throw badValue('field path cannot be empty');
  const parts = splitPath(path);
  let clauses: Clause[];
  if (isOperatorObject(cond)) clauses = compileOperatorObject(cond, opts);
  else if (isRegexValue(cond)) clauses = [{ test: regexValuePred(cond), leaf: true }];
  else clauses = [{ test: equalsPred(cond), leaf: true }];
  return and(clauses.map((c) => fieldClause(parts, c)));
}

function subFilters(op: string, arg: unknown, opts: FilterOptions): Matcher[] {
  if (!Array.isArray(arg) || arg.length === 0) throw badValue(`${op} must be a nonempty array`);
  return arg.map((f) => {
    if (!isPlainObject(f)) throw badValue(`${op} argument's entries must be objects`);
    return compileFilterWith(f, opts);
  });
}

function compileFilterWith(filter: Document, opts: FilterOptions): Matcher {
  if (!isPlainObject(filter)) throw badValue('query filter must be an object');
  const preds: Matcher[] = [];
  for (const key of Object.keys(filter)) {
    const arg = filter[key];
    if (!key.startsWith('$')) {
      preds.push(compileField(key, arg, opts));
      continue;
    }
    switch (key) {
      case '$and':
        preds.push(and(subFilters(key, arg, opts)));
        break;
      case '$or': {
        const subs = subFilters(key, arg, opts);
        preds.push((d, det) => {
          for (const p of subs) if (p(d, det)) return true;
          return false;
        });
        break;
      }
      case '$nor': {
        const subs = subFilters(key, arg, opts);
        preds.push((d) => {
          for (const p of subs) if (p(d)) return false;
          return true;
        });
        break;
      }
      case '$expr': {
        const ev = compileExpression(arg);
        const scope = opts.scope;
        preds.push((d) => isTruthy(ev(d, scope)));
        break;
      }
      case '$comment':
        break;
      case '$alwaysTrue':
        break;
      case '$alwaysFalse':
        preds.push(() => false);
        break;
      case '$where':
        throw badValue('$where is not allowed in this context');
      case '$text':
        throw new MongoError(ErrorCodes.IndexNotFound, 'text index required for $text query');
      case '$jsonSchema':
        throw badValue('$jsonSchema is not supported by the embedded server');
      default:
        throw badValue(`unknown top level operator: ${key}. If you have a field name that starts with a '$' symbol, consider using $getField or $setField.`);
    }
  }
  return and(preds);
}

const filterCache = new WeakMap<object, Matcher>();

/**
 * Compile a query filter. Throws MongoError (BadValue) for unknown or malformed operators.
 * The returned function takes an optional MatchDetails to learn the matched array position.
 */
export function compileFilter(filter: Document, opts: FilterOptions = {}): Matcher {
  if (opts.scope) return compileFilterWith(filter ?? {}, opts);
  if (!filter) return () => true;
  let m = filterCache.get(filter);
  if (!m) {
    m = compileFilterWith(filter, opts);
    filterCache.set(filter, m);
  }
  return m;
}

/** Convenience: does `doc` match `filter`? (Compiles and caches per filter object.) */
export function matches(filter: Document, doc: Document): boolean {
  return compileFilter(filter)(doc);
}
