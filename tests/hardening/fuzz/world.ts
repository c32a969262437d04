/**
 * The objects the fuzzer and the access audit aim at, made through the API as the roles
 * themselves would. Four projects, each a scope "set" with its nodes, a 督办 problem (with an
 * evidence file), a 批示, an agreement (with a failed review, so a 整改 item), and, on X and Y,
 * a frozen baseline with a pending re-plan:
 *
 *   A  杭州湾经开区, owner_a, default node units      B  曹娥江经开区, owner_b, default node units
 *   X  曹娥江经开区, no owner, every node on 区市场监管局 (a unit none of the test users belongs to)
 *   Y  杭州湾经开区, no owner, every node on 区市场监管局
 *
 * So each role has sets it may not read (READABLE below). Every set's texts carry a marker
 * unique to the set: a response that contains the marker of a set its viewer may not read has
 * leaked data.
 */
import { randomBytes } from 'node:crypto';
import { makeUscc } from '../../../seeds/uscc.js';
import { addDays, today } from '../../../api/src/domain/dates.js';
import type { HttpClient } from './http.js';
import type { Target, Who } from './target.js';

export type SetKey = 'A' | 'B' | 'X' | 'Y';
export const SET_KEYS: SetKey[] = ['A', 'B', 'X', 'Y'];

/** Which sets each role may read (DOMAIN.md "Who uses it" + auth/policy.ts). */
export const READABLE: Record<Who | 'anonymous', SetKey[]> = {
  admin: ['A', 'B', 'X', 'Y'],
  leader: ['A', 'B', 'X', 'Y'],
  promo: ['A', 'B', 'X', 'Y'],
  promo_hzw: ['A', 'Y'],
  promo_cej: ['B', 'X'],
  unit_land: ['A', 'B'],
  unit_jx: ['A', 'B'],
  unit_hzw: ['A', 'Y'],
  owner_a: ['A'],
  owner_b: ['B'],
  anonymous: [],
};

export interface ScopeSet {
  key: SetKey;
  marker: string;
  projectId: string;
  nodes: { id: string; code: string }[];
  problemId: string;
  problemFileId: string;
  agreementId: string;
  reviewId: string | null;
  rectificationId: string | null;
  instructionId: string;
  /** A node with a PENDING re-plan request (X and Y only). */
  replan: { nodeId: string; requestId: string } | null;
}

export interface World {
  sets: Record<SetKey, ScopeSet>;
  /** Leads of 杭州湾经开区 (by promo_hzw) and 曹娥江经开区 (by promo_cej). */
  leads: { H: { id: string; marker: string }; C: { id: string; marker: string } };
  /** Uploaded by promo and attached to nothing: nobody else may attach or download it. */
  looseFileId: string;
  targetId: string;
  webhookId: string;
  /** unit_land's notifications (from the 批示 on A). */
  notificationIds: string[];
  victimIds: string[];
  ownerIds: string[];
}

export const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');

/** Runs a mutation that must succeed; returns its payload. */
export async function must(c: HttpClient, query: string, variables: Record<string, unknown>): Promise<any> {
  const r = await c.gql(query, variables);
  const field = r.json?.data && Object.values(r.json.data)[0];
  if (!field || (Array.isArray((field as any).errors) && (field as any).errors.length)) {
    throw new Error(`${c.label}: ${query.slice(0, 60)} failed: ${r.text.slice(0, 400)}`);
  }
  return field;
}

export async function upload(c: HttpClient, name = 'evidence.pdf', body: Buffer = PDF): Promise<string> {
  const form = new FormData();
  form.append('file', new Blob([body]), name);
  const headers = { 'x-requested-with': 'fetch', 'x-forwarded-for': c.address, 'x-forwarded-proto': 'https', ...(c.cookie ? { cookie: c.cookie } : {}) };
  const res = await fetch(`${c.base}/api/evidence`, { method: 'POST', headers, body: form });
  const json = (await res.json()) as { id?: string };
  if (res.status !== 201 || !json.id) throw new Error(`upload failed: ${res.status} ${JSON.stringify(json)}`);
  return json.id;
}

