/**
 * Fixtures for the oversight pages (督办, 通知, 指标, 履约), typed by the generated fragments
 * so a contract change that breaks them fails type-checking.
 */
import type { AgreementItemFragment, MetricFigureFieldsFragment, NotificationItemFragment, ProblemDetailFragment, ProblemRowFragment } from '@/gql/graphql';

export function problemRow(overrides: Partial<ProblemRowFragment> = {}): ProblemRowFragment {
  return {
    __typename: 'Problem',
    id: 'pr1',
    projectName: '高端装备产业园',
    projectCode: 'SY-2024-001',
    project: { __typename: 'Project', id: 'p1' },
    category: 'LAND',
    categoryLabel: '用地',
    title: '供地指标未落实',
    leadUnit: { __typename: 'Unit', id: 'unit-land', name: '区自然资源和规划分局' },
    deadline: '2024-06-30',
    status: 'OPEN',
    statusLabel: '待签收',
    colour: 'BLUE',
    overdue: false,
    overdueDays: 0,
    raisedAt: '2024-06-01T02:00:00Z',
    ...overrides,
  };
}

export function problemDetail(can: Partial<ProblemDetailFragment['viewerCan']> = {}, overrides: Partial<ProblemDetailFragment> = {}): ProblemDetailFragment {
  return {
    ...problemRow(),
    description: '土地指标尚未下达，影响摘牌。',
    raisedBy: { __typename: 'User', id: 'u-owner', displayName: '业主联系人' },
    coUnits: [],
    response: null,
    respondedAt: null,
    resolvedAt: null,
    resolvedBy: null,
    escalation: null,
    evidence: [],
    timeline: [
      {
        __typename: 'ProblemStep',
        id: 's1',
        action: 'RAISE',
        fromStatus: null,
        toStatus: 'OPEN',
        actor: { __typename: 'User', id: 'u-owner', displayName: '业主联系人' },
        actorRole: 'OWNER',
        note: null,
        at: '2024-06-01T02:00:00Z',
      },
    ],
    internalNote: null,
    instructions: [],
    version: 1,
    viewerCan: {
      __typename: 'ProblemPermissions',
      accept: false,
      respond: false,
      resolve: false,
      sendBack: false,
      escalate: false,
      assign: false,
      uploadEvidence: false,
      writeInstruction: false,
      ...can,
    },
    ...overrides,
  };
}

export function notification(overrides: Partial<NotificationItemFragment> = {}): NotificationItemFragment {
  return {
    __typename: 'Notification',
    id: 'nt1',
    kind: 'PROBLEM_RAISED',
    title: '新督办问题：供地指标未落实',
    body: '高端装备产业园 · 请于 2024-06-30 前办结',
    project: { __typename: 'Project', id: 'p1' },
    problem: { __typename: 'Problem', id: 'pr1' },
    node: null,
    createdAt: '2024-06-01T02:00:00Z',
    readAt: null,
    read: false,
    ...overrides,
  };
}

export function figure(overrides: Partial<MetricFigureFieldsFragment> = {}): MetricFigureFieldsFragment {
  return {
    __typename: 'MetricFigure',
    indicator: 'LANDING_RATE',
    label: '当年落地率',
    kind: 'RATE',
    value: 0.45,
    numeratorCount: 9,
    denominatorCount: 20,
    actualYuan: null,
    contractedYuan: null,
    cutoff: '2024-12-31',
    final: true,
    target: null,
    ...overrides,
  };
}

export function targetStatus(value: number, met: boolean, final: boolean): NonNullable<MetricFigureFieldsFragment['target']> {
  return {
    __typename: 'TargetStatus',
    actual: null,
    met,
    final,
    periodLabel: '2024年',
    target: { __typename: 'Target', id: 't1', value, perYear: true },
  };
}

export function agreement(overrides: Partial<AgreementItemFragment> = {}): AgreementItemFragment {
  return {
    __typename: 'Agreement',
    id: 'a1',
    project: { __typename: 'Project', id: 'p1', code: 'SY-2024-001', name: '高端装备产业园' },
    title: '标准地投资建设协议',
    signedOn: '2021-03-01',
    landAreaMu: 100,
    fixedAssetInvestment: 500_000_000,
    investmentIntensity: 500,
    commitments: { __typename: 'AgreementCommitments', taxPerMu: 30, outputPerMu: null, valueAddedPerMu: null, energyPerValueAdded: null, rdRatio: 3 },
    committedStartOn: '2021-09-01',
    committedCompletionOn: '2022-09-01',
    committedCapacityOn: '2024-03-01',
    reviews: [
      {
        __typename: 'CapacityReview',
        id: 'r1',
        kind: 'CAPACITY',
        period: '2024年达产复核',
        dueOn: '2024-06-01',
        reviewedOn: '2024-06-10',
        status: 'FAILED',
        statusLabel: '未达标',
        tolerance: 0.05,
        indicators: [
          { __typename: 'ReviewIndicatorResult', code: 'TAX_PER_MU', name: '亩均税收', unit: '万元/亩', committed: 30, actual: 20, threshold: 28.5, passed: false },
          { __typename: 'ReviewIndicatorResult', code: 'RD_RATIO', name: '研发经费占比', unit: '%', committed: 3, actual: 3.2, threshold: 2.85, passed: true },
        ],
        note: null,
        reviewedBy: { __typename: 'User', id: 'u-unit', displayName: '经信局' },
      },
    ],
    rectifications: [
      {
        __typename: 'Rectification',
        id: 'x1',
        reviewId: 'r1',
        openedOn: '2024-06-10',
        dueOn: '2024-12-10',
        issues: '亩均税收未达承诺',
        closed: false,
        closedOn: null,
        closingNote: null,
        overdue: false,
        evidence: [],
      },
    ],
    flags: {
      __typename: 'AgreementFlags',
      reviewDueSoon: false,
      reviewOverdue: false,
      inBreach: true,
      breachLabels: ['整改逾期'],
      nextReviewDueOn: null,
    },
    version: 4,
    viewerCan: { __typename: 'AgreementPermissions', update: false, recordReview: false, closeRectification: false },
    ...overrides,
  };
}
