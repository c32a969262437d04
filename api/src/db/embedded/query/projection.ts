/**
 * Projections: find's `projection` and the $project / $addFields / $set / $unset stages.
 *
 * A specification is parsed into a tree of field nodes (include, exclude, computed
 * expression, and for find only $slice, $elemMatch and the positional `a.$`), then applied
 * to documents. MongoDB 4.4+ rules: inclusion keeps the document's field order and appends
 * computed fields in specification order; `_id` is included unless excluded; sub-fields of
 * arrays of documents are projected element by element; computed expressions always see the
 * whole document ($$ROOT), whatever their nesting.
 */
import type { Document } from 'bson';
import { ErrorCodes, MongoError } from '../errors.js';
import { isNumeric, isPlainObject } from './bsontype.js';
import { compile, type Env, type Fn } from './expr.js';
import { compileFilter, type MatchDetails, type Matcher } from './match.js';
import { isZero, toJsNumber } from './numeric.js';

type PNode =
  | { kind: 'include' }
  | { kind: 'exclude' }
  | { kind: 'expr'; fn: Fn }
  | { kind: 'slice'; skip?: number; limit: number }
  | { kind: 'elemMatch'; match: Matcher }
  | { kind: 'positional' }
  | Tree;
interface Tree {
  kind: 'tree';
  children: Map<string, PNode>;
}

type Mode = 'find' | 'aggregate' | 'addFields';

interface ParseState {
  mode: Mode;
  inclusion: boolean;
  exclusion: boolean;
  idExcluded: boolean;
  idSpecified: boolean;
  positional: boolean;
}

function fail(code: number, msg: string): MongoError {
  return new MongoError(code, msg);
}

function newTree(): Tree {
  return { kind: 'tree', children: new Map() };
}

function insert(root: Tree, parts: string[], node: PNode, path: string): void {
  let t = root;
  for (let i = 0; i < parts.length - 1; i++) {
    const existing = t.children.get(parts[i]);
    if (existing === undefined) {
      const sub = newTree();
      t.children.set(parts[i], sub);
      t = sub;
    } else if (existing.kind === 'tree') t = existing;
    else throw fail(31249, `Path collision at ${path} remaining portion ${parts.slice(i + 1).join('.')}`);
  }
  const last = parts[parts.length - 1];
  if (t.children.has(last)) throw fail(31250, `Path collision at ${path}`);
  t.children.set(last, node);
}

function markInclusion(s: ParseState, path: string): void {
  if (s.mode === 'addFields') return;
  if (s.exclusion) throw fail(31253, `Cannot do inclusion on field ${path} in exclusion projection`);
  s.inclusion = true;
}

function markExclusion(s: ParseState, path: string): void {
  if (s.inclusion) throw fail(31254, `Cannot do exclusion on field ${path} in inclusion projection`);
  s.exclusion = true;
}

function parseSlice(arg: unknown): PNode | undefined {
  if (isNumeric(arg)) return { kind: 'slice', limit: Math.trunc(toJsNumber(arg)) };
  if (Array.isArray(arg) && arg.length === 2 && arg.every(isNumeric)) {
    const limit = Math.trunc(toJsNumber(arg[1]));
    if (limit <= 0) throw fail(ErrorCodes.BadValue, `$slice limit must be positive`);
    return { kind: 'slice', skip: Math.trunc(toJsNumber(arg[0])), limit };
  }
  return undefined;
}

