/**
 * GraphQL fuzz cases generated from the schema: one root field per case (any Query or Mutation
 * field, as any role or anonymous), in one of these forms:
 *   valid        plausible arguments as variables
 *   hostile-var  one argument, input field or list element replaced by a hostile value, or a
 *                variable missing, mistyped or extra
 *   inline       arguments as literals, one of them possibly an invalid literal
 *   shape        the document or the request around it is hostile: aliases, fragments (also
 *                cyclic), directives, introspection, over-deep selections, token floods,
 *                corrupted text, several operations, a non-string query, batches, odd
 *                transports (text/plain, GET, form posts, invalid UTF-8, wrong charsets)
 */
import { isEnumType, getNamedType, isNonNullType } from 'graphql';
import type { Draw } from './draw.js';
import type { Operation } from './schema.js';
import { hostileValue, mutateValue, typo, validValue, type Pools } from './values.js';
import { selectionFor, typedLiteral } from './selection.js';
import { WHO, type Who } from './target.js';

export type Actor = Who | 'anonymous';
export const ACTORS: Actor[] = [...WHO, 'anonymous'];

export interface HttpCase {
  category: string;
  who: Actor;
  /** The root field, for GraphQL cases. */
  op: string | null;
  /** May change data: its refusal must leave the database as it was. */
  write: boolean;
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string | Buffer;
  /** Sent on a raw socket instead (lying lengths, truncation, header injection). */
  raw?: Buffer;
  /** Run on a new session of `who` (logout would end the shared one). */
  freshSession?: boolean;
}

const JSON_HEADERS = { 'content-type': 'application/json' };

interface Built {
  kind: 'query' | 'mutation';
  decl: string[];
  args: string[];
  variables: Record<string, unknown>;
  selection: string;
}

function build(d: Draw, op: Operation, pools: Pools, mode: 'valid' | 'hostile-var' | 'inline'): Built {
  const decl: string[] = [];
  const args: string[] = [];
  const variables: Record<string, unknown> = {};
  const inlineBad = ['"2025-02-30"', '99999999999999999999', '-1', '1.5', 'NOT_AN_ENUM', '"SIGNED"', '{ unknown: 1 }', '[[[[1]]]]', 'true', '""', '"\\u0000"', '$undefinedVar', '{}', '"\\ud800"', '0x10'];
  const spoilt = mode === 'inline' && d.chance(0.6) && op.field.args.length ? d.int(0, op.field.args.length - 1) : -1;
  op.field.args.forEach((a, i) => {
    const required = isNonNullType(a.type) && a.defaultValue === undefined;
    if (!required && !d.chance(0.4) && i !== spoilt) return;
    const value = validValue(d, a.type, op.name, a.name, pools);
    if (mode === 'inline') {
      args.push(`${a.name}: ${i === spoilt ? d.pick(inlineBad) : typedLiteral(value, a.type)}`);
      return;
    }
    decl.push(`$${a.name}: ${String(a.type)}`);
    args.push(`${a.name}: $${a.name}`);
    variables[a.name] = value;
  });
  if (mode === 'hostile-var') {
    const names = Object.keys(variables);
    const twist = d.weighted<string>([
      [14, 'value'],
      [2, 'enum-typo'],
      [1, 'missing'],
      [1, 'wrong-type'],
      [1, 'extra'],
    ]);
    if (twist === 'value' && names.length) {
      const n = d.pick(names);
      variables[n] = mutateValue(d, variables[n]);
    } else if (twist === 'enum-typo') {
      const e = op.field.args.find((a) => isEnumType(getNamedType(a.type)));
      if (e) {
        if (!names.includes(e.name)) {
          decl.push(`$${e.name}: ${String(e.type)}`);
          args.push(`${e.name}: $${e.name}`);
        }
        variables[e.name] = typo(String(validValue(d, e.type, op.name, e.name, pools)));
      } else if (names.length) variables[d.pick(names)] = hostileValue(d);
    } else if (twist === 'missing' && names.length) delete variables[d.pick(names)];
    else if (twist === 'wrong-type' && decl.length) {
      const i = d.int(0, decl.length - 1);
      decl[i] = decl[i].replace(/:.*$/, `: ${d.pick(['String', 'Int!', '[ID!]!', 'Boolean', 'JSON', 'Date!'])}`);
    } else variables[d.pick(['extra', '__proto__', '$where'])] = hostileValue(d);
  }
  return { kind: op.kind, decl, args, variables, selection: selectionFor(d, op.field.type, op.name, pools, d.int(0, 2)) };
}

const doc = (b: Built, name: string, body: string) => `${b.kind} ${name}${b.decl.length ? `(${b.decl.join(', ')})` : ''} { ${body} }`;
const call = (op: Operation, b: Built, alias = '', directives = '') => `${alias}${op.name}${b.args.length ? `(${b.args.join(', ')})` : ''}${directives} ${b.selection}`;

