/**
 * How the access audit asks and judges. Requests select every field they can (leaves and
 * nested objects two levels down) so that anything reachable is in the answer; an answer is
 * judged by its codes, by whether it holds another scope's data (each scope set's marker and
 * ids are secrets to the roles that may not read it), and, for writes, by the database.
 */
import { getNamedType, isLeafType, isNonNullType, isObjectType, type GraphQLOutputType } from 'graphql';
import type { Operation } from '../fuzz/schema.js';
import type { HttpResult } from '../fuzz/http.js';
import { READABLE, SET_KEYS, type SetKey, type World } from '../fuzz/world.js';
import type { Who } from '../fuzz/target.js';
import { ACCESS, UNIT_NODE_WRITES } from './table.js';
import { ACTORS } from '../fuzz/cases.js';

/** Every field without required arguments, objects to `depth` levels. */
export function fullSelection(type: GraphQLOutputType, depth: number): string {
  const named = getNamedType(type);
  if (isLeafType(named)) return '';
  if (!isObjectType(named)) return '{ __typename }';
  const parts: string[] = [];
  for (const f of Object.values(named.getFields())) {
    if (f.args.some((a) => isNonNullType(a.type) && a.defaultValue === undefined)) continue;
    const sub = getNamedType(f.type);
    if (isLeafType(sub)) parts.push(f.name);
    else if (depth > 0) parts.push(`${f.name} ${fullSelection(f.type, depth - 1)}`);
  }
  return `{ ${parts.length ? parts.join(' ') : '__typename'} }`;
}

export function documentFor(op: Operation, vars: Record<string, unknown>, depth = 2): string {
  const args = op.field.args.filter((a) => a.name in vars);
  const decl = args.map((a) => `$${a.name}: ${String(a.type)}`).join(', ');
  const call = args.map((a) => `${a.name}: $${a.name}`).join(', ');
  return `${op.kind} Audit${decl ? `(${decl})` : ''} { ${op.name}${call ? `(${call})` : ''} ${fullSelection(op.field.type, depth)} }`;
}

/** What the viewer must never see: markers and ids of the sets (and leads) they may not read, and robot tokens. */
export function secretsFor(who: Who | 'anonymous', w: World): string[] {
  const out = ['fuzz-secret-token', 'SECfuzz'];
  for (const k of SET_KEYS) {
    if (READABLE[who].includes(k)) continue;
    const s = w.sets[k];
    out.push(s.marker, s.projectId, s.problemId, s.agreementId, s.instructionId, s.problemFileId, ...s.nodes.map((n) => n.id));
    if (s.rectificationId) out.push(s.rectificationId);
    if (s.replan) out.push(s.replan.requestId);
  }
  for (const [key, lead] of Object.entries(w.leads)) {
    if (!LEAD_READABLE[who].includes(key as 'H' | 'C')) out.push(lead.marker, lead.id);
  }
  if (who !== 'unit_land') out.push(...w.notificationIds);
  return out;
}

/** Leads (线索) are internal to PROMOTION of their platform; LEADER and ADMIN read all. */
export const LEAD_READABLE: Record<Who | 'anonymous', ('H' | 'C')[]> = {
  admin: ['H', 'C'],
  leader: ['H', 'C'],
  promo: ['H', 'C'],
  promo_hzw: ['H'],
  promo_cej: ['C'],
  unit_land: [],
  unit_jx: [],
  unit_hzw: [],
  owner_a: [],
  owner_b: [],
  anonymous: [],
};

/** Secrets found in the answer that the request did not carry itself. */
export function leaks(res: HttpResult, secrets: string[], sent: string): string[] {
  return secrets.filter((s) => res.text.includes(s) && !sent.includes(s));
}

export type Outcome = { kind: 'denied' | 'empty' | 'ok' | 'error'; signature: string; detail: string };

/** An empty list or connection: what a list gives a viewer with nothing in scope. */
function isEmpty(v: unknown): boolean {
  if (Array.isArray(v)) return v.length === 0;
  const c = v as { nodes?: unknown[]; totalCount?: number } | null;
  return !!c && Array.isArray(c.nodes) && c.nodes.length === 0 && (c.totalCount ?? 0) === 0;
}

const DENIAL_CODES = new Set(['FORBIDDEN', 'UNAUTHENTICATED', 'NOT_FOUND']);

