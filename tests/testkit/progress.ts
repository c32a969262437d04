/**
 * Project progress for the oversight suites (metrics, agreements, race): history written with
 * the seed factories (recorded on its own dates), and news entered through the API the way a
 * unit does it today (evidence, then DONE), which the metrics see from today on.
 */
import { expect } from 'vitest';
import { PDF, type Client, type TestApi } from './api.js';
import { recordProgress, signProject } from '../../seeds/factories.js';
import { makeUscc } from '../../seeds/uscc.js';
import type { ProjectRecord } from '../../api/src/modules/projects/types.js';

let seq = 0;

export interface HistorySpec {
  name?: string;
  signedOn: string;
  platform?: string;
  template?: 'STANDARD_LAND' | 'EXPANSION' | 'LEASED_FACTORY';
  industryCode?: string;
  chain?: string | null;
  yi?: number;
  source?: string;
  foreignUsd?: number;
  done?: Record<string, string>;
  liaison?: boolean;
}

/** A project signed on a past date with past progress, as the seeds write history. */
export async function historicProject(api: TestApi, spec: HistorySpec): Promise<ProjectRecord> {
  seq += 1;
  const yi = spec.yi ?? 2;
  const p = await signProject(api.users.promo, {
    name: spec.name ?? `历史项目${seq}`,
    investor: `历史企业${seq}有限公司`,
    uscc: makeUscc(90_000 + seq * 17),
    industryCode: spec.industryCode ?? 'C2651',
    chainId: spec.chain ? api.ref.chains.get(spec.chain)! : null,
    source: (spec.source ?? 'NEW_INVESTMENT') as never,
    platformId: api.ref.platforms.get(spec.platform ?? '杭州湾经开区')!,
    totalInvestment: Math.round(yi * 100_000_000),
    foreignInvestment: spec.foreignUsd ? { currency: 'USD', amount: spec.foreignUsd, cnyRate: 7.1, usdCnyRate: 7.1 } : null,
    templateKey: spec.template ?? 'STANDARD_LAND',
    signedOn: spec.signedOn,
    leadUnitId: yi >= 50 || spec.liaison ? api.ref.units.get('区投资促进中心')! : null,
    liaisonLeaderId: yi >= 50 || spec.liaison ? api.ref.leaders[0] : null,
  });
  const done = Object.entries(spec.done ?? {}).map(([code, actualDate]) => ({ code, actualDate }));
  return done.length ? recordProgress(p.id, done, api.users.unit_land.id) : p;
}

/** A unit marks a gate node DONE through the API today (evidence first), as in daily use. */
export async function completeGate(unit: Client, projectId: string, code: string, actualDate: string): Promise<void> {
  const q = await unit.gql(`query($id: ID!) { project(id: $id) { nodes { id code version } } }`, { id: projectId });
  const node = q.data.project.nodes.find((n: { code: string }) => n.code === code);
  const upload = await unit.agent.post('/api/evidence').set('x-requested-with', 'test').attach('file', PDF, `${code}.pdf`);
  expect(upload.status).toBe(201);
  const attach = await unit.gql(`mutation($n: ID!, $f: ID!) { attachEvidence(nodeId: $n, fileId: $f) { node { version } errors { message } } }`, { n: node.id, f: upload.body.id });
  expect(attach.data.attachEvidence.errors).toEqual([]);
  const r = await unit.gql(`mutation($i: ReportNodeInput!) { reportNode(input: $i) { node { status } errors { field message } } }`, {
    i: { nodeId: node.id, version: attach.data.attachEvidence.node.version, status: 'DONE', actualDate },
  });
  expect(r.data.reportNode.errors).toEqual([]);
  expect(r.data.reportNode.node.status).toBe('DONE');
}
