/* eslint-disable */
import * as types from './graphql';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "query AllNodeTemplates {\n  nodeTemplates(includeInactive: true) {\n    id\n    key\n    name\n    version\n    active\n    createdAt\n    items {\n      code\n      name\n      gate\n      isLandingGate\n      offsetDays\n      defaultUnit {\n        id\n        name\n      }\n    }\n  }\n}": typeof types.AllNodeTemplatesDocument,
    "mutation CreateUser($input: CreateUserInput!) {\n  createUser(input: $input) {\n    user {\n      ...UserRow\n    }\n    errors {\n      ...UserErrorFields\n    }\n  }\n}": typeof types.CreateUserDocument,
    "mutation SaveLiaisonLeader($input: LiaisonLeaderInput!) {\n  saveLiaisonLeader(input: $input) {\n    liaisonLeader {\n      id\n      name\n      title\n      phone\n    }\n    errors {\n      ...UserErrorFields\n    }\n  }\n}": typeof types.SaveLiaisonLeaderDocument,
    "mutation SaveNodeTemplate($input: SaveNodeTemplateInput!) {\n  saveNodeTemplate(input: $input) {\n    template {\n      id\n      key\n      name\n      version\n      active\n      createdAt\n      items {\n        code\n        name\n        gate\n        isLandingGate\n        offsetDays\n        defaultUnit {\n          id\n          name\n        }\n      }\n    }\n    errors {\n      ...UserErrorFields\n    }\n  }\n}": typeof types.SaveNodeTemplateDocument,
    "mutation SavePlatform($input: PlatformInput!) {\n  savePlatform(input: $input) {\n    platform {\n      id\n      name\n      kind\n    }\n    errors {\n      ...UserErrorFields\n    }\n  }\n}": typeof types.SavePlatformDocument,
    "mutation SaveUnit($input: UnitInput!) {\n  saveUnit(input: $input) {\n    unit {\n      id\n      name\n      kind\n      platform {\n        id\n      }\n    }\n    errors {\n      ...UserErrorFields\n    }\n  }\n}": typeof types.SaveUnitDocument,
    "query Settings {\n  settings {\n    ...SettingsFields\n  }\n}": typeof types.SettingsDocument,
    "fragment SettingsFields on Settings {\n  dueSoonDays\n  redOverdueDays\n  staleLeadDays\n  problemYellowDays\n  duplicateWindowMonths\n  over100MYuan\n  over1BYuan\n  over5BYuan\n  foreignUsd\n  reviewTolerance\n  reviewDueDays\n}": typeof types.SettingsFieldsFragmentDoc,
    "mutation UpdateSettings($input: SettingsInput!) {\n  updateSettings(input: $input) {\n    settings {\n      ...SettingsFields\n    }\n    errors {\n      ...UserErrorFields\n    }\n  }\n}": typeof types.UpdateSettingsDocument,
    "mutation UpdateUser($input: UpdateUserInput!) {\n  updateUser(input: $input) {\n    user {\n      ...UserRow\n    }\n    errors {\n      ...UserErrorFields\n    }\n  }\n}": typeof types.UpdateUserDocument,
    "fragment UserRow on User {\n  id\n  username\n  displayName\n  role\n  phone\n  email\n  active\n  createdAt\n  unit {\n    id\n    name\n  }\n  platform {\n    id\n    name\n  }\n}": typeof types.UserRowFragmentDoc,
    "query Users($role: Role, $text: String, $first: Int, $after: String) {\n  users(role: $role, text: $text, first: $first, after: $after) {\n    nodes {\n      ...UserRow\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n    totalCount\n  }\n}": typeof types.UsersDocument,
    "mutation Login($username: String!, $password: String!) {\n  login(username: $username, password: $password) {\n    viewer {\n      ...ViewerFields\n    }\n    errors {\n      ...UserErrorFields\n    }\n  }\n}": typeof types.LoginDocument,
    "mutation Logout {\n  logout\n}": typeof types.LogoutDocument,
    "query Viewer {\n  viewer {\n    ...ViewerFields\n  }\n}": typeof types.ViewerDocument,
    "fragment ViewerFields on Viewer {\n  user {\n    id\n    username\n    displayName\n    role\n    unit {\n      id\n      name\n    }\n    platform {\n      id\n      name\n    }\n  }\n  can {\n    createLead\n    createProject\n    viewAllProjects\n    writeInstruction\n    administer\n    viewDashboard\n  }\n}": typeof types.ViewerFieldsFragmentDoc,
    "fragment BattlePin on Project {\n  id\n  code\n  name\n  investor\n  totalInvestment\n  tiers\n  stage\n  light\n  overdueNodeCount\n  site {\n    address\n    lng\n    lat\n  }\n  platform {\n    id\n    name\n  }\n  liaisonLeader {\n    id\n    name\n    title\n  }\n}": typeof types.BattlePinFragmentDoc,
    "query BattlePlan($id: ID!) {\n  project(id: $id) {\n    id\n    code\n    name\n    investor\n    totalInvestment\n    tiers\n    stage\n    light\n    overdueNodeCount\n    signedOn\n    platform {\n      id\n      name\n    }\n    site {\n      address\n    }\n    leadUnit {\n      id\n      name\n    }\n    liaisonLeader {\n      id\n      name\n      title\n      phone\n    }\n    responsiblePeople {\n      name\n      title\n      phone\n    }\n    nodes {\n      ...GanttNode\n    }\n    instructions {\n      ...InstructionItem\n    }\n    problems(status: [OPEN, ACCEPTED, RESPONDED, ESCALATED]) {\n      id\n      title\n      categoryLabel\n      statusLabel\n      deadline\n      colour\n      overdue\n      overdueDays\n      leadUnit {\n        id\n        name\n      }\n    }\n  }\n}": typeof types.BattlePlanDocument,
    "query BattleProjects($tiers: [Tier!], $first: Int, $after: String) {\n  projects(\n    filter: {tier: $tiers}\n    sort: INVESTMENT_DESC\n    first: $first\n    after: $after\n  ) {\n    nodes {\n      ...BattlePin\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n    totalCount\n  }\n}": typeof types.BattleProjectsDocument,
    "mutation AddFollowUp($input: FollowUpInput!) {\n  addFollowUp(input: $input) {\n    lead {\n      ...LeadDetail\n    }\n    errors {\n      ...UserErrorFields\n    }\n  }\n}": typeof types.AddFollowUpDocument,
    "mutation CreateLead($input: CreateLeadInput!) {\n  createLead(input: $input) {\n    lead {\n      ...LeadDetail\n    }\n    errors {\n      ...UserErrorFields\n    }\n  }\n}": typeof types.CreateLeadDocument,
    "mutation DropLead($id: ID!, $version: NonNegativeInt!, $reason: String!) {\n  dropLead(id: $id, version: $version, reason: $reason) {\n    lead {\n      ...LeadDetail\n    }\n    errors {\n      ...UserErrorFields\n    }\n  }\n}": typeof types.DropLeadDocument,
    "fragment FollowUpItem on FollowUp {\n  id\n  date\n  kind\n  summary\n  nextStep\n  nextDate\n  by {\n    id\n    displayName\n  }\n  createdAt\n}": typeof types.FollowUpItemFragmentDoc,
    "query Lead($id: ID!) {\n  lead(id: $id) {\n    ...LeadDetail\n  }\n}": typeof types.LeadDocument,
    "fragment LeadDetail on Lead {\n  ...LeadRow\n  uscc\n  industryCode\n  contactName\n  contactPhone\n  dropReason\n  version\n  project {\n    id\n    code\n    name\n  }\n  followUps {\n    ...FollowUpItem\n  }\n  viewerCan {\n    update\n    followUp\n    sign\n    drop\n  }\n}": typeof types.LeadDetailFragmentDoc,
    "fragment LeadRow on Lead {\n  id\n  name\n  investor\n  status\n  stale\n  source\n  estimatedInvestment\n  lastFollowUpOn\n  nextFollowUpOn\n  chain {\n    id\n    name\n  }\n  platform {\n    id\n    name\n  }\n  owner {\n    id\n    displayName\n  }\n  createdAt\n}": typeof types.LeadRowFragmentDoc,
    "query Leads($filter: LeadFilter, $first: Int, $after: String) {\n  leads(filter: $filter, first: $first, after: $after) {\n    nodes {\n      ...LeadRow\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n    totalCount\n  }\n}": typeof types.LeadsDocument,
    "mutation SignLead($input: SignLeadInput!) {\n  signLead(input: $input) {\n    project {\n      id\n      code\n      name\n    }\n    errors {\n      ...UserErrorFields\n    }\n  }\n}": typeof types.SignLeadDocument,
    "mutation UpdateLead($input: UpdateLeadInput!) {\n  updateLead(input: $input) {\n    lead {\n      ...LeadDetail\n    }\n    errors {\n      ...UserErrorFields\n    }\n  }\n}": typeof types.UpdateLeadDocument,
    "mutation AttachEvidence($nodeId: ID!, $fileId: ID!) {\n  attachEvidence(nodeId: $nodeId, fileId: $fileId) {\n    node {\n      ...NodeItem\n      project {\n        ...ProjectDerived\n      }\n    }\n    errors {\n      ...UserErrorFields\n    }\n  }\n}": typeof types.AttachEvidenceDocument,
    "fragment AuditEntryItem on AuditEntry {\n  id\n  at\n  actor {\n    id\n    displayName\n  }\n  actorRole\n  action\n  targetType\n  targetId\n  before\n  after\n  requestId\n}": typeof types.AuditEntryItemFragmentDoc,
    "mutation ConfirmNode($nodeId: ID!, $version: NonNegativeInt!) {\n  confirmNode(nodeId: $nodeId, version: $version) {\n    node {\n      ...NodeItem\n      project {\n        ...ProjectDerived\n      }\n    }\n    errors {\n      ...UserErrorFields\n    }\n  }\n}": typeof types.ConfirmNodeDocument,
    "mutation CreateProject($input: CreateProjectInput!) {\n  createProject(input: $input) {\n    project {\n      id\n      code\n      name\n    }\n    errors {\n      ...UserErrorFields\n    }\n  }\n}": typeof types.CreateProjectDocument,
    "mutation DecideReplan($nodeId: ID!, $requestId: ID!, $approve: Boolean!, $note: String) {\n  decideReplan(\n    nodeId: $nodeId\n    requestId: $requestId\n    approve: $approve\n    note: $note\n  ) {\n    node {\n      ...NodeItem\n      project {\n        ...ProjectDerived\n      }\n    }\n    errors {\n      ...UserErrorFields\n    }\n  }\n}": typeof types.DecideReplanDocument,
    "mutation FreezeBaseline($projectId: ID!, $version: NonNegativeInt!) {\n  freezeBaseline(projectId: $projectId, version: $version) {\n    project {\n      id\n      baselineFrozen\n      nodes {\n        ...NodeItem\n      }\n      ...ProjectDerived\n    }\n    errors {\n      ...UserErrorFields\n    }\n  }\n}": typeof types.FreezeBaselineDocument,
    "fragment GanttNode on ProjectNode {\n  id\n  code\n  name\n  order\n  status\n  gate\n  baselineDate\n  plannedDate\n  actualDate\n  overdue\n  overdueDays\n  light\n  person\n  unit {\n    id\n    name\n  }\n}": typeof types.GanttNodeFragmentDoc,
    "fragment InstructionItem on Instruction {\n  id\n  content\n  leader {\n    id\n    displayName\n  }\n  units {\n    id\n    name\n  }\n  createdAt\n}": typeof types.InstructionItemFragmentDoc,
    "query MyNodes($first: Int) {\n  myNodes(first: $first) {\n    ...NodeItem\n    project {\n      id\n      code\n      name\n      baselineFrozen\n    }\n  }\n}": typeof types.MyNodesDocument,
    "fragment NodeItem on ProjectNode {\n  ...GanttNode\n  isLandingGate\n  skipReason\n  slipDays\n  dueSoon\n  lateDays\n  pendingReport {\n    actualDate\n    status\n    note\n    by {\n      id\n      displayName\n    }\n    at\n  }\n  confirmedBy {\n    id\n    displayName\n  }\n  confirmedAt\n  evidence {\n    id\n    filename\n    contentType\n    size\n    url\n    uploadedBy {\n      id\n      displayName\n    }\n    uploadedAt\n  }\n  notes\n  internalNote\n  replanRequests {\n    id\n    fromDate\n    toDate\n    reason\n    status\n    requestedBy {\n      id\n      displayName\n    }\n    requestedAt\n    decidedBy {\n      id\n      displayName\n    }\n    decidedAt\n    decisionNote\n  }\n  version\n  viewerCan {\n    report\n    confirm\n    update\n    uploadEvidence\n    requestReplan\n    approveReplan\n    editPlan\n  }\n}": typeof types.NodeItemFragmentDoc,
    "query OverdueNodes($filter: OverdueNodeFilter, $first: Int, $after: String) {\n  overdueNodes(filter: $filter, first: $first, after: $after) {\n    nodes {\n      overdueDays\n      light\n      node {\n        id\n        code\n        name\n        plannedDate\n        unit {\n          id\n          name\n        }\n      }\n      project {\n        id\n        code\n        name\n        tiers\n      }\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n    totalCount\n  }\n}": typeof types.OverdueNodesDocument,
    "query Project($id: ID!) {\n  project(id: $id) {\n    ...ProjectOverview\n    nodes {\n      ...NodeItem\n    }\n    instructions {\n      ...InstructionItem\n    }\n  }\n}": typeof types.ProjectDocument,
    "fragment ProjectDerived on Project {\n  id\n  stage\n  light\n  overdueNodeCount\n  updatedAt\n  version\n}": typeof types.ProjectDerivedFragmentDoc,
    "query ProjectHistory($id: ID!, $first: Int, $after: String) {\n  project(id: $id) {\n    id\n    history(first: $first, after: $after) {\n      nodes {\n        ...AuditEntryItem\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n}": typeof types.ProjectHistoryDocument,
    "fragment ProjectOverview on Project {\n  ...ProjectRow\n  uscc\n  industryCode\n  isManufacturing\n  source\n  foreignInvestment {\n    currency\n    amount\n    cnyRate\n  }\n  actualInvestment\n  landArea\n  site {\n    address\n    lng\n    lat\n  }\n  description\n  liaisonLeader {\n    id\n    name\n    title\n    phone\n  }\n  responsiblePeople {\n    name\n    title\n    phone\n  }\n  owners {\n    id\n    displayName\n    phone\n  }\n  template {\n    id\n    key\n    name\n    version\n  }\n  baselineFrozen\n  terminationReason\n  duplicate {\n    status\n    project {\n      id\n      code\n      name\n    }\n  }\n  internalNotes\n  updatedAt\n  version\n  viewerCan {\n    update\n    terminate\n    assign\n    freezeBaseline\n    writeInstruction\n    viewHistory\n    viewInternal\n  }\n}": typeof types.ProjectOverviewFragmentDoc,
    "fragment ProjectRow on Project {\n  id\n  code\n  name\n  investor\n  totalInvestment\n  stage\n  tiers\n  light\n  overdueNodeCount\n  signedOn\n  terminated\n  platform {\n    id\n    name\n  }\n  chain {\n    id\n    name\n  }\n  leadUnit {\n    id\n    name\n  }\n}": typeof types.ProjectRowFragmentDoc,
    "query Projects($filter: ProjectFilter, $sort: ProjectSort, $first: Int, $after: String) {\n  projects(filter: $filter, sort: $sort, first: $first, after: $after) {\n    nodes {\n      ...ProjectRow\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n    totalCount\n  }\n}": typeof types.ProjectsDocument,
    "mutation RejectNodeReport($nodeId: ID!, $version: NonNegativeInt!, $reason: String!) {\n  rejectNodeReport(nodeId: $nodeId, version: $version, reason: $reason) {\n    node {\n      ...NodeItem\n      project {\n        ...ProjectDerived\n      }\n    }\n    errors {\n      ...UserErrorFields\n    }\n  }\n}": typeof types.RejectNodeReportDocument,
    "mutation RemoveEvidence($nodeId: ID!, $fileId: ID!) {\n  removeEvidence(nodeId: $nodeId, fileId: $fileId) {\n    node {\n      ...NodeItem\n      project {\n        ...ProjectDerived\n      }\n    }\n    errors {\n      ...UserErrorFields\n    }\n  }\n}": typeof types.RemoveEvidenceDocument,
    "mutation ReportNode($input: ReportNodeInput!) {\n  reportNode(input: $input) {\n    node {\n      ...NodeItem\n      project {\n        ...ProjectDerived\n      }\n    }\n    errors {\n      ...UserErrorFields\n    }\n  }\n}": typeof types.ReportNodeDocument,
    "mutation RequestReplan($input: ReplanInput!) {\n  requestReplan(input: $input) {\n    node {\n      ...NodeItem\n      project {\n        ...ProjectDerived\n      }\n    }\n    errors {\n      ...UserErrorFields\n    }\n  }\n}": typeof types.RequestReplanDocument,
    "mutation TerminateProject($id: ID!, $version: NonNegativeInt!, $reason: String!) {\n  terminateProject(id: $id, version: $version, reason: $reason) {\n    project {\n      id\n      terminated\n      terminationReason\n      nodes {\n        ...NodeItem\n      }\n      ...ProjectDerived\n    }\n    errors {\n      ...UserErrorFields\n    }\n  }\n}": typeof types.TerminateProjectDocument,
    "mutation UpdateNodePlan($input: UpdateNodePlanInput!) {\n  updateNodePlan(input: $input) {\n    node {\n      ...NodeItem\n      project {\n        ...ProjectDerived\n      }\n    }\n    errors {\n      ...UserErrorFields\n    }\n  }\n}": typeof types.UpdateNodePlanDocument,
    "mutation WriteInstruction($input: InstructionInput!) {\n  writeInstruction(input: $input) {\n    instruction {\n      ...InstructionItem\n      project {\n        id\n        instructions {\n          ...InstructionItem\n        }\n      }\n    }\n    errors {\n      ...UserErrorFields\n    }\n  }\n}": typeof types.WriteInstructionDocument,
    "query NodeTemplates {\n  nodeTemplates {\n    id\n    key\n    name\n    version\n    active\n    items {\n      code\n      name\n      gate\n      isLandingGate\n      offsetDays\n      defaultUnit {\n        id\n        name\n      }\n    }\n  }\n}": typeof types.NodeTemplatesDocument,
    "query ReferenceData {\n  platforms {\n    id\n    name\n    kind\n  }\n  units {\n    id\n    name\n    kind\n    platform {\n      id\n    }\n  }\n  industryChains {\n    id\n    code\n    name\n  }\n  liaisonLeaders {\n    id\n    name\n    title\n    phone\n  }\n}": typeof types.ReferenceDataDocument,
    "fragment UserErrorFields on UserError {\n  code\n  field\n  message\n}": typeof types.UserErrorFieldsFragmentDoc,
};
const documents: Documents = {
    "query AllNodeTemplates {\n  nodeTemplates(includeInactive: true) {\n    id\n    key\n    name\n    version\n    active\n    createdAt\n    items {\n      code\n      name\n      gate\n      isLandingGate\n      offsetDays\n      defaultUnit {\n        id\n        name\n      }\n    }\n  }\n}": types.AllNodeTemplatesDocument,
    "mutation CreateUser($input: CreateUserInput!) {\n  createUser(input: $input) {\n    user {\n      ...UserRow\n    }\n    errors {\n      ...UserErrorFields\n    }\n  }\n}": types.CreateUserDocument,
    "mutation SaveLiaisonLeader($input: LiaisonLeaderInput!) {\n  saveLiaisonLeader(input: $input) {\n    liaisonLeader {\n      id\n      name\n      title\n      phone\n    }\n    errors {\n      ...UserErrorFields\n    }\n  }\n}": types.SaveLiaisonLeaderDocument,
    "mutation SaveNodeTemplate($input: SaveNodeTemplateInput!) {\n  saveNodeTemplate(input: $input) {\n    template {\n      id\n      key\n      name\n      version\n      active\n      createdAt\n      items {\n        code\n        name\n        gate\n        isLandingGate\n        offsetDays\n        defaultUnit {\n          id\n          name\n        }\n      }\n    }\n    errors {\n      ...UserErrorFields\n    }\n  }\n}": types.SaveNodeTemplateDocument,
    "mutation SavePlatform($input: PlatformInput!) {\n  savePlatform(input: $input) {\n    platform {\n      id\n      name\n      kind\n    }\n    errors {\n      ...UserErrorFields\n    }\n  }\n}": types.SavePlatformDocument,
    "mutation SaveUnit($input: UnitInput!) {\n  saveUnit(input: $input) {\n    unit {\n      id\n      name\n      kind\n      platform {\n        id\n      }\n    }\n    errors {\n      ...UserErrorFields\n    }\n  }\n}": types.SaveUnitDocument,
    "query Settings {\n  settings {\n    ...SettingsFields\n  }\n}": types.SettingsDocument,
    "fragment SettingsFields on Settings {\n  dueSoonDays\n  redOverdueDays\n  staleLeadDays\n  problemYellowDays\n  duplicateWindowMonths\n  over100MYuan\n  over1BYuan\n  over5BYuan\n  foreignUsd\n  reviewTolerance\n  reviewDueDays\n}": types.SettingsFieldsFragmentDoc,
    "mutation UpdateSettings($input: SettingsInput!) {\n  updateSettings(input: $input) {\n    settings {\n      ...SettingsFields\n    }\n    errors {\n      ...UserErrorFields\n    }\n  }\n}": types.UpdateSettingsDocument,
    "mutation UpdateUser($input: UpdateUserInput!) {\n  updateUser(input: $input) {\n    user {\n      ...UserRow\n    }\n    errors {\n      ...UserErrorFields\n    }\n  }\n}": types.UpdateUserDocument,
    "fragment UserRow on User {\n  id\n  username\n  displayName\n  role\n  phone\n  email\n  active\n  createdAt\n  unit {\n    id\n    name\n  }\n  platform {\n    id\n    name\n  }\n}": types.UserRowFragmentDoc,
    "query Users($role: Role, $text: String, $first: Int, $after: String) {\n  users(role: $role, text: $text, first: $first, after: $after) {\n    nodes {\n      ...UserRow\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n    totalCount\n  }\n}": types.UsersDocument,
    "mutation Login($username: String!, $password: String!) {\n  login(username: $username, password: $password) {\n    viewer {\n      ...ViewerFields\n    }\n    errors {\n      ...UserErrorFields\n    }\n  }\n}": types.LoginDocument,
    "mutation Logout {\n  logout\n}": types.LogoutDocument,
    "query Viewer {\n  viewer {\n    ...ViewerFields\n  }\n}": types.ViewerDocument,
    "fragment ViewerFields on Viewer {\n  user {\n    id\n    username\n    displayName\n    role\n    unit {\n      id\n      name\n    }\n    platform {\n      id\n      name\n    }\n  }\n  can {\n    createLead\n    createProject\n    viewAllProjects\n    writeInstruction\n    administer\n    viewDashboard\n  }\n}": types.ViewerFieldsFragmentDoc,
    "fragment BattlePin on Project {\n  id\n  code\n  name\n  investor\n  totalInvestment\n  tiers\n  stage\n  light\n  overdueNodeCount\n  site {\n    address\n    lng\n    lat\n  }\n  platform {\n    id\n    name\n  }\n  liaisonLeader {\n    id\n    name\n    title\n  }\n}": types.BattlePinFragmentDoc,
    "query BattlePlan($id: ID!) {\n  project(id: $id) {\n    id\n    code\n    name\n    investor\n    totalInvestment\n    tiers\n    stage\n    light\n    overdueNodeCount\n    signedOn\n    platform {\n      id\n      name\n    }\n    site {\n      address\n    }\n    leadUnit {\n      id\n      name\n    }\n    liaisonLeader {\n      id\n      name\n      title\n      phone\n    }\n    responsiblePeople {\n      name\n      title\n      phone\n    }\n    nodes {\n      ...GanttNode\n    }\n    instructions {\n      ...InstructionItem\n    }\n    problems(status: [OPEN, ACCEPTED, RESPONDED, ESCALATED]) {\n      id\n      title\n      categoryLabel\n      statusLabel\n      deadline\n      colour\n      overdue\n      overdueDays\n      leadUnit {\n        id\n        name\n      }\n    }\n  }\n}": types.BattlePlanDocument,
    "query BattleProjects($tiers: [Tier!], $first: Int, $after: String) {\n  projects(\n    filter: {tier: $tiers}\n    sort: INVESTMENT_DESC\n    first: $first\n    after: $after\n  ) {\n    nodes {\n      ...BattlePin\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n    totalCount\n  }\n}": types.BattleProjectsDocument,
    "mutation AddFollowUp($input: FollowUpInput!) {\n  addFollowUp(input: $input) {\n    lead {\n      ...LeadDetail\n    }\n    errors {\n      ...UserErrorFields\n    }\n  }\n}": types.AddFollowUpDocument,
    "mutation CreateLead($input: CreateLeadInput!) {\n  createLead(input: $input) {\n    lead {\n      ...LeadDetail\n    }\n    errors {\n      ...UserErrorFields\n    }\n  }\n}": types.CreateLeadDocument,
    "mutation DropLead($id: ID!, $version: NonNegativeInt!, $reason: String!) {\n  dropLead(id: $id, version: $version, reason: $reason) {\n    lead {\n      ...LeadDetail\n    }\n    errors {\n      ...UserErrorFields\n    }\n  }\n}": types.DropLeadDocument,
    "fragment FollowUpItem on FollowUp {\n  id\n  date\n  kind\n  summary\n  nextStep\n  nextDate\n  by {\n    id\n    displayName\n  }\n  createdAt\n}": types.FollowUpItemFragmentDoc,
    "query Lead($id: ID!) {\n  lead(id: $id) {\n    ...LeadDetail\n  }\n}": types.LeadDocument,
    "fragment LeadDetail on Lead {\n  ...LeadRow\n  uscc\n  industryCode\n  contactName\n  contactPhone\n  dropReason\n  version\n  project {\n    id\n    code\n    name\n  }\n  followUps {\n    ...FollowUpItem\n  }\n  viewerCan {\n    update\n    followUp\n    sign\n    drop\n  }\n}": types.LeadDetailFragmentDoc,
    "fragment LeadRow on Lead {\n  id\n  name\n  investor\n  status\n  stale\n  source\n  estimatedInvestment\n  lastFollowUpOn\n  nextFollowUpOn\n  chain {\n    id\n    name\n  }\n  platform {\n    id\n    name\n  }\n  owner {\n    id\n    displayName\n  }\n  createdAt\n}": types.LeadRowFragmentDoc,
    "query Leads($filter: LeadFilter, $first: Int, $after: String) {\n  leads(filter: $filter, first: $first, after: $after) {\n    nodes {\n      ...LeadRow\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n    totalCount\n  }\n}": types.LeadsDocument,
    "mutation SignLead($input: SignLeadInput!) {\n  signLead(input: $input) {\n    project {\n      id\n      code\n      name\n    }\n    errors {\n      ...UserErrorFields\n    }\n  }\n}": types.SignLeadDocument,
    "mutation UpdateLead($input: UpdateLeadInput!) {\n  updateLead(input: $input) {\n    lead {\n      ...LeadDetail\n    }\n    errors {\n      ...UserErrorFields\n    }\n  }\n}": types.UpdateLeadDocument,
    "mutation AttachEvidence($nodeId: ID!, $fileId: ID!) {\n  attachEvidence(nodeId: $nodeId, fileId: $fileId) {\n    node {\n      ...NodeItem\n      project {\n        ...ProjectDerived\n      }\n    }\n    errors {\n      ...UserErrorFields\n    }\n  }\n}": types.AttachEvidenceDocument,
    "fragment AuditEntryItem on AuditEntry {\n  id\n  at\n  actor {\n    id\n    displayName\n  }\n  actorRole\n  action\n  targetType\n  targetId\n  before\n  after\n  requestId\n}": types.AuditEntryItemFragmentDoc,
    "mutation ConfirmNode($nodeId: ID!, $version: NonNegativeInt!) {\n  confirmNode(nodeId: $nodeId, version: $version) {\n    node {\n      ...NodeItem\n      project {\n        ...ProjectDerived\n      }\n    }\n    errors {\n      ...UserErrorFields\n    }\n  }\n}": types.ConfirmNodeDocument,
    "mutation CreateProject($input: CreateProjectInput!) {\n  createProject(input: $input) {\n    project {\n      id\n      code\n      name\n    }\n    errors {\n      ...UserErrorFields\n    }\n  }\n}": types.CreateProjectDocument,
    "mutation DecideReplan($nodeId: ID!, $requestId: ID!, $approve: Boolean!, $note: String) {\n  decideReplan(\n    nodeId: $nodeId\n    requestId: $requestId\n    approve: $approve\n    note: $note\n  ) {\n    node {\n      ...NodeItem\n      project {\n        ...ProjectDerived\n      }\n    }\n    errors {\n      ...UserErrorFields\n    }\n  }\n}": types.DecideReplanDocument,
    "mutation FreezeBaseline($projectId: ID!, $version: NonNegativeInt!) {\n  freezeBaseline(projectId: $projectId, version: $version) {\n    project {\n      id\n      baselineFrozen\n      nodes {\n        ...NodeItem\n      }\n      ...ProjectDerived\n    }\n    errors {\n      ...UserErrorFields\n    }\n  }\n}": types.FreezeBaselineDocument,
    "fragment GanttNode on ProjectNode {\n  id\n  code\n  name\n  order\n  status\n  gate\n  baselineDate\n  plannedDate\n  actualDate\n  overdue\n  overdueDays\n  light\n  person\n  unit {\n    id\n    name\n  }\n}": types.GanttNodeFragmentDoc,
    "fragment InstructionItem on Instruction {\n  id\n  content\n  leader {\n    id\n    displayName\n  }\n  units {\n    id\n    name\n  }\n  createdAt\n}": types.InstructionItemFragmentDoc,
    "query MyNodes($first: Int) {\n  myNodes(first: $first) {\n    ...NodeItem\n    project {\n      id\n      code\n      name\n      baselineFrozen\n    }\n  }\n}": types.MyNodesDocument,
    "fragment NodeItem on ProjectNode {\n  ...GanttNode\n  isLandingGate\n  skipReason\n  slipDays\n  dueSoon\n  lateDays\n  pendingReport {\n    actualDate\n    status\n    note\n    by {\n      id\n      displayName\n    }\n    at\n  }\n  confirmedBy {\n    id\n    displayName\n  }\n  confirmedAt\n  evidence {\n    id\n    filename\n    contentType\n    size\n    url\n    uploadedBy {\n      id\n      displayName\n    }\n    uploadedAt\n  }\n  notes\n  internalNote\n  replanRequests {\n    id\n    fromDate\n    toDate\n    reason\n    status\n    requestedBy {\n      id\n      displayName\n    }\n    requestedAt\n    decidedBy {\n      id\n      displayName\n    }\n    decidedAt\n    decisionNote\n  }\n  version\n  viewerCan {\n    report\n    confirm\n    update\n    uploadEvidence\n    requestReplan\n    approveReplan\n    editPlan\n  }\n}": types.NodeItemFragmentDoc,
    "query OverdueNodes($filter: OverdueNodeFilter, $first: Int, $after: String) {\n  overdueNodes(filter: $filter, first: $first, after: $after) {\n    nodes {\n      overdueDays\n      light\n      node {\n        id\n        code\n        name\n        plannedDate\n        unit {\n          id\n          name\n        }\n      }\n      project {\n        id\n        code\n        name\n        tiers\n      }\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n    totalCount\n  }\n}": types.OverdueNodesDocument,
    "query Project($id: ID!) {\n  project(id: $id) {\n    ...ProjectOverview\n    nodes {\n      ...NodeItem\n    }\n    instructions {\n      ...InstructionItem\n    }\n  }\n}": types.ProjectDocument,
    "fragment ProjectDerived on Project {\n  id\n  stage\n  light\n  overdueNodeCount\n  updatedAt\n  version\n}": types.ProjectDerivedFragmentDoc,
    "query ProjectHistory($id: ID!, $first: Int, $after: String) {\n  project(id: $id) {\n    id\n    history(first: $first, after: $after) {\n      nodes {\n        ...AuditEntryItem\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n}": types.ProjectHistoryDocument,
    "fragment ProjectOverview on Project {\n  ...ProjectRow\n  uscc\n  industryCode\n  isManufacturing\n  source\n  foreignInvestment {\n    currency\n    amount\n    cnyRate\n  }\n  actualInvestment\n  landArea\n  site {\n    address\n    lng\n    lat\n  }\n  description\n  liaisonLeader {\n    id\n    name\n    title\n    phone\n  }\n  responsiblePeople {\n    name\n    title\n    phone\n  }\n  owners {\n    id\n    displayName\n    phone\n  }\n  template {\n    id\n    key\n    name\n    version\n  }\n  baselineFrozen\n  terminationReason\n  duplicate {\n    status\n    project {\n      id\n      code\n      name\n    }\n  }\n  internalNotes\n  updatedAt\n  version\n  viewerCan {\n    update\n    terminate\n    assign\n    freezeBaseline\n    writeInstruction\n    viewHistory\n    viewInternal\n  }\n}": types.ProjectOverviewFragmentDoc,
    "fragment ProjectRow on Project {\n  id\n  code\n  name\n  investor\n  totalInvestment\n  stage\n  tiers\n  light\n  overdueNodeCount\n  signedOn\n  terminated\n  platform {\n    id\n    name\n  }\n  chain {\n    id\n    name\n  }\n  leadUnit {\n    id\n    name\n  }\n}": types.ProjectRowFragmentDoc,
    "query Projects($filter: ProjectFilter, $sort: ProjectSort, $first: Int, $after: String) {\n  projects(filter: $filter, sort: $sort, first: $first, after: $after) {\n    nodes {\n      ...ProjectRow\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n    totalCount\n  }\n}": types.ProjectsDocument,
    "mutation RejectNodeReport($nodeId: ID!, $version: NonNegativeInt!, $reason: String!) {\n  rejectNodeReport(nodeId: $nodeId, version: $version, reason: $reason) {\n    node {\n      ...NodeItem\n      project {\n        ...ProjectDerived\n      }\n    }\n    errors {\n      ...UserErrorFields\n    }\n  }\n}": types.RejectNodeReportDocument,
    "mutation RemoveEvidence($nodeId: ID!, $fileId: ID!) {\n  removeEvidence(nodeId: $nodeId, fileId: $fileId) {\n    node {\n      ...NodeItem\n      project {\n        ...ProjectDerived\n      }\n    }\n    errors {\n      ...UserErrorFields\n    }\n  }\n}": types.RemoveEvidenceDocument,
    "mutation ReportNode($input: ReportNodeInput!) {\n  reportNode(input: $input) {\n    node {\n      ...NodeItem\n      project {\n        ...ProjectDerived\n      }\n    }\n    errors {\n      ...UserErrorFields\n    }\n  }\n}": types.ReportNodeDocument,
    "mutation RequestReplan($input: ReplanInput!) {\n  requestReplan(input: $input) {\n    node {\n      ...NodeItem\n      project {\n        ...ProjectDerived\n      }\n    }\n    errors {\n      ...UserErrorFields\n    }\n  }\n}": types.RequestReplanDocument,
    "mutation TerminateProject($id: ID!, $version: NonNegativeInt!, $reason: String!) {\n  terminateProject(id: $id, version: $version, reason: $reason) {\n    project {\n      id\n      terminated\n      terminationReason\n      nodes {\n        ...NodeItem\n      }\n      ...ProjectDerived\n    }\n    errors {\n      ...UserErrorFields\n    }\n  }\n}": types.TerminateProjectDocument,
    "mutation UpdateNodePlan($input: UpdateNodePlanInput!) {\n  updateNodePlan(input: $input) {\n    node {\n      ...NodeItem\n      project {\n        ...ProjectDerived\n      }\n    }\n    errors {\n      ...UserErrorFields\n    }\n  }\n}": types.UpdateNodePlanDocument,
    "mutation WriteInstruction($input: InstructionInput!) {\n  writeInstruction(input: $input) {\n    instruction {\n      ...InstructionItem\n      project {\n        id\n        instructions {\n          ...InstructionItem\n        }\n      }\n    }\n    errors {\n      ...UserErrorFields\n    }\n  }\n}": types.WriteInstructionDocument,
    "query NodeTemplates {\n  nodeTemplates {\n    id\n    key\n    name\n    version\n    active\n    items {\n      code\n      name\n      gate\n      isLandingGate\n      offsetDays\n      defaultUnit {\n        id\n        name\n      }\n    }\n  }\n}": types.NodeTemplatesDocument,
    "query ReferenceData {\n  platforms {\n    id\n    name\n    kind\n  }\n  units {\n    id\n    name\n    kind\n    platform {\n      id\n    }\n  }\n  industryChains {\n    id\n    code\n    name\n  }\n  liaisonLeaders {\n    id\n    name\n    title\n    phone\n  }\n}": types.ReferenceDataDocument,
    "fragment UserErrorFields on UserError {\n  code\n  field\n  message\n}": types.UserErrorFieldsFragmentDoc,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query AllNodeTemplates {\n  nodeTemplates(includeInactive: true) {\n    id\n    key\n    name\n    version\n    active\n    createdAt\n    items {\n      code\n      name\n      gate\n      isLandingGate\n      offsetDays\n      defaultUnit {\n        id\n        name\n      }\n    }\n  }\n}"): (typeof documents)["query AllNodeTemplates {\n  nodeTemplates(includeInactive: true) {\n    id\n    key\n    name\n    version\n    active\n    createdAt\n    items {\n      code\n      name\n      gate\n      isLandingGate\n      offsetDays\n      defaultUnit {\n        id\n        name\n      }\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation CreateUser($input: CreateUserInput!) {\n  createUser(input: $input) {\n    user {\n      ...UserRow\n    }\n    errors {\n      ...UserErrorFields\n    }\n  }\n}"): (typeof documents)["mutation CreateUser($input: CreateUserInput!) {\n  createUser(input: $input) {\n    user {\n      ...UserRow\n    }\n    errors {\n      ...UserErrorFields\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation SaveLiaisonLeader($input: LiaisonLeaderInput!) {\n  saveLiaisonLeader(input: $input) {\n    liaisonLeader {\n      id\n      name\n      title\n      phone\n    }\n    errors {\n      ...UserErrorFields\n    }\n  }\n}"): (typeof documents)["mutation SaveLiaisonLeader($input: LiaisonLeaderInput!) {\n  saveLiaisonLeader(input: $input) {\n    liaisonLeader {\n      id\n      name\n      title\n      phone\n    }\n    errors {\n      ...UserErrorFields\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation SaveNodeTemplate($input: SaveNodeTemplateInput!) {\n  saveNodeTemplate(input: $input) {\n    template {\n      id\n      key\n      name\n      version\n      active\n      createdAt\n      items {\n        code\n        name\n        gate\n        isLandingGate\n        offsetDays\n        defaultUnit {\n          id\n          name\n        }\n      }\n    }\n    errors {\n      ...UserErrorFields\n    }\n  }\n}"): (typeof documents)["mutation SaveNodeTemplate($input: SaveNodeTemplateInput!) {\n  saveNodeTemplate(input: $input) {\n    template {\n      id\n      key\n      name\n      version\n      active\n      createdAt\n      items {\n        code\n        name\n        gate\n        isLandingGate\n        offsetDays\n        defaultUnit {\n          id\n          name\n        }\n      }\n    }\n    errors {\n      ...UserErrorFields\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation SavePlatform($input: PlatformInput!) {\n  savePlatform(input: $input) {\n    platform {\n      id\n      name\n      kind\n    }\n    errors {\n      ...UserErrorFields\n    }\n  }\n}"): (typeof documents)["mutation SavePlatform($input: PlatformInput!) {\n  savePlatform(input: $input) {\n    platform {\n      id\n      name\n      kind\n    }\n    errors {\n      ...UserErrorFields\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation SaveUnit($input: UnitInput!) {\n  saveUnit(input: $input) {\n    unit {\n      id\n      name\n      kind\n      platform {\n        id\n      }\n    }\n    errors {\n      ...UserErrorFields\n    }\n  }\n}"): (typeof documents)["mutation SaveUnit($input: UnitInput!) {\n  saveUnit(input: $input) {\n    unit {\n      id\n      name\n      kind\n      platform {\n        id\n      }\n    }\n    errors {\n      ...UserErrorFields\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query Settings {\n  settings {\n    ...SettingsFields\n  }\n}"): (typeof documents)["query Settings {\n  settings {\n    ...SettingsFields\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "fragment SettingsFields on Settings {\n  dueSoonDays\n  redOverdueDays\n  staleLeadDays\n  problemYellowDays\n  duplicateWindowMonths\n  over100MYuan\n  over1BYuan\n  over5BYuan\n  foreignUsd\n  reviewTolerance\n  reviewDueDays\n}"): (typeof documents)["fragment SettingsFields on Settings {\n  dueSoonDays\n  redOverdueDays\n  staleLeadDays\n  problemYellowDays\n  duplicateWindowMonths\n  over100MYuan\n  over1BYuan\n  over5BYuan\n  foreignUsd\n  reviewTolerance\n  reviewDueDays\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation UpdateSettings($input: SettingsInput!) {\n  updateSettings(input: $input) {\n    settings {\n      ...SettingsFields\n    }\n    errors {\n      ...UserErrorFields\n    }\n  }\n}"): (typeof documents)["mutation UpdateSettings($input: SettingsInput!) {\n  updateSettings(input: $input) {\n    settings {\n      ...SettingsFields\n    }\n    errors {\n      ...UserErrorFields\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation UpdateUser($input: UpdateUserInput!) {\n  updateUser(input: $input) {\n    user {\n      ...UserRow\n    }\n    errors {\n      ...UserErrorFields\n    }\n  }\n}"): (typeof documents)["mutation UpdateUser($input: UpdateUserInput!) {\n  updateUser(input: $input) {\n    user {\n      ...UserRow\n    }\n    errors {\n      ...UserErrorFields\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "fragment UserRow on User {\n  id\n  username\n  displayName\n  role\n  phone\n  email\n  active\n  createdAt\n  unit {\n    id\n    name\n  }\n  platform {\n    id\n    name\n  }\n}"): (typeof documents)["fragment UserRow on User {\n  id\n  username\n  displayName\n  role\n  phone\n  email\n  active\n  createdAt\n  unit {\n    id\n    name\n  }\n  platform {\n    id\n    name\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query Users($role: Role, $text: String, $first: Int, $after: String) {\n  users(role: $role, text: $text, first: $first, after: $after) {\n    nodes {\n      ...UserRow\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n    totalCount\n  }\n}"): (typeof documents)["query Users($role: Role, $text: String, $first: Int, $after: String) {\n  users(role: $role, text: $text, first: $first, after: $after) {\n    nodes {\n      ...UserRow\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n    totalCount\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation Login($username: String!, $password: String!) {\n  login(username: $username, password: $password) {\n    viewer {\n      ...ViewerFields\n    }\n    errors {\n      ...UserErrorFields\n    }\n  }\n}"): (typeof documents)["mutation Login($username: String!, $password: String!) {\n  login(username: $username, password: $password) {\n    viewer {\n      ...ViewerFields\n    }\n    errors {\n      ...UserErrorFields\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation Logout {\n  logout\n}"): (typeof documents)["mutation Logout {\n  logout\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query Viewer {\n  viewer {\n    ...ViewerFields\n  }\n}"): (typeof documents)["query Viewer {\n  viewer {\n    ...ViewerFields\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "fragment ViewerFields on Viewer {\n  user {\n    id\n    username\n    displayName\n    role\n    unit {\n      id\n      name\n    }\n    platform {\n      id\n      name\n    }\n  }\n  can {\n    createLead\n    createProject\n    viewAllProjects\n    writeInstruction\n    administer\n    viewDashboard\n  }\n}"): (typeof documents)["fragment ViewerFields on Viewer {\n  user {\n    id\n    username\n    displayName\n    role\n    unit {\n      id\n      name\n    }\n    platform {\n      id\n      name\n    }\n  }\n  can {\n    createLead\n    createProject\n    viewAllProjects\n    writeInstruction\n    administer\n    viewDashboard\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "fragment BattlePin on Project {\n  id\n  code\n  name\n  investor\n  totalInvestment\n  tiers\n  stage\n  light\n  overdueNodeCount\n  site {\n    address\n    lng\n    lat\n  }\n  platform {\n    id\n    name\n  }\n  liaisonLeader {\n    id\n    name\n    title\n  }\n}"): (typeof documents)["fragment BattlePin on Project {\n  id\n  code\n  name\n  investor\n  totalInvestment\n  tiers\n  stage\n  light\n  overdueNodeCount\n  site {\n    address\n    lng\n    lat\n  }\n  platform {\n    id\n    name\n  }\n  liaisonLeader {\n    id\n    name\n    title\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query BattlePlan($id: ID!) {\n  project(id: $id) {\n    id\n    code\n    name\n    investor\n    totalInvestment\n    tiers\n    stage\n    light\n    overdueNodeCount\n    signedOn\n    platform {\n      id\n      name\n    }\n    site {\n      address\n    }\n    leadUnit {\n      id\n      name\n    }\n    liaisonLeader {\n      id\n      name\n      title\n      phone\n    }\n    responsiblePeople {\n      name\n      title\n      phone\n    }\n    nodes {\n      ...GanttNode\n    }\n    instructions {\n      ...InstructionItem\n    }\n    problems(status: [OPEN, ACCEPTED, RESPONDED, ESCALATED]) {\n      id\n      title\n      categoryLabel\n      statusLabel\n      deadline\n      colour\n      overdue\n      overdueDays\n      leadUnit {\n        id\n        name\n      }\n    }\n  }\n}"): (typeof documents)["query BattlePlan($id: ID!) {\n  project(id: $id) {\n    id\n    code\n    name\n    investor\n    totalInvestment\n    tiers\n    stage\n    light\n    overdueNodeCount\n    signedOn\n    platform {\n      id\n      name\n    }\n    site {\n      address\n    }\n    leadUnit {\n      id\n      name\n    }\n    liaisonLeader {\n      id\n      name\n      title\n      phone\n    }\n    responsiblePeople {\n      name\n      title\n      phone\n    }\n    nodes {\n      ...GanttNode\n    }\n    instructions {\n      ...InstructionItem\n    }\n    problems(status: [OPEN, ACCEPTED, RESPONDED, ESCALATED]) {\n      id\n      title\n      categoryLabel\n      statusLabel\n      deadline\n      colour\n      overdue\n      overdueDays\n      leadUnit {\n        id\n        name\n      }\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query BattleProjects($tiers: [Tier!], $first: Int, $after: String) {\n  projects(\n    filter: {tier: $tiers}\n    sort: INVESTMENT_DESC\n    first: $first\n    after: $after\n  ) {\n    nodes {\n      ...BattlePin\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n    totalCount\n  }\n}"): (typeof documents)["query BattleProjects($tiers: [Tier!], $first: Int, $after: String) {\n  projects(\n    filter: {tier: $tiers}\n    sort: INVESTMENT_DESC\n    first: $first\n    after: $after\n  ) {\n    nodes {\n      ...BattlePin\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n    totalCount\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation AddFollowUp($input: FollowUpInput!) {\n  addFollowUp(input: $input) {\n    lead {\n      ...LeadDetail\n    }\n    errors {\n      ...UserErrorFields\n    }\n  }\n}"): (typeof documents)["mutation AddFollowUp($input: FollowUpInput!) {\n  addFollowUp(input: $input) {\n    lead {\n      ...LeadDetail\n    }\n    errors {\n      ...UserErrorFields\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation CreateLead($input: CreateLeadInput!) {\n  createLead(input: $input) {\n    lead {\n      ...LeadDetail\n    }\n    errors {\n      ...UserErrorFields\n    }\n  }\n}"): (typeof documents)["mutation CreateLead($input: CreateLeadInput!) {\n  createLead(input: $input) {\n    lead {\n      ...LeadDetail\n    }\n    errors {\n      ...UserErrorFields\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation DropLead($id: ID!, $version: NonNegativeInt!, $reason: String!) {\n  dropLead(id: $id, version: $version, reason: $reason) {\n    lead {\n      ...LeadDetail\n    }\n    errors {\n      ...UserErrorFields\n    }\n  }\n}"): (typeof documents)["mutation DropLead($id: ID!, $version: NonNegativeInt!, $reason: String!) {\n  dropLead(id: $id, version: $version, reason: $reason) {\n    lead {\n      ...LeadDetail\n    }\n    errors {\n      ...UserErrorFields\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "fragment FollowUpItem on FollowUp {\n  id\n  date\n  kind\n  summary\n  nextStep\n  nextDate\n  by {\n    id\n    displayName\n  }\n  createdAt\n}"): (typeof documents)["fragment FollowUpItem on FollowUp {\n  id\n  date\n  kind\n  summary\n  nextStep\n  nextDate\n  by {\n    id\n    displayName\n  }\n  createdAt\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query Lead($id: ID!) {\n  lead(id: $id) {\n    ...LeadDetail\n  }\n}"): (typeof documents)["query Lead($id: ID!) {\n  lead(id: $id) {\n    ...LeadDetail\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "fragment LeadDetail on Lead {\n  ...LeadRow\n  uscc\n  industryCode\n  contactName\n  contactPhone\n  dropReason\n  version\n  project {\n    id\n    code\n    name\n  }\n  followUps {\n    ...FollowUpItem\n  }\n  viewerCan {\n    update\n    followUp\n    sign\n    drop\n  }\n}"): (typeof documents)["fragment LeadDetail on Lead {\n  ...LeadRow\n  uscc\n  industryCode\n  contactName\n  contactPhone\n  dropReason\n  version\n  project {\n    id\n    code\n    name\n  }\n  followUps {\n    ...FollowUpItem\n  }\n  viewerCan {\n    update\n    followUp\n    sign\n    drop\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "fragment LeadRow on Lead {\n  id\n  name\n  investor\n  status\n  stale\n  source\n  estimatedInvestment\n  lastFollowUpOn\n  nextFollowUpOn\n  chain {\n    id\n    name\n  }\n  platform {\n    id\n    name\n  }\n  owner {\n    id\n    displayName\n  }\n  createdAt\n}"): (typeof documents)["fragment LeadRow on Lead {\n  id\n  name\n  investor\n  status\n  stale\n  source\n  estimatedInvestment\n  lastFollowUpOn\n  nextFollowUpOn\n  chain {\n    id\n    name\n  }\n  platform {\n    id\n    name\n  }\n  owner {\n    id\n    displayName\n  }\n  createdAt\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query Leads($filter: LeadFilter, $first: Int, $after: String) {\n  leads(filter: $filter, first: $first, after: $after) {\n    nodes {\n      ...LeadRow\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n    totalCount\n  }\n}"): (typeof documents)["query Leads($filter: LeadFilter, $first: Int, $after: String) {\n  leads(filter: $filter, first: $first, after: $after) {\n    nodes {\n      ...LeadRow\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n    totalCount\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation SignLead($input: SignLeadInput!) {\n  signLead(input: $input) {\n    project {\n      id\n      code\n      name\n    }\n    errors {\n      ...UserErrorFields\n    }\n  }\n}"): (typeof documents)["mutation SignLead($input: SignLeadInput!) {\n  signLead(input: $input) {\n    project {\n      id\n      code\n      name\n    }\n    errors {\n      ...UserErrorFields\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation UpdateLead($input: UpdateLeadInput!) {\n  updateLead(input: $input) {\n    lead {\n      ...LeadDetail\n    }\n    errors {\n      ...UserErrorFields\n    }\n  }\n}"): (typeof documents)["mutation UpdateLead($input: UpdateLeadInput!) {\n  updateLead(input: $input) {\n    lead {\n      ...LeadDetail\n    }\n    errors {\n      ...UserErrorFields\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation AttachEvidence($nodeId: ID!, $fileId: ID!) {\n  attachEvidence(nodeId: $nodeId, fileId: $fileId) {\n    node {\n      ...NodeItem\n      project {\n        ...ProjectDerived\n      }\n    }\n    errors {\n      ...UserErrorFields\n    }\n  }\n}"): (typeof documents)["mutation AttachEvidence($nodeId: ID!, $fileId: ID!) {\n  attachEvidence(nodeId: $nodeId, fileId: $fileId) {\n    node {\n      ...NodeItem\n      project {\n        ...ProjectDerived\n      }\n    }\n    errors {\n      ...UserErrorFields\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "fragment AuditEntryItem on AuditEntry {\n  id\n  at\n  actor {\n    id\n    displayName\n  }\n  actorRole\n  action\n  targetType\n  targetId\n  before\n  after\n  requestId\n}"): (typeof documents)["fragment AuditEntryItem on AuditEntry {\n  id\n  at\n  actor {\n    id\n    displayName\n  }\n  actorRole\n  action\n  targetType\n  targetId\n  before\n  after\n  requestId\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation ConfirmNode($nodeId: ID!, $version: NonNegativeInt!) {\n  confirmNode(nodeId: $nodeId, version: $version) {\n    node {\n      ...NodeItem\n      project {\n        ...ProjectDerived\n      }\n    }\n    errors {\n      ...UserErrorFields\n    }\n  }\n}"): (typeof documents)["mutation ConfirmNode($nodeId: ID!, $version: NonNegativeInt!) {\n  confirmNode(nodeId: $nodeId, version: $version) {\n    node {\n      ...NodeItem\n      project {\n        ...ProjectDerived\n      }\n    }\n    errors {\n      ...UserErrorFields\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation CreateProject($input: CreateProjectInput!) {\n  createProject(input: $input) {\n    project {\n      id\n      code\n      name\n    }\n    errors {\n      ...UserErrorFields\n    }\n  }\n}"): (typeof documents)["mutation CreateProject($input: CreateProjectInput!) {\n  createProject(input: $input) {\n    project {\n      id\n      code\n      name\n    }\n    errors {\n      ...UserErrorFields\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation DecideReplan($nodeId: ID!, $requestId: ID!, $approve: Boolean!, $note: String) {\n  decideReplan(\n    nodeId: $nodeId\n    requestId: $requestId\n    approve: $approve\n    note: $note\n  ) {\n    node {\n      ...NodeItem\n      project {\n        ...ProjectDerived\n      }\n    }\n    errors {\n      ...UserErrorFields\n    }\n  }\n}"): (typeof documents)["mutation DecideReplan($nodeId: ID!, $requestId: ID!, $approve: Boolean!, $note: String) {\n  decideReplan(\n    nodeId: $nodeId\n    requestId: $requestId\n    approve: $approve\n    note: $note\n  ) {\n    node {\n      ...NodeItem\n      project {\n        ...ProjectDerived\n      }\n    }\n    errors {\n      ...UserErrorFields\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation FreezeBaseline($projectId: ID!, $version: NonNegativeInt!) {\n  freezeBaseline(projectId: $projectId, version: $version) {\n    project {\n      id\n      baselineFrozen\n      nodes {\n        ...NodeItem\n      }\n      ...ProjectDerived\n    }\n    errors {\n      ...UserErrorFields\n    }\n  }\n}"): (typeof documents)["mutation FreezeBaseline($projectId: ID!, $version: NonNegativeInt!) {\n  freezeBaseline(projectId: $projectId, version: $version) {\n    project {\n      id\n      baselineFrozen\n      nodes {\n        ...NodeItem\n      }\n      ...ProjectDerived\n    }\n    errors {\n      ...UserErrorFields\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "fragment GanttNode on ProjectNode {\n  id\n  code\n  name\n  order\n  status\n  gate\n  baselineDate\n  plannedDate\n  actualDate\n  overdue\n  overdueDays\n  light\n  person\n  unit {\n    id\n    name\n  }\n}"): (typeof documents)["fragment GanttNode on ProjectNode {\n  id\n  code\n  name\n  order\n  status\n  gate\n  baselineDate\n  plannedDate\n  actualDate\n  overdue\n  overdueDays\n  light\n  person\n  unit {\n    id\n    name\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "fragment InstructionItem on Instruction {\n  id\n  content\n  leader {\n    id\n    displayName\n  }\n  units {\n    id\n    name\n  }\n  createdAt\n}"): (typeof documents)["fragment InstructionItem on Instruction {\n  id\n  content\n  leader {\n    id\n    displayName\n  }\n  units {\n    id\n    name\n  }\n  createdAt\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query MyNodes($first: Int) {\n  myNodes(first: $first) {\n    ...NodeItem\n    project {\n      id\n      code\n      name\n      baselineFrozen\n    }\n  }\n}"): (typeof documents)["query MyNodes($first: Int) {\n  myNodes(first: $first) {\n    ...NodeItem\n    project {\n      id\n      code\n      name\n      baselineFrozen\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "fragment NodeItem on ProjectNode {\n  ...GanttNode\n  isLandingGate\n  skipReason\n  slipDays\n  dueSoon\n  lateDays\n  pendingReport {\n    actualDate\n    status\n    note\n    by {\n      id\n      displayName\n    }\n    at\n  }\n  confirmedBy {\n    id\n    displayName\n  }\n  confirmedAt\n  evidence {\n    id\n    filename\n    contentType\n    size\n    url\n    uploadedBy {\n      id\n      displayName\n    }\n    uploadedAt\n  }\n  notes\n  internalNote\n  replanRequests {\n    id\n    fromDate\n    toDate\n    reason\n    status\n    requestedBy {\n      id\n      displayName\n    }\n    requestedAt\n    decidedBy {\n      id\n      displayName\n    }\n    decidedAt\n    decisionNote\n  }\n  version\n  viewerCan {\n    report\n    confirm\n    update\n    uploadEvidence\n    requestReplan\n    approveReplan\n    editPlan\n  }\n}"): (typeof documents)["fragment NodeItem on ProjectNode {\n  ...GanttNode\n  isLandingGate\n  skipReason\n  slipDays\n  dueSoon\n  lateDays\n  pendingReport {\n    actualDate\n    status\n    note\n    by {\n      id\n      displayName\n    }\n    at\n  }\n  confirmedBy {\n    id\n    displayName\n  }\n  confirmedAt\n  evidence {\n    id\n    filename\n    contentType\n    size\n    url\n    uploadedBy {\n      id\n      displayName\n    }\n    uploadedAt\n  }\n  notes\n  internalNote\n  replanRequests {\n    id\n    fromDate\n    toDate\n    reason\n    status\n    requestedBy {\n      id\n      displayName\n    }\n    requestedAt\n    decidedBy {\n      id\n      displayName\n    }\n    decidedAt\n    decisionNote\n  }\n  version\n  viewerCan {\n    report\n    confirm\n    update\n    uploadEvidence\n    requestReplan\n    approveReplan\n    editPlan\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query OverdueNodes($filter: OverdueNodeFilter, $first: Int, $after: String) {\n  overdueNodes(filter: $filter, first: $first, after: $after) {\n    nodes {\n      overdueDays\n      light\n      node {\n        id\n        code\n        name\n        plannedDate\n        unit {\n          id\n          name\n        }\n      }\n      project {\n        id\n        code\n        name\n        tiers\n      }\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n    totalCount\n  }\n}"): (typeof documents)["query OverdueNodes($filter: OverdueNodeFilter, $first: Int, $after: String) {\n  overdueNodes(filter: $filter, first: $first, after: $after) {\n    nodes {\n      overdueDays\n      light\n      node {\n        id\n        code\n        name\n        plannedDate\n        unit {\n          id\n          name\n        }\n      }\n      project {\n        id\n        code\n        name\n        tiers\n      }\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n    totalCount\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query Project($id: ID!) {\n  project(id: $id) {\n    ...ProjectOverview\n    nodes {\n      ...NodeItem\n    }\n    instructions {\n      ...InstructionItem\n    }\n  }\n}"): (typeof documents)["query Project($id: ID!) {\n  project(id: $id) {\n    ...ProjectOverview\n    nodes {\n      ...NodeItem\n    }\n    instructions {\n      ...InstructionItem\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "fragment ProjectDerived on Project {\n  id\n  stage\n  light\n  overdueNodeCount\n  updatedAt\n  version\n}"): (typeof documents)["fragment ProjectDerived on Project {\n  id\n  stage\n  light\n  overdueNodeCount\n  updatedAt\n  version\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query ProjectHistory($id: ID!, $first: Int, $after: String) {\n  project(id: $id) {\n    id\n    history(first: $first, after: $after) {\n      nodes {\n        ...AuditEntryItem\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n}"): (typeof documents)["query ProjectHistory($id: ID!, $first: Int, $after: String) {\n  project(id: $id) {\n    id\n    history(first: $first, after: $after) {\n      nodes {\n        ...AuditEntryItem\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "fragment ProjectOverview on Project {\n  ...ProjectRow\n  uscc\n  industryCode\n  isManufacturing\n  source\n  foreignInvestment {\n    currency\n    amount\n    cnyRate\n  }\n  actualInvestment\n  landArea\n  site {\n    address\n    lng\n    lat\n  }\n  description\n  liaisonLeader {\n    id\n    name\n    title\n    phone\n  }\n  responsiblePeople {\n    name\n    title\n    phone\n  }\n  owners {\n    id\n    displayName\n    phone\n  }\n  template {\n    id\n    key\n    name\n    version\n  }\n  baselineFrozen\n  terminationReason\n  duplicate {\n    status\n    project {\n      id\n      code\n      name\n    }\n  }\n  internalNotes\n  updatedAt\n  version\n  viewerCan {\n    update\n    terminate\n    assign\n    freezeBaseline\n    writeInstruction\n    viewHistory\n    viewInternal\n  }\n}"): (typeof documents)["fragment ProjectOverview on Project {\n  ...ProjectRow\n  uscc\n  industryCode\n  isManufacturing\n  source\n  foreignInvestment {\n    currency\n    amount\n    cnyRate\n  }\n  actualInvestment\n  landArea\n  site {\n    address\n    lng\n    lat\n  }\n  description\n  liaisonLeader {\n    id\n    name\n    title\n    phone\n  }\n  responsiblePeople {\n    name\n    title\n    phone\n  }\n  owners {\n    id\n    displayName\n    phone\n  }\n  template {\n    id\n    key\n    name\n    version\n  }\n  baselineFrozen\n  terminationReason\n  duplicate {\n    status\n    project {\n      id\n      code\n      name\n    }\n  }\n  internalNotes\n  updatedAt\n  version\n  viewerCan {\n    update\n    terminate\n    assign\n    freezeBaseline\n    writeInstruction\n    viewHistory\n    viewInternal\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "fragment ProjectRow on Project {\n  id\n  code\n  name\n  investor\n  totalInvestment\n  stage\n  tiers\n  light\n  overdueNodeCount\n  signedOn\n  terminated\n  platform {\n    id\n    name\n  }\n  chain {\n    id\n    name\n  }\n  leadUnit {\n    id\n    name\n  }\n}"): (typeof documents)["fragment ProjectRow on Project {\n  id\n  code\n  name\n  investor\n  totalInvestment\n  stage\n  tiers\n  light\n  overdueNodeCount\n  signedOn\n  terminated\n  platform {\n    id\n    name\n  }\n  chain {\n    id\n    name\n  }\n  leadUnit {\n    id\n    name\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query Projects($filter: ProjectFilter, $sort: ProjectSort, $first: Int, $after: String) {\n  projects(filter: $filter, sort: $sort, first: $first, after: $after) {\n    nodes {\n      ...ProjectRow\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n    totalCount\n  }\n}"): (typeof documents)["query Projects($filter: ProjectFilter, $sort: ProjectSort, $first: Int, $after: String) {\n  projects(filter: $filter, sort: $sort, first: $first, after: $after) {\n    nodes {\n      ...ProjectRow\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n    totalCount\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation RejectNodeReport($nodeId: ID!, $version: NonNegativeInt!, $reason: String!) {\n  rejectNodeReport(nodeId: $nodeId, version: $version, reason: $reason) {\n    node {\n      ...NodeItem\n      project {\n        ...ProjectDerived\n      }\n    }\n    errors {\n      ...UserErrorFields\n    }\n  }\n}"): (typeof documents)["mutation RejectNodeReport($nodeId: ID!, $version: NonNegativeInt!, $reason: String!) {\n  rejectNodeReport(nodeId: $nodeId, version: $version, reason: $reason) {\n    node {\n      ...NodeItem\n      project {\n        ...ProjectDerived\n      }\n    }\n    errors {\n      ...UserErrorFields\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation RemoveEvidence($nodeId: ID!, $fileId: ID!) {\n  removeEvidence(nodeId: $nodeId, fileId: $fileId) {\n    node {\n      ...NodeItem\n      project {\n        ...ProjectDerived\n      }\n    }\n    errors {\n      ...UserErrorFields\n    }\n  }\n}"): (typeof documents)["mutation RemoveEvidence($nodeId: ID!, $fileId: ID!) {\n  removeEvidence(nodeId: $nodeId, fileId: $fileId) {\n    node {\n      ...NodeItem\n      project {\n        ...ProjectDerived\n      }\n    }\n    errors {\n      ...UserErrorFields\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation ReportNode($input: ReportNodeInput!) {\n  reportNode(input: $input) {\n    node {\n      ...NodeItem\n      project {\n        ...ProjectDerived\n      }\n    }\n    errors {\n      ...UserErrorFields\n    }\n  }\n}"): (typeof documents)["mutation ReportNode($input: ReportNodeInput!) {\n  reportNode(input: $input) {\n    node {\n      ...NodeItem\n      project {\n        ...ProjectDerived\n      }\n    }\n    errors {\n      ...UserErrorFields\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation RequestReplan($input: ReplanInput!) {\n  requestReplan(input: $input) {\n    node {\n      ...NodeItem\n      project {\n        ...ProjectDerived\n      }\n    }\n    errors {\n      ...UserErrorFields\n    }\n  }\n}"): (typeof documents)["mutation RequestReplan($input: ReplanInput!) {\n  requestReplan(input: $input) {\n    node {\n      ...NodeItem\n      project {\n        ...ProjectDerived\n      }\n    }\n    errors {\n      ...UserErrorFields\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation TerminateProject($id: ID!, $version: NonNegativeInt!, $reason: String!) {\n  terminateProject(id: $id, version: $version, reason: $reason) {\n    project {\n      id\n      terminated\n      terminationReason\n      nodes {\n        ...NodeItem\n      }\n      ...ProjectDerived\n    }\n    errors {\n      ...UserErrorFields\n    }\n  }\n}"): (typeof documents)["mutation TerminateProject($id: ID!, $version: NonNegativeInt!, $reason: String!) {\n  terminateProject(id: $id, version: $version, reason: $reason) {\n    project {\n      id\n      terminated\n      terminationReason\n      nodes {\n        ...NodeItem\n      }\n      ...ProjectDerived\n    }\n    errors {\n      ...UserErrorFields\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation UpdateNodePlan($input: UpdateNodePlanInput!) {\n  updateNodePlan(input: $input) {\n    node {\n      ...NodeItem\n      project {\n        ...ProjectDerived\n      }\n    }\n    errors {\n      ...UserErrorFields\n    }\n  }\n}"): (typeof documents)["mutation UpdateNodePlan($input: UpdateNodePlanInput!) {\n  updateNodePlan(input: $input) {\n    node {\n      ...NodeItem\n      project {\n        ...ProjectDerived\n      }\n    }\n    errors {\n      ...UserErrorFields\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation WriteInstruction($input: InstructionInput!) {\n  writeInstruction(input: $input) {\n    instruction {\n      ...InstructionItem\n      project {\n        id\n        instructions {\n          ...InstructionItem\n        }\n      }\n    }\n    errors {\n      ...UserErrorFields\n    }\n  }\n}"): (typeof documents)["mutation WriteInstruction($input: InstructionInput!) {\n  writeInstruction(input: $input) {\n    instruction {\n      ...InstructionItem\n      project {\n        id\n        instructions {\n          ...InstructionItem\n        }\n      }\n    }\n    errors {\n      ...UserErrorFields\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query NodeTemplates {\n  nodeTemplates {\n    id\n    key\n    name\n    version\n    active\n    items {\n      code\n      name\n      gate\n      isLandingGate\n      offsetDays\n      defaultUnit {\n        id\n        name\n      }\n    }\n  }\n}"): (typeof documents)["query NodeTemplates {\n  nodeTemplates {\n    id\n    key\n    name\n    version\n    active\n    items {\n      code\n      name\n      gate\n      isLandingGate\n      offsetDays\n      defaultUnit {\n        id\n        name\n      }\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query ReferenceData {\n  platforms {\n    id\n    name\n    kind\n  }\n  units {\n    id\n    name\n    kind\n    platform {\n      id\n    }\n  }\n  industryChains {\n    id\n    code\n    name\n  }\n  liaisonLeaders {\n    id\n    name\n    title\n    phone\n  }\n}"): (typeof documents)["query ReferenceData {\n  platforms {\n    id\n    name\n    kind\n  }\n  units {\n    id\n    name\n    kind\n    platform {\n      id\n    }\n  }\n  industryChains {\n    id\n    code\n    name\n  }\n  liaisonLeaders {\n    id\n    name\n    title\n    phone\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "fragment UserErrorFields on UserError {\n  code\n  field\n  message\n}"): (typeof documents)["fragment UserErrorFields on UserError {\n  code\n  field\n  message\n}"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;