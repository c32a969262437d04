import { describe, expect, it } from 'vitest';
import { nodeActions } from '@/features/projects/composables/nodeActions.js';
import { groupMyNodes } from '@/features/workbench/composables/useMyNodes.js';
import { can, nodeItem } from './support/factories.js';

const report = { __typename: 'NodeReport' as const, actualDate: '2024-05-01', status: 'DONE' as const, note: null, by: { __typename: 'User' as const, id: 'o', displayName: '业主' }, at: '2024-05-01T01:00:00Z' };

describe('node actions', () => {
  it('offers nothing the API does not allow', () => {
    expect(nodeActions(nodeItem({ pendingReport: report }))).toEqual([]);
  });

  it('offers confirm and reject only when there is a report to confirm', () => {
    const unit = can({ confirm: true, report: true });
    expect(nodeActions(nodeItem({ viewerCan: unit }))).toEqual(['report']);
    expect(nodeActions(nodeItem({ viewerCan: unit, pendingReport: report }))).toEqual(['report', 'confirm', 'reject']);
  });

  it('offers approval only with a pending re-plan request, and no second request meanwhile', () => {
    const replan = {
      __typename: 'ReplanRequest' as const,
      id: 'r1',
      fromDate: '2024-04-01',
      toDate: '2024-05-01',
      reason: '供地延后',
      status: 'PENDING' as const,
      requestedBy: { __typename: 'User' as const, id: 'u', displayName: '单位' },
      requestedAt: '2024-03-20T00:00:00Z',
      decidedBy: null,
      decidedAt: null,
      decisionNote: null,
    };
    const both = can({ requestReplan: true, approveReplan: true });
    expect(nodeActions(nodeItem({ viewerCan: both }))).toEqual(['requestReplan']);
    expect(nodeActions(nodeItem({ viewerCan: both, replanRequests: [replan] }))).toEqual(['approveReplan']);
    expect(nodeActions(nodeItem({ viewerCan: both, status: 'DONE' }))).toEqual([]);
  });
});

describe('my nodes on the workbench', () => {
  it('puts the longest overdue first, then due soon, then the rest by date', () => {
    const groups = groupMyNodes([
      nodeItem({ id: 'a', plannedDate: '2024-06-01' }),
      nodeItem({ id: 'b', overdue: true, overdueDays: 3, plannedDate: '2024-05-01' }),
      nodeItem({ id: 'c', dueSoon: true, plannedDate: '2024-05-10' }),
      nodeItem({ id: 'd', overdue: true, overdueDays: 40, plannedDate: '2024-03-25' }),
      nodeItem({ id: 'e', plannedDate: '2024-05-20' }),
    ]);
    expect(groups.overdue.map((n) => n.id)).toEqual(['d', 'b']);
    expect(groups.dueSoon.map((n) => n.id)).toEqual(['c']);
    expect(groups.later.map((n) => n.id)).toEqual(['e', 'a']);
  });
});
