/**
 * The fuzz run's case list for a seed: fixed cases that cover every kind of hostile input the
 * issue names at least once (the catalogue; hostile values — operator objects, NUL, lone
 * surrogates, regex syntax, long text — in every string and id argument and input field of the
 * schema; every evil file name; every poisoned workbook), then `n` generated cases, about four
 * in five GraphQL operations from the schema and one in five hostile HTTP requests.
 */
import { getNamedType, isInputObjectType, isNonNullType, type GraphQLInputType } from 'graphql';
import { Draw, sampleCases } from './draw.js';
import { graphqlCase, ACTORS, type HttpCase } from './cases.js';
import { EVIL_NAMES, hostileHttpCase, multipart, type HostileFiles } from './hostile.js';
import { rootOperations, type Operation } from './schema.js';
import { poolsOf, validValue, type Pools } from './values.js';
import { selectionFor } from './selection.js';
import { PDF, type World } from './world.js';
import { ACCESS } from '../access/table.js';
import type { Target } from './target.js';

export { startTarget, type Target } from './target.js';
export { buildWorld, type World } from './world.js';
export { prepareHostileFiles } from './hostile.js';
export { runCases, type Stats, type Failure } from './runner.js';

/** What the sweep puts in each string position: operator objects, then strings that have broken servers. */
const SWEEP_VALUES: unknown[] = [{ $ne: null }, { $gt: '' }, { $where: 'sleep(100) || true' }, { $regex: '.*' }, 'a\u0000b', '\ud800x', '(a+)+$[', 'x'.repeat(5000)];

/** Paths to every String position in an operation's arguments (input objects up to 3 deep). */
export function stringPositions(op: Operation): string[][] {
  const out: string[][] = [];
  const walk = (type: GraphQLInputType, path: string[], depth: number) => {
    const inner = isNonNullType(type) ? type.ofType : type;
    const named = getNamedType(inner);
    if (named.name === 'String' || named.name === 'ID') out.push(path);
    else if (isInputObjectType(named) && depth < 3) for (const f of Object.values(named.getFields())) walk(f.type, [...path, f.name], depth + 1);
  };
  for (const a of op.field.args) walk(a.type, [a.name], 0);
  return out;
}

function setAt(obj: Record<string, unknown>, path: string[], value: unknown): Record<string, unknown> {
  const [head, ...rest] = path;
  const cur = obj[head];
  if (!rest.length) return { ...obj, [head]: value };
  const base = Array.isArray(cur) ? (cur[0] as Record<string, unknown>) ?? {} : ((cur as Record<string, unknown>) ?? {});
  const next = setAt(base, rest, value);
  return { ...obj, [head]: Array.isArray(cur) ? [next] : next };
}

/**
 * Hostile values in every String and ID position of every operation, as the roles allowed to
 * call it in turn: each position gets one value in turn ('rotate'), or every value ('all').
 */
function stringSweep(seed: number, ops: Operation[], pools: Pools, mode: 'rotate' | 'all'): HttpCase[] {
  const cases: HttpCase[] = [];
  let k = 0;
  const positions = ops.flatMap((op) => stringPositions(op).map((path) => ({ op, path })));
  const plan = positions.flatMap((p, i) => (mode === 'all' ? SWEEP_VALUES.map((value) => ({ ...p, value })) : [{ ...p, value: SWEEP_VALUES[i % SWEEP_VALUES.length] }]));
  plan.forEach(({ op, path, value }, i) => {
    // As someone allowed to call it (tests/hardening/access/table.ts), so the value gets past the role check.
    const allowed = ACCESS[op.name]?.allowed ?? ACTORS;
    const who = allowed[k++ % allowed.length];
    cases.push(
      sampleCases(seed + i, 1, (d: Draw) => {
        const variables: Record<string, unknown> = {};
        const decl: string[] = [];
        const args: string[] = [];
        // Only what the operation requires besides the position, so nothing else refuses the call first.
        for (const a of op.field.args) {
          if (a.name !== path[0] && !(isNonNullType(a.type) && a.defaultValue === undefined)) continue;
          variables[a.name] = validValue(d, a.type, op.name, a.name, pools, 0, true);
          decl.push(`$${a.name}: ${String(a.type)}`);
          args.push(`${a.name}: $${a.name}`);
        }
        const injected = setAt(variables, path, value);
        const query = `${op.kind} Sweep(${decl.join(', ')}) { ${op.name}(${args.join(', ')}) ${selectionFor(d, op.field.type, op.name, pools, 0)} }`;
        return { category: typeof value === 'string' ? 'sweep:string' : 'sweep:injection', who, op: op.name, write: op.kind === 'mutation', method: 'POST', path: '/graphql', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables: injected }), freshSession: op.name === 'logout' } as HttpCase;
      })[0],
    );
  });
  return cases;
}

