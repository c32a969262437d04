/**
 * Argument values, from the schema's input types: "valid-ish" ones (the right shape, ids of real
 * objects of the right kind, plausible dates and amounts, so that many calls get past validation
 * and reach the rules behind it) and hostile ones (wrong types, operator objects, huge and
 * broken strings, prototype keys, deep nesting, impossible dates and numbers).
 */
import fc from 'fast-check';
import {
  getNamedType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isScalarType,
  type GraphQLInputType,
} from 'graphql';
import { makeUscc } from '../../../seeds/uscc.js';
import { addDays, today } from '../../../api/src/domain/dates.js';
import type { Draw } from './draw.js';
import type { World } from './world.js';
import type { Target } from './target.js';

export type Pools = Record<'project' | 'node' | 'problem' | 'lead' | 'agreement' | 'unit' | 'platform' | 'chain' | 'liaisonLeader' | 'owner' | 'victim' | 'file' | 'replan' | 'rectification' | 'review' | 'target' | 'webhook' | 'notification' | 'instruction', string[]>;

/** A well-formed id that names nothing. */
export const GHOST_ID = 'fedcba9876543210fedcba98';

export function poolsOf(t: Target, w: World): Pools {
  const sets = Object.values(w.sets);
  return {
    project: sets.map((s) => s.projectId),
    node: sets.flatMap((s) => s.nodes.map((n) => n.id)),
    problem: sets.map((s) => s.problemId),
    lead: [w.leads.H.id, w.leads.C.id],
    agreement: sets.map((s) => s.agreementId),
    unit: [...t.ref.units.values()],
    platform: [...t.ref.platforms.values()],
    chain: [...t.ref.chains.values()],
    liaisonLeader: t.ref.leaders,
    owner: w.ownerIds,
    victim: w.victimIds,
    file: [w.looseFileId, ...sets.map((s) => s.problemFileId)],
    replan: sets.flatMap((s) => (s.replan ? [s.replan.requestId] : [])),
    rectification: sets.flatMap((s) => (s.rectificationId ? [s.rectificationId] : [])),
    review: sets.flatMap((s) => (s.reviewId ? [s.reviewId] : [])),
    target: [w.targetId],
    webhook: [w.webhookId],
    notification: w.notificationIds,
    instruction: sets.map((s) => s.instructionId),
  };
}

/** Which pool an ID argument draws from, by its name and the operation it belongs to. */
export function poolFor(op: string, field: string): keyof Pools {
  const byField: Record<string, keyof Pools> = {
    projectId: 'project',
    nodeId: 'node',
    problemId: 'problem',
    leadId: 'lead',
    agreementId: 'agreement',
    unitId: 'unit',
    unitIds: 'unit',
    leadUnitId: 'unit',
    coUnitIds: 'unit',
    defaultUnitId: 'unit',
    platformId: 'platform',
    chainId: 'chain',
    liaisonLeaderId: 'liaisonLeader',
    ownerUserIds: 'owner',
    fileId: 'file',
    fileIds: 'file',
    requestId: 'replan',
    rectificationId: 'rectification',
    reviewId: 'review',
    ids: 'notification',
  };
  if (byField[field]) return byField[field];
  if (field === 'scopeId') return 'platform';
  const byOp: [RegExp, keyof Pools][] = [
    [/lead/i, 'lead'],
    [/problem/i, 'problem'],
    [/agreement|rectification|review/i, 'agreement'],
    [/target/i, 'target'],
    [/webhook/i, 'webhook'],
    [/unit/i, 'unit'],
    [/platform/i, 'platform'],
    [/liaison/i, 'liaisonLeader'],
    [/user/i, 'victim'],
  ];
  return byOp.find(([re]) => re.test(op))?.[1] ?? 'project';
}

const WORDS = ['项目', '杭州湾', '新材料', '曹娥江', '签约', '土地', '审批', '资金', '企业', '上虞', '节点', '测试', 'abc', 'ZS', '2025', '有限公司'];

function text(d: Draw): string {
  return d.weighted<() => string>([
    [6, () => Array.from({ length: d.int(1, 4) }, () => d.pick(WORDS)).join('')],
    [2, () => d.from(fc.string({ maxLength: 40 }))],
    [1, () => d.from(fc.string({ unit: 'grapheme', maxLength: 20 }))],
    [1, () => ''],
  ])();
}

function dateAround(d: Draw): string {
  return addDays(today(), d.int(-800, 800));
}

