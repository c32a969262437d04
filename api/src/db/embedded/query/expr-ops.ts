/**
 * Expression operators evaluated natively on raw values: the ones whose results must keep
 * BSON types (arithmetic, $sum/$avg/$min/$max, conversions), compare in BSON order
 * (comparisons, $in), pass values through untouched (conditionals, array access, $let, $map,
 * $filter, $reduce, $mergeObjects), or bind variables. Everything else goes to mingo.
 */
import { Double, Int32, Long } from 'bson';
import { ErrorCodes } from '../errors.js';
import { NumericSum, extreme, stdDev } from './accumulate.js';
import { isNumeric, isPlainObject } from './bsontype.js';
import { $convert, converter } from './expr-convert.js';
import {
  aggCompare,
  aggTypeName,
  argList,
  comparison,
  fail,
  isNullish,
  objectArgs,
  truthy,
  varName,
  withVars,
  type Fn,
  type OpCompiler,
} from './expr-util.js';
import {
  addNumbers,
  divideNumbers,
  isZero,
  multiplyNumbers,
  subtractNumbers,
  toJsNumber,
} from './numeric.js';

// ---- arithmetic ----

const $add: OpCompiler = (arg, c) => {
  const fns = argList('$add', arg, c, 0, Infinity);
  return (cur, env) => {
    let acc: unknown = new Int32(0);
    let date: Date | undefined;
    for (const f of fns) {
      const v = f(cur, env);
      if (isNullish(v)) return null;
      if (v instanceof Date) {
        if (date) throw fail(16612, 'only one date allowed in an $add expression');
        date = v;
        continue;
      }
      if (!isNumeric(v)) throw fail(16554, `$add only supports numeric or date types, not ${aggTypeName(v)}`);
      acc = addNumbers(acc, v) ?? new Double(toJsNumber(acc) + toJsNumber(v));
    }
    return date ? new Date(date.getTime() + Math.round(toJsNumber(acc))) : acc;
  };
};

const $subtract: OpCompiler = (arg, c) => {
  const [fa, fb] = argList('$subtract', arg, c, 2);
  return (cur, env) => {
    const a = fa(cur, env);
    const b = fb(cur, env);
    if (isNullish(a) || isNullish(b)) return null;
    if (a instanceof Date && b instanceof Date) return Long.fromNumber(a.getTime() - b.getTime());
    if (a instanceof Date && isNumeric(b)) return new Date(a.getTime() - Math.round(toJsNumber(b)));
    if (isNumeric(a) && isNumeric(b)) return subtractNumbers(a, b) ?? new Double(toJsNumber(a) - toJsNumber(b));
    throw fail(16556, `can't $subtract ${aggTypeName(b)} from ${aggTypeName(a)}`);
  };
};

const $multiply: OpCompiler = (arg, c) => {
  const fns = argList('$multiply', arg, c, 0, Infinity);
  return (cur, env) => {
    let acc: unknown = new Int32(1);
    for (const f of fns) {
      const v = f(cur, env);
      if (isNullish(v)) return null;
      if (!isNumeric(v)) throw fail(16555, `$multiply only supports numeric types, not ${aggTypeName(v)}`);
      acc = multiplyNumbers(acc, v) ?? new Double(toJsNumber(acc) * toJsNumber(v));
    }
    return acc;
  };
};

const $divide: OpCompiler = (arg, c) => {
  const [fa, fb] = argList('$divide', arg, c, 2);
  return (cur, env) => {
    const a = fa(cur, env);
    const b = fb(cur, env);
    if (isNullish(a) || isNullish(b)) return null;
    if (!isNumeric(a) || !isNumeric(b)) {
      throw fail(16609, `$divide only supports numeric types, not ${aggTypeName(a)} and ${aggTypeName(b)}`);
    }
    if (isZero(b)) throw fail(2, "can't $divide by zero");
    return divideNumbers(a, b);
  };
};

/** $sum/$avg/$min/$max/$stdDev* as expressions: one array operand is folded over its elements. */
function foldOp(finish: (values: unknown[]) => unknown): OpCompiler {
  return (arg, c) => {
    const fns = (Array.isArray(arg) ? arg : [arg]).map(c);
    return (cur, env) => {
      if (fns.length === 1) {
        const v = fns[0](cur, env);
        return finish(Array.isArray(v) ? v : [v]);
      }
      return finish(fns.map((f) => f(cur, env)));
    };
  };
}

function sumOf(values: unknown[]): unknown {
  const s = new NumericSum();
  for (const v of values) s.add(v);
  return s.sum();
}