function parseInto(spec: Record<string, unknown>, tree: Tree, prefix: string, s: ParseState): void {
  for (const key of Object.keys(spec)) {
    const value = spec[key];
    const path = prefix ? `${prefix}.${key}` : key;
    if (key === '' || key.startsWith('$')) {
      if (!(s.mode === 'find' && key.endsWith('$'))) throw fail(16410, `FieldPath field names may not start with '$'. Consider using $getField or $setField.`);
    }
    let parts = key.split('.');
    if (parts.some((p) => p === '')) throw fail(15998, `FieldPath field names may not be empty strings.`);
    const isId = path === '_id';

    if (parts[parts.length - 1] === '$') {
      if (s.mode !== 'find') throw fail(16410, `FieldPath field names may not start with '$'.`);
      if (s.positional) throw fail(31276, 'Cannot specify more than one positional projection per query.');
      if (prefix) throw fail(31275, `Positional projection '${path}' cannot be nested`);
      parts = parts.slice(0, -1);
      if (parts.includes('$')) throw fail(31394, `Positional projection '${path}' contains the positional operator in the middle`);
      s.positional = true;
      markInclusion(s, path);
      insert(tree, parts, { kind: 'positional' }, path);
      continue;
    }
    if (parts.includes('$')) throw fail(31394, `Positional projection '${path}' contains the positional operator in the middle`);

    if (typeof value === 'boolean' || isNumeric(value)) {
      const include = typeof value === 'boolean' ? value : !isZero(value);
      if (s.mode === 'addFields') insert(tree, parts, { kind: 'expr', fn: () => value }, path);
      else if (include) {
        if (!isId) markInclusion(s, path);
        else s.idSpecified = true;
        insert(tree, parts, { kind: 'include' }, path);
      } else {
        if (isId) s.idExcluded = true;
        else markExclusion(s, path);
        insert(tree, parts, { kind: 'exclude' }, path);
      }
      continue;
    }
    if (isPlainObject(value)) {
      const first = Object.keys(value)[0];
      if (first === undefined) throw fail(51270, `An empty sub-projection is not a valid value. Found empty object at path`);
      if (first.startsWith('$')) {
        if (s.mode === 'find' && first === '$slice' && Object.keys(value).length === 1) {
          const slice = parseSlice(value.$slice);
          if (slice) {
            insert(tree, parts, slice, path);
            continue;
          }
        }
        if (s.mode === 'find' && first === '$elemMatch') {
          if (prefix || parts.length > 1) throw fail(ErrorCodes.BadValue, 'Cannot use $elemMatch projection on a nested field.');
          if (!isPlainObject(value.$elemMatch)) throw fail(ErrorCodes.BadValue, 'elemMatch: Invalid argument, object required.');
          markInclusion(s, path);
          insert(tree, parts, { kind: 'elemMatch', match: compileFilter({ [key]: { $elemMatch: value.$elemMatch } }) }, path);
          continue;
        }
        if (first === '$meta') throw fail(ErrorCodes.BadValue, `$meta projection is not supported by the embedded server`);
        if (!isId) markInclusion(s, path);
        insert(tree, parts, { kind: 'expr', fn: compile(value) }, path);
        continue;
      }
      // A nested specification: {a: {b: 1}} means {'a.b': 1}.
      let sub: Tree = newTree();
      const existing = parts.length === 1 ? tree.children.get(key) : undefined;
      if (existing?.kind === 'tree') sub = existing;
      else insert(tree, parts, sub, path);
      parseInto(value, sub, path, s);
      continue;
    }
    // Anything else is an expression: a field path, a literal, an array of expressions.
    if (!isId) markInclusion(s, path);
    insert(tree, parts, { kind: 'expr', fn: compile(value) }, path);
  }
}

function parse(spec: Document, mode: Mode): { tree: Tree; state: ParseState } {
  if (!isPlainObject(spec)) throw fail(ErrorCodes.BadValue, 'projection must be an object');
  const state: ParseState = { mode, inclusion: false, exclusion: false, idExcluded: false, idSpecified: false, positional: false };
  const tree = newTree();
  parseInto(spec, tree, '', state);
  return { tree, state };
}

// ---- application ----

interface Run {
  env: Env;
  /** Position matched by the query, for `a.$`. */
  position?: number;
  doc: Document;
}

function slice(v: unknown, n: { skip?: number; limit: number }): unknown {
  if (!Array.isArray(v)) return v;
  if (n.skip === undefined) return n.limit >= 0 ? v.slice(0, n.limit) : v.slice(Math.max(0, v.length + n.limit));
  const start = n.skip < 0 ? Math.max(0, v.length + n.skip) : n.skip;
  return v.slice(start, start + n.limit);
}

function hasComputed(t: Tree): boolean {
  for (const n of t.children.values()) if (n.kind === 'expr' || (n.kind === 'tree' && hasComputed(n))) return true;
  return false;
}

function includeSub(v: unknown, t: Tree, run: Run): unknown {
  if (isPlainObject(v)) return include(v, t, run);
  if (Array.isArray(v)) {
    const out: unknown[] = [];
    for (const e of v) {
      if (isPlainObject(e)) out.push(include(e, t, run));
      else if (Array.isArray(e)) out.push(includeSub(e, t, run));
    }
    return out;
  }
  return hasComputed(t) ? include({}, t, run) : undefined;
}

function include(value: Record<string, unknown>, t: Tree, run: Run): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    const node = t.children.get(key);
    if (!node) continue;
    const v = value[key];
    switch (node.kind) {
      case 'include':
        out[key] = v;
        break;
      case 'slice':
        out[key] = slice(v, node);
        break;
      case 'positional':
        if (Array.isArray(v)) {
          if (run.position === undefined || run.position >= v.length) {
            throw fail(51246, "Executor error during find command :: caused by :: positional operator '.$' couldn't find a matching element in the array");
          }
          out[key] = [v[run.position]];
        } else out[key] = v;
        break;
      case 'tree': {
        const r = includeSub(v, node, run);
        if (r !== undefined) out[key] = r;
        break;
      }
      default:
        break;
    }
  }
  for (const [key, node] of t.children) {
    if (node.kind === 'expr') {
      const r = node.fn(run.doc, run.env);
      delete out[key];
      if (r !== undefined) out[key] = r;
    } else if (node.kind === 'elemMatch') {
      const det: MatchDetails = {};
      const arr = value[key];
      if (Array.isArray(arr) && node.match(run.doc, det) && det.arrayIndex !== undefined) out[key] = [arr[det.arrayIndex]];
    } else if (node.kind === 'tree' && !(key in value) && hasComputed(node)) {
      out[key] = include({}, node, run);
    }
  }
  return out;
}

