import type { TestApi, Client } from './api.js';
import { makeUscc } from '../../seeds/uscc.js';
import { addDays, today } from '../../api/src/domain/dates.js';

let seq = 0;

export function projectInput(api: TestApi, over: Record<string, unknown> = {}) {
  seq += 1;
  return {
    name: `测试项目${seq}`,
    investor: `测试企业${seq}有限公司`,
    uscc: makeUscc(seq * 131 + 7),
    industryCode: 'C2651',
    source: 'NEW_INVESTMENT',
    platformId: api.ref.platforms.get('杭州湾经开区'),
    totalInvestment: 300_000_000,
    templateKey: 'STANDARD_LAND',
    signedOn: addDays(today(), -10),
    ...over,
  };
}

export const PROJECT_FIELDS = `id code name version stage tiers light totalInvestment signedOn
  nodes { id code name status plannedDate actualDate version gate unit { id name } overdueDays light dueSoon pendingReport { status actualDate } }`;

export async function createProject(api: TestApi, as: Client, over: Record<string, unknown> = {}) {
  const r = await as.gql(`mutation($input: CreateProjectInput!) { createProject(input: $input) { project { ${PROJECT_FIELDS} } errors { code field message } } }`, {
    input: projectInput(api, over),
  });
  if (r.errors || r.data.createProject.errors.length) throw new Error(JSON.stringify(r.errors ?? r.data.createProject.errors));
  return r.data.createProject.project as {
    id: string;
    code: string;
    version: number;
    stage: string;
    tiers: string[];
    light: string | null;
    nodes: { id: string; code: string; status: string; plannedDate: string; version: number; gate: string | null; unit: { id: string; name: string } | null; overdueDays: number; light: string; dueSoon: boolean }[];
  };
}