function stringFor(d: Draw, field: string): string {
  if (/^uscc$/i.test(field)) return d.pick([makeUscc(d.int(1, 1e6)), makeUscc(d.int(1, 1e6)), '91330604MA2D8XXXX1', '']);
  if (/industryCode/.test(field)) return d.pick(['C2651', 'C3011', 'C3562', 'A0111', 'X99', 'c13', '']);
  if (/templateKey/.test(field)) return d.pick(['STANDARD_LAND', 'EXPANSION', 'LEASED_FACTORY', 'NOPE']);
  if (field === 'key') return d.pick(['STANDARD_LAND', 'FUZZ_TEMPLATE', 'EXPANSION']);
  if (field === 'month') return d.pick([`${2020 + d.int(0, 8)}-${String(d.int(1, 12)).padStart(2, '0')}`, '2025-13', '2025-1']);
  if (field === 'currency') return d.pick(['USD', 'EUR', 'CNY', 'usd', 'XXX']);
  if (field === 'url') return d.pick(['https://oapi.dingtalk.com/robot/send?access_token=abc', 'http://127.0.0.1:9/x', 'javascript:alert(1)', 'ftp://x', 'https://u:p@h/#f']);
  if (field === 'secret') return d.pick(['SECabc', '', 'x'.repeat(201)]);
  if (field === 'username') return d.pick(['victim_1', 'victim_2', 'nobody', `fuzz_${d.int(1, 9999)}`]);
  if (/password/i.test(field)) return d.pick(['wrong-password-1', 'Fuzz@2026abc', 'short', '']);
  if (field === 'after') return d.pick([Buffer.from(`o:${d.int(0, 50)}`).toString('base64url'), Buffer.from(`${Date.now()}|${GHOST_ID}`).toString('base64url'), 'bm9wZQ', '!!!', '']);
  if (/phone/i.test(field)) return d.pick(['0575-82000000', '13800000000', 'abc']);
  if (field === 'period') return d.pick(['2025年度', '达产复核', '']);
  if (field === 'code') return d.pick([`ZS-FUZZ-${d.int(1, 9999)}`, 'C2651', '']);
  if (/email/i.test(field)) return d.pick(['a@b.cn', 'not-an-email']);
  return text(d);
}

/**
 * A plausible value of `type` for argument/field `field` of operation `op`. `minimal`: required
 * input fields only and ids of real objects, so that nothing but the value under test is off.
 */
export function validValue(d: Draw, type: GraphQLInputType, op: string, field: string, pools: Pools, depth = 0, minimal = false): unknown {
  if (isNonNullType(type)) return validValue(d, type.ofType, op, field, pools, depth, minimal);
  if (isListType(type)) return Array.from({ length: d.int(minimal ? 1 : 0, minimal ? 1 : 3) }, () => validValue(d, type.ofType, op, field, pools, depth + 1, minimal));
  if (isEnumType(type)) return d.pick(type.getValues()).name;
  if (isInputObjectType(type)) {
    const out: Record<string, unknown> = {};
    for (const f of Object.values(type.getFields())) {
      const required = isNonNullType(f.type) && f.defaultValue === undefined;
      if (required || (!minimal && depth < 3 && d.chance(0.5))) out[f.name] = validValue(d, f.type, op, f.name, pools, depth + 1, minimal);
      else if (!minimal && d.chance(0.05)) out[f.name] = null;
    }
    return out;
  }
  const name = getNamedType(type).name;
  switch (name) {
    case 'ID': {
      if (!minimal && d.chance(0.08)) return GHOST_ID;
      const pool = pools[poolFor(op, field)];
      return pool.length ? d.pick(pool) : GHOST_ID;
    }
    case 'String':
      return stringFor(d, field);
    case 'Boolean':
      return d.chance(0.5);
    case 'Int':
      if (field === 'year' || /Year$/.test(field)) return d.int(2019, 2031);
      if (field === 'quarter') return d.int(0, 5);
      if (field === 'first') return d.pick([1, 5, 20, 100, 0, -1, 101]);
      return d.int(-2, 50);
    case 'NonNegativeInt':
      return field === 'version' ? d.int(0, 4) : d.int(0, 60);
    case 'PositiveInt':
      return d.int(1, 60);
    case 'Long':
      return d.pick([0, 1000, 300_000_000, 1_500_000_000, 6_000_000_000, d.int(0, 2_000_000_000)]);
    case 'Float':
      return d.pick([0, 0.5, 1, 50, 121.5, 30.1, -1, 1e6]);
    case 'NonNegativeFloat':
      return d.pick([0, 0.05, 0.5, 1, 2]);
    case 'Date':
      return dateAround(d);
    case 'DateTime':
      return new Date(Date.now() + d.int(-1e6, 1e6) * 1000).toISOString();
    case 'EmailAddress':
      return d.pick(['a@b.cn', 'fuzz@example.com']);
    case 'Upload':
      return null;
    default:
      return null;
  }
}