function gql(who: Actor, category: string, op: Operation | null, body: unknown, headers: Record<string, string> = JSON_HEADERS): HttpCase {
  return { category, who, op: op?.name ?? null, write: op?.kind === 'mutation', method: 'POST', path: '/graphql', headers, body: typeof body === 'string' ? body : JSON.stringify(body), freshSession: op?.name === 'logout' };
}

function corrupt(d: Draw, text: string): string {
  let s = text;
  for (let i = d.int(1, 4); i > 0; i--) {
    const at = d.int(0, Math.max(0, s.length - 1));
    s = d.weighted<() => string>([
      [3, () => s.slice(0, at) + s.slice(at + 1)],
      [3, () => s.slice(0, at) + d.pick(['{', '}', '(', ')', '[', ']', ':', '$', '@', '!', '"', '\\', ' ', '\u0000', '...', '#', '\u2028', '"""']) + s.slice(at)],
      [1, () => s.slice(0, at)],
      [1, () => s.slice(0, at) + s.slice(at, at + 20).repeat(d.int(2, 50)) + s.slice(at)],
    ])();
  }
  return s;
}

function shapeCase(d: Draw, who: Actor, op: Operation, pools: Pools): HttpCase {
  const b = build(d, op, pools, 'valid');
  const root = op.kind === 'query' ? 'Query' : 'Mutation';
  const plain = { query: doc(b, 'Fuzz', call(op, b)), variables: b.variables };
  const variant = d.pick([
    'aliases',
    'fragment',
    'fragment-cycle',
    'directives',
    'directive-flood',
    'introspection',
    'deep',
    'tokens',
    'corrupt',
    'multi-op',
    'envelope',
    'batch',
    'transport',
    'subscription',
    'typename',
  ] as const);
  const category = `shape:${variant}`;
  switch (variant) {
    case 'aliases': {
      const n = d.int(2, 22);
      return gql(who, category, op, { query: doc(b, 'Fuzz', Array.from({ length: n }, (_, i) => call(op, b, `a${i}: `)).join(' ')), variables: b.variables });
    }
    case 'fragment':
      return gql(who, category, op, { query: `${doc(b, 'Fuzz', d.chance(0.5) ? '...F' : `... on ${root} { ${call(op, b)} }`)} fragment F on ${root} { ${call(op, b)} }`, variables: b.variables });
    case 'fragment-cycle':
      return gql(who, category, op, { query: `${doc(b, 'Fuzz', '...F')} fragment F on ${root} { ${call(op, b)} ...G } fragment G on ${root} { ...F }`, variables: b.variables });
    case 'directives': {
      const dir = d.pick(['@include(if: $inc)', '@skip(if: $inc)', '@deprecated', '@fuzz', '@include(if: "yes")', '@skip']);
      const built = { ...b, decl: [...b.decl, '$inc: Boolean!'] };
      return gql(who, category, op, { query: doc(built, 'Fuzz', call(op, b, '', ` ${dir}`)), variables: { ...b.variables, inc: d.pick([true, false, 'yes', null]) } });
    }
    case 'directive-flood':
      return gql(who, category, op, { query: doc(b, 'Fuzz', call(op, b, '', ' @skip(if: false)'.repeat(d.int(10, 40)))), variables: b.variables });
    case 'introspection':
      return gql(who, category, null, {
        query: d.pick([
          '{ __schema { types { name fields { name } } } }',
          '{ __type(name: "Project") { name fields { name args { name } } } }',
          '{ a: __schema { queryType { name } mutationType { fields { name } } } }',
          'query { ... on Query { __schema { types { name } } } }',
          'fragment I on Query { __schema { directives { name } } } { ...I }',
          '{ __type(name: "Mutation") { fields { name } } }',
        ]),
      });
    case 'deep': {
      let q = 'id';
      for (let i = d.int(4, 14); i > 0; i--) q = d.pick([`project { nodes { ${q} } }`, `problems { project { ${q} } }`, `nodes { project { ${q} } }`]);
      return gql(who, category, null, { query: `{ projects(first: 2) { nodes { ${q} } } }` });
    }
    case 'tokens':
      return gql(who, category, null, { query: `{ ${'apiVersion '.repeat(d.int(1500, 4000))}}` });
    case 'corrupt':
      return gql(who, category, op, { query: corrupt(d, plain.query), variables: b.variables });
    case 'multi-op': {
      const two = `${plain.query} query Other { apiVersion }`;
      const operationName = d.pick([undefined, 'Missing', 'Other', 'Fuzz', { $ne: null }, '', 42]);
      return gql(who, category, operationName === 'Other' ? null : op, { query: two, variables: b.variables, operationName });
    }
    case 'envelope': {
      const body = d.pick<Record<string, unknown>>([
        { query: 5 },
        { query: null },
        { query: { $ne: null } },
        { query: ['{ apiVersion }'] },
        { variables: b.variables },
        { query: plain.query, variables: 'x' },
        { query: plain.query, variables: [1, 2] },
        { query: plain.query, variables: 5 },
        { query: plain.query, variables: b.variables, extensions: { persistedQuery: { version: 1, sha256Hash: 'abc' } } },
        { query: plain.query, variables: b.variables, extensions: 'x' },
        { extensions: { persistedQuery: { version: 1, sha256Hash: '0'.repeat(64) } } },
        { query: plain.query, variables: b.variables, operationName: ['Fuzz'] },
      ]);
      return gql(who, category, op, body);
    }
    case 'batch': {
      const n = d.pick([0, 2, 3, 50, 1000]);
      return gql(who, category, op, Array.from({ length: n }, () => plain));
    }
    case 'transport':
      return transportCase(d, who, op, plain);
    case 'subscription':
      return gql(who, category, null, { query: `subscription { ${op.name} }` });
    case 'typename':
      return gql(who, category, null, { query: `${op.kind} { __typename }` });
  }
}