function avgOf(values: unknown[]): unknown {
  const s = new NumericSum();
  for (const v of values) s.add(v);
  return s.avg();
}

// ---- arrays ----

function requireArray(op: string, v: unknown, code: number): unknown[] {
  if (!Array.isArray(v)) throw fail(code, `${op}'s argument must be an array, but is ${aggTypeName(v)}`);
  return v;
}

function arrayEnd(op: string, last: boolean): OpCompiler {
  return (arg, c) => {
    const [f] = argList(op, arg, c, 1);
    return (cur, env) => {
      const v = f(cur, env);
      if (isNullish(v)) return null;
      const a = requireArray(op, v, 28689);
      return a.length ? a[last ? a.length - 1 : 0] : undefined;
    };
  };
}

function integral(op: string, v: unknown): number {
  if (!isNumeric(v)) throw fail(28690, `${op}'s second argument must be a numeric value, but is ${aggTypeName(v)}`);
  const n = toJsNumber(v);
  if (!Number.isInteger(n)) throw fail(28691, `${op}'s second argument must be representable as a 32-bit integer: ${n}`);
  return n;
}

const $arrayElemAt: OpCompiler = (arg, c) => {
  const [fa, fi] = argList('$arrayElemAt', arg, c, 2);
  return (cur, env) => {
    const a = fa(cur, env);
    const i = fi(cur, env);
    if (isNullish(a) || isNullish(i)) return null;
    const arr = requireArray('$arrayElemAt', a, 28689);
    const n = integral('$arrayElemAt', i);
    const idx = n < 0 ? arr.length + n : n;
    return idx >= 0 && idx < arr.length ? arr[idx] : undefined;
  };
};

const $slice: OpCompiler = (arg, c) => {
  const fns = argList('$slice', arg, c, 2, 3);
  return (cur, env) => {
    const vals = fns.map((f) => f(cur, env));
    if (vals.some(isNullish)) return null;
    const arr = requireArray('$slice', vals[0], 28724);
    if (vals.length === 2) {
      const n = integral('$slice', vals[1]);
      return n >= 0 ? arr.slice(0, n) : arr.slice(Math.max(0, arr.length + n));
    }
    let pos = integral('$slice', vals[1]);
    const n = integral('$slice', vals[2]);
    if (n <= 0) throw fail(28729, `Third argument to $slice must be positive: ${n}`);
    if (pos < 0) pos = Math.max(0, arr.length + pos);
    return arr.slice(pos, pos + n);
  };
};

const $concatArrays: OpCompiler = (arg, c) => {
  const fns = argList('$concatArrays', arg, c, 0, Infinity);
  return (cur, env) => {
    const out: unknown[] = [];
    for (const f of fns) {
      const v = f(cur, env);
      if (isNullish(v)) return null;
      if (!Array.isArray(v)) throw fail(28664, `$concatArrays only supports arrays, not ${aggTypeName(v)}`);
      out.push(...v);
    }
    return out;
  };
};

const $in: OpCompiler = (arg, c) => {
  const [fx, fa] = argList('$in', arg, c, 2);
  return (cur, env) => {
    const x = fx(cur, env);
    const a = fa(cur, env);
    if (!Array.isArray(a)) throw fail(40081, `$in requires an array as a second argument, found: ${aggTypeName(a)}`);
    return a.some((e) => aggCompare(x, e) === 0);
  };
};

const $size: OpCompiler = (arg, c) => {
  const [f] = argList('$size', arg, c, 1);
  return (cur, env) => {
    const v = f(cur, env);
    if (!Array.isArray(v)) throw fail(17124, `The argument to $size must be an array. Type of argument: ${aggTypeName(v)}`);
    return new Int32(v.length);
  };
};

const $map: OpCompiler = (arg, c) => {
  const a = objectArgs('$map', arg, ['input', 'in'], ['as'], c);
  const as = varName((arg as Record<string, unknown>).as ?? 'this');
  return (cur, env) => {
    const input = a.input!(cur, env);
    if (isNullish(input)) return null;
    if (!Array.isArray(input)) throw fail(16883, `input to $map must be an array not ${aggTypeName(input)}`);
    return input.map((e) => {
      const v = a.in!(cur, withVars(env, { [as]: e }));
      return v === undefined ? null : v;
    });
  };
};