/** JSON with a key the parser keeps as an own property (an object literal would set the prototype). */
const PROTO = JSON.parse('{"__proto__": {"polluted": true}, "constructor": {"prototype": {"polluted": true}}}');

function nested(kind: 'array' | 'object', depth: number): unknown {
  let v: unknown = 'bottom';
  for (let i = 0; i < depth; i++) v = kind === 'array' ? [v] : { a: v };
  return v;
}

/** Values that no field should accept as they are, or that test how text is stored and matched. */
export function hostileValue(d: Draw): unknown {
  return d.weighted<() => unknown>([
    // Operator injection (MongoDB query operators, as objects and as text).
    [6, () => d.pick([{ $ne: null }, { $gt: '' }, { $where: 'sleep(100) || true' }, { $regex: '.*', $options: 'si' }, { $expr: { $eq: [1, 1] } }, { $in: [] }, { $exists: true }])],
    [3, () => d.pick(['{"$ne": null}', '$where', '$ne', '.*', '^', '\\', '(a+)+$', '[', '*', '?', '(', '$', '{}', 'a|b', '%', '_'])],
    [2, () => PROTO],
    // Wrong types.
    [4, () => d.pick([0, -1, 1.5, -0, 1e308, -1e308, 2 ** 53, 2 ** 53 + 2, 2 ** 31, -(2 ** 31) - 1, true, false, null, [], [null], [[]], {}, 'true', '1', ''])],
    // Strings: control characters, lone surrogates, bidi overrides, traversal, NUL.
    [5, () => d.pick(['\u0000', 'a\u0000b', '\u202e反转', '\ud800', '\udfff\ud800', '\r\n\r\nX-Injected: 1', '../../etc/passwd', '..\\..\\x', '<script>alert(1)</script>', "'; DROP TABLE x; --", '   ', '\uFEFF', '\u200b'])],
    [3, () => d.from(fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)), maxLength: 60 }))],
    // Huge strings (under and around the 1 MB body limit).
    [3, () => d.pick(['x', '中', '💥', 'a\u0000']).repeat(d.pick([5_000, 70_000, 300_000]))],
    // Impossible dates and ids.
    [4, () => d.pick(['2025-02-30', '9999-12-31', '0000-00-00', '2025-13-01', '1970-01-01', '+275760-09-13', '2025-1-1', '2025-01-01T00:00:00Z', '2024-02-29', '1900-02-29'])],
    [4, () => d.pick(['000000000000000000000000', 'ffffffffffffffffffffffff', 'zzzzzzzzzzzzzzzzzzzzzzzz', 'AAAAAAAAAAAAAAAAAAAAAAAA', ` ${GHOST_ID}`, GHOST_ID.slice(0, 23), `${GHOST_ID}0`, '0x1', 'null', 'undefined', 'NaN'])],
    // Deep nesting and wide values.
    [2, () => nested(d.pick(['array', 'object'] as const), d.pick([50, 400, 1000]))],
    [1, () => Array.from({ length: d.pick([1000, 20_000]) }, (_, i) => i)],
    [1, () => Object.fromEntries(Array.from({ length: d.pick([1000, 10_000]) }, (_, i) => [`k${i}`, i]))],
    // Anything JSON can carry.
    [3, () => d.from(fc.jsonValue({ maxDepth: 3 }))],
  ])();
}

/** A near-miss of a name (a letter dropped): what a "Did you mean" suggestion would answer. */
export function typo(name: string): string {
  return name.length > 2 ? name.slice(0, -1) : `${name}x`;
}

/** Replaces one spot in `value` (itself, an input field, or a list element) with a hostile value. */
export function mutateValue(d: Draw, value: unknown, depth = 0): unknown {
  if (depth < 3 && Array.isArray(value) && value.length && d.chance(0.6)) {
    const i = d.int(0, value.length - 1);
    return value.map((v, j) => (j === i ? mutateValue(d, v, depth + 1) : v));
  }
  if (depth < 3 && value && typeof value === 'object' && !Array.isArray(value) && d.chance(0.7)) {
    const keys = Object.keys(value);
    const extra = d.chance(0.15);
    // Unknown keys include near-misses of real ones: the answer must not suggest the real name.
    const key = extra || !keys.length ? d.pick(['unknownField', '__proto__', '$where', 'constructor', 'id', ...keys.map(typo)]) : d.pick(keys);
    const out: Record<string, unknown> = { ...(value as Record<string, unknown>) };
    Object.defineProperty(out, key, { value: extra ? hostileValue(d) : mutateValue(d, out[key], depth + 1), enumerable: true, writable: true, configurable: true });
    if (d.chance(0.1)) delete out[d.pick(keys.length ? keys : ['x'])];
    return out;
  }
  return hostileValue(d);
}
