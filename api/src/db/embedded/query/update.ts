/**
 * Updates: replacement documents, operator documents and pipelines.
 *
 * An operator update is parsed once (validation, conflicting paths, positional operators) and
 * then applied per document on a copy-on-write Draft. Like mongod (5.0+), operators are
 * applied in field-path order, not in the order they were written, so new fields appear in
 * lexicographic order (numeric components numerically).
 */
import type { Document } from 'bson';
import { ErrorCodes, MongoError } from '../errors.js';
import { bsonTypeOf, isPlainObject, typeNames } from './bsontype.js';
import { bsonEquals } from './compare.js';
import { compileFilter, type MatchDetails, type Matcher } from './match.js';
import { arrayIndexOf, getExact, splitPath } from './paths.js';
import { sameRaw } from './same.js';
import { Draft, render } from './update-draft.js';
import { UPDATE_OPERATORS, type UpdateOperator } from './update-ops.js';
import { runUpdatePipeline } from './pipeline.js';

export interface UpdateOptions {
  isInsert: boolean;
  arrayFilters?: Document[];
  /** The query that selected the document: needed for the positional `$`. */
  filter?: Document;
  /** The statement's clock ($currentDate, $$NOW). */
  now?: Date;
}
export interface UpdateResult {
  doc: Document;
  changed: boolean;
}

function fail(code: number, msg: string): MongoError {
  return new MongoError(code, msg);
}

interface Entry {
  op: string;
  operator: UpdateOperator;
  path: string;
  parts: string[];
  arg: unknown;
  /** For $rename: the source is removed at `parts`, the value read from `from`. */
  from?: string[];
}

interface ParsedOperators {
  kind: 'operators';
  entries: Entry[];
  positional: boolean;
  arrayFilters: Map<string, Matcher>;
}
type Parsed = ParsedOperators | { kind: 'replacement'; doc: Document } | { kind: 'pipeline'; stages: Document[] };

const POSITIONAL_FILTER = /^\$\[([^\]]*)\]$/;

function validatePath(path: string): string[] {
  if (path === '') throw fail(56, "An empty update path is not valid.");
  const parts = splitPath(path);
  let dollars = 0;
  for (const p of parts) {
    if (p === '') throw fail(56, `The update path '${path}' contains an empty field name, which is not allowed.`);
    if (p === '$') dollars++;
    else if (p.startsWith('$') && !POSITIONAL_FILTER.test(p)) {
      throw fail(ErrorCodes.DollarPrefixedFieldName, `The dollar ($) prefixed field '${p}' in '${path}' is not valid for storage.`);
    }
  }
  if (dollars > 1) throw fail(ErrorCodes.BadValue, `Too many positional (i.e. '$') elements found in path '${path}'`);
  if (parts[0].startsWith('$')) throw fail(ErrorCodes.BadValue, `Cannot have positional (i.e. '$') element in the first component in path '${path}'`);
  return parts;
}

function isDynamic(parts: string[]): boolean {
  return parts.some((p) => p.startsWith('$'));
}

function comparePaths(a: string[], b: string[]): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    if (a[i] === b[i]) continue;
    const x = arrayIndexOf(a[i]);
    const y = arrayIndexOf(b[i]);
    if (x >= 0 && y >= 0) return x - y;
    return a[i] < b[i] ? -1 : 1;
  }
  return a.length - b.length;
}

