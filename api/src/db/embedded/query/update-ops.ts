/**
 * The update operators, each applied to one concrete path of a Draft.
 *
 * `check` validates the argument when the update is parsed (so a bad update fails before any
 * document is touched); `apply` edits the draft and reports whether anything changed.
 * Arithmetic keeps MongoDB's types (see numeric.ts); error codes are the server's.
 */
import { Int32, Long, Timestamp } from 'bson';
import { ErrorCodes, MongoError } from '../errors.js';
import { bsonTypeOf, isNumeric, isPlainObject, typeNames } from './bsontype.js';
import { bsonEquals, compareBson } from './compare.js';
import { compileFilter, type Matcher } from './match.js';
import { addNumbers, multiplyNumbers, numKind, NK, toJsNumber } from './numeric.js';
import { sameRaw } from './same.js';
import { compileSort } from './sort.js';
import { Draft, render, type Slot } from './update-draft.js';

export interface ApplyContext {
  now: Date;
  isInsert: boolean;
  /** The document's _id, for error messages. */
  id: unknown;
  /** The path as written in the update, for error messages. */
  path: string;
}

export interface UpdateOperator {
  /** Whether missing intermediate documents are created (writes) or the op is a no-op (removals). */
  create: boolean;
  check(arg: unknown, path: string): unknown;
  apply(slot: Slot | null, arg: unknown, ctx: ApplyContext): boolean;
}

function bad(msg: string, code: number = ErrorCodes.BadValue): MongoError {
  return new MongoError(code, msg);
}

function typeName(v: unknown): string {
  return typeNames[bsonTypeOf(v)];
}

function idText(ctx: ApplyContext): string {
  return ctx.id === undefined ? '{}' : `{_id: ${render(ctx.id)}}`;
}

function setValue(slot: Slot | null, value: unknown): boolean {
  if (!slot) return false;
  const old = Draft.read(slot);
  if (old !== undefined && sameRaw(old, value)) return false;
  Draft.write(slot, value);
  return true;
}

const identity = (arg: unknown): unknown => arg;

const $set: UpdateOperator = { create: true, check: identity, apply: (s, arg) => setValue(s, arg) };

const $setOnInsert: UpdateOperator = {
  create: true,
  check: identity,
  apply: (s, arg, ctx) => (ctx.isInsert ? setValue(s, arg) : false),
};

const $unset: UpdateOperator = { create: false, check: identity, apply: (s) => (s ? Draft.remove(s) : false) };

function arithmetic(name: '$inc' | '$mul', op: typeof addNumbers): UpdateOperator {
  const verb = name === '$inc' ? 'increment' : 'multiply';
  return {
    create: true,
    check(arg, path) {
      if (!isNumeric(arg)) throw bad(`Cannot ${verb} with non-numeric argument: {${path}: ${render(arg)}}`, ErrorCodes.TypeMismatch);
      return arg;
    },
    apply(s, arg, ctx) {
      if (!s) return false;
      const cur = Draft.read(s);
      if (cur === undefined) {
        // A missing field starts at 0 of the operand's type ($mul) or takes the operand ($inc).
        return setValue(s, name === '$inc' ? arg : multiplyNumbers(new Int32(0), arg));
      }
      if (!isNumeric(cur)) {
        throw bad(`Cannot apply ${name} to a value of non-numeric type. ${idText(ctx)} has the field '${String(s.key)}' of non-numeric type ${typeName(cur)}`, ErrorCodes.TypeMismatch);
      }
      const r = op(cur, arg);
      if (r === null) {
        throw bad(`Failed to apply ${name} operations to current value (${render(cur)}) for document ${idText(ctx)}`);
      }
      return setValue(s, r);
    },
  };
}

function minMax(max: boolean): UpdateOperator {
  return {
    create: true,
    check: identity,
    apply(s, arg) {
      if (!s) return false;
      const cur = Draft.read(s);
      if (cur !== undefined) {
        const c = compareBson(arg, cur);
        if (max ? c <= 0 : c >= 0) return false;
      }
      return setValue(s, arg);
    },
  };
}

let lastTimestamp = { t: 0, i: 0 };

/** Timestamps from $currentDate increase strictly within the process, like the server's clock. */
function nextTimestamp(now: Date): Timestamp {
  const t = Math.floor(now.getTime() / 1000);
  lastTimestamp = t > lastTimestamp.t ? { t, i: 1 } : { t: lastTimestamp.t, i: lastTimestamp.i + 1 };
  return new Timestamp(lastTimestamp);
}

