/**
 * The core loop through GraphQL: a lead is logged, followed up and signed into a project whose
 * nodes come from the template; the owner reports the landing gate with evidence; the unit
 * confirms it; the stage moves; leadership sees overdue nodes; everything is in the history.
 */
import { describe, expect, it } from 'vitest';
import { PDF, useApi } from '../testkit/api.js';
import { addDays, today } from '../../api/src/domain/dates.js';
import { makeUscc } from '../../seeds/uscc.js';
import { createProject } from '../testkit/projects.js';

const api = useApi();

describe('core loop', () => {
  it('takes a lead from first contact to a landed project', async () => {
    const promo = await api.as('promo');
    const created = await promo.gql(
      `mutation($i: CreateLeadInput!) { createLead(input: $i) { lead { id status version stale } errors { field message } } }`,
      { i: { name: '新材料产业园', investor: '某新材料集团', source: 'NEW_INVESTMENT', estimatedInvestment: 2_000_000_000, platformId: api.ref.platforms.get('杭州湾经开区') } },
    );
    expect(created.errors).toBeUndefined();
    const lead = created.data.createLead.lead;
    expect(lead.status).toBe('NEW');

    const fu = await promo.gql(
      `mutation($i: FollowUpInput!) { addFollowUp(input: $i) { lead { id status version lastFollowUpOn followUps { kind summary } } errors { message } } }`,
      { i: { leadId: lead.id, date: today(), kind: 'VISIT', summary: '实地考察园区，确定选址意向', nextStep: '起草投资协议', nextDate: addDays(today(), 7) } },
    );
    expect(fu.data.addFollowUp.errors).toEqual([]);
    expect(fu.data.addFollowUp.lead.status).toBe('NEGOTIATING');
    expect(fu.data.addFollowUp.lead.followUps).toHaveLength(1);

    const owner = api.users.owner_a;
    const signedOn = addDays(today(), -100);
    const signed = await promo.gql(
      `mutation($i: SignLeadInput!) { signLead(input: $i) { project { id code stage tiers signedOn owners { id }
          nodes { id code status plannedDate version gate isLandingGate unit { name } } } errors { field message } } }`,
      {
        i: {
          leadId: lead.id,
          version: fu.data.addFollowUp.lead.version,
          project: {
            name: '新材料产业园',
            investor: '某新材料集团',
            uscc: makeUscc(4242),
            industryCode: 'C2651',
            source: 'NEW_INVESTMENT',
            platformId: api.ref.platforms.get('杭州湾经开区'),
            totalInvestment: 2_000_000_000,
            templateKey: 'STANDARD_LAND',
            signedOn,
            leadUnitId: api.ref.units.get('区投资促进中心'),
            ownerUserIds: [owner.id],
          },
        },
      },
    );
    expect(signed.errors).toBeUndefined();
    expect(signed.data.signLead.errors).toEqual([]);
    const project = signed.data.signLead.project;
    expect(project.stage).toBe('SIGNED');
    expect(project.tiers).toEqual(['OVER_100M', 'OVER_1B']);
    expect(project.nodes.map((n: { code: string }) => n.code)).toEqual(['SIGN', 'REGISTER', 'FILING', 'LAND', 'APPROVALS', 'PERMIT', 'START', 'TOPPING', 'ACCEPT', 'PRODUCE', 'CAPACITY', 'REVIEW']);
    const land = project.nodes.find((n: { code: string }) => n.code === 'LAND');
    expect(land.plannedDate).toBe(addDays(signedOn, 90));
    expect(land.unit.name).toBe('区自然资源和规划分局');
    expect(land.isLandingGate).toBe(true);

    // The lead is now SIGNED and points at its project.
    const leadAfter = await promo.gql(`query($id: ID!) { lead(id: $id) { status project { id } viewerCan { sign } } }`, { id: lead.id });
    expect(leadAfter.data.lead).toEqual({ status: 'SIGNED', project: { id: project.id }, viewerCan: { sign: false } });

    // The owner uploads evidence and reports the landing gate as done.
    const ownerClient = await api.as('owner_a');
    const upload = await ownerClient.agent.post('/api/evidence').set('x-requested-with', 'test').attach('file', PDF, '土地出让合同.pdf');
    expect(upload.status).toBe(201);
    const attach = await ownerClient.gql(`mutation($n: ID!, $f: ID!) { attachEvidence(nodeId: $n, fileId: $f) { node { id version evidence { filename size } } errors { message } } }`, {
      n: land.id,
      f: upload.body.id,
    });
    expect(attach.data.attachEvidence.errors).toEqual([]);
    expect(attach.data.attachEvidence.node.evidence).toEqual([{ filename: '土地出让合同.pdf', size: PDF.length }]);
    const actualDate = addDays(today(), -3);
    const report = await ownerClient.gql(
      `mutation($i: ReportNodeInput!) { reportNode(input: $i) { node { id status version pendingReport { status actualDate } viewerCan { report } } errors { field message } } }`,
      { i: { nodeId: land.id, version: attach.data.attachEvidence.node.version, status: 'DONE', actualDate, note: '已摘牌' } },
    );
    expect(report.data.reportNode.errors).toEqual([]);
    // An owner's report on a gate waits for the unit: the node is not DONE yet.
    expect(report.data.reportNode.node.status).not.toBe('DONE');
    expect(report.data.reportNode.node.pendingReport).toEqual({ status: 'DONE', actualDate });

    // The unit confirms; the node is DONE and the project LANDED.
    const unit = await api.as('unit_land');
    const mine = await unit.gql(`{ myNodes { id code viewerCan { confirm } } }`);
    const pending = mine.data.myNodes.find((n: { id: string }) => n.id === land.id);
    expect(pending.viewerCan.confirm).toBe(true);
    const confirm = await unit.gql(`mutation($n: ID!, $v: NonNegativeInt!) { confirmNode(nodeId: $n, version: $v) { node { status actualDate confirmedBy { id } project { stage } } errors { message } } }`, {
      n: land.id,
      v: report.data.reportNode.node.version,
    });
    expect(confirm.data.confirmNode.errors).toEqual([]);
    expect(confirm.data.confirmNode.node).toMatchObject({ status: 'DONE', actualDate, confirmedBy: { id: api.users.unit_land.id }, project: { stage: 'LANDED' } });

    // As of a date before the actual date, the project had not landed yet.
    const past = await promo.gql(`query($id: ID!, $d: Date!) { project(id: $id) { stage(asOf: $d) } }`, { id: project.id, d: addDays(actualDate, -1) });
    expect(past.data.project.stage).toBe('SIGNED');

    // REGISTER and FILING were planned 30 and 45 days after signing (100 days ago): overdue.
    const leader = await api.as('leader');
    const overdue = await leader.gql(`{ overdueNodes(first: 100) { totalCount nodes { overdueDays light node { code } project { id } } } }`);
    const ours = overdue.data.overdueNodes.nodes.filter((o: { project: { id: string } }) => o.project.id === project.id);
    expect(ours.map((o: { node: { code: string } }) => o.node.code)).toEqual(['REGISTER', 'FILING']);
    expect(ours[0]).toMatchObject({ overdueDays: 70, light: 'RED' });
    expect(ours[1]).toMatchObject({ overdueDays: 55, light: 'RED' });

    // Every step is in the project's history, with actor and role.
    const history = await promo.gql(`query($id: ID!) { project(id: $id) { history(first: 50) { nodes { action actorRole actor { id } } } } }`, { id: project.id });
    const actions = history.data.project.history.nodes.map((h: { action: string }) => h.action);
    expect(actions).toEqual(expect.arrayContaining(['project.create', 'lead.sign', 'node.attachEvidence', 'node.report', 'node.confirm']));
    const confirmEntry = history.data.project.history.nodes.find((h: { action: string }) => h.action === 'node.confirm');
    expect(confirmEntry).toMatchObject({ actorRole: 'UNIT', actor: { id: api.users.unit_land.id } });
  });

  it('needs evidence and the unit before a gate node is DONE', async () => {
    const promo = await api.as('promo');
    const r = await promo.gql(
      `mutation($i: CreateProjectInput!) { createProject(input: $i) { project { id nodes { id code version } } errors { message } } }`,
      {
        i: {
          name: '证据测试项目',
          investor: '证据测试企业',
          industryCode: 'C2651',
          source: 'NEW_INVESTMENT',
          platformId: api.ref.platforms.get('杭州湾经开区'),
          totalInvestment: 50_000_000,
          templateKey: 'STANDARD_LAND',
          signedOn: addDays(today(), -5),
        },
      },
    );
    const land = r.data.createProject.project.nodes.find((n: { code: string }) => n.code === 'LAND');
    const unit = await api.as('unit_land');
    const done = await unit.gql(`mutation($i: ReportNodeInput!) { reportNode(input: $i) { node { status } errors { field message } } }`, {
      i: { nodeId: land.id, version: land.version, status: 'DONE', actualDate: today() },
    });
    expect(done.data.reportNode.node).toBeNull();
    expect(done.data.reportNode.errors).toEqual([{ field: 'input.evidence', message: '关键节点完成须上传佐证材料' }]);
  });
});

