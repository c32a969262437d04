/**
 * Response objects shaped by the generated fragment types, so a schema change that breaks
 * a fixture fails type-checking instead of silently passing.
 */
import type {
  GanttNodeFragment,
  LeadDetailFragment,
  NodeItemFragment,
  ProjectOverviewFragment,
  ProjectRowFragment,
  ViewerFieldsFragment,
} from '@/gql/graphql';

export function viewer(role: ViewerFieldsFragment['user']['role'], can: Partial<ViewerFieldsFragment['can']> = {}): ViewerFieldsFragment {
  return {
    __typename: 'Viewer',
    user: { __typename: 'User', id: `u-${role}`, username: role.toLowerCase(), displayName: `测试${role}`, role, unit: null, platform: null },
    can: {
      __typename: 'ViewerPermissions',
      createLead: false,
      createProject: false,
      viewAllProjects: false,
      writeInstruction: false,
      administer: false,
      viewDashboard: false,
      // As the API answers: everyone but owners may open the metrics (units see their own cut).
      viewMetrics: role !== 'OWNER',
      ...can,
    },
  };
}

export function ganttNode(overrides: Partial<GanttNodeFragment> = {}): GanttNodeFragment {
  return {
    __typename: 'ProjectNode',
    id: 'n1',
    code: 'LAND',
    name: '土地摘牌(供地)',
    order: 3,
    status: 'PENDING',
    gate: 'LANDED',
    baselineDate: '2024-04-01',
    plannedDate: '2024-04-01',
    actualDate: null,
    overdue: false,
    overdueDays: 0,
    light: 'GREEN',
    person: null,
    unit: { __typename: 'Unit', id: 'unit-land', name: '区自然资源和规划分局' },
    ...overrides,
  };
}

export function nodeItem(overrides: Partial<NodeItemFragment> = {}): NodeItemFragment {
  return {
    ...ganttNode(),
    isLandingGate: true,
    skipReason: null,
    slipDays: 0,
    dueSoon: false,
    lateDays: 0,
    pendingReport: null,
    confirmedBy: null,
    confirmedAt: null,
    evidence: [],
    notes: null,
    internalNote: null,
    replanRequests: [],
    version: 3,
    viewerCan: {
      __typename: 'NodePermissions',
      report: false,
      confirm: false,
      update: false,
      uploadEvidence: false,
      requestReplan: false,
      approveReplan: false,
      editPlan: false,
    },
    ...overrides,
  };
}

export function can(overrides: Partial<NodeItemFragment['viewerCan']>): NodeItemFragment['viewerCan'] {
  return { ...nodeItem().viewerCan, ...overrides };
}

export function projectRow(overrides: Partial<ProjectRowFragment> = {}): ProjectRowFragment {
  return {
    __typename: 'Project',
    id: 'p1',
    code: 'SY-2024-001',
    name: '高端装备产业园',
    investor: '某某科技股份有限公司',
    totalInvestment: 6_000_000_000,
    stage: 'SIGNED',
    tiers: ['OVER_100M', 'OVER_1B', 'OVER_5B'],
    light: 'YELLOW',
    overdueNodeCount: 1,
    signedOn: '2024-01-02',
    terminated: false,
    platform: { __typename: 'Platform', id: 'pf1', name: '杭州湾经开区' },
    chain: { __typename: 'IndustryChain', id: 'c1', name: '高端装备' },
    leadUnit: null,
    ...overrides,
  };
}

export function leadDetail(overrides: Partial<LeadDetailFragment> = {}): LeadDetailFragment {
  return {
    __typename: 'Lead',
    id: 'l1',
    name: '新材料项目',
    investor: '某新材料有限公司',
    status: 'NEGOTIATING',
    stale: false,
    source: 'NEW_INVESTMENT',
    estimatedInvestment: 1_250_000_000,
    lastFollowUpOn: '2024-05-01',
    nextFollowUpOn: null,
    chain: { __typename: 'IndustryChain', id: 'c2', name: '新材料' },
    platform: { __typename: 'Platform', id: 'pf1', name: '杭州湾经开区' },
    owner: { __typename: 'User', id: 'u1', displayName: '张三' },
    createdAt: '2024-04-01T02:00:00.000Z',
    uscc: '914403001922038216',
    industryCode: 'C2651',
    contactName: null,
    contactPhone: null,
    dropReason: null,
    version: 2,
    project: null,
    followUps: [],
    viewerCan: { __typename: 'LeadPermissions', update: true, followUp: true, sign: true, drop: true },
    ...overrides,
  };
}

export function projectOverview(can: Partial<ProjectOverviewFragment['viewerCan']> = {}, overrides: Partial<ProjectOverviewFragment> = {}): ProjectOverviewFragment {
  return {
    ...projectRow(),
    uscc: null,
    industryCode: 'C3985',
    isManufacturing: true,
    source: 'NEW_INVESTMENT',
    foreignInvestment: null,
    actualInvestment: 600_000_000,
    landArea: 300,
    site: null,
    description: null,
    leadUnit: { __typename: 'Unit', id: 'unit-hzw', name: '杭州湾经开区管委会' },
    liaisonLeader: { __typename: 'LiaisonLeader', id: 'll', name: '李副区长', title: '副区长', phone: null },
    responsiblePeople: [],
    owners: [{ __typename: 'User', id: 'u-owner-1', displayName: '业主甲', phone: null }],
    template: { __typename: 'NodeTemplate', id: 't1', key: 'STANDARD_LAND', name: '标准地新建', version: 1 },
    baselineFrozen: true,
    terminationReason: null,
    duplicate: null,
    internalNotes: null,
    updatedAt: '2024-05-01T00:00:00Z',
    version: 7,
    viewerCan: {
      __typename: 'ProjectPermissions',
      update: false,
      terminate: false,
      assign: false,
      freezeBaseline: false,
      writeInstruction: false,
      viewHistory: false,
      viewInternal: false,
      raiseProblem: false,
      recordAgreement: false,
      ...can,
    },
    ...overrides,
  };
}
