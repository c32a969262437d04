/**
 * Project lifecycle: stages, the derived stage, and the rules for changing a node's status or
 * ending a project.
 *
 * Stage is derived, never stored as truth: the furthest gate whose node is DONE with an actual
 * date ≤ asOf. Terminal states (DROPPED before signing, TERMINATED after) are the only ones set
 * by hand, and they win from their effective date on. A project without a DONE SIGN gate is
 * LEAD or NEGOTIATING from its lead status, whatever other nodes say.
 *
 * Gate nodes cannot be SKIPPED: stages and landing rates are defined by them, and every
 * template carries every gate, so a skipped gate would make a stage mean different things.
 *
 * API: STAGES, GATE_STAGES, STAGE_LABELS, stageOrder, isGateStage, isTerminalStage,
 * NODE_STATUSES, NODE_STATUS_LABELS, deriveStage, validateNodeTransition,
 * requiresUnitConfirmation, validateTermination.
 */
import { isValidCalendarDate, type CalendarDate } from './dates.js';
import { toValidation, type DomainError, type Validation } from './errors.js';

export const GATE_STAGES = [
  'SIGNED',
  'LANDED',
  'UNDER_CONSTRUCTION',
  'COMPLETED',
  'IN_PRODUCTION',
  'AT_CAPACITY',
  'REVIEWED',
] as const;
export type GateStage = (typeof GATE_STAGES)[number];

/** In lifecycle order; the two terminal states last. */
export const STAGES = ['LEAD', 'NEGOTIATING', ...GATE_STAGES, 'DROPPED', 'TERMINATED'] as const;
export type Stage = (typeof STAGES)[number];
export type TerminalStage = 'DROPPED' | 'TERMINATED';
export type LeadStatus = 'LEAD' | 'NEGOTIATING';

export const STAGE_LABELS: Readonly<Record<Stage, string>> = {
  LEAD: '线索',
  NEGOTIATING: '洽谈',
  SIGNED: '签约',
  LANDED: '落地',
  UNDER_CONSTRUCTION: '在建',
  COMPLETED: '竣工验收',
  IN_PRODUCTION: '投产',
  AT_CAPACITY: '达产',
  REVIEWED: '达产复核',
  DROPPED: '流失',
  TERMINATED: '终止/解约',
};

/** 0 for LEAD … 8 for REVIEWED, 9 DROPPED, 10 TERMINATED: for sorting and "at least" tests. */
export function stageOrder(stage: Stage): number {
  return STAGES.indexOf(stage);
}

export function isGateStage(stage: string): stage is GateStage {
  return (GATE_STAGES as readonly string[]).includes(stage);
}

export function isTerminalStage(stage: Stage): stage is TerminalStage {
  return stage === 'DROPPED' || stage === 'TERMINATED';
}

export const NODE_STATUSES = ['PENDING', 'IN_PROGRESS', 'DONE', 'SKIPPED'] as const;
export type NodeStatus = (typeof NODE_STATUSES)[number];

export const NODE_STATUS_LABELS: Readonly<Record<NodeStatus, string>> = {
  PENDING: '未开始',
  IN_PROGRESS: '进行中',
  DONE: '已完成',
  SKIPPED: '不适用',
};

export interface StageProjectFacts {
  /** Current lead status; used only while no SIGN gate is DONE as of the date asked. */
  leadStatus: LeadStatus;
  /** Set by hand with its effective date; null while the project is alive. */
  terminal?: { stage: TerminalStage; on: CalendarDate } | null;
}

export interface StageNodeFacts {
  gate: GateStage | null;
  status: NodeStatus;
  actualDate: CalendarDate | null;
}

function doneBy(node: StageNodeFacts, asOf: CalendarDate): boolean {
  return node.status === 'DONE' && node.actualDate !== null && node.actualDate <= asOf;
}