describe('the SIGN gate', () => {
  it('cannot be reopened or re-dated by its unit: the project keeps one signing date', async () => {
    const promo = await api.as('promo');
    const unit = await api.as('unit_jx');
    const p = await createProject(api, promo, { signedOn: addDays(today(), -30) });
    const sign = p.nodes.find((n) => n.code === 'SIGN')!;
    // Hand the SIGN node to a unit with a test account, which may then report its other nodes.
    const moved = await promo.gql(`mutation($i: UpdateNodePlanInput!) { updateNodePlan(input: $i) { node { version } errors { message } } }`, {
      i: { nodeId: sign.id, version: sign.version, unitId: api.ref.units.get('区经信局') },
    });
    expect(moved.data.updateNodePlan.errors).toEqual([]);
    const NODE = `query($id: ID!) { project(id: $id) { signedOn stage nodes { code status actualDate version viewerCan { report } } } }`;
    const before = (await unit.gql(NODE, { id: p.id })).data.project;
    expect(before.nodes.find((n: { code: string }) => n.code === 'SIGN')).toMatchObject({ status: 'DONE', viewerCan: { report: false } });
    for (const input of [
      { status: 'DONE', actualDate: addDays(today(), -10) },
      { status: 'IN_PROGRESS', note: '重新签约' },
    ]) {
      const r = await unit.gql(`mutation($i: ReportNodeInput!) { reportNode(input: $i) { node { id } errors { code message } } }`, {
        i: { nodeId: sign.id, version: moved.data.updateNodePlan.node.version, ...input },
      });
      expect(r.data.reportNode).toEqual({ node: null, errors: [{ code: 'INVALID_STATE', message: '签约节点随项目签约完成，不能重新填报或修改日期' }] });
    }
    expect((await unit.gql(NODE, { id: p.id })).data.project).toEqual(before);
  });
});
