import { describe, expect, it, vi } from 'vitest';
import {
  LeadsDocument,
  MetricsDashboardDocument,
  MyNodesDocument,
  OverdueNodesDocument,
  ProjectsDocument,
  ViewerDocument,
  type LeadsQuery,
  type MetricsDashboardQuery,
  type MyNodesQuery,
  type OverdueNodesQuery,
  type ProjectsQuery,
} from '@/gql/graphql';
import { currentYear } from '@/features/metrics/composables/useMetrics.js';
import { workbenchSections } from '@/features/workbench/composables/sections.js';
import WorkbenchPage from '@/pages/WorkbenchPage.vue';
import { expectOperation } from './support/apollo.js';
import { nodeItem, projectRow, viewer } from './support/factories.js';
import { mountWithApollo } from './support/mount.js';
import { figure } from './support/oversight.js';

const pageInfo = { __typename: 'PageInfo' as const, hasNextPage: false, endCursor: null };
const viewerOp = (v: ReturnType<typeof viewer>) => expectOperation(ViewerDocument, {}, { __typename: 'Query', viewer: v });
const projects = (rows: ProjectsQuery['projects']['nodes']): ProjectsQuery => ({
  __typename: 'Query',
  projects: { __typename: 'ProjectConnection', nodes: rows, pageInfo, totalCount: rows.length },
});
const leads = (): LeadsQuery => ({ __typename: 'Query', leads: { __typename: 'LeadConnection', nodes: [], pageInfo, totalCount: 0 } });
const myProjectsOp = () => expectOperation(ProjectsDocument, { filter: { mine: true }, sort: 'UPDATED_DESC', first: 8 }, projects([projectRow()]));

const sectionsOf = (wrapper: { findAll(s: string): { attributes(n: string): string | undefined }[] }) =>
  wrapper.findAll('[data-section]').map((e) => e.attributes('data-section'));

describe('工作台 by role', () => {
  it('maps roles to their sections', () => {
    expect(workbenchSections('PROMOTION', false)).toEqual(['staleLeads', 'myLeads', 'myProjects']);
    expect(workbenchSections('LEADER', true)).toEqual(['metrics', 'battleLink', 'overdueNodes']);
    expect(workbenchSections('LEADER', false)).toEqual(['metrics', 'overdueNodes']);
  });

  it('shows an owner the nodes to report and their projects, and no leads', async () => {
    const myNodes: MyNodesQuery = {
      __typename: 'Query',
      myNodes: [{ ...nodeItem({ overdue: true, overdueDays: 5 }), project: { __typename: 'Project', id: 'p1', code: 'SY-1', name: '高端装备产业园', baselineFrozen: true } }],
    };
    const { wrapper } = await mountWithApollo(WorkbenchPage, {
      mocks: [viewerOp(viewer('OWNER')), expectOperation(MyNodesDocument, { first: 50 }, myNodes), myProjectsOp()],
    });
    await vi.waitFor(() => expect(sectionsOf(wrapper)).toEqual(['myNodes', 'myProjects']), { timeout: 15_000 });
    await vi.waitFor(() => expect(wrapper.text()).toContain('已逾期（1）'), { timeout: 5_000 });
    expect(wrapper.text()).toContain('待填报的节点');
    expect(wrapper.text()).not.toContain('线索');
  });

  it('shows a leader the year’s figures first, the overdue list and the way to the battle map', async () => {
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
      ],
    });
    await vi.waitFor(() => expect(wrapper.text()).toContain('氢能装备基地'), { timeout: 15_000 });
    expect(sectionsOf(wrapper)).toEqual(['metrics', 'battleLink', 'overdueNodes']);
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
      ],
    });
    await vi.waitFor(() => expect(wrapper.text()).toContain('没有超期未跟进的线索'), { timeout: 15_000 });
    expect(sectionsOf(wrapper)).toEqual(['staleLeads', 'myLeads', 'myProjects']);
    await vi.waitFor(() => expect(wrapper.text()).toContain('高端装备产业园'));
  });
});