let seq = 0;
export function projectInput(t: Target, over: Record<string, unknown>) {
  seq += 1;
  return {
    name: `世界项目${seq}`,
    investor: `世界企业${seq}有限公司`,
    uscc: makeUscc(seq * 977 + 13),
    industryCode: 'C2651',
    source: 'NEW_INVESTMENT',
    platformId: t.ref.platforms.get('杭州湾经开区'),
    totalInvestment: 300_000_000,
    templateKey: 'STANDARD_LAND',
    signedOn: addDays(today(), -40),
    ...over,
  };
}

const CREATE_PROJECT = `mutation($i: CreateProjectInput!) { createProject(input: $i) { project { id version nodes { id code version } } errors { code field message } } }`;

async function makeSet(t: Target, key: SetKey): Promise<ScopeSet> {
  const { promo, leader } = t.clients;
  const marker = `机密${key}${randomBytes(3).toString('hex')}`;
  const onHzw = key === 'A' || key === 'Y';
  const platformId = t.ref.platforms.get(onHzw ? '杭州湾经开区' : '曹娥江经开区');
  const owners = key === 'A' ? [t.users.owner_a.id] : key === 'B' ? [t.users.owner_b.id] : [];
  const created = await must(promo, CREATE_PROJECT, {
    i: projectInput(t, { name: `${marker}项目`, investor: `${marker}企业`, platformId, ownerUserIds: owners, internalNotes: `${marker}内部备注`, description: `${marker}简介` }),
  });
  const project = created.project as { id: string; nodes: { id: string; code: string; version: number }[] };
  const market = t.ref.units.get('区市场监管局')!;
  const outsider = key === 'X' || key === 'Y';
  if (outsider) {
    for (const n of project.nodes) {
      await must(promo, `mutation($i: UpdateNodePlanInput!) { updateNodePlan(input: $i) { node { id } errors { code message } } }`, {
        i: { nodeId: n.id, version: n.version, unitId: market, internalNote: `${marker}节点备注` },
      });
    }
  }
  const leadUnit = key === 'A' ? t.ref.units.get('区自然资源和规划分局')! : key === 'B' ? t.ref.units.get('区经信局')! : market;
  const problem = await must(promo, `mutation($i: RaiseProblemInput!) { raiseProblem(input: $i) { problem { id } errors { code message } } }`, {
    i: { projectId: project.id, category: 'LAND', title: `${marker}问题`, description: `${marker}问题描述`, leadUnitId: leadUnit, deadline: addDays(today(), 20), internalNote: `${marker}问题备注` },
  });
  const problemId = problem.problem.id as string;
  const problemFileId = await upload(promo, `${marker}.pdf`);
  await must(promo, `mutation($p: ID!, $f: ID!) { attachProblemEvidence(problemId: $p, fileId: $f) { problem { id } errors { code message } } }`, { p: problemId, f: problemFileId });
  const instruction = await must(leader, `mutation($i: InstructionInput!) { writeInstruction(input: $i) { instruction { id } errors { code message } } }`, {
    i: { projectId: project.id, problemId, content: `${marker}批示`, unitIds: [leadUnit] },
  });
  const agreement = await must(promo, `mutation($i: CreateAgreementInput!) { createAgreement(input: $i) { agreement { id version reviews { id } } errors { code message } } }`, {
    i: {
      projectId: project.id,
      title: `${marker}协议`,
      signedOn: addDays(today(), -30),
      landAreaMu: 50,
      fixedAssetInvestment: 200_000_000,
      commitments: { taxPerMu: 30, outputPerMu: 500 },
      committedStartOn: addDays(today(), -20),
      committedCompletionOn: addDays(today(), -10),
      committedCapacityOn: addDays(today(), -5),
    },
  });
  const reviewed = await must(promo, `mutation($i: RecordCapacityReviewInput!) { recordCapacityReview(input: $i) { agreement { id version reviews { id } rectifications { id } } errors { code message } } }`, {
    i: { agreementId: agreement.agreement.id, version: agreement.agreement.version, reviewedOn: today(), actuals: { taxPerMu: 1, outputPerMu: 1 }, note: `${marker}复核意见` },
  });
  let replan: ScopeSet['replan'] = null;
  if (outsider) {
    const { version } = await must(promo, `query($id: ID!) { project(id: $id) { id version } }`, { id: project.id });
    await must(promo, `mutation($id: ID!, $v: NonNegativeInt!) { freezeBaseline(projectId: $id, version: $v) { project { id } errors { code message } } }`, { id: project.id, v: version });
    const node = project.nodes.find((n) => n.code === 'PERMIT')!;
    const r = await must(promo, `mutation($i: ReplanInput!) { requestReplan(input: $i) { node { id replanRequests { id status } } errors { code message } } }`, {
      i: { nodeId: node.id, toDate: addDays(today(), 400), reason: `${marker}调整原因` },
    });
    replan = { nodeId: node.id, requestId: r.node.replanRequests.find((x: { status: string }) => x.status === 'PENDING').id };
  }
  return {
    key,
    marker,
    projectId: project.id,
    nodes: project.nodes.map(({ id, code }) => ({ id, code })),
    problemId,
    problemFileId,
    agreementId: agreement.agreement.id,
    reviewId: reviewed.agreement.reviews[0]?.id ?? null,
    rectificationId: reviewed.agreement.rectifications[0]?.id ?? null,
    instructionId: instruction.instruction.id,
    replan,
  };
}

