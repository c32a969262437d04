import type { NodeItemFragment } from '@/gql/graphql';

export type NodeAction = 'report' | 'uploadEvidence' | 'confirm' | 'reject' | 'requestReplan' | 'approveReplan' | 'editPlan';

export const NODE_ACTION_LABELS: Record<NodeAction, string> = {
  report: '填报进度',
  uploadEvidence: '上传佐证',
  confirm: '确认',
  reject: '退回',
  requestReplan: '申请调整计划',
  approveReplan: '审批调整',
  editPlan: '编辑计划',
};

const isOpen = (node: NodeItemFragment) => node.status !== 'DONE' && node.status !== 'SKIPPED';

/**
 * The actions to offer on a node. The API's `viewerCan` decides who may act; the node's
 * state decides whether there is anything to act on (nothing to confirm without a report,
 * nothing to approve without a pending request).
 */
export function nodeActions(node: NodeItemFragment): NodeAction[] {
  const can = node.viewerCan;
  const awaitingConfirmation = node.pendingReport !== null && node.pendingReport !== undefined;
  const unconfirmedDone = node.status === 'DONE' && !node.confirmedAt;
  const actions: NodeAction[] = [];
  if (can.report) actions.push('report');
  if (can.uploadEvidence) actions.push('uploadEvidence');
  if (can.confirm && (awaitingConfirmation || unconfirmedDone)) actions.push('confirm');
  if (can.confirm && awaitingConfirmation) actions.push('reject');
  if (can.requestReplan && isOpen(node) && !pendingReplan(node)) actions.push('requestReplan');
  if (can.approveReplan && pendingReplan(node)) actions.push('approveReplan');
  if (can.editPlan) actions.push('editPlan');
  return actions;
}

export function pendingReplan(node: NodeItemFragment) {
  return node.replanRequests.find((r) => r.status === 'PENDING') ?? null;
}
