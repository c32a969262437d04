/**
 * 督办 problems through GraphQL, for the API suites: raise one, move it, read it back.
 */
import { expect } from 'vitest';
import { PDF, type Client } from './api.js';
import { addDays, today } from '../../api/src/domain/dates.js';

export const PROBLEM_FIELDS = `id title status statusLabel category categoryLabel deadline version colour overdue overdueDays response internalNote
  projectName projectCode project { id } raisedBy { id } leadUnit { id name } coUnits { id name }
  escalation { reason by { id } liaisonLeader { id name } }
  evidence { id filename url }
  timeline { action fromStatus toStatus actor { id } actorRole note }
  viewerCan { accept respond resolve sendBack escalate assign uploadEvidence writeInstruction }`;

export interface ProblemView {
  id: string;
  title: string;
  status: string;
  version: number;
  deadline: string;
  colour: string | null;
  overdue: boolean;
  overdueDays: number;
  response: string | null;
  internalNote: string | null;
  project: { id: string } | null;
  projectName: string;
  leadUnit: { id: string; name: string };
  coUnits: { id: string; name: string }[];
  escalation: { reason: string; by: { id: string } | null; liaisonLeader: { id: string; name: string } | null } | null;
  evidence: { id: string; filename: string; url: string }[];
  timeline: { action: string; fromStatus: string | null; toStatus: string | null; actor: { id: string } | null; actorRole: string; note: string | null }[];
  viewerCan: Record<string, boolean>;
}

export interface PayloadResult {
  problem: ProblemView | null;
  errors: { code: string; field: string | null; message: string }[];
}

export async function raise(as: Client, over: Record<string, unknown>): Promise<PayloadResult> {
  const r = await as.gql(`mutation($i: RaiseProblemInput!) { raiseProblem(input: $i) { problem { ${PROBLEM_FIELDS} } errors { code field message } } }`, {
    i: { category: 'LAND', title: '用地指标未落实', description: '项目二期用地指标尚未下达，影响摘牌。', deadline: addDays(today(), 10), ...over },
  });
  expect(r.errors).toBeUndefined();
  return r.data.raiseProblem;
}

export async function raiseOk(as: Client, over: Record<string, unknown>): Promise<ProblemView> {
  const r = await raise(as, over);
  expect(r.errors).toEqual([]);
  return r.problem!;
}

const ARG: Record<string, string> = {
  acceptProblem: 'note',
  respondProblem: 'response',
  resolveProblem: 'note',
  sendBackProblem: 'reason',
  escalateProblem: 'reason',
};

/** One status move; `text` goes to the mutation's note/response/reason argument. */
export async function move(as: Client, mutation: keyof typeof ARG | string, id: string, version: number, text?: string | null): Promise<PayloadResult> {
  const arg = ARG[mutation];
  const type = mutation === 'respondProblem' || mutation === 'sendBackProblem' || mutation === 'escalateProblem' ? 'String!' : 'String';
  const r = await as.gql(
    `mutation($id: ID!, $v: NonNegativeInt!, $t: ${type}) { ${mutation}(id: $id, version: $v, ${arg}: $t) { problem { ${PROBLEM_FIELDS} } errors { code field message } } }`,
    { id, v: version, t: text ?? (type === 'String!' ? '' : null) },
  );
  expect(r.errors).toBeUndefined();
  return r.data[mutation];
}

export async function read(as: Client, id: string, asOf?: string): Promise<ProblemView | null> {
  const r = await as.gql(`query($id: ID!, $d: Date) { problem(id: $id) { ${PROBLEM_FIELDS.replace('colour overdue overdueDays', 'colour(asOf: $d) overdue(asOf: $d) overdueDays(asOf: $d)')} } }`, { id, d: asOf ?? null });
  expect(r.errors).toBeUndefined();
  return r.data.problem;
}

/** Uploads a PDF as this user and attaches it to the problem. */
export async function attachPdf(as: Client, problemId: string, filename = '办结材料.pdf'): Promise<PayloadResult> {
  const up = await as.agent.post('/api/evidence').set('x-requested-with', 'test').attach('file', PDF, filename);
  expect(up.status).toBe(201);
  const r = await as.gql(`mutation($p: ID!, $f: ID!) { attachProblemEvidence(problemId: $p, fileId: $f) { problem { ${PROBLEM_FIELDS} } errors { code field message } } }`, {
    p: problemId,
    f: up.body.id,
  });
  expect(r.errors).toBeUndefined();
  return r.data.attachProblemEvidence;
}

export async function notificationsOf(as: Client): Promise<{ id: string; kind: string; title: string; body: string; read: boolean; project: { id: string } | null; problem: { id: string } | null }[]> {
  const r = await as.gql(`{ notifications(first: 100) { nodes { id kind title body read project { id } problem { id } } } }`);
  expect(r.errors).toBeUndefined();
  return r.data.notifications.nodes;
}