const $filter: OpCompiler = (arg, c) => {
  const a = objectArgs('$filter', arg, ['input', 'cond'], ['as', 'limit'], c);
  const as = varName((arg as Record<string, unknown>).as ?? 'this');
  return (cur, env) => {
    const input = a.input!(cur, env);
    if (isNullish(input)) return null;
    if (!Array.isArray(input)) throw fail(28651, `input to $filter must be an array not ${aggTypeName(input)}`);
    let limit = Infinity;
    if (a.limit) {
      const l = a.limit(cur, env);
      if (!isNullish(l)) {
        limit = integral('$filter', l);
        if (limit < 1) throw fail(327391, `$filter: limit must be greater than 0: ${limit}`);
      }
    }
    const out: unknown[] = [];
    for (const e of input) {
      if (out.length >= limit) break;
      if (truthy(a.cond!(cur, withVars(env, { [as]: e })))) out.push(e);
    }
    return out;
  };
};

const $reduce: OpCompiler = (arg, c) => {
  const a = objectArgs('$reduce', arg, ['input', 'initialValue', 'in'], [], c);
  return (cur, env) => {
    const input = a.input!(cur, env);
    if (isNullish(input)) return null;
    if (!Array.isArray(input)) throw fail(40080, `$reduce requires an array as input, found: ${aggTypeName(input)}`);
    let value = a.initialValue!(cur, env);
    for (const e of input) value = a.in!(cur, withVars(env, { value, this: e }));
    return value;
  };
};

// ---- objects ----

const $mergeObjects: OpCompiler = (arg, c) => {
  const fns = argList('$mergeObjects', arg, c, 0, Infinity);
  return (cur, env) => {
    const out: Record<string, unknown> = {};
    fns.forEach((f, i) => {
      const v = f(cur, env);
      if (isNullish(v)) return;
      if (!isPlainObject(v)) throw fail(40400, `$mergeObjects requires object inputs, but input ${i} is of type ${aggTypeName(v)}`);
      for (const k of Object.keys(v)) if (v[k] !== undefined) out[k] = v[k];
    });
    return out;
  };
};

const $objectToArray: OpCompiler = (arg, c) => {
  const [f] = argList('$objectToArray', arg, c, 1);
  return (cur, env) => {
    const v = f(cur, env);
    if (isNullish(v)) return null;
    if (!isPlainObject(v)) throw fail(40390, `$objectToArray requires a document input, found: ${aggTypeName(v)}`);
    return Object.keys(v).map((k) => ({ k, v: v[k] }));
  };
};

const $arrayToObject: OpCompiler = (arg, c) => {
  const [f] = argList('$arrayToObject', arg, c, 1);
  return (cur, env) => {
    const v = f(cur, env);
    if (isNullish(v)) return null;
    if (!Array.isArray(v)) throw fail(40386, `$arrayToObject requires an array input, found: ${aggTypeName(v)}`);
    const out: Record<string, unknown> = {};
    for (const e of v) {
      let k: unknown;
      let val: unknown;
      if (Array.isArray(e) && e.length === 2) [k, val] = e;
      else if (isPlainObject(e) && Object.keys(e).length === 2 && 'k' in e && 'v' in e) ({ k, v: val } = e);
      else throw fail(40398, '$arrayToObject requires an array of key-value pairs');
      if (typeof k !== 'string') throw fail(40395, `$arrayToObject requires an array of key-value pairs, where the key must be of type string. Found key type: ${aggTypeName(k)}`);
      out[k] = val;
    }
    return out;
  };
};

const $getField: OpCompiler = (arg, c) => {
  const spec = isPlainObject(arg) ? arg : { field: arg };
  const a = objectArgs('$getField', spec, ['field'], ['input'], c);
  return (cur, env) => {
    const field = a.field!(cur, env);
    if (typeof field !== 'string') throw fail(3041704, `$getField requires 'field' to evaluate to type String, but got ${aggTypeName(field)}`);
    const input = a.input ? a.input(cur, env) : cur;
    if (isNullish(input)) return null;
    return isPlainObject(input) ? input[field] : undefined;
  };
};

// ---- types and conversion ----

const $type: OpCompiler = (arg, c) => {
  const [f] = argList('$type', arg, c, 1);
  return (cur, env) => aggTypeName(f(cur, env));
};

// ---- conditionals and logic ----

const $cond: OpCompiler = (arg, c) => {
  let f: Fn[];
  if (Array.isArray(arg)) f = argList('$cond', arg, c, 3);
  else {
    const a = objectArgs('$cond', arg, ['if', 'then', 'else'], [], c);
    f = [a.if!, a.then!, a.else!];
  }
  const [fi, ft, fe] = f;
  return (cur, env) => (truthy(fi(cur, env)) ? ft(cur, env) : fe(cur, env));
};

const $ifNull: OpCompiler = (arg, c) => {
  const fns = argList('$ifNull', arg, c, 2, Infinity);
  return (cur, env) => {
    for (let i = 0; i < fns.length - 1; i++) {
      const v = fns[i](cur, env);
      if (!isNullish(v)) return v;
    }
    return fns[fns.length - 1](cur, env);
  };
};