/** The same operation through odd transports: CSRF guards, charsets and byte-level breakage. */
function transportCase(d: Draw, who: Actor, op: Operation, plain: { query: string; variables: Record<string, unknown> }): HttpCase {
  const json = JSON.stringify(plain);
  const base = gql(who, 'shape:transport', op, json);
  const variant = d.pick(['text-plain', 'form', 'no-type', 'latin1', 'utf16', 'bom', 'bad-utf8', 'bad-utf8-outside', 'get', 'get-preflight', 'not-json', 'gzip-lie', 'multipart'] as const);
  const set = (headers: Record<string, string>, body: string | Buffer, extra: Partial<HttpCase> = {}) => ({ ...base, category: `transport:${variant}`, headers, body, ...extra });
  const invalidUtf8 = [Buffer.from([0xff, 0xfe]), Buffer.from([0xc0, 0xaf]), Buffer.from([0x80]), Buffer.from([0xed, 0xa0, 0x80]), Buffer.from([0xf4, 0x90, 0x80, 0x80])];
  switch (variant) {
    case 'text-plain':
      return set({ 'content-type': 'text/plain' }, json);
    case 'form':
      return set({ 'content-type': 'application/x-www-form-urlencoded' }, `query=${encodeURIComponent(plain.query)}`);
    case 'no-type':
      return set({}, json);
    case 'latin1':
      return set({ 'content-type': 'application/json; charset=latin1' }, json);
    case 'utf16':
      return set({ 'content-type': 'application/json; charset=utf-16' }, Buffer.from(json, 'utf16le'));
    case 'bom':
      return set(JSON_HEADERS, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(json)]));
    case 'bad-utf8': {
      // Invalid bytes inside a JSON string value.
      const text = JSON.stringify({ ...plain, variables: { ...plain.variables, __bytes__: 'MARK' } });
      const [head, tail] = text.split('MARK');
      return set(JSON_HEADERS, Buffer.concat([Buffer.from(head), d.pick(invalidUtf8), Buffer.from(tail)]));
    }
    case 'bad-utf8-outside':
      return set(JSON_HEADERS, Buffer.concat([Buffer.from(json.slice(0, -1)), d.pick(invalidUtf8), Buffer.from('}')]));
    case 'get':
      return set({}, '', { method: 'GET', path: `/graphql?query=${encodeURIComponent(plain.query)}&variables=${encodeURIComponent(JSON.stringify(plain.variables))}`, body: undefined });
    case 'get-preflight':
      return set({ 'apollo-require-preflight': 'true' }, '', { method: 'GET', path: `/graphql?query=${encodeURIComponent(plain.query)}&variables=${encodeURIComponent(JSON.stringify(plain.variables))}`, body: undefined });
    case 'not-json':
      return set(JSON_HEADERS, d.pick(['{', '{"query": "{ apiVersion }"', 'null', '"string"', '12', 'true', '{"query": "{ apiVersion }"}}', '\u0000', '']));
    case 'gzip-lie':
      return set({ ...JSON_HEADERS, 'content-encoding': d.pick(['gzip', 'deflate', 'br', 'identity, gzip', 'x-unknown']) }, json);
    case 'multipart': {
      const boundary = 'fuzzboundary';
      const body = `--${boundary}\r\nContent-Disposition: form-data; name="operations"\r\n\r\n${json}\r\n--${boundary}\r\nContent-Disposition: form-data; name="map"\r\n\r\n{}\r\n--${boundary}--\r\n`;
      return set({ 'content-type': `multipart/form-data; boundary=${boundary}`, 'apollo-require-preflight': 'true' }, body);
    }
  }
}

/** One generated GraphQL case. */
export function graphqlCase(d: Draw, ops: Operation[], pools: Pools): HttpCase {
  const who = d.pick(ACTORS);
  const op = d.pick(ops);
  const mode = d.weighted([
    [40, 'valid'],
    [30, 'hostile-var'],
    [10, 'inline'],
    [20, 'shape'],
  ] as const);
  if (mode === 'shape') return shapeCase(d, who, op, pools);
  const b = build(d, op, pools, mode);
  return gql(who, mode, op, { query: doc(b, 'Fuzz', call(op, b)), variables: mode === 'inline' ? undefined : b.variables });
}
