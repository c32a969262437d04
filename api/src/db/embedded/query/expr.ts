/**
 * Aggregation expressions, compiled into closures over raw documents.
 *
 * Field paths, variables, literals and the operators whose result type matters (arithmetic,
 * comparison, conditionals, array access, conversions; see expr-ops.ts) are evaluated here on
 * raw values, so BSON types survive. Every other operator MongoDB knows is delegated to
 * mingo: array/scalar-argument operators receive their already evaluated arguments as
 * literals, object-argument operators (`{$dateToString: {...}}`) are evaluated by mingo
 * against a plain copy of the document. Results come back through fromPlain().
 */
import { Timestamp } from 'bson';
import { Context, evalExpr, OpType, ProcessingMode } from 'mingo/core';
import * as mingoAccumulators from 'mingo/operators/accumulator';
import * as mingoExpressions from 'mingo/operators/expression';
import { ErrorCodes, MongoError } from '../errors.js';
import { isNumeric, isPlainObject } from './bsontype.js';
import { fromPlain, toPlain } from './convert.js';
import { NATIVE } from './expr-ops.js';
import type { Env, Fn } from './expr-util.js';
import { isZero } from './numeric.js';
import { getAggPath, splitPath } from './paths.js';

export type { Env, Fn };

/** Variables visible to an expression besides the document itself. */
export interface ExprScope {
  vars?: Record<string, unknown>;
  now?: Date;
}
export type Evaluator = (doc: unknown, scope?: ExprScope) => unknown;

export const MINGO_CONTEXT = Context.init({ expression: mingoExpressions, accumulator: mingoAccumulators });
/** Options for calling mingo directly (delegated operators and stages). */
export const MINGO_OPTIONS = {
  context: MINGO_CONTEXT,
  idKey: '_id',
  processingMode: ProcessingMode.CLONE_OFF,
  useStrictMode: true,
  scriptEnabled: false,
  failOnError: true,
};
const EMPTY_VARS: Record<string, unknown> = Object.freeze({}) as Record<string, unknown>;

/** MongoDB truthiness: false, null, missing and numeric zero are false. */
export function isTruthy(v: unknown): boolean {
  if (v === false || v === null || v === undefined) return false;
  if (v === true) return true;
  if (isNumeric(v)) return !isZero(v);
  return true;
}

function fail(code: number, msg: string): MongoError {
  return new MongoError(code, msg);
}

function compileVariable(expr: string): Fn {
  const dot = expr.indexOf('.');
  const name = dot < 0 ? expr.slice(2) : expr.slice(2, dot);
  const rest = dot < 0 ? [] : splitPath(expr.slice(dot + 1));
  if (!/^[A-Za-z_\u0080-\uffff][\w\u0080-\uffff]*$/.test(name)) throw fail(ErrorCodes.FailedToParse, `'${name}' starts with an invalid character for a user variable name`);
  const tail = (v: unknown): unknown => (rest.length ? getAggPath(v, rest) : v);
  switch (name) {
    case 'ROOT':
      return (_cur, env) => tail(env.root);
    case 'CURRENT':
      return (cur) => tail(cur);
    case 'REMOVE':
      return () => undefined;
    case 'NOW':
      return (_cur, env) => tail(env.now);
    case 'CLUSTER_TIME':
      return (_cur, env) => new Timestamp({ t: Math.floor(env.now.getTime() / 1000), i: 1 });
    default:
      return (_cur, env) => {
        if (!(name in env.vars)) throw fail(17276, `Use of undefined variable: ${name}`);
        return tail(env.vars[name]);
      };
  }
}

function compileFieldPath(expr: string): Fn {
  if (expr.length === 1) throw fail(16872, "'$' by itself is not a valid FieldPath");
  const parts = splitPath(expr.slice(1));
  for (const p of parts) {
    if (p === '') throw fail(15998, 'FieldPath field names may not be empty strings.');
    if (p.startsWith('$')) throw fail(16410, "FieldPath field names may not start with '$'.");
  }
  if (parts.length === 1) {
    const f = parts[0];
    return (cur) => (isPlainObject(cur) ? cur[f] : getAggPath(cur, parts));
  }
  return (cur) => getAggPath(cur, parts);
}

function compileObject(expr: Record<string, unknown>): Fn {
  const keys = Object.keys(expr);
  const fns = keys.map((k) => {
    if (k.includes('.')) throw fail(16412, `FieldPath field names may not contain '.'. Consider using $getField or $setField.`);
    if (k.startsWith('$')) throw fail(16410, `FieldPath field names may not start with '$'. Consider using $getField or $setField.`);
    return compile(expr[k]);
  });
  return (cur, env) => {
    const out: Record<string, unknown> = {};
    for (let i = 0; i < keys.length; i++) {
      const v = fns[i](cur, env);
      if (v !== undefined) out[keys[i]] = v;
    }
    return out;
  };
}

function delegate(op: string, arg: unknown): Fn {
  if (!MINGO_CONTEXT.getOperator(OpType.EXPRESSION, op) && !MINGO_CONTEXT.getOperator(OpType.ACCUMULATOR, op)) {
    throw fail(ErrorCodes.InvalidPipelineOperator, `Unrecognized expression '${op}'`);
  }
  const run = (obj: unknown, e: unknown, env: Env): unknown => {
    try {
      const variables = toPlain(env.vars) as Record<string, unknown>;
      return fromPlain(evalExpr(obj, e, { ...MINGO_OPTIONS, variables }));
    } catch (err) {
      if (err instanceof MongoError) throw err;
      throw fail(ErrorCodes.BadValue, `${op}: ${(err as Error).message}`);
    }
  };
  if (Array.isArray(arg) || !isPlainObject(arg)) {
    const isList = Array.isArray(arg);
    const args = (isList ? (arg as unknown[]) : [arg]).map(compile);
    return (cur, env) => {
      const vals = args.map((f) => ({ $literal: toPlain(f(cur, env)) }));
      return run({}, { [op]: isList ? vals : vals[0] }, env);
    };
  }
  // Named-argument operators: let mingo evaluate the arguments against a plain copy.
  const plainExpr = toPlain({ [op]: arg });
  return (cur, env) => run(toPlain(cur), plainExpr, env);
}

/** Compile an expression into a closure `(current, env) => raw value | undefined (missing)`. */
export function compile(expr: unknown): Fn {
  if (typeof expr === 'string') {
    if (expr.startsWith('$$')) return compileVariable(expr);
    if (expr.startsWith('$')) return compileFieldPath(expr);
    return () => expr;
  }
  if (Array.isArray(expr)) {
    const fns = expr.map(compile);
    return (cur, env) => fns.map((f) => {
      const v = f(cur, env);
      return v === undefined ? null : v;
    });
  }
  if (isPlainObject(expr)) {
    const keys = Object.keys(expr);
    if (keys.length > 0 && keys[0].startsWith('$')) {
      if (keys.length > 1) {
        throw fail(15983, `an expression specification must contain exactly one field, the name of the expression. Found ${keys.length} fields in ${JSON.stringify(Object.keys(expr))}`);
      }
      const op = keys[0];
      const native = NATIVE[op];
      return native ? native(expr[op], compile) : delegate(op, expr[op]);
    }
    return compileObject(expr);
  }
  return () => expr;
}

/** Compile an expression for repeated evaluation against documents. */
export function compileExpression(expr: unknown): Evaluator {
  const fn = compile(expr);
  return (doc, scope) => fn(doc, { root: doc, vars: scope?.vars ?? EMPTY_VARS, now: scope?.now ?? new Date() });
}

/** Evaluate with an explicit environment (pipeline stages keep one `now` per run). */
export function evaluateIn(fn: Fn, doc: unknown, vars: Record<string, unknown>, now: Date): unknown {
  return fn(doc, { root: doc, vars, now });
}
