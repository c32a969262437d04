import { describe, expect, it } from 'vitest';
import {
  STAGES,
  STAGE_LABELS,
  deriveStage,
  requiresUnitConfirmation,
  stageOrder,
  validateNodeTransition,
  validateTermination,
  type GateStage,
  type NodeStatus,
  type StageNodeFacts,
} from '../../api/src/domain/lifecycle.js';

const gate = (g: GateStage | null, status: NodeStatus, actualDate: string | null = null): StageNodeFacts => ({ gate: g, status, actualDate });
const lead = { leadStatus: 'LEAD' as const };
const negotiating = { leadStatus: 'NEGOTIATING' as const };

describe('stages', () => {
  it('are ordered with Chinese labels', () => {
    expect(STAGES[0]).toBe('LEAD');
    expect(stageOrder('REVIEWED')).toBe(8);
    expect(stageOrder('LANDED')).toBeGreaterThan(stageOrder('SIGNED'));
    expect(STAGE_LABELS.UNDER_CONSTRUCTION).toBe('在建');
    expect(STAGE_LABELS.TERMINATED).toBe('终止/解约');
  });
});

describe('deriveStage', () => {
  const signed = gate('SIGNED', 'DONE', '2025-01-10');
  const landed = gate('LANDED', 'DONE', '2025-04-01');

  it('uses the lead status before signing', () => {
    expect(deriveStage(lead, [], '2025-01-01')).toBe('LEAD');
    expect(deriveStage(negotiating, [gate('SIGNED', 'PENDING')], '2025-01-01')).toBe('NEGOTIATING');
  });

  it('counts a gate only from its actual date (asOf before and after)', () => {
    expect(deriveStage(negotiating, [signed], '2025-01-09')).toBe('NEGOTIATING');
    expect(deriveStage(negotiating, [signed], '2025-01-10')).toBe('SIGNED');
    expect(deriveStage(negotiating, [signed, landed], '2025-03-31')).toBe('SIGNED');
    expect(deriveStage(negotiating, [signed, landed], '2025-04-01')).toBe('LANDED');
  });

  it('takes the furthest DONE gate and ignores non-gate nodes', () => {
    const started = gate('UNDER_CONSTRUCTION', 'DONE', '2025-05-01');
    // LAND not done, START done: the furthest gate wins for the stage
    expect(deriveStage(lead, [signed, gate('LANDED', 'IN_PROGRESS'), started], '2025-06-01')).toBe('UNDER_CONSTRUCTION');
    expect(deriveStage(lead, [signed, gate(null, 'DONE', '2025-02-01')], '2025-06-01')).toBe('SIGNED');
    // a DONE node without an actual date is not evidence of anything
    expect(deriveStage(lead, [signed, gate('LANDED', 'DONE', null)], '2025-06-01')).toBe('SIGNED');
  });

  it('requires SIGN: other gates done without it leave the lead status', () => {
    expect(deriveStage(negotiating, [gate('SIGNED', 'PENDING'), landed], '2025-06-01')).toBe('NEGOTIATING');
  });

  it('lets terminal states win from their effective date', () => {
    const terminated = { ...lead, terminal: { stage: 'TERMINATED' as const, on: '2025-06-01' } };
    expect(deriveStage(terminated, [signed, landed], '2025-05-31')).toBe('LANDED');
    expect(deriveStage(terminated, [signed, landed], '2025-06-01')).toBe('TERMINATED');
    const dropped = { ...negotiating, terminal: { stage: 'DROPPED' as const, on: '2024-12-01' } };
    expect(deriveStage(dropped, [], '2025-01-01')).toBe('DROPPED');
  });
});

