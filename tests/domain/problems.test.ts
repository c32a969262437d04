import { describe, expect, it } from 'vitest';
import {
  allowedProblemTransitions,
  deadlineAsOf,
  isProblemOverdue,
  problemColour,
  validateProblemTransition,
  type ProblemActor,
} from '../../api/src/domain/problems.js';

const leadUnit: ProblemActor = { role: 'UNIT', isLeadUnit: true, isRaiser: false };
const otherUnit: ProblemActor = { role: 'UNIT', isLeadUnit: false, isRaiser: false };
const promotion: ProblemActor = { role: 'PROMOTION', isLeadUnit: false, isRaiser: false };
const owner: ProblemActor = { role: 'OWNER', isLeadUnit: false, isRaiser: true };
const leader: ProblemActor = { role: 'LEADER', isLeadUnit: false, isRaiser: false };
const system: ProblemActor = { role: 'SYSTEM', isLeadUnit: false, isRaiser: false };

const codes = (r: ReturnType<typeof validateProblemTransition>) => (r.ok ? [] : r.errors.map((e) => e.code).sort());

describe('problem transitions', () => {
  it('the lead unit signs for and answers', () => {
    expect(validateProblemTransition({ from: 'OPEN', to: 'ACCEPTED', actor: leadUnit }).ok).toBe(true);
    expect(codes(validateProblemTransition({ from: 'OPEN', to: 'ACCEPTED', actor: otherUnit }))).toEqual(['PROBLEM_ACTOR_NOT_ALLOWED']);
    expect(codes(validateProblemTransition({ from: 'OPEN', to: 'ACCEPTED', actor: owner }))).toEqual(['PROBLEM_ACTOR_NOT_ALLOWED']);
    expect(validateProblemTransition({ from: 'ACCEPTED', to: 'RESPONDED', actor: leadUnit }).ok).toBe(true);
    expect(validateProblemTransition({ from: 'ESCALATED', to: 'RESPONDED', actor: leadUnit }).ok).toBe(true);
  });

  it('PROMOTION or the raiser closes with evidence', () => {
    expect(validateProblemTransition({ from: 'RESPONDED', to: 'RESOLVED', actor: owner, evidenceCount: 1 }).ok).toBe(true);
    expect(validateProblemTransition({ from: 'RESPONDED', to: 'RESOLVED', actor: promotion, evidenceCount: 2 }).ok).toBe(true);
    expect(codes(validateProblemTransition({ from: 'RESPONDED', to: 'RESOLVED', actor: owner }))).toEqual(['PROBLEM_EVIDENCE_REQUIRED']);
    expect(codes(validateProblemTransition({ from: 'RESPONDED', to: 'RESOLVED', actor: leadUnit, evidenceCount: 1 }))).toEqual([
      'PROBLEM_ACTOR_NOT_ALLOWED',
    ]);
  });

  it('leaders never move a problem', () => {
    expect(allowedProblemTransitions('OPEN', leader)).toEqual([]);
    expect(allowedProblemTransitions('RESPONDED', { ...leader, isRaiser: true })).toEqual([]);
  });

  it('escalation needs PROMOTION or the job, and a reason', () => {
    expect(validateProblemTransition({ from: 'ACCEPTED', to: 'ESCALATED', actor: system, reason: '超期15天' }).ok).toBe(true);
    expect(codes(validateProblemTransition({ from: 'ACCEPTED', to: 'ESCALATED', actor: promotion }))).toEqual(['PROBLEM_REASON_REQUIRED']);
    expect(codes(validateProblemTransition({ from: 'ACCEPTED', to: 'ESCALATED', actor: leadUnit, reason: 'x' }))).toEqual([
      'PROBLEM_ACTOR_NOT_ALLOWED',
    ]);
  });

  it('refuses moves outside the flow', () => {
    const r = validateProblemTransition({ from: 'OPEN', to: 'RESOLVED', actor: promotion, evidenceCount: 1 });
    expect(codes(r)).toEqual(['PROBLEM_TRANSITION_NOT_ALLOWED']);
    expect(r.ok ? '' : r.errors[0].message).toBe('督办问题不能从“待签收”改为“已销号”');
    expect(codes(validateProblemTransition({ from: 'RESOLVED', to: 'OPEN', actor: promotion }))).toEqual(['PROBLEM_TRANSITION_NOT_ALLOWED']);
  });

  it('lists what an actor may do (for viewerCan)', () => {
    expect(allowedProblemTransitions('RESPONDED', promotion).sort()).toEqual(['ACCEPTED', 'ESCALATED', 'RESOLVED']);
    expect(allowedProblemTransitions('OPEN', leadUnit)).toEqual(['ACCEPTED']);
    expect(allowedProblemTransitions('RESOLVED', promotion)).toEqual([]);
  });
});