const $currentDate: UpdateOperator = {
  create: true,
  check(arg) {
    if (typeof arg === 'boolean') return arg;
    if (isPlainObject(arg) && Object.keys(arg).length === 1 && (arg.$type === 'date' || arg.$type === 'timestamp')) return arg;
    throw bad("The '$type' string field is required to be 'date' or 'timestamp': {$currentDate: {field : {$type: 'date'}}}");
  },
  apply(s, arg, ctx) {
    const ts = isPlainObject(arg) && arg.$type === 'timestamp';
    return setValue(s, ts ? nextTimestamp(ctx.now) : new Date(ctx.now.getTime()));
  },
};

function readArray(s: Slot, name: string, ctx: ApplyContext): unknown[] | undefined {
  const cur = Draft.read(s);
  if (cur === undefined) return undefined;
  if (!Array.isArray(cur)) {
    if (name === '$addToSet') throw bad(`Cannot apply $addToSet to non-array field. Field named '${String(s.key)}' has non-array type ${typeName(cur)}`);
    throw bad(`The field '${ctx.path}' must be an array but is of type ${typeName(cur)} in document ${idText(ctx)}`);
  }
  return cur;
}

interface PushSpec {
  each: unknown[];
  position?: number;
  slice?: number;
  sort?: ((a: unknown, b: unknown) => number) | undefined;
}

function intArg(v: unknown, what: string): number {
  const n = isNumeric(v) ? toJsNumber(v) : NaN;
  if (!Number.isInteger(n)) throw bad(`The value for ${what} must be an integer value but was given type: ${typeName(v)}`);
  return n;
}

function parsePushSort(spec: unknown): (a: unknown, b: unknown) => number {
  if (isNumeric(spec)) {
    const d = toJsNumber(spec);
    if (d !== 1 && d !== -1) throw bad('The $sort element value must be either 1 or -1');
    return (a, b) => d * compareBson(a, b);
  }
  if (isPlainObject(spec) && Object.keys(spec).length > 0) {
    const cmp = compileSort(spec);
    // Non-documents sort as if they were empty documents under a field sort.
    return (a, b) => cmp(isPlainObject(a) ? a : {}, isPlainObject(b) ? b : {});
  }
  throw bad('The $sort is invalid: use 1/-1 to sort the whole element, or {field:1/-1} to sort embedded fields');
}

function parsePush(arg: unknown): PushSpec {
  if (!isPlainObject(arg) || !('$each' in arg)) return { each: [arg] };
  const spec: PushSpec = { each: [] };
  for (const k of Object.keys(arg)) {
    const v = arg[k];
    switch (k) {
      case '$each':
        if (!Array.isArray(v)) throw bad(`The argument to $each in $push must be an array but it was of type: ${typeName(v)}`);
        spec.each = v;
        break;
      case '$position':
        spec.position = intArg(v, '$position');
        break;
      case '$slice':
        spec.slice = intArg(v, '$slice');
        break;
      case '$sort':
        spec.sort = parsePushSort(v);
        break;
      default:
        throw bad(`Unrecognized clause in $push: ${k}`);
    }
  }
  return spec;
}

const $push: UpdateOperator = {
  create: true,
  check: parsePush,
  apply(s, arg, ctx) {
    if (!s) return false;
    const spec = arg as PushSpec;
    const cur = readArray(s, '$push', ctx);
    let arr = cur ? cur.slice() : [];
    let pos = spec.position ?? arr.length;
    if (pos < 0) pos = Math.max(0, arr.length + pos);
    if (pos > arr.length) pos = arr.length;
    arr.splice(pos, 0, ...spec.each);
    if (spec.sort) arr.sort(spec.sort);
    if (spec.slice !== undefined) arr = spec.slice >= 0 ? arr.slice(0, spec.slice) : arr.slice(Math.max(0, arr.length + spec.slice));
    return setValue(s, arr);
  },
};

const $addToSet: UpdateOperator = {
  create: true,
  check(arg) {
    if (isPlainObject(arg) && '$each' in arg) {
      if (!Array.isArray(arg.$each)) throw bad(`The argument to $each in $addToSet must be an array but it was of type ${typeName(arg.$each)}`);
      if (Object.keys(arg).length > 1) throw bad(`Found unexpected fields after $each in $addToSet: ${render(arg)}`);
      return arg.$each;
    }
    return [arg];
  },
  apply(s, arg, ctx) {
    if (!s) return false;
    const cur = readArray(s, '$addToSet', ctx);
    const arr = cur ? cur.slice() : [];
    let added = false;
    for (const v of arg as unknown[]) {
      if (!arr.some((e) => bsonEquals(e, v))) {
        arr.push(v);
        added = true;
      }
    }
    if (!added && cur) return false;
    return setValue(s, arr);
  },
};