describe('validateNodeTransition', () => {
  const today = '2025-06-30';
  const codes = (r: ReturnType<typeof validateNodeTransition>) => (r.ok ? [] : r.errors.map((e) => e.code).sort());

  it('DONE needs an actual date that is real and not in the future', () => {
    const node = { gate: null, status: 'IN_PROGRESS' as const };
    expect(codes(validateNodeTransition({ node, to: 'DONE', today }))).toEqual(['NODE_ACTUAL_DATE_REQUIRED']);
    expect(codes(validateNodeTransition({ node, to: 'DONE', actualDate: '2025-02-30', today }))).toEqual(['NODE_ACTUAL_DATE_INVALID']);
    expect(codes(validateNodeTransition({ node, to: 'DONE', actualDate: '2025-07-01', today }))).toEqual(['NODE_ACTUAL_DATE_IN_FUTURE']);
    expect(validateNodeTransition({ node, to: 'DONE', actualDate: today, today })).toEqual({ ok: true });
  });

  it('gate nodes need evidence and the unit’s confirmation', () => {
    const node = { gate: 'LANDED' as const, status: 'IN_PROGRESS' as const };
    expect(requiresUnitConfirmation(node)).toBe(true);
    expect(codes(validateNodeTransition({ node, to: 'DONE', actualDate: '2025-06-01', today }))).toEqual([
      'NODE_EVIDENCE_REQUIRED',
      'NODE_UNIT_CONFIRMATION_REQUIRED',
    ]);
    expect(codes(validateNodeTransition({ node, to: 'DONE', actualDate: '2025-06-01', evidenceCount: 1, today }))).toEqual([
      'NODE_UNIT_CONFIRMATION_REQUIRED',
    ]);
    expect(validateNodeTransition({ node, to: 'DONE', actualDate: '2025-06-01', evidenceCount: 1, unitConfirmed: true, today }).ok).toBe(true);
  });

  it('non-gate nodes need neither', () => {
    const node = { gate: null, status: 'PENDING' as const };
    expect(requiresUnitConfirmation(node)).toBe(false);
    expect(validateNodeTransition({ node, to: 'DONE', actualDate: '2025-06-01', today }).ok).toBe(true);
  });

  it('SKIPPED needs a reason and is not for gates', () => {
    expect(codes(validateNodeTransition({ node: { gate: null, status: 'PENDING' }, to: 'SKIPPED', reason: '  ', today }))).toEqual([
      'NODE_SKIP_REASON_REQUIRED',
    ]);
    expect(validateNodeTransition({ node: { gate: null, status: 'PENDING' }, to: 'SKIPPED', reason: '已有厂房，无需施工许可', today }).ok).toBe(true);
    expect(codes(validateNodeTransition({ node: { gate: 'LANDED', status: 'PENDING' }, to: 'SKIPPED', reason: 'x', today }))).toEqual([
      'NODE_GATE_CANNOT_BE_SKIPPED',
    ]);
  });

  it('reopening a DONE node needs a reason; DONE cannot go straight back to PENDING', () => {
    const node = { gate: null, status: 'DONE' as const };
    expect(codes(validateNodeTransition({ node, to: 'IN_PROGRESS', today }))).toEqual(['NODE_REOPEN_REASON_REQUIRED']);
    expect(validateNodeTransition({ node, to: 'IN_PROGRESS', reason: '实际日期录错', today }).ok).toBe(true);
    const r = validateNodeTransition({ node, to: 'PENDING', today });
    expect(codes(r)).toEqual(['NODE_TRANSITION_NOT_ALLOWED']);
    expect(r.ok ? '' : r.errors[0].message).toBe('节点不能从“已完成”改为“未开始”');
  });

  it('open statuses carry no actual date', () => {
    expect(codes(validateNodeTransition({ node: { gate: null, status: 'PENDING' }, to: 'IN_PROGRESS', actualDate: '2025-06-01', today }))).toEqual([
      'NODE_ACTUAL_DATE_NOT_ALLOWED',
    ]);
  });
});

describe('validateTermination', () => {
  const today = '2025-06-30';
  const codes = (r: ReturnType<typeof validateTermination>) => (r.ok ? [] : r.errors.map((e) => e.code).sort());

  it('drops only before signing', () => {
    expect(validateTermination({ currentStage: 'NEGOTIATING', to: 'DROPPED', on: today, today }).ok).toBe(true);
    expect(codes(validateTermination({ currentStage: 'SIGNED', to: 'DROPPED', on: today, today }))).toEqual(['TERMINAL_DROP_AFTER_SIGNING']);
  });

  it('terminates only after signing, with a reason and an approver', () => {
    expect(codes(validateTermination({ currentStage: 'LANDED', to: 'TERMINATED', on: today, today }))).toEqual([
      'TERMINAL_APPROVER_REQUIRED',
      'TERMINAL_REASON_REQUIRED',
    ]);
    expect(validateTermination({ currentStage: 'LANDED', to: 'TERMINATED', on: today, reason: '企业战略调整', approverId: 'u1', today }).ok).toBe(true);
    expect(codes(validateTermination({ currentStage: 'LEAD', to: 'TERMINATED', on: today, reason: 'x', approverId: 'u1', today }))).toEqual([
      'TERMINAL_TERMINATE_BEFORE_SIGNING',
    ]);
  });

  it('refuses a second terminal state and a future date', () => {
    expect(codes(validateTermination({ currentStage: 'TERMINATED', to: 'TERMINATED', on: today, reason: 'x', approverId: 'u', today }))).toEqual([
      'TERMINAL_ALREADY',
    ]);
    expect(codes(validateTermination({ currentStage: 'LEAD', to: 'DROPPED', on: '2025-07-01', today }))).toEqual(['TERMINAL_DATE_INVALID']);
  });
});