describe('problemColour as of D', () => {
  const p = { raisedOn: '2025-06-01', deadline: '2025-06-15' };

  it('BLUE within the deadline, YELLOW up to 15 days over, RED beyond', () => {
    expect(problemColour(p, '2025-06-15')).toBe('BLUE'); // on the deadline day
    expect(problemColour(p, '2025-06-16')).toBe('YELLOW'); // 1 day over
    expect(problemColour(p, '2025-06-30')).toBe('YELLOW'); // 15 Jun → 30 Jun = 15 days
    expect(problemColour(p, '2025-07-01')).toBe('RED'); // 16 days
  });

  it('RED once escalated, from the escalation date', () => {
    const escalated = { ...p, escalatedOn: '2025-06-10' };
    expect(problemColour(escalated, '2025-06-09')).toBe('BLUE');
    expect(problemColour(escalated, '2025-06-10')).toBe('RED');
  });

  it('none before it was raised or once resolved', () => {
    const resolved = { ...p, resolvedOn: '2025-06-20' };
    expect(problemColour(resolved, '2025-05-31')).toBeNull();
    expect(problemColour(resolved, '2025-06-19')).toBe('YELLOW'); // 4 days over
    expect(problemColour(resolved, '2025-06-20')).toBeNull();
    expect(isProblemOverdue(resolved, '2025-06-19')).toBe(true);
    expect(isProblemOverdue(resolved, '2025-06-20')).toBe(false);
    expect(isProblemOverdue(p, '2025-06-15')).toBe(false);
  });

  it('honours a configured window', () => {
    expect(problemColour(p, '2025-06-20', { yellowMaxOverdueDays: 3 })).toBe('RED'); // 5 days > 3
  });
});

describe('a deadline moved later does not recolour the days before', () => {
  // Raised 1 May, due 15 May; on 10 Jun moved to 30 Jun; on 20 Jun moved again to 10 Jul.
  const p = {
    raisedOn: '2025-05-01',
    deadline: '2025-07-10',
    deadlineChanges: [
      { on: '2025-06-10', from: '2025-05-15' },
      { on: '2025-06-20', from: '2025-06-30' },
    ],
  };
  it('uses the deadline in force on each day (a change counts from its own day)', () => {
    expect(deadlineAsOf(p, '2025-06-09')).toBe('2025-05-15');
    expect(deadlineAsOf(p, '2025-06-10')).toBe('2025-06-30');
    expect(deadlineAsOf(p, '2025-06-19')).toBe('2025-06-30');
    expect(deadlineAsOf(p, '2025-06-20')).toBe('2025-07-10');
    expect(deadlineAsOf({ deadline: '2025-07-10' }, '2025-01-01')).toBe('2025-07-10');
  });
  it('colours and overdue follow it', () => {
    expect(problemColour(p, '2025-05-30')).toBe('YELLOW'); // 15 days over the first deadline
    expect(problemColour(p, '2025-06-09')).toBe('RED'); // 25 days over
    expect(problemColour(p, '2025-06-10')).toBe('BLUE'); // moved to 30 Jun that day
    expect(isProblemOverdue(p, '2025-06-09')).toBe(true);
    expect(isProblemOverdue(p, '2025-06-15')).toBe(false);
    expect(problemColour({ ...p, deadlineChanges: [] }, '2025-06-09')).toBe('BLUE'); // what the stored deadline alone would say
  });
});
