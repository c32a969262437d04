/**
 * How other modules' events reach people. A leader's 批示 notifies the staff of the units it
 * names, in the instruction's own transaction (so a rolled-back 批示 notifies nobody), and
 * goes to those units' robot groups and the district's.
 */
import type { Tx } from '../../lib/tx.js';
import { oid } from '../../lib/records.js';
import type { Context } from '../../context.js';
import { onInstruction } from '../instructions/service.js';
import type { InstructionRecord } from '../instructions/types.js';
import { UserModel } from '../users/model.js';
import { notifyUsers, usersOfUnits } from './service.js';
import { enqueueWebhooks } from './webhooks/outbox.js';

export async function notifyInstruction(ctx: Pick<Context, 'viewer'>, tx: Tx, i: InstructionRecord, projectName: string): Promise<void> {
  const leader = (await UserModel.findById(oid(i.leaderId), { displayName: 1 }).session(tx).lean()) as { displayName: string } | null;
  const who = leader?.displayName ?? '领导';
  const title = `领导批示：${projectName}`;
  const body = `${who}${i.problemId ? '就督办问题' : ''}批示：${i.content}`;
  const recipients = (await usersOfUnits(i.unitIds, tx)).filter((u) => u !== ctx.viewer?.userId);
  await notifyUsers(tx, recipients, { kind: 'INSTRUCTION', title, body, projectId: i.projectId, problemId: i.problemId }, { at: i.createdAt });
  await enqueueWebhooks(tx, { unitIds: i.unitIds, global: true }, { key: `instruction:${i.id}`, title, text: `### ${title}\n\n${body}` }, i.createdAt);
}

let installed = false;
/** Registers the hooks once per process (the schema may be built more than once in tests). */
export function installNotificationHooks(): void {
  if (installed) return;
  installed = true;
  onInstruction(notifyInstruction);
}