function isPrefix(a: string[], b: string[]): boolean {
  if (a.length > b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Paths that overlap ('a' and 'a.b', or the same path twice) are ConflictingUpdateOperators. */
function checkConflicts(paths: string[][], what: (p: string[]) => string): void {
  const sorted = paths.slice().sort(comparePaths);
  for (let i = 1; i < sorted.length; i++) {
    if (isPrefix(sorted[i - 1], sorted[i])) {
      throw fail(ErrorCodes.ConflictingUpdateOperators, `Updating the path '${what(sorted[i])}' would create a conflict at '${what(sorted[i - 1])}'`);
    }
  }
}

function identifiersIn(filter: Document, out: Set<string>): void {
  for (const k of Object.keys(filter)) {
    if (k === '$and' || k === '$or' || k === '$nor') {
      for (const sub of (filter[k] as Document[]) ?? []) if (isPlainObject(sub)) identifiersIn(sub, out);
    } else if (!k.startsWith('$')) out.add(k.split('.')[0]);
  }
}

function parseArrayFilters(list: Document[] | undefined): Map<string, Matcher> {
  const out = new Map<string, Matcher>();
  for (const f of list ?? []) {
    if (!isPlainObject(f)) throw fail(ErrorCodes.FailedToParse, 'Each array filter must be an object');
    const ids = new Set<string>();
    identifiersIn(f, ids);
    if (ids.size !== 1) {
      throw fail(ErrorCodes.FailedToParse, `Error parsing array filter :: caused by :: Expected a single top-level field name, found ${ids.size === 0 ? 'none' : [...ids].map((x) => `'${x}'`).join(' and ')}`);
    }
    const [id] = ids;
    if (!/^[a-z][a-zA-Z0-9]*$/.test(id)) {
      throw fail(ErrorCodes.BadValue, `Error parsing array filter :: caused by :: The top-level field name must be an alphanumeric string beginning with a lowercase letter, found '${id}'`);
    }
    if (out.has(id)) throw fail(ErrorCodes.FailedToParse, `Found multiple array filters with the same top-level field name ${id}`);
    out.set(id, compileFilter(f));
  }
  return out;
}

function parseOperators(update: Document, arrayFilters: Document[] | undefined): ParsedOperators {
  const entries: Entry[] = [];
  const allPaths: string[][] = [];
  for (const op of Object.keys(update)) {
    if (!op.startsWith('$')) {
      throw fail(ErrorCodes.FailedToParse, `Unknown modifier: ${op}. Expected a valid update modifier or pipeline-style update specified as an array`);
    }
    const spec = update[op];
    const isRename = op === '$rename';
    const operator = isRename ? UPDATE_OPERATORS.$set : UPDATE_OPERATORS[op];
    if (!operator) {
      throw fail(ErrorCodes.FailedToParse, `Unknown modifier: ${op}. Expected a valid update modifier or pipeline-style update specified as an array`);
    }
    if (!isPlainObject(spec)) {
      throw fail(ErrorCodes.FailedToParse, `Modifiers operate on fields but we found type ${typeNames[bsonTypeOf(spec)]} instead. For example: {$mod: {<field>: ...}} not {${op}: ${render(spec)}}`);
    }
    for (const path of Object.keys(spec)) {
      const parts = validatePath(path);
      if (isRename) {
        const to = spec[path];
        if (typeof to !== 'string') throw fail(ErrorCodes.BadValue, `The 'to' field for $rename must be a string: ${path}: ${render(to)}`);
        const toParts = validatePath(to);
        if (isDynamic(parts)) throw fail(ErrorCodes.BadValue, `The source field for $rename may not be dynamic: ${path}`);
        if (isDynamic(toParts)) throw fail(ErrorCodes.BadValue, `The destination field for $rename may not be dynamic: ${to}`);
        if (path === to) throw fail(ErrorCodes.BadValue, `The source and target field for $rename must differ: ${path}: "${to}"`);
        if (isPrefix(parts, toParts) || isPrefix(toParts, parts)) {
          throw fail(ErrorCodes.BadValue, `The source and target field for $rename must not be on the same path: ${path}: "${to}"`);
        }
        entries.push({ op: '$unset', operator: UPDATE_OPERATORS.$unset, path, parts, arg: 1 });
        entries.push({ op, operator, path: to, parts: toParts, arg: undefined, from: parts });
        allPaths.push(parts, toParts);
        continue;
      }
      entries.push({ op, operator, path, parts, arg: operator.check(spec[path], path) });
      allPaths.push(parts);
    }
  }
  checkConflicts(allPaths, (p) => p.join('.'));
  entries.sort((a, b) => comparePaths(a.parts, b.parts));

  const filters = parseArrayFilters(arrayFilters);
  const used = new Set<string>();
  for (const e of entries) {
    for (const p of e.parts) {
      const m = POSITIONAL_FILTER.exec(p);
      if (m && m[1] !== '') {
        if (!filters.has(m[1])) throw fail(ErrorCodes.BadValue, `No array filter found for identifier '${m[1]}' in path '${e.path}'`);
        used.add(m[1]);
      }
    }
  }
  for (const id of filters.keys()) {
    if (!used.has(id)) throw fail(ErrorCodes.FailedToParse, `The array filter for identifier '${id}' was not used in the update ${render(update)}`);
  }
  return { kind: 'operators', entries, positional: entries.some((e) => e.parts.includes('$')), arrayFilters: filters };
}

function parse(update: Document | Document[], arrayFilters: Document[] | undefined): Parsed {
  if (Array.isArray(update)) return { kind: 'pipeline', stages: update };
  if (!isPlainObject(update)) throw fail(ErrorCodes.FailedToParse, 'Update argument must be either an object or an array');
  const keys = Object.keys(update);
  if (keys.length > 0 && keys[0].startsWith('$')) return parseOperators(update, arrayFilters);
  const dollar = keys.find((k) => k.startsWith('$'));
  if (dollar) {
    throw fail(ErrorCodes.FailedToParse, `Unknown modifier: ${dollar}. Expected a valid update modifier or pipeline-style update specified as an array`);
  }
  if (arrayFilters?.length) throw fail(ErrorCodes.FailedToParse, 'arrayFilters may not be specified for replacement-style updates');
  return { kind: 'replacement', doc: update };
}

const parseCache = new WeakMap<object, { arrayFilters: Document[] | undefined; parsed: Parsed }>();

function parseCached(update: Document | Document[], arrayFilters: Document[] | undefined): Parsed {
  const hit = parseCache.get(update);
  if (hit && hit.arrayFilters === arrayFilters) return hit.parsed;
  const parsed = parse(update, arrayFilters);
  parseCache.set(update, { arrayFilters, parsed });
  return parsed;
}

/** Expand `$`, `$[]` and `$[id]` into concrete paths against the current document. */
function expand(root: unknown, parts: string[], positional: number | undefined, filters: Map<string, Matcher>, path: string): string[][] {
  const i = parts.findIndex((p) => p.startsWith('$'));
  if (i < 0) return [parts];
  const head = parts.slice(0, i);
  const rest = parts.slice(i + 1);
  if (parts[i] === '$') {
    if (positional === undefined) throw fail(ErrorCodes.BadValue, 'The positional operator did not find the match needed from the query.');
    return expand(root, [...head, String(positional), ...rest], positional, filters, path);
  }
  const arr = getExact(root, head);
  if (!Array.isArray(arr)) {
    if (arr === undefined) throw fail(ErrorCodes.BadValue, `The path '${head.join('.')}' must exist in the document in order to apply array updates.`);
    throw fail(ErrorCodes.BadValue, `Cannot apply array updates to non-array element ${head[head.length - 1]}: ${render(arr)}`);
  }
  const id = POSITIONAL_FILTER.exec(parts[i])![1];
  const test = id === '' ? undefined : filters.get(id)!;
  const out: string[][] = [];
  for (let j = 0; j < arr.length; j++) {
    if (test && !test({ [id]: arr[j] })) continue;
    out.push(...expand(root, [...head, String(j), ...rest], positional, filters, path));
  }
  return out;
}

function checkRenamePath(root: unknown, parts: string[], source: boolean): void {
  for (let i = 1; i < parts.length; i++) {
    if (Array.isArray(getExact(root, parts, 0, i))) {
      const which = source ? 'source' : 'destination';
      throw fail(ErrorCodes.BadValue, `The ${which} field cannot be an array element, '${parts.join('.')}' in doc with ${parts.slice(0, i).join('.')} being an array`);
    }
  }
}

function applyOperators(doc: Document, p: ParsedOperators, opts: UpdateOptions): UpdateResult {
  const draft = new Draft(doc);
  const now = opts.now ?? new Date();
  let positional: number | undefined;
  if (p.positional && !opts.isInsert && opts.filter) {
    const det: MatchDetails = {};
    if (compileFilter(opts.filter)(doc, det)) positional = det.arrayIndex;
  }
  const concrete: string[][] = [];
  let dynamic = false;
  let changed = false;
  for (const e of p.entries) {
    if (e.op === '$setOnInsert' && !opts.isInsert) continue; // must not even create parents
    let arg = e.arg;
    if (e.from) {
      checkRenamePath(doc, e.from, true);
      arg = getExact(doc, e.from);
      if (arg === undefined) continue; // renaming a missing field does nothing
      checkRenamePath(draft.root, e.parts, false);
    }
    const paths = isDynamic(e.parts) ? expand(draft.root, e.parts, positional, p.arrayFilters, e.path) : [e.parts];
    if (paths.length !== 1 || paths[0] !== e.parts) dynamic = true;
    for (const parts of paths) {
      concrete.push(parts);
      const slot = draft.slot(parts, e.operator.create);
      if (e.operator.apply(slot, arg, { now, isInsert: opts.isInsert, id: doc._id, path: parts.join('.') })) changed = true;
    }
  }
  if (dynamic) checkConflicts(concrete, (x) => x.join('.'));
  return { doc: draft.root, changed };
}

function applyReplacement(doc: Document, rep: Document): UpdateResult {
  const out: Document = {};
  if (doc._id !== undefined) {
    if (rep._id !== undefined && !bsonEquals(rep._id, doc._id)) {
      throw fail(ErrorCodes.ImmutableField, `After applying the update, the (immutable) field '_id' was found to have been altered to _id: ${render(rep._id)}`);
    }
    out._id = doc._id;
  } else if (rep._id !== undefined) out._id = rep._id;
  for (const k of Object.keys(rep)) if (k !== '_id') out[k] = rep[k];
  return { doc: out, changed: !sameRaw(out, doc) };
}

/** Enforce _id immutability and validity after an operator or pipeline update. */
function checkId(before: Document, after: Document): Document {
  if (before._id !== undefined) {
    if (after._id === undefined || !bsonEquals(after._id, before._id)) {
      throw fail(ErrorCodes.ImmutableField, "Performing an update on the path '_id' would modify the immutable field '_id'");
    }
  }
  if (Array.isArray(after._id)) throw fail(ErrorCodes.InvalidIdField, "The '_id' value cannot be of type array");
  return after;
}

/**
 * Apply an update to a document (never mutated). `changed` is false when the result is
 * byte-for-byte the input (MongoDB then reports nModified 0).
 */
export function applyUpdate(doc: Document, update: Document | Document[], opts: UpdateOptions): UpdateResult {
  const parsed = parseCached(update, opts.arrayFilters);
  switch (parsed.kind) {
    case 'replacement':
      return applyReplacement(doc, parsed.doc);
    case 'pipeline': {
      const out = runUpdatePipeline(doc, parsed.stages, opts.now ?? new Date());
      return { doc: checkId(doc, out), changed: !sameRaw(out, doc) };
    }
    default: {
      const r = applyOperators(doc, parsed, opts);
      checkId(doc, r.doc);
      return r;
    }
  }
}

/**
 * What kind of update this is. The engine needs it because the server rejects
 * replacement-style updates (including `{}`) with `multi: true` (FailedToParse, 9:
 * "multi update is not supported for replacement-style update").
 */
export function updateKind(update: Document | Document[]): 'replacement' | 'operators' | 'pipeline' {
  if (Array.isArray(update)) return 'pipeline';
  const first = Object.keys(update)[0];
  return first !== undefined && first.startsWith('$') ? 'operators' : 'replacement';
}

/** Validate an update without a document (for commands that must fail before writing). */
export function validateUpdate(update: Document | Document[], arrayFilters?: Document[]): void {
  parseCached(update, arrayFilters);
}
