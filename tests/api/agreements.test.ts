/**
 * 履约监管 through GraphQL: an agreement's commitments (intensity 万元/亩), the first capacity
 * review scheduled from the committed capacity date, flags as of dates (due within 60 days,
 * overdue, in breach), a failed review opening a 整改 item, a passed one, closing the 整改 with
 * evidence, and who may record and read.
 *
 * Agreement: 50 亩, ¥500m (1,000 万元/亩), tax 30, output 500, value added 150 万元/亩, energy
 * 0.5 吨标煤/万元, R&D 3 %; start by 2025-03-01, completion by 2025-12-31, capacity by
 * 2026-06-30 → first review due 2026-09-28. Tolerance (settings) 5 %.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { PDF, useApi, type Client } from '../testkit/api.js';
import { createProject } from '../testkit/projects.js';
import { completeGate } from '../testkit/progress.js';

const api = useApi();
let promo: Client;
let unitJx: Client;
let projectId: string;
let agreementId: string;

const AGREEMENT = `id version title investmentIntensity landAreaMu fixedAssetInvestment committedCapacityOn
  commitments { taxPerMu outputPerMu valueAddedPerMu energyPerValueAdded rdRatio }
  reviews { id kind period dueOn reviewedOn status statusLabel tolerance indicators { code name unit committed actual threshold passed } reviewedBy { id } }
  rectifications { id reviewId openedOn dueOn issues closed closedOn closingNote evidence { filename url } }
  viewerCan { update recordReview closeRectification }`;

const FLAGS = `query($id: ID!, $d: Date) { agreement(id: $id) { flags(asOf: $d) { reviewDueSoon reviewOverdue inBreach breachReasons breachLabels nextReviewDueOn } } }`;

async function flags(asOf: string) {
  const r = await promo.gql(FLAGS, { id: agreementId, d: asOf });
  expect(r.errors).toBeUndefined();
  return r.data.agreement.flags;
}

async function current() {
  return (await promo.gql(`query($id: ID!) { agreement(id: $id) { ${AGREEMENT} } }`, { id: agreementId })).data.agreement;
}

const input = {
  title: '标准地投资建设协议',
  signedOn: '2025-01-10',
  landAreaMu: 50,
  fixedAssetInvestment: 500_000_000,
  commitments: { taxPerMu: 30, outputPerMu: 500, valueAddedPerMu: 150, energyPerValueAdded: 0.5, rdRatio: 3 },
  committedStartOn: '2025-03-01',
  committedCompletionOn: '2025-12-31',
  committedCapacityOn: '2026-06-30',
};

beforeAll(async () => {
  promo = await api.as('promo');
  unitJx = await api.as('unit_jx');
  projectId = (await createProject(api, promo, { signedOn: '2025-01-10', ownerUserIds: [api.users.owner_a.id] })).id;
  await completeGate(await api.as('unit_hzw'), projectId, 'START', '2025-02-20');
});

describe('agreements', () => {
  it('validates and records an agreement, scheduling the first review', async () => {
    const bad = await promo.gql(`mutation($i: CreateAgreementInput!) { createAgreement(input: $i) { agreement { id } errors { field message } } }`, {
      i: { ...input, projectId, landAreaMu: 0, committedCompletionOn: '2027-01-01' },
    });
    expect(bad.data.createAgreement.errors).toEqual([
      { field: 'input.landAreaMu', message: '用地面积（亩）应为正数' },
      { field: 'input.committedCapacityOn', message: '承诺日期须依次为开工 ≤ 竣工 ≤ 达产' },
    ]);
    const r = await promo.gql(`mutation($i: CreateAgreementInput!) { createAgreement(input: $i) { agreement { ${AGREEMENT} } errors { field message } } }`, { i: { ...input, projectId } });
    expect(r.data.createAgreement.errors).toEqual([]);
    const a = r.data.createAgreement.agreement;
    agreementId = a.id;
    expect(a.investmentIntensity).toBe(1000);
    expect(a.reviews).toEqual([expect.objectContaining({ kind: 'CAPACITY', dueOn: '2026-09-28', reviewedOn: null, status: 'PENDING', statusLabel: '待复核', indicators: [] })]);
    expect(a.viewerCan).toEqual({ update: true, recordReview: true, closeRectification: false });
  });

  it('flags due, overdue and breach as of a date', async () => {
    expect(await flags('2025-02-01')).toMatchObject({ reviewDueSoon: false, reviewOverdue: false, inBreach: false, breachReasons: [], nextReviewDueOn: '2026-09-28' });
    // START was done on 2025-02-20, before its committed date; completion and capacity were not.
    expect(await flags('2026-01-05')).toMatchObject({ inBreach: true, breachReasons: ['COMPLETION_LATE'], breachLabels: ['未按约定时间竣工'] });
    expect(await flags('2026-07-30')).toMatchObject({ reviewDueSoon: true, reviewOverdue: false, breachReasons: ['COMPLETION_LATE', 'CAPACITY_LATE'] }); // due in 60 days
    expect(await flags('2026-07-29')).toMatchObject({ reviewDueSoon: false }); // 61 days
    expect(await flags('2026-09-29')).toMatchObject({ reviewDueSoon: false, reviewOverdue: true });
    const listed = await promo.gql(`{ agreements(filter: { flag: REVIEW_OVERDUE }, asOf: "2026-09-29") { totalCount nodes { id } } }`);
    expect(listed.data.agreements).toEqual({ totalCount: 1, nodes: [{ id: agreementId }] });
    const none = await promo.gql(`{ agreements(filter: { flag: REVIEW_OVERDUE }, asOf: "2026-09-01") { totalCount } }`);
    expect(none.data.agreements.totalCount).toBe(0);
  });

  it('fails a review outside tolerance and opens a 整改 item', async () => {
    const a = await current();
    const r = await unitJx.gql(`mutation($i: RecordCapacityReviewInput!) { recordCapacityReview(input: $i) { agreement { ${AGREEMENT} } errors { field message } } }`, {
      i: {
        agreementId,
        version: a.version,
        reviewedOn: '2026-10-10',
        // intensity 960 ≥ 950 ✓, tax 28.5 = 30 × 0.95 ✓ (boundary), output 470 < 475 ✗, energy 0.525 ✓, R&D not reported ✗
        actuals: { fixedAssetInvestment: 480_000_000, taxPerMu: 28.5, outputPerMu: 470, valueAddedPerMu: 150, energyPerValueAdded: 0.525 },
        note: '达产复核现场核查',
      },
    });
    expect(r.data.recordCapacityReview.errors).toEqual([]);
    const after = r.data.recordCapacityReview.agreement;
    const review = after.reviews.find((x: { kind: string }) => x.kind === 'CAPACITY');
    expect(review).toMatchObject({ reviewedOn: '2026-10-10', status: 'FAILED', statusLabel: '未达标', tolerance: 0.05, reviewedBy: { id: api.users.unit_jx.id } });
    expect(Object.fromEntries(review.indicators.map((i: { code: string; passed: boolean }) => [i.code, i.passed]))).toEqual({
      INVESTMENT_INTENSITY: true,
      TAX_PER_MU: true,
      OUTPUT_PER_MU: false,
      VALUE_ADDED_PER_MU: true,
      ENERGY_PER_VALUE_ADDED: true,
      RD_RATIO: false,
    });
    expect(review.indicators.find((i: { code: string }) => i.code === 'OUTPUT_PER_MU')).toMatchObject({ committed: 500, actual: 470, threshold: 475, unit: '万元/亩' });
    expect(after.rectifications).toEqual([
      expect.objectContaining({ reviewId: review.id, openedOn: '2026-10-10', dueOn: '2027-04-08', closed: false, issues: '亩均产出承诺500万元/亩，实际470万元/亩；研发经费占比承诺3%，实际未填报' }),
    ]);
    // The next yearly 亩均 evaluation is scheduled a year after the review it follows.
    expect(after.reviews.map((x: { kind: string; dueOn: string }) => [x.kind, x.dueOn])).toEqual([
      ['CAPACITY', '2026-09-28'],
      ['ANNUAL', '2027-09-28'],
    ]);
    expect(await flags('2027-04-09')).toMatchObject({ inBreach: true, breachReasons: expect.arrayContaining(['RECTIFICATION_OVERDUE']) });
    expect(await flags('2027-04-08')).toMatchObject({ breachReasons: expect.not.arrayContaining(['RECTIFICATION_OVERDUE']) });
  });

  it('passes a review within tolerance', async () => {
    const a = await current();
    const r = await promo.gql(`mutation($i: RecordCapacityReviewInput!) { recordCapacityReview(input: $i) { agreement { ${AGREEMENT} } errors { field message } } }`, {
      i: {
        agreementId,
        version: a.version,
        reviewedOn: '2026-11-20',
        period: '2026年度亩均评价',
        actuals: { fixedAssetInvestment: 520_000_000, taxPerMu: 31, outputPerMu: 480, valueAddedPerMu: 160, energyPerValueAdded: 0.45, rdRatio: 3.2 },
      },
    });
    expect(r.data.recordCapacityReview.errors).toEqual([]);
    const reviews = r.data.recordCapacityReview.agreement.reviews;
    expect(reviews.map((x: { period: string; status: string; dueOn: string }) => [x.period, x.status, x.dueOn])).toEqual([
      ['达产复核', 'FAILED', '2026-09-28'],
      ['2026年度亩均评价', 'PASSED', '2027-09-28'],
      ['2028年度亩均评价', 'PENDING', '2028-09-28'],
    ]);
    expect(reviews[1].statusLabel).toBe('达标');
    const stale = await promo.gql(`mutation($i: RecordCapacityReviewInput!) { recordCapacityReview(input: $i) { errors { code } } }`, {
      i: { agreementId, version: a.version, reviewedOn: '2026-11-21', actuals: {} },
    });
    expect(stale.data.recordCapacityReview.errors).toEqual([{ code: 'CONFLICT' }]);
  });

  it('closes the 整改 item with evidence the owner may download', async () => {
    const a = await current();
    const rect = a.rectifications[0];
    const noFile = await unitJx.gql(`mutation($i: CloseRectificationInput!) { closeRectification(input: $i) { errors { field message } } }`, {
      i: { agreementId, version: a.version, rectificationId: rect.id, closedOn: '2026-11-22', note: '已完成整改', fileIds: [] },
    });
    expect(noFile.data.closeRectification.errors).toEqual([{ field: 'input.fileIds', message: '整改销号须上传佐证材料' }]);
    const file = await unitJx.agent.post('/api/evidence').set('x-requested-with', 'test').attach('file', PDF, '整改报告.pdf');
    const r = await unitJx.gql(`mutation($i: CloseRectificationInput!) { closeRectification(input: $i) { agreement { ${AGREEMENT} } errors { field message } } }`, {
      i: { agreementId, version: a.version, rectificationId: rect.id, closedOn: '2026-11-22', note: '已完成整改', fileIds: [file.body.id] },
    });
    expect(r.data.closeRectification.errors).toEqual([]);
    const closed = r.data.closeRectification.agreement.rectifications[0];
    expect(closed).toMatchObject({ closed: true, closedOn: '2026-11-22', closingNote: '已完成整改', evidence: [{ filename: '整改报告.pdf', url: `/api/evidence/${file.body.id}` }] });
    expect(await flags('2027-05-01')).toMatchObject({ breachReasons: expect.not.arrayContaining(['RECTIFICATION_OVERDUE']) });

    const owner = await api.as('owner_a');
    expect((await owner.agent.get(`/api/evidence/${file.body.id}`)).status).toBe(200);
    const stranger = await api.as('owner_b');
    expect((await stranger.agent.get(`/api/evidence/${file.body.id}`)).status).toBe(404);
  });

  it('lets the owner read, but only PROMOTION and the 经信局-type unit record', async () => {
    const owner = await api.as('owner_a');
    const read = await owner.gql(`query($id: ID!) { agreement(id: $id) { title viewerCan { update recordReview } } }`, { id: agreementId });
    expect(read.data.agreement).toEqual({ title: '标准地投资建设协议', viewerCan: { update: false, recordReview: false } });
    const ownerList = await owner.gql(`{ agreements { totalCount } }`);
    expect(ownerList.data.agreements.totalCount).toBe(1);
    expect((await (await api.as('owner_b')).gql(`query($id: ID!) { agreement(id: $id) { id } }`, { id: agreementId })).data.agreement).toBeNull();
    expect((await (await api.as('promo_cej')).gql(`query($id: ID!) { agreement(id: $id) { id } }`, { id: agreementId })).data.agreement).toBeNull();
    expect((await (await api.as('leader')).gql(`query($id: ID!) { agreement(id: $id) { id viewerCan { update } } }`, { id: agreementId })).data.agreement).toEqual({ id: agreementId, viewerCan: { update: false } });

    const create = `mutation($i: CreateAgreementInput!) { createAgreement(input: $i) { agreement { id } errors { code message } } }`;
    for (const who of ['owner_a', 'unit_land', 'leader']) {
      const r = await (await api.as(who)).gql(create, { i: { ...input, projectId } });
      expect(r.data.createAgreement).toEqual({ agreement: null, errors: [{ code: 'FORBIDDEN', message: '无权登记该项目的履约信息' }] });
    }
    const other = await (await api.as('promo_cej')).gql(create, { i: { ...input, projectId } });
    expect(other.data.createAgreement.errors[0].code).toBe('NOT_FOUND');
    const jx = await unitJx.gql(create, { i: { ...input, projectId, title: '补充协议' } });
    expect(jx.data.createAgreement.errors).toEqual([]);
  });

  it('tells each viewer on the project whether they may record agreements, before any exists', async () => {
    const fresh = (await createProject(api, promo, { signedOn: '2025-02-01', ownerUserIds: [api.users.owner_a.id] })).id;
    const may = async (who: string) => (await (await api.as(who)).gql(`query($id: ID!) { project(id: $id) { viewerCan { recordAgreement } } }`, { id: fresh })).data.project?.viewerCan.recordAgreement;
    const agreements = await promo.gql(`query($p: ID!) { agreements(filter: { projectId: $p }) { totalCount } }`, { p: fresh });
    expect(agreements.data.agreements.totalCount).toBe(0);
    // The answers match who createAgreement lets through (the test above).
    expect(await may('promo')).toBe(true);
    expect(await may('unit_jx')).toBe(true);
    for (const who of ['unit_land', 'owner_a', 'leader', 'admin']) expect(await may(who)).toBe(false);
    expect(await may('promo_cej')).toBeUndefined();
  });
});
