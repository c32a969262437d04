/**
 * Baseline and re-plans: before the baseline is frozen PROMOTION edits planned dates directly;
 * after it, moving a date is a re-plan request with a reason, approved by PROMOTION; the baseline
 * stays, so slip = current − baseline, and lights follow the current planned date.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { useApi, type Client } from '../testkit/api.js';
import { createProject } from '../testkit/projects.js';
import { addDays, today } from '../../api/src/domain/dates.js';

const api = useApi();
let promo: Client;
let unit: Client;

beforeAll(async () => {
  promo = await api.as('promo');
  unit = await api.as('unit_land');
});

const NODE = `query($id: ID!) { project(id: $id) { version baselineFrozen nodes { id code version plannedDate baselineDate slipDays light overdue
  replanRequests { id status fromDate toDate reason } viewerCan { requestReplan approveReplan editPlan } } } }`;
const nodeOf = async (c: Client, projectId: string, code: string) => {
  const r = await c.gql(NODE, { id: projectId });
  return { project: r.data.project, node: r.data.project.nodes.find((n: { code: string }) => n.code === code) };
};

describe('baseline and re-plans', () => {
  it('edits plans freely before the freeze, and only by request and approval after it', async () => {
    const p = await createProject(api, promo, { signedOn: addDays(today(), -100) });
    // LAND was planned 90 days after signing: 10 days overdue.
    let { node, project } = await nodeOf(promo, p.id, 'LAND');
    expect(node).toMatchObject({ overdue: true, light: 'YELLOW', baselineDate: null, slipDays: 0 });
    const edit = await promo.gql(`mutation($i: UpdateNodePlanInput!) { updateNodePlan(input: $i) { node { plannedDate } errors { field message } } }`, {
      i: { nodeId: node.id, version: node.version, plannedDate: addDays(today(), 5) },
    });
    expect(edit.data.updateNodePlan).toEqual({ node: { plannedDate: addDays(today(), 5) }, errors: [] });

    const freeze = await promo.gql(`mutation($id: ID!, $v: NonNegativeInt!) { freezeBaseline(projectId: $id, version: $v) { project { baselineFrozen } errors { message } } }`, { id: p.id, v: project.version });
    expect(freeze.data.freezeBaseline).toEqual({ project: { baselineFrozen: true }, errors: [] });
    ({ node, project } = await nodeOf(promo, p.id, 'LAND'));
    expect(node.baselineDate).toBe(addDays(today(), 5));

    // After the freeze a direct edit is refused and changes nothing.
    const refused = await promo.gql(`mutation($i: UpdateNodePlanInput!) { updateNodePlan(input: $i) { node { plannedDate } errors { field message } } }`, {
      i: { nodeId: node.id, version: node.version, plannedDate: addDays(today(), 60) },
    });
    expect(refused.data.updateNodePlan.node).toBeNull();
    expect(refused.data.updateNodePlan.errors[0].field).toBe('input.plannedDate');

    // The node's unit asks to move it; a reason is required.
    const { node: asUnit } = await nodeOf(unit, p.id, 'LAND');
    expect(asUnit.viewerCan.requestReplan).toBe(true);
    const noReason = await unit.gql(`mutation($i: ReplanInput!) { requestReplan(input: $i) { node { id } errors { field message } } }`, {
      i: { nodeId: node.id, toDate: addDays(today(), 40), reason: ' ' },
    });
    expect(noReason.data.requestReplan.errors).toEqual([{ field: 'input.reason', message: '请填写调整原因' }]);
    const req = await unit.gql(`mutation($i: ReplanInput!) { requestReplan(input: $i) { node { replanRequests { id status } } errors { message } } }`, {
      i: { nodeId: node.id, toDate: addDays(today(), 40), reason: '土地出让公告延期' },
    });
    expect(req.data.requestReplan.errors).toEqual([]);
    const requestId = req.data.requestReplan.node.replanRequests[0].id;

    // Only PROMOTION decides; the unit cannot approve its own request.
    const selfApprove = await unit.gql(`mutation($n: ID!, $r: ID!) { decideReplan(nodeId: $n, requestId: $r, approve: true) { node { id } errors { code } } }`, { n: node.id, r: requestId });
    expect(selfApprove.data.decideReplan.errors[0].code).toBe('FORBIDDEN');
    const approve = await promo.gql(`mutation($n: ID!, $r: ID!) { decideReplan(nodeId: $n, requestId: $r, approve: true, note: "同意") { node { plannedDate baselineDate slipDays light replanRequests { status } } errors { message } } }`, {
      n: node.id,
      r: requestId,
    });
    expect(approve.data.decideReplan.errors).toEqual([]);
    expect(approve.data.decideReplan.node).toEqual({
      plannedDate: addDays(today(), 40),
      baselineDate: addDays(today(), 5),
      slipDays: 35,
      light: 'GREEN',
      replanRequests: [{ status: 'APPROVED' }],
    });
    const history = await promo.gql(`query($id: ID!) { project(id: $id) { history { nodes { action } } } }`, { id: p.id });
    expect(history.data.project.history.nodes.map((h: { action: string }) => h.action)).toEqual(
      expect.arrayContaining(['node.updatePlan', 'project.freezeBaseline', 'node.requestReplan', 'node.approveReplan']),
    );
  });
});
