import { describe, expect, it } from 'vitest';
import {
  DEFAULT_LIGHT_CONFIG,
  escalatedFromSnapshots,
  nodeDelay,
  plannedDateAsOf,
  projectEscalated,
  projectLight,
  slipDays,
  worstLight,
  type NodeDelayFacts,
} from '../../api/src/domain/lights.js';

const D = '2025-06-30';
const open = (plannedDate: string): NodeDelayFacts => ({ status: 'IN_PROGRESS', plannedDate, actualDate: null });
const done = (plannedDate: string, actualDate: string): NodeDelayFacts => ({ status: 'DONE', plannedDate, actualDate });

describe('nodeDelay: overdue', () => {
  it('30 days overdue is YELLOW, 31 is RED', () => {
    // 31 May → 30 Jun = 30 days
    expect(nodeDelay(open('2025-05-31'), D)).toMatchObject({ overdue: true, overdueDays: 30, light: 'YELLOW' });
    // 30 May → 30 Jun = 31 days
    expect(nodeDelay(open('2025-05-30'), D)).toMatchObject({ overdue: true, overdueDays: 31, light: 'RED' });
  });

  it('one day overdue is YELLOW and not due soon', () => {
    expect(nodeDelay(open('2025-06-29'), D)).toMatchObject({ overdue: true, overdueDays: 1, dueSoon: false, daysToDue: -1, light: 'YELLOW' });
  });
});

describe('nodeDelay: due soon', () => {
  it('due in 15 days is YELLOW, in 16 days GREEN', () => {
    // 30 Jun → 15 Jul = 15 days
    expect(nodeDelay(open('2025-07-15'), D)).toMatchObject({ dueSoon: true, daysToDue: 15, overdue: false, light: 'YELLOW' });
    expect(nodeDelay(open('2025-07-16'), D)).toMatchObject({ dueSoon: false, daysToDue: 16, light: 'GREEN' });
  });

  it('due today is due soon, not overdue', () => {
    expect(nodeDelay(open(D), D)).toMatchObject({ dueSoon: true, daysToDue: 0, overdue: false, overdueDays: 0, light: 'YELLOW' });
  });

  it('follows the configured thresholds', () => {
    const config = { dueSoonDays: 7, redOverdueDays: 10 };
    expect(nodeDelay(open('2025-07-08'), D, config).light).toBe('GREEN'); // 8 days ahead
    expect(nodeDelay(open('2025-06-20'), D, config).light).toBe('YELLOW'); // 10 days overdue
    expect(nodeDelay(open('2025-06-19'), D, config).light).toBe('RED'); // 11 days overdue
  });
});

describe('nodeDelay: closed nodes and as-of', () => {
  it('a node DONE after D is open as of D', () => {
    const node = done('2025-05-30', '2025-07-05');
    expect(nodeDelay(node, '2025-06-30')).toMatchObject({ open: true, overdueDays: 31, light: 'RED', late: false });
    // as of its actual date it is closed and late by 30 May → 5 Jul = 1 + 30 + 5 = 36 days
    expect(nodeDelay(node, '2025-07-05')).toMatchObject({ open: false, overdue: false, dueSoon: false, late: true, lateDays: 36, light: 'GREEN' });
  });

  it('DONE on or before plan is not late', () => {
    expect(nodeDelay(done('2025-06-10', '2025-06-10'), D)).toMatchObject({ open: false, late: false, lateDays: 0 });
    expect(nodeDelay(done('2025-06-10', '2025-06-01'), D)).toMatchObject({ late: false, lateDays: 0 });
  });

  it('SKIPPED is closed; with a skip date it is open before it', () => {
    expect(nodeDelay({ status: 'SKIPPED', plannedDate: '2025-01-01', actualDate: null }, D)).toMatchObject({ open: false, overdue: false });
    const skipped = { status: 'SKIPPED' as const, plannedDate: '2025-06-01', actualDate: null, skippedOn: '2025-07-01' };
    expect(nodeDelay(skipped, D)).toMatchObject({ open: true, overdueDays: 29, light: 'YELLOW' });
    expect(nodeDelay(skipped, '2025-07-01').open).toBe(false);
  });
});

