import { describe, expect, it, vi } from 'vitest';
import {
  BattleSummaryDocument,
  LeadsDocument,
  MetricsDashboardDocument,
  MyNodesDocument,
  OverdueNodesDocument,
  ProblemSummaryDocument,
  ProjectsDocument,
  ViewerDocument,
  type BattleSummaryQuery,
  type LeadsQuery,
  type MetricsDashboardQuery,
  type MyNodesQuery,
  type OverdueNodesQuery,
  type ProblemSummaryQuery,
  type ProjectsQuery,
} from '@/gql/graphql';
import { currentYear } from '@/features/metrics/composables/useMetrics.js';
import { workbenchSections } from '@/features/workbench/composables/sections.js';
import WorkbenchPage from '@/pages/WorkbenchPage.vue';
import { expectOperation } from './support/apollo.js';
import { nodeItem, projectRow, viewer } from './support/factories.js';
import { mountWithApollo } from './support/mount.js';
import { figure, problemRow } from './support/oversight.js';

const pageInfo = { __typename: 'PageInfo' as const, hasNextPage: false, endCursor: null };
const viewerOp = (v: ReturnType<typeof viewer>) => expectOperation(ViewerDocument, {}, { __typename: 'Query', viewer: v });
const projects = (rows: ProjectsQuery['projects']['nodes']): ProjectsQuery => ({
  __typename: 'Query',
  projects: { __typename: 'ProjectConnection', nodes: rows, pageInfo, totalCount: rows.length },
});
const leads = (): LeadsQuery => ({ __typename: 'Query', leads: { __typename: 'LeadConnection', nodes: [], pageInfo, totalCount: 0 } });
const myProjectsOp = () => expectOperation(ProjectsDocument, { filter: { mine: true }, sort: 'UPDATED_DESC', first: 8 }, projects([projectRow()]));

const count = <T extends string>(t: T, totalCount: number) => ({ __typename: t, totalCount });
const battleSummary = (all: number, green: number, yellow: number, red: number): BattleSummaryQuery => ({
  __typename: 'Query',
  all: count('ProjectConnection', all),
  green: count('ProjectConnection', green),
  yellow: count('ProjectConnection', yellow),
  red: count('ProjectConnection', red),
});
const problemSummary = (open: ProblemSummaryQuery['open']['nodes'], counts: { toAccept: number; toResolve: number; overdue: number; escalated: number }): ProblemSummaryQuery => ({
  __typename: 'Query',
  open: { __typename: 'ProblemConnection', nodes: open, totalCount: open.length },
  toAccept: count('ProblemConnection', counts.toAccept),
  toResolve: count('ProblemConnection', counts.toResolve),
  overdue: count('ProblemConnection', counts.overdue),
  escalated: count('ProblemConnection', counts.escalated),
});
const noProblems = () => problemSummary([], { toAccept: 0, toResolve: 0, overdue: 0, escalated: 0 });

const sectionsOf = (wrapper: { findAll(s: string): { attributes(n: string): string | undefined }[] }) =>
  wrapper.findAll('[data-section]').map((e) => e.attributes('data-section'));

