/**
 * Shared pieces of the expression compiler: the evaluation environment, argument parsing,
 * MongoDB truthiness and aggregation comparison (BSON order, missing below null).
 */
import { ErrorCodes, MongoError } from '../errors.js';
import { bsonTag, bsonTypeOf, isNumeric, isPlainObject, typeNames } from './bsontype.js';
import { compareBson } from './compare.js';
import { isZero } from './numeric.js';

export interface Env {
  root: unknown;
  vars: Record<string, unknown>;
  now: Date;
}
export type Fn = (cur: unknown, env: Env) => unknown;
export type Compile = (e: unknown) => Fn;
export type OpCompiler = (arg: unknown, c: Compile) => Fn;

export function fail(code: number, msg: string): MongoError {
  return new MongoError(code, msg);
}

/** MongoDB's name for a value's type in error messages and $type. */
export function aggTypeName(v: unknown): string {
  return v === undefined ? 'missing' : typeNames[bsonTypeOf(v)];
}

export function argList(op: string, arg: unknown, c: Compile, min: number, max = min): Fn[] {
  const list = Array.isArray(arg) ? arg : [arg];
  if (list.length < min || list.length > max) {
    const want = min === max ? `exactly ${min}` : max === Infinity ? `at least ${min}` : `${min} to ${max}`;
    throw fail(16020, `Expression ${op} takes ${want} arguments. ${list.length} were passed in.`);
  }
  return list.map(c);
}

export function isNullish(v: unknown): boolean {
  return v === null || v === undefined;
}

export function truthy(v: unknown): boolean {
  if (v === false || v === null || v === undefined) return false;
  if (v === true) return true;
  if (isNumeric(v)) return !isZero(v);
  return true;
}

/** Aggregation comparison: BSON order across all types, with missing below null. */
export function aggCompare(a: unknown, b: unknown): number {
  if (a === undefined || b === undefined) {
    if (a === b) return 0;
    const other = a === undefined ? b : a;
    const sign = a === undefined ? -1 : 1;
    return bsonTag(other) === 'MinKey' ? -sign : sign;
  }
  return compareBson(a, b);
}

export function comparison(op: string, test: (c: number) => boolean): OpCompiler {
  return (arg, c) => {
    const [a, b] = argList(op, arg, c, 2);
    return (cur, env) => test(aggCompare(a(cur, env), b(cur, env)));
  };
}

export function objectArgs(op: string, arg: unknown, required: string[], optional: string[], c: Compile): Record<string, Fn | undefined> {
  if (!isPlainObject(arg)) throw fail(ErrorCodes.FailedToParse, `${op} expects an object of named arguments`);
  const out: Record<string, Fn | undefined> = {};
  for (const k of Object.keys(arg)) {
    if (!required.includes(k) && !optional.includes(k)) throw fail(ErrorCodes.FailedToParse, `Unrecognized parameter to ${op}: ${k}`);
    out[k] = c(arg[k]);
  }
  for (const k of required) if (!out[k]) throw fail(ErrorCodes.FailedToParse, `Missing '${k}' parameter to ${op}`);
  return out;
}

export function varName(name: unknown): string {
  if (typeof name !== 'string' || !/^[a-z_\u0080-\uffff][\w\u0080-\uffff]*$/.test(name)) {
    throw fail(ErrorCodes.FailedToParse, `'${String(name)}' starts with an invalid character for a user variable name`);
  }
  return name;
}

export function withVars(env: Env, vars: Record<string, unknown>): Env {
  return { root: env.root, now: env.now, vars: { ...env.vars, ...vars } };
}