const $switch: OpCompiler = (arg, c) => {
  if (!isPlainObject(arg) || !Array.isArray(arg.branches)) throw fail(40060, '$switch requires at least one branch');
  const branches = arg.branches.map((b) => {
    if (!isPlainObject(b) || !('case' in b) || !('then' in b)) throw fail(40065, "$switch requires each branch have a 'case' and 'then'");
    return [c(b.case), c(b.then)] as const;
  });
  const dflt = 'default' in arg ? c(arg.default) : undefined;
  return (cur, env) => {
    for (const [k, t] of branches) if (truthy(k(cur, env))) return t(cur, env);
    if (!dflt) throw fail(40066, '$switch could not find a matching branch for an input, and no default was specified.');
    return dflt(cur, env);
  };
};

const $and: OpCompiler = (arg, c) => {
  const fns = argList('$and', arg, c, 0, Infinity);
  return (cur, env) => fns.every((f) => truthy(f(cur, env)));
};
const $or: OpCompiler = (arg, c) => {
  const fns = argList('$or', arg, c, 0, Infinity);
  return (cur, env) => fns.some((f) => truthy(f(cur, env)));
};
const $not: OpCompiler = (arg, c) => {
  const [f] = argList('$not', arg, c, 1);
  return (cur, env) => !truthy(f(cur, env));
};

const $let: OpCompiler = (arg, c) => {
  if (!isPlainObject(arg) || !isPlainObject(arg.vars) || !('in' in arg)) throw fail(ErrorCodes.FailedToParse, "$let requires 'vars' and 'in'");
  const names = Object.keys(arg.vars).map(varName);
  const vals = names.map((n) => c((arg.vars as Record<string, unknown>)[n]));
  const body = c(arg.in);
  return (cur, env) => {
    const bound: Record<string, unknown> = {};
    names.forEach((n, i) => (bound[n] = vals[i](cur, env)));
    return body(cur, withVars(env, bound));
  };
};

export const NATIVE: Record<string, OpCompiler> = {
  $literal: (arg) => () => arg,
  $add,
  $subtract,
  $multiply,
  $divide,
  $sum: foldOp(sumOf),
  $avg: foldOp(avgOf),
  $min: foldOp((v) => extreme(v, false)),
  $max: foldOp((v) => extreme(v, true)),
  $stdDevPop: foldOp((v) => stdDev(v, false)),
  $stdDevSamp: foldOp((v) => stdDev(v, true)),
  $eq: comparison('$eq', (x) => x === 0),
  $ne: comparison('$ne', (x) => x !== 0),
  $gt: comparison('$gt', (x) => x > 0),
  $gte: comparison('$gte', (x) => x >= 0),
  $lt: comparison('$lt', (x) => x < 0),
  $lte: comparison('$lte', (x) => x <= 0),
  $cmp: (arg, c) => {
    const [a, b] = argList('$cmp', arg, c, 2);
    return (cur, env) => new Int32(aggCompare(a(cur, env), b(cur, env)));
  },
  $and,
  $or,
  $not,
  $cond,
  $ifNull,
  $switch,
  $let,
  $map,
  $filter,
  $reduce,
  $in,
  $size,
  $arrayElemAt,
  $first: arrayEnd('$first', false),
  $last: arrayEnd('$last', true),
  $slice,
  $concatArrays,
  $isArray: (arg, c) => {
    const [f] = argList('$isArray', arg, c, 1);
    return (cur, env) => Array.isArray(f(cur, env));
  },
  $reverseArray: (arg, c) => {
    const [f] = argList('$reverseArray', arg, c, 1);
    return (cur, env) => {
      const v = f(cur, env);
      if (isNullish(v)) return null;
      return [...requireArray('$reverseArray', v, 34435)].reverse();
    };
  },
  $mergeObjects,
  $objectToArray,
  $arrayToObject,
  $getField,
  $type,
  $isNumber: (arg, c) => {
    const [f] = argList('$isNumber', arg, c, 1);
    return (cur, env) => isNumeric(f(cur, env));
  },
  $toInt: converter('$toInt', 'int'),
  $toLong: converter('$toLong', 'long'),
  $toDouble: converter('$toDouble', 'double'),
  $toDecimal: converter('$toDecimal', 'decimal'),
  $toBool: converter('$toBool', 'bool'),
  $toString: converter('$toString', 'string'),
  $toObjectId: converter('$toObjectId', 'objectId'),
  $toDate: converter('$toDate', 'date'),
  $convert,
};