function excludeSub(v: unknown, t: Tree, run: Run): unknown {
  if (isPlainObject(v)) return exclude(v, t, run);
  if (Array.isArray(v)) return v.map((e) => (isPlainObject(e) || Array.isArray(e) ? excludeSub(e, t, run) : e));
  return v;
}

function exclude(value: Record<string, unknown>, t: Tree, run: Run): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    const node = t.children.get(key);
    const v = value[key];
    if (!node || node.kind === 'include') out[key] = v;
    else if (node.kind === 'tree') out[key] = excludeSub(v, node, run);
    else if (node.kind === 'slice') out[key] = slice(v, node);
  }
  return out;
}

/**
 * A nested $addFields specification applied to whatever value is there: documents get the
 * fields, arrays apply it to each element, anything else is replaced by a new document.
 */
function addFieldsTo(v: unknown, t: Tree, run: Run): unknown {
  if (isPlainObject(v)) return addFields(v, t, run);
  if (Array.isArray(v)) return v.map((e) => addFieldsTo(e, t, run));
  return addFields({}, t, run);
}

/** $addFields: computed nodes merged into the document, existing fields keep their place. */
function addFields(value: Record<string, unknown>, t: Tree, run: Run): Record<string, unknown> {
  const out: Record<string, unknown> = { ...value };
  for (const [key, node] of t.children) {
    if (node.kind === 'expr') {
      const r = node.fn(run.doc, run.env);
      if (r === undefined) delete out[key];
      else out[key] = r;
    } else if (node.kind === 'tree') out[key] = addFieldsTo(value[key], node, run);
  }
  return out;
}

export type Projector = (doc: Document, vars?: Record<string, unknown>, now?: Date) => Document;

function projector(tree: Tree, state: ParseState, filter: Document | undefined, fixedNow: Date | undefined): Projector {
  const inclusion = state.inclusion || (state.idSpecified && !state.exclusion);
  if (inclusion && !state.idExcluded && !tree.children.has('_id')) {
    // _id comes first unless excluded.
    const withId = newTree();
    withId.children.set('_id', { kind: 'include' });
    for (const [k, v] of tree.children) withId.children.set(k, v);
    tree = withId;
  }
  const match = state.positional ? compileFilter(filter ?? {}) : undefined;
  return (doc, vars = {}, now) => {
    const run: Run = { doc, env: { root: doc, vars, now: now ?? fixedNow ?? new Date() } };
    if (match) {
      const det: MatchDetails = {};
      if (match(doc, det)) run.position = det.arrayIndex;
    }
    return inclusion ? include(doc, tree, run) : exclude(doc, tree, run);
  };
}

/**
 * find's projection. `filter` is the query, needed for the positional `a.$`. An empty or
 * missing projection returns documents unchanged.
 */
export function compileProjection(projection: Document | undefined | null, filter?: Document, now?: Date): (doc: Document) => Document {
  if (!projection || Object.keys(projection).length === 0) return (doc) => doc;
  const { tree, state } = parse(projection, 'find');
  const p = projector(tree, state, filter, now);
  return (doc) => p(doc);
}

/** The $project stage. */
export function compileProjectStage(spec: Document): Projector {
  if (!isPlainObject(spec) || Object.keys(spec).length === 0) {
    throw fail(51272, 'Invalid $project :: caused by :: projection specification must have at least one field');
  }
  const { tree, state } = parse(spec, 'aggregate');
  return projector(tree, state, undefined, undefined);
}

/** The $addFields / $set stages. */
export function compileAddFields(spec: Document): Projector {
  if (!isPlainObject(spec)) throw fail(40272, '$addFields specification stage must be an object');
  const { tree } = parse(spec, 'addFields');
  return (doc, vars = {}, now) => addFields(doc, tree, { doc, env: { root: doc, vars, now: now ?? new Date() } });
}

/** The $unset stage: a field path or a list of them. */
export function compileUnset(spec: unknown): Projector {
  const paths = typeof spec === 'string' ? [spec] : spec;
  if (!Array.isArray(paths) || paths.length === 0 || !paths.every((p) => typeof p === 'string')) {
    throw fail(31002, '$unset specification must be a string or an array containing only string values');
  }
  const { tree, state } = parse(Object.fromEntries(paths.map((p) => [p, 0])), 'aggregate');
  return projector(tree, state, undefined, undefined);
}