describe('re-plans', () => {
  const node: NodeDelayFacts = {
    status: 'IN_PROGRESS',
    actualDate: null,
    baselinePlannedDate: '2025-05-01',
    plannedDate: '2025-07-31',
    replans: [{ approvedOn: '2025-06-15', plannedDate: '2025-07-31' }],
  };

  it('uses the planned date in force at D', () => {
    expect(plannedDateAsOf(node, '2025-06-14')).toBe('2025-05-01');
    expect(plannedDateAsOf(node, '2025-06-15')).toBe('2025-07-31');
    // before approval: 1 May → 14 Jun = 30 + 14 = 44 days overdue
    expect(nodeDelay(node, '2025-06-14')).toMatchObject({ overdueDays: 44, light: 'RED' });
    // after: 30 Jun → 31 Jul = 31 days ahead
    expect(nodeDelay(node, D)).toMatchObject({ overdue: false, daysToDue: 31, light: 'GREEN' });
  });

  it('keeps the slip visible: 1 May → 31 Jul = 30 + 30 + 31 = 91 days', () => {
    expect(slipDays(node)).toBe(91);
    expect(slipDays({ plannedDate: '2025-07-31' })).toBe(0);
  });

  it('without a frozen baseline uses the current planned date', () => {
    expect(plannedDateAsOf({ plannedDate: '2025-08-01', replans: [] }, '2025-01-01')).toBe('2025-08-01');
  });

  it('takes the later of two re-plans approved the same day', () => {
    const twice = {
      plannedDate: '2025-09-30',
      baselinePlannedDate: '2025-05-01',
      replans: [
        { approvedOn: '2025-06-15', plannedDate: '2025-08-31' },
        { approvedOn: '2025-06-15', plannedDate: '2025-09-30' },
      ],
    };
    expect(plannedDateAsOf(twice, D)).toBe('2025-09-30');
  });
});

describe('projectLight', () => {
  const base = { signedOn: '2025-01-10', nodes: [done('2025-01-10', '2025-01-10'), open('2025-08-31')] };

  it('is the worst light of open nodes only', () => {
    expect(projectLight(base, D)).toBe('GREEN');
    // a node closed late is no longer counted
    expect(projectLight({ ...base, nodes: [...base.nodes, done('2025-02-01', '2025-04-01')] }, D)).toBe('GREEN');
    expect(projectLight({ ...base, nodes: [...base.nodes, open('2025-07-10')] }, D)).toBe('YELLOW');
    expect(projectLight({ ...base, nodes: [...base.nodes, open('2025-07-10'), open('2025-05-01')] }, D)).toBe('RED');
  });

  it('an overdue open problem makes it at least YELLOW', () => {
    const overdue = { raisedOn: '2025-06-01', deadline: '2025-06-29' };
    const dueToday = { raisedOn: '2025-06-01', deadline: D };
    const resolved = { raisedOn: '2025-06-01', deadline: '2025-06-20', resolvedOn: '2025-06-25' };
    expect(projectLight({ ...base, problems: [overdue] }, D)).toBe('YELLOW');
    expect(projectLight({ ...base, problems: [dueToday, resolved] }, D)).toBe('GREEN');
    expect(projectLight({ ...base, nodes: [open('2025-05-01')], problems: [overdue] }, D)).toBe('RED');
  });

  it('has no light before signing or after the project ended', () => {
    expect(projectLight(base, '2025-01-09')).toBeNull();
    expect(projectLight({ ...base, signedOn: null }, D)).toBeNull();
    expect(projectLight({ ...base, endedOn: '2025-06-30' }, D)).toBeNull();
    expect(projectLight({ ...base, endedOn: '2025-07-01' }, D)).toBe('GREEN');
  });

  it('worstLight of nothing is GREEN', () => {
    expect(worstLight([])).toBe('GREEN');
  });
});

describe('escalation (two consecutive month-ends YELLOW or worse)', () => {
  const project = { signedOn: '2025-01-10', nodes: [open('2025-05-20')] };

  it('escalates when both month-ends are bad', () => {
    // 31 May: 20 May + 11 days overdue → YELLOW; 30 Jun: 41 days → RED
    expect(projectEscalated(project, '2025-06-30')).toBe(true);
    expect(projectEscalated(project, '2025-07-15')).toBe(true); // still looks at 31 May and 30 Jun
  });

  it('does not escalate when the earlier month-end was GREEN', () => {
    // as of 29 Jun the month-ends are 31 May (YELLOW) and 30 Apr: due in 20 days > 15 → GREEN
    expect(projectEscalated(project, '2025-06-29')).toBe(false);
  });

  it('from snapshots', () => {
    expect(escalatedFromSnapshots('YELLOW', 'RED')).toBe(true);
    expect(escalatedFromSnapshots('RED', 'GREEN')).toBe(false);
    expect(escalatedFromSnapshots(null, 'RED')).toBe(false);
  });

  it('uses the DOMAIN defaults', () => {
    expect(DEFAULT_LIGHT_CONFIG).toEqual({ dueSoonDays: 15, redOverdueDays: 30 });
  });
});