/**
 * denied: a GraphQL error FORBIDDEN / UNAUTHENTICATED / NOT_FOUND, a null result, or a payload
 * whose errors are all FORBIDDEN / NOT_FOUND (plus INVALID_STATE when `stateCounts`: a role-level
 * refusal on an object the viewer may read can meet a state check first).
 */
export function outcomeOf(res: HttpResult, field: string, stateCounts: boolean): Outcome {
  const body = res.json ?? {};
  const top = ((body.errors ?? []) as { extensions?: { code?: string } }[]).map((e) => e.extensions?.code ?? '?').sort();
  const value = body.data?.[field];
  const payloadCodes = value && typeof value === 'object' && Array.isArray(value.errors) ? (value.errors as { code: string }[]).map((e) => e.code).sort() : [];
  const signature = JSON.stringify({ top, data: value === null || value === undefined ? null : payloadCodes.length ? payloadCodes : 'ok' });
  const detail = `HTTP ${res.status} ${res.text.slice(0, 300)}`;
  const allowedPayload = new Set(['FORBIDDEN', 'NOT_FOUND', ...(stateCounts ? ['INVALID_STATE'] : [])]);
  if (top.length) return { kind: top.every((c) => DENIAL_CODES.has(c)) ? 'denied' : 'error', signature, detail };
  if (value === null || value === undefined) return { kind: 'denied', signature, detail };
  if (payloadCodes.length) return { kind: payloadCodes.every((c) => allowedPayload.has(c)) ? 'denied' : 'error', signature, detail };
  return { kind: isEmpty(value) ? 'empty' : 'ok', signature, detail };
}

export interface Probe {
  who: Who | 'anonymous';
  /** The set the arguments aim at. */
  set: SetKey;
  /** Must be refused. */
  expectDenied: boolean;
  /** The viewer may not read the set: the answer must be the one a non-existent id gets. */
  unreadable: boolean;
}

const UNIT_USERS: (Who | 'anonymous')[] = ['unit_land', 'unit_jx', 'unit_hzw'];

/** Which (viewer, set) pairs to try for an operation, and what each must give. */
export function probesFor(name: string): Probe[] {
  const rule = ACCESS[name];
  const probes: Probe[] = [];
  for (const who of ACTORS) {
    const readable = READABLE[who];
    const unreadable = SET_KEYS.filter((k) => !readable.includes(k));
    const allowed = who !== 'anonymous' && rule.allowed.includes(who);
    if (rule.scope === 'anyone') {
      probes.push({ who, set: 'A', expectDenied: false, unreadable: false });
      continue;
    }
    if (!allowed) {
      // Refused by role: aim at a set the viewer may read where there is one, so that only the role refuses.
      probes.push({ who, set: readable[0] ?? 'X', expectDenied: true, unreadable: false });
      continue;
    }
    switch (rule.scope) {
      case 'none':
      case 'self':
        probes.push({ who, set: 'A', expectDenied: false, unreadable: false });
        break;
      case 'list':
        // Aimed at each set in turn: whatever comes back, another scope's data must not.
        for (const k of SET_KEYS) probes.push({ who, set: k, expectDenied: false, unreadable: false });
        break;
      case 'lead': {
        const leads = { A: 'H', B: 'C' } as const;
        for (const k of ['A', 'B'] as const) if (!LEAD_READABLE[who].includes(leads[k])) probes.push({ who, set: k, expectDenied: true, unreadable: true });
        break;
      }
      case 'metrics':
        if (UNIT_USERS.includes(who)) probes.push({ who, set: 'X', expectDenied: true, unreadable: false });
        else for (const k of unreadable) probes.push({ who, set: k, expectDenied: true, unreadable: false });
        break;
      case 'platform':
        for (const k of unreadable) probes.push({ who, set: k, expectDenied: true, unreadable: false });
        break;
      default:
        for (const k of unreadable) probes.push({ who, set: k, expectDenied: true, unreadable: true });
        // A unit works only on its own unit's nodes, even in a project it may read.
        if (rule.scope === 'node' && UNIT_NODE_WRITES.has(name) && UNIT_USERS.includes(who)) for (const k of readable) probes.push({ who, set: k, expectDenied: true, unreadable: false });
    }
  }
  return probes;
}