const $pop: UpdateOperator = {
  create: false,
  check(arg) {
    const n = isNumeric(arg) ? toJsNumber(arg) : NaN;
    if (n !== 1 && n !== -1) throw bad(`$pop expects 1 or -1, found: ${render(arg)}`, ErrorCodes.FailedToParse);
    return n;
  },
  apply(s, arg, ctx) {
    if (!s) return false;
    const cur = Draft.read(s);
    if (cur === undefined) return false;
    if (!Array.isArray(cur)) throw bad(`Path '${ctx.path}' contains an element of non-array type '${typeName(cur)}'`, ErrorCodes.TypeMismatch);
    if (cur.length === 0) return false;
    return setValue(s, arg === 1 ? cur.slice(0, -1) : cur.slice(1));
  },
};

/** $pull conditions: a document is a query over elements, anything else a value condition. */
function pullMatcher(cond: unknown): (e: unknown) => boolean {
  if (isPlainObject(cond) && !Object.keys(cond)[0]?.startsWith('$')) {
    const m: Matcher = compileFilter(cond);
    return (e) => isPlainObject(e) && m(e);
  }
  const m = compileFilter({ v: cond });
  return (e) => m({ v: e });
}

const $pull: UpdateOperator = {
  create: false,
  check: pullMatcher,
  apply(s, arg) {
    if (!s) return false;
    const cur = Draft.read(s);
    if (cur === undefined) return false;
    if (!Array.isArray(cur)) throw bad('Cannot apply $pull to a non-array value');
    const test = arg as (e: unknown) => boolean;
    const kept = cur.filter((e) => !test(e));
    return kept.length === cur.length ? false : setValue(s, kept);
  },
};

const $pullAll: UpdateOperator = {
  create: false,
  check(arg) {
    if (!Array.isArray(arg)) throw bad(`$pullAll requires an array argument but was given a ${typeName(arg)}`);
    return arg;
  },
  apply(s, arg) {
    if (!s) return false;
    const cur = Draft.read(s);
    if (cur === undefined) return false;
    if (!Array.isArray(cur)) throw bad('$pullAll requires an array argument but was given a non-array value');
    const remove = arg as unknown[];
    const kept = cur.filter((e) => !remove.some((r) => bsonEquals(e, r)));
    return kept.length === cur.length ? false : setValue(s, kept);
  },
};

const $bit: UpdateOperator = {
  create: true,
  check(arg, path) {
    if (!isPlainObject(arg) || Object.keys(arg).length === 0) {
      throw bad(`The $bit modifier is not compatible with a non-object argument: {${path}: ${render(arg)}}`);
    }
    for (const [k, v] of Object.entries(arg)) {
      if (k !== 'and' && k !== 'or' && k !== 'xor') throw bad(`The $bit modifier only supports 'and', 'or', and 'xor', not '${k}'`);
      const kind = numKind(v);
      if (kind !== NK.int && kind !== NK.long) throw bad(`The $bit modifier field must be an Integer(32/64 bit); a '${typeName(v)}' is not supported here`);
    }
    return arg;
  },
  apply(s, arg, ctx) {
    if (!s) return false;
    let cur = Draft.read(s);
    if (cur === undefined) cur = new Int32(0);
    const kind = numKind(cur);
    if (kind !== NK.int && kind !== NK.long) {
      throw bad(`Cannot apply $bit to a value of non-integral type.${idText(ctx)} has the field ${String(s.key)} of non-integer type ${typeName(cur)}`);
    }
    let value = BigInt(kind === NK.long ? (cur as Long).toBigInt() : toJsNumber(cur));
    let wide = kind === NK.long;
    for (const [k, v] of Object.entries(arg as Record<string, unknown>)) {
      const operand = numKind(v) === NK.long ? (v as Long).toBigInt() : BigInt(toJsNumber(v));
      wide ||= numKind(v) === NK.long;
      value = k === 'and' ? value & operand : k === 'or' ? value | operand : value ^ operand;
    }
    const result = wide ? Long.fromBigInt(BigInt.asIntN(64, value)) : new Int32(Number(BigInt.asIntN(32, value)));
    return setValue(s, result);
  },
};

export const UPDATE_OPERATORS: Record<string, UpdateOperator> = {
  $set,
  $setOnInsert,
  $unset,
  $inc: arithmetic('$inc', addNumbers),
  $mul: arithmetic('$mul', multiplyNumbers),
  $min: minMax(false),
  $max: minMax(true),
  $currentDate,
  $push,
  $addToSet,
  $pop,
  $pull,
  $pullAll,
  $bit,
};