/** The project's stage as of `asOf` (see the file header for the rule). */
export function deriveStage(project: StageProjectFacts, nodes: readonly StageNodeFacts[], asOf: CalendarDate): Stage {
  if (project.terminal && project.terminal.on <= asOf) return project.terminal.stage;
  const doneGates = new Set(nodes.filter((n) => n.gate !== null && doneBy(n, asOf)).map((n) => n.gate as GateStage));
  if (!doneGates.has('SIGNED')) return project.leadStatus;
  for (let i = GATE_STAGES.length - 1; i >= 0; i--) {
    if (doneGates.has(GATE_STAGES[i])) return GATE_STAGES[i];
  }
  return 'SIGNED'; // unreachable: SIGNED is in the set
}

/** Gate nodes become DONE only on the node unit's confirmation; an owner's report waits for it. */
export function requiresUnitConfirmation(node: { gate: GateStage | null }): boolean {
  return node.gate !== null;
}

export type NodeTransitionErrorCode =
  | 'NODE_TRANSITION_NOT_ALLOWED'
  | 'NODE_ACTUAL_DATE_REQUIRED'
  | 'NODE_ACTUAL_DATE_INVALID'
  | 'NODE_ACTUAL_DATE_IN_FUTURE'
  | 'NODE_ACTUAL_DATE_NOT_ALLOWED'
  | 'NODE_EVIDENCE_REQUIRED'
  | 'NODE_UNIT_CONFIRMATION_REQUIRED'
  | 'NODE_SKIP_REASON_REQUIRED'
  | 'NODE_GATE_CANNOT_BE_SKIPPED'
  | 'NODE_REOPEN_REASON_REQUIRED';

/**
 * Allowed moves. Staying in a status is an update (e.g. correcting a DONE node's actual date)
 * and re-checks the target's rules. Reopening DONE corrects a recorded fact and needs a reason.
 */
const NODE_TRANSITIONS: Readonly<Record<NodeStatus, readonly NodeStatus[]>> = {
  PENDING: ['PENDING', 'IN_PROGRESS', 'DONE', 'SKIPPED'],
  IN_PROGRESS: ['PENDING', 'IN_PROGRESS', 'DONE', 'SKIPPED'],
  DONE: ['DONE', 'IN_PROGRESS'],
  SKIPPED: ['SKIPPED', 'PENDING', 'IN_PROGRESS'],
};

export interface NodeTransitionInput {
  node: { gate: GateStage | null; status: NodeStatus };
  to: NodeStatus;
  /** Required for DONE, forbidden otherwise. */
  actualDate?: CalendarDate | null;
  /** Skip reason, or reopen reason when leaving DONE. */
  reason?: string | null;
  /** Evidence files attached to the node (after this change). */
  evidenceCount?: number;
  /** True when the change is made or confirmed by a user of the node's unit. */
  unitConfirmed?: boolean;
  /** Today in Asia/Shanghai: an actual date cannot be in the future. */
  today: CalendarDate;
}

function hasText(value: string | null | undefined): boolean {
  return typeof value === 'string' && value.trim() !== '';
}