/** Each evil file name once, as a valid PDF upload by an owner (who may upload), and each poisoned workbook. */
function fileSweep(files: HostileFiles): HttpCase[] {
  const cases: HttpCase[] = EVIL_NAMES.map((name, i) => ({
    category: 'sweep:evil-name',
    who: 'owner_a',
    op: null,
    write: true,
    method: 'POST',
    path: '/api/evidence',
    headers: { 'content-type': `multipart/form-data; boundary=sweep${i}`, 'x-requested-with': 'fetch' },
    body: multipart(`sweep${i}`, [{ name: 'file', filename: name, type: 'application/pdf', body: PDF }]),
  }));
  for (const wb of files.workbooks) {
    cases.push({
      category: `sweep:import:${wb.label}`,
      who: 'promo',
      op: null,
      write: true,
      method: 'POST',
      path: '/api/ledger/import',
      headers: { 'content-type': 'multipart/form-data; boundary=wb', 'x-requested-with': 'fetch' },
      body: multipart('wb', [{ name: 'file', filename: '台账.xlsx', type: 'application/octet-stream', body: wb.body }]),
    });
  }
  return cases;
}

const gqlBody = (who: HttpCase['who'], category: string, op: string | null, write: boolean, body: string | Buffer, headers: Record<string, string> = { 'content-type': 'application/json' }): HttpCase => ({
  category,
  who,
  op,
  write,
  method: 'POST',
  path: '/graphql',
  headers,
  body,
});

/**
 * One of each hostile input the issue names, fixed (so every run has them whatever the seed):
 * invalid UTF-8, an oversized body, batches, deep nesting, many aliases, huge strings, wrong
 * types, malformed multipart bodies and a truncated request.
 */