describe('工作台 by role', () => {
  it('maps roles to their sections', () => {
    expect(workbenchSections('PROMOTION', false)).toEqual(['staleLeads', 'myLeads', 'myProjects', 'problems']);
    expect(workbenchSections('UNIT', false)).toEqual(['myNodes', 'unitProblems']);
    expect(workbenchSections('OWNER', false)).toEqual(['myNodes', 'myProjects', 'projectProblems']);
    expect(workbenchSections('LEADER', true)).toEqual(['metrics', 'battle', 'problems', 'overdueNodes']);
    expect(workbenchSections('LEADER', false)).toEqual(['metrics', 'problems', 'overdueNodes']);
  });

  it('shows an owner the nodes to report, their projects and their projects’ 督办 problems, and no leads', async () => {
    const myNodes: MyNodesQuery = {
      __typename: 'Query',
      myNodes: [{ ...nodeItem({ overdue: true, overdueDays: 5 }), project: { __typename: 'Project', id: 'p1', code: 'SY-1', name: '高端装备产业园', baselineFrozen: true } }],
    };
    const { wrapper } = await mountWithApollo(WorkbenchPage, {
      mocks: [
        viewerOp(viewer('OWNER')),
        expectOperation(MyNodesDocument, { first: 50 }, myNodes),
        myProjectsOp(),
        expectOperation(ProblemSummaryDocument, {}, problemSummary([problemRow({ status: 'RESPONDED', statusLabel: '已答复' })], { toAccept: 0, toResolve: 1, overdue: 0, escalated: 0 })),
      ],
    });
    await vi.waitFor(() => expect(sectionsOf(wrapper)).toEqual(['myNodes', 'myProjects', 'projectProblems']), { timeout: 15_000 });
    // The problems of the owner's projects (their scope), whoever raised them.
    await vi.waitFor(() => expect(wrapper.find('[data-section="projectProblems"]').text()).toContain('供地指标未落实'));
    expect(wrapper.find('[data-section="projectProblems"] [data-step="toResolve"] a').attributes('href')).toBe('/problems?status=RESPONDED');
    await vi.waitFor(() => expect(wrapper.text()).toContain('已逾期（1）'), { timeout: 5_000 });
    expect(wrapper.text()).toContain('待填报的节点');
    expect(wrapper.text()).not.toContain('线索');
  });

  it('shows a leader the year’s figures first, the big projects by light, the open 督办 problems and the overdue list', async () => {
    const metrics: MetricsDashboardQuery = {
      __typename: 'Query',
      metricsDashboard: {
        __typename: 'MetricsDashboard',
        year: currentYear(),
        asOf: `${currentYear()}-06-30`,
        total: { __typename: 'MetricSet', projectCount: 8, figures: [figure({ indicator: 'LANDING_RATE_YTD', label: '年内落地率', value: 0.375, numeratorCount: 3, denominatorCount: 8 })] },
      },
    };
    const overdue: OverdueNodesQuery = {
      __typename: 'Query',
      overdueNodes: {
        __typename: 'OverdueNodeConnection',
        nodes: [
          {
            __typename: 'OverdueNode',
            overdueDays: 45,
            light: 'RED',
            node: { __typename: 'ProjectNode', id: 'n1', code: 'START', name: '开工', plannedDate: '2024-03-01', unit: null },
            project: { __typename: 'Project', id: 'p9', code: 'SY-9', name: '氢能装备基地', tiers: ['OVER_5B'] },
          },
        ],
        pageInfo,
        totalCount: 1,
      },
    };
    const { wrapper } = await mountWithApollo(WorkbenchPage, {
      mocks: [
        viewerOp(viewer('LEADER', { viewDashboard: true })),
        expectOperation(OverdueNodesDocument, { first: 20 }, overdue),
        expectOperation(MetricsDashboardDocument, { year: currentYear(), asOf: null, filter: null }, metrics),
        expectOperation(BattleSummaryDocument, {}, battleSummary(7, 4, 2, 1)),
        expectOperation(
          ProblemSummaryDocument,
          {},
          problemSummary([problemRow({ id: 'pr9', title: '二期用地指标尚未落实', colour: 'RED', status: 'ESCALATED', statusLabel: '已升级', overdue: true, overdueDays: 30 })], {
            toAccept: 0,
            toResolve: 0,
            overdue: 1,
            escalated: 1,
          }),
        ),
      ],
    });
    await vi.waitFor(() => expect(wrapper.text()).toContain('氢能装备基地'), { timeout: 15_000 });
    expect(sectionsOf(wrapper)).toEqual(['metrics', 'battle', 'problems', 'overdueNodes']);
    // 挂图作战: 7 projects of ¥5bn and above, 1 red, each count opening the list so filtered.
    await vi.waitFor(() => expect(wrapper.find('[data-test="battle-total"]').text()).toBe('7'));
    const red = wrapper.find('[data-section="battle"] [data-light="RED"] a');
    expect(red.text()).toBe('1');
    expect(red.attributes('href')).toBe('/projects?tier=OVER_5B&light=RED');
    // 督办: the escalated problem, 30 days overdue, and the step counts linking to the list.
    await vi.waitFor(() => expect(wrapper.find('[data-section="problems"]').text()).toContain('二期用地指标尚未落实'));
    const problems = wrapper.find('[data-section="problems"]');
    expect(problems.text()).toContain('逾期 30 天');
    expect(problems.find('[data-step="escalated"] a').attributes('href')).toBe('/problems?status=ESCALATED');
    expect(problems.find('[data-step="overdue"] a').text()).toBe('1');
    await vi.waitFor(() => expect(wrapper.text()).toContain('年内落地率'));
    expect(wrapper.text()).toContain('37.5%');
    expect(wrapper.find('a[href="/metrics"]').exists()).toBe(true);
    expect(wrapper.text()).toContain('45 天');
    expect(wrapper.find('a[href="/battle"]').exists()).toBe(true);
  });

  it('shows promotion staff their stale and active leads', async () => {
    const { wrapper } = await mountWithApollo(WorkbenchPage, {
      mocks: [
        viewerOp(viewer('PROMOTION', { createLead: true })),
        expectOperation(LeadsDocument, { filter: { mine: true, stale: true }, first: 8 }, leads()),
        expectOperation(LeadsDocument, { filter: { mine: true, status: ['NEW', 'NEGOTIATING'] }, first: 8 }, leads()),
        myProjectsOp(),
        expectOperation(ProblemSummaryDocument, {}, noProblems()),
      ],
    });
    await vi.waitFor(() => expect(wrapper.text()).toContain('没有超期未跟进的线索'), { timeout: 15_000 });
    expect(sectionsOf(wrapper)).toEqual(['staleLeads', 'myLeads', 'myProjects', 'problems']);
    await vi.waitFor(() => expect(wrapper.text()).toContain('没有未销号的督办问题'));
    await vi.waitFor(() => expect(wrapper.text()).toContain('高端装备产业园'));
  });

  it('shows unit staff their nodes and the 督办 problems their unit leads or helps with', async () => {
    const { wrapper } = await mountWithApollo(WorkbenchPage, {
      mocks: [
        viewerOp(viewer('UNIT')),
        expectOperation(MyNodesDocument, { first: 50 }, { __typename: 'Query', myNodes: [] }),
        expectOperation(ProblemSummaryDocument, { mine: true }, problemSummary([problemRow()], { toAccept: 1, toResolve: 0, overdue: 0, escalated: 0 })),
      ],
    });
    await vi.waitFor(() => expect(sectionsOf(wrapper)).toEqual(['myNodes', 'unitProblems']), { timeout: 15_000 });
    const card = wrapper.find('[data-section="unitProblems"]');
    await vi.waitFor(() => expect(card.text()).toContain('供地指标未落实'));
    expect(card.text()).toContain('本单位督办问题（未销号 1）');
    const toAccept = card.find('[data-step="toAccept"] a');
    expect(toAccept.text()).toBe('1');
    expect(toAccept.attributes('href')).toBe('/problems?mine=1&status=OPEN');
  });
});