/** Checks a node status change; every broken rule is reported, each with a stable code. */
export function validateNodeTransition(input: NodeTransitionInput): Validation<NodeTransitionErrorCode> {
  const { node, to } = input;
  const errors: DomainError<NodeTransitionErrorCode>[] = [];
  if (!NODE_TRANSITIONS[node.status].includes(to)) {
    errors.push({
      code: 'NODE_TRANSITION_NOT_ALLOWED',
      message: `节点不能从“${NODE_STATUS_LABELS[node.status]}”改为“${NODE_STATUS_LABELS[to]}”`,
      field: 'status',
    });
    return toValidation(errors);
  }
  const actual = input.actualDate ?? null;
  if (to === 'DONE') {
    if (actual === null) {
      errors.push({ code: 'NODE_ACTUAL_DATE_REQUIRED', message: '完成节点须填写实际完成日期', field: 'actualDate' });
    } else if (!isValidCalendarDate(actual)) {
      errors.push({ code: 'NODE_ACTUAL_DATE_INVALID', message: '实际完成日期不是有效日期', field: 'actualDate' });
    } else if (actual > input.today) {
      errors.push({ code: 'NODE_ACTUAL_DATE_IN_FUTURE', message: '实际完成日期不能晚于今天', field: 'actualDate' });
    }
    if (node.gate !== null) {
      if ((input.evidenceCount ?? 0) < 1) {
        errors.push({ code: 'NODE_EVIDENCE_REQUIRED', message: '关键节点完成须上传佐证材料', field: 'evidence' });
      }
      if (input.unitConfirmed !== true) {
        errors.push({ code: 'NODE_UNIT_CONFIRMATION_REQUIRED', message: '关键节点完成须经责任单位确认' });
      }
    }
  } else if (actual !== null) {
    errors.push({ code: 'NODE_ACTUAL_DATE_NOT_ALLOWED', message: '只有已完成的节点才能填写实际完成日期', field: 'actualDate' });
  }
  if (to === 'SKIPPED') {
    if (node.gate !== null) {
      errors.push({ code: 'NODE_GATE_CANNOT_BE_SKIPPED', message: '关键节点（阶段节点）不能设为不适用', field: 'status' });
    } else if (!hasText(input.reason)) {
      errors.push({ code: 'NODE_SKIP_REASON_REQUIRED', message: '设为不适用须说明原因', field: 'reason' });
    }
  }
  if (node.status === 'DONE' && to !== 'DONE' && !hasText(input.reason)) {
    errors.push({ code: 'NODE_REOPEN_REASON_REQUIRED', message: '撤销已完成状态须说明原因', field: 'reason' });
  }
  return toValidation(errors);
}

export type TerminationErrorCode =
  | 'TERMINAL_ALREADY'
  | 'TERMINAL_DROP_AFTER_SIGNING'
  | 'TERMINAL_TERMINATE_BEFORE_SIGNING'
  | 'TERMINAL_REASON_REQUIRED'
  | 'TERMINAL_APPROVER_REQUIRED'
  | 'TERMINAL_DATE_INVALID';

export interface TerminationInput {
  /** deriveStage(project, nodes, today). */
  currentStage: Stage;
  to: TerminalStage;
  on: CalendarDate;
  reason?: string | null;
  approverId?: string | null;
  today: CalendarDate;
}

/** DROPPED only before signing; TERMINATED only after, with a reason and an approver. */
export function validateTermination(input: TerminationInput): Validation<TerminationErrorCode> {
  const errors: DomainError<TerminationErrorCode>[] = [];
  if (isTerminalStage(input.currentStage)) {
    errors.push({ code: 'TERMINAL_ALREADY', message: `项目已是“${STAGE_LABELS[input.currentStage]}”状态` });
    return toValidation(errors);
  }
  const signed = isGateStage(input.currentStage);
  if (input.to === 'DROPPED' && signed) {
    errors.push({ code: 'TERMINAL_DROP_AFTER_SIGNING', message: '已签约项目不能标记为流失，请办理终止/解约' });
  }
  if (input.to === 'TERMINATED') {
    if (!signed) {
      errors.push({ code: 'TERMINAL_TERMINATE_BEFORE_SIGNING', message: '未签约项目不能终止/解约，请标记为流失' });
    }
    if (!hasText(input.reason)) errors.push({ code: 'TERMINAL_REASON_REQUIRED', message: '终止/解约须填写原因', field: 'reason' });
    if (!hasText(input.approverId)) {
      errors.push({ code: 'TERMINAL_APPROVER_REQUIRED', message: '终止/解约须有审批人', field: 'approverId' });
    }
  }
  if (!isValidCalendarDate(input.on) || input.on > input.today) {
    errors.push({ code: 'TERMINAL_DATE_INVALID', message: '生效日期须为有效日期且不晚于今天', field: 'on' });
  }
  return toValidation(errors);
}