export async function buildWorld(t: Target): Promise<World> {
  const sets = {} as Record<SetKey, ScopeSet>;
  for (const k of SET_KEYS) sets[k] = await makeSet(t, k);
  const lead = async (who: 'promo_hzw' | 'promo_cej', tag: string) => {
    const marker = `机密线索${tag}${randomBytes(3).toString('hex')}`;
    const r = await must(t.clients[who], `mutation($i: CreateLeadInput!) { createLead(input: $i) { lead { id } errors { code message } } }`, {
      i: { name: `${marker}`, investor: `${marker}投资方`, source: 'NEW_INVESTMENT', contactName: '张三', contactPhone: '0575-82000000' },
    });
    return { id: r.lead.id as string, marker };
  };
  const leads = { H: await lead('promo_hzw', 'H'), C: await lead('promo_cej', 'C') };
  const looseFileId = await upload(t.clients.promo, 'loose.pdf');
  const target = await must(t.clients.admin, `mutation($i: TargetInput!) { createTarget(input: $i) { target { id } errors { code message } } }`, {
    i: { indicator: 'LANDING_RATE', scopeKind: 'DISTRICT', fromYear: 2024, toYear: 2030, perYear: true, value: 0.4 },
  });
  const webhook = await must(t.clients.admin, `mutation($i: WebhookInput!) { saveWebhook(input: $i) { webhook { id } errors { code message } } }`, {
    i: { name: '测试机器人', url: 'https://oapi.dingtalk.com/robot/send?access_token=fuzz-secret-token', secret: 'SECfuzz', enabled: false },
  });
  const notes = await t.clients.unit_land.gql(`{ notifications(first: 50) { nodes { id } } }`);
  return {
    sets,
    leads,
    looseFileId,
    targetId: target.target.id,
    webhookId: webhook.webhook.id,
    notificationIds: (notes.json?.data?.notifications?.nodes ?? []).map((n: { id: string }) => n.id),
    victimIds: ['victim_1', 'victim_2'].map((v) => t.users[v].id),
    ownerIds: [t.users.owner_a.id, t.users.owner_b.id],
  };
}