function catalogue(t: Target, w: World): HttpCase[] {
  const create = 'mutation($i: CreateProjectInput!) { createProject(input: $i) { project { id } errors { code field } } }';
  const valid = { name: '目录项目', investor: '目录企业', industryCode: 'C2651', source: 'NEW_INVESTMENT', platformId: t.ref.platforms.get('杭州湾经开区'), totalInvestment: 1000, templateKey: 'STANDARD_LAND', signedOn: '2025-01-02' };
  const json = (v: unknown) => JSON.stringify(v);
  const bytes = (...parts: (string | number[])[]) => Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p) : Buffer.from(p))));
  // 5,000 levels, written as text (JSON.stringify would overflow the stack first).
  const deep = `${'['.repeat(5000)}"x"${']'.repeat(5000)}`;
  let deepSelection = 'id';
  for (let i = 0; i < 30; i++) deepSelection = `project { nodes { ${deepSelection} } }`;
  const mp = (body: Buffer, type: string): HttpCase => ({ category: 'catalogue:multipart', who: 'owner_a', op: null, write: true, method: 'POST', path: '/api/evidence', headers: { 'content-type': type, 'x-requested-with': 'fetch' }, body });
  const pdfPart = { name: 'file', filename: 'x.pdf', type: 'application/pdf', body: PDF };
  return [
    gqlBody('promo', 'catalogue:invalid-utf8', 'createProject', true, bytes('{"query":"', create, '","variables":{"i":', json(valid).slice(0, -1), ',"description":"', [0xff, 0xfe, 0xc0, 0xaf], '"}}}')),
    gqlBody('promo', 'catalogue:invalid-utf8', null, false, bytes([0xef, 0xbb, 0xbf, 0xff]), { 'content-type': 'application/json' }),
    gqlBody('promo', 'catalogue:invalid-utf8', 'createProject', true, bytes('{"query":"', create, '","variables":{"i":', json({ ...valid, name: 'A' }).slice(0, -1), ',"investor":"', [0xed, 0xa0, 0x80], '"}}}')),
    gqlBody('promo', 'catalogue:oversized', 'createProject', true, json({ query: create, variables: { i: { ...valid, description: 'x'.repeat(1_100_000) } } })),
    gqlBody('promo', 'catalogue:oversized', null, false, json({ query: `{ apiVersion }`, variables: { x: '中'.repeat(400_000) } })),
    gqlBody('promo', 'catalogue:batch', 'createProject', true, json([{ query: create, variables: { i: valid } }, { query: create, variables: { i: valid } }])),
    gqlBody('promo', 'catalogue:batch', null, false, json([])),
    gqlBody('promo', 'catalogue:batch', null, false, json(Array.from({ length: 2000 }, () => ({ query: '{ apiVersion }' })))),
    gqlBody('promo', 'catalogue:deep', null, false, `{"query":"query($s: [Stage!]) { projects(filter: { stage: $s }, first: 1) { totalCount } }","variables":{"s":${deep}}}`),
    gqlBody('promo', 'catalogue:deep', 'updateNodePlan', true, `{"query":"mutation($i: UpdateNodePlanInput!) { updateNodePlan(input: $i) { errors { code } } }","variables":{"i":${deep.replace(/\[/g, '{"a":').replace(/\]/g, '}')}}}`),
    gqlBody('promo', 'catalogue:deep', null, false, json({ query: `{ projects(first: 1) { nodes { ${deepSelection} } } }` })),
    gqlBody('promo', 'catalogue:aliases', null, false, json({ query: `{ ${Array.from({ length: 100 }, (_, i) => `a${i}: projects(first: 100) { totalCount }`).join(' ')} }` })),
    gqlBody('promo', 'catalogue:aliases', 'freezeBaseline', true, json({ query: `mutation { ${Array.from({ length: 16 }, (_, i) => `a${i}: freezeBaseline(projectId: "${w.sets.A.projectId}", version: 0) { errors { code } }`).join(' ')} }` })),
    gqlBody('promo', 'catalogue:huge-string', 'createProject', true, json({ query: create, variables: { i: { ...valid, name: '长'.repeat(300_000) } } })),
    gqlBody('promo', 'catalogue:huge-string', null, false, json({ query: '{ projects(filter: { text: $t }) { totalCount } }'.replace('{ projects', 'query($t: String) { projects'), variables: { t: '(a+)+$'.repeat(50_000) } })),
    gqlBody('promo', 'catalogue:wrong-type', 'createProject', true, json({ query: create, variables: { i: { ...valid, totalInvestment: '1000', signedOn: 20250102, platformId: { $ne: null }, name: ['a'] } } })),
    gqlBody('owner_a', 'catalogue:wrong-type', null, false, json({ query: 'query($id: ID!, $n: Int) { project(id: $id) { id } projects(first: $n) { totalCount } }', variables: { id: 12.5, n: '10' } })),
    mp(multipart('b', [pdfPart], { close: false }), 'multipart/form-data; boundary=b'),
    mp(multipart('b', [pdfPart]), 'multipart/form-data; boundary=c'),
    mp(multipart('b', [pdfPart]), 'multipart/form-data'),
    mp(Buffer.from('--b\r\nContent-Disposition: form-data; name="file"; filename="x.pdf"\r\n'), 'multipart/form-data; boundary=b'),
    { category: 'catalogue:truncated', who: 'promo', op: null, write: false, method: 'RAW', path: '', headers: {}, raw: Buffer.from(`POST /graphql HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 90000\r\n\r\n{"query":"{ apiVersion }"`) },
  ];
}

export interface CaseOptions {
  seed: number;
  /** Generated cases (the sweeps come on top). */
  n: number;
  sweeps?: boolean;
  /** Every sweep value in every string position, instead of one value per position. */
  fullSweep?: boolean;
}

export function generateCases(t: Target, w: World, files: HostileFiles, opts: CaseOptions): HttpCase[] {
  const ops = rootOperations();
  const pools = poolsOf(t, w);
  const maxBytes = t.config.EVIDENCE_MAX_BYTES;
  const generated = sampleCases(opts.seed, opts.n, (d) => (d.chance(0.8) ? graphqlCase(d, ops, pools) : hostileHttpCase(d, w, files, t.base, maxBytes)));
  return opts.sweeps === false ? generated : [...catalogue(t, w), ...stringSweep(opts.seed, ops, pools, opts.fullSweep ? 'all' : 'rotate'), ...fileSweep(files), ...generated];
}
