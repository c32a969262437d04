/**
 * 批示: a leader's instruction on a project (optionally on one of its 督办 problems, whose
 * timeline then shows it). The units named are notified (the notifications module registers
 * `onInstruction`) in the same transaction.
 */
import { trusted } from 'mongoose';
import { Checks } from '../../lib/checks.js';
import { DomainError, userError } from '../../graphql/errors.js';
import { isId, oid, toPlain } from '../../lib/records.js';
import { inTransaction, type Tx } from '../../lib/tx.js';
import type { Context } from '../../context.js';
import { canWriteInstruction } from '../../auth/policy.js';
import { audit } from '../audit/service.js';
import { UnitModel } from '../org/model.js';
import { getProject } from '../projects/repository.js';
import { appendTimeline, getProblem } from '../problems/repository.js';
import { InstructionModel, type InstructionDoc } from './model.js';
import type { InstructionRecord } from './types.js';

type Notify = (ctx: Context, tx: Tx, instruction: InstructionRecord, projectName: string) => Promise<void>;
let notifyUnits: Notify | null = null;
/** The notifications module registers how units hear about a new instruction. */
export function onInstruction(fn: Notify): void {
  notifyUnits = fn;
}

export async function writeInstruction(ctx: Context, input: { projectId: string; problemId?: string | null; content: string; unitIds: string[] }): Promise<InstructionRecord> {
  if (!canWriteInstruction(ctx.viewer)) throw new DomainError(userError('FORBIDDEN', '只有领导可以作出批示'));
  const c = new Checks();
  const content = c.text('content', input.content, '批示内容', { required: true, max: 2000 });
  const project = isId(input.projectId) ? await getProject(input.projectId) : null;
  if (!project) c.add('projectId', '项目不存在', 'NOT_FOUND');
  // A 批示 on a problem must name a problem of the same project.
  const problem = input.problemId != null && isId(input.problemId) ? await getProblem(input.problemId) : null;
  if (input.problemId != null && (!problem || (project && problem.projectId !== project.id))) c.add('problemId', '督办问题不存在或不属于该项目', 'NOT_FOUND');
  const unitIds = [...new Set(input.unitIds)];
  if (!unitIds.length) c.add('unitIds', '请选择批示送达的责任单位');
  if (unitIds.some((u) => !isId(u)) || (await UnitModel.countDocuments({ _id: trusted({ $in: unitIds.filter(isId).map(oid) }) })) !== unitIds.length) {
    c.add('unitIds', '责任单位不存在', 'NOT_FOUND');
  }
  c.throwIfAny();
  return inTransaction(async (tx) => {
    const [doc] = await InstructionModel.create(
      [{ projectId: oid(project!.id), problemId: input.problemId ? oid(input.problemId) : null, content: content!, leaderId: oid(ctx.viewer!.userId), unitIds: unitIds.map(oid) }],
      { session: tx },
    );
    const rec = toPlain(doc.toObject() as InstructionDoc) as InstructionRecord;
    await audit(ctx, tx, { action: 'instruction.create', targetType: 'Instruction', targetId: rec.id, projectId: project!.id, after: { content, unitIds, problemId: rec.problemId } });
    if (problem) {
      const step = { action: 'INSTRUCTION' as const, fromStatus: null, toStatus: null, by: oid(ctx.viewer!.userId), role: ctx.viewer!.role, note: content!, internal: true, at: rec.createdAt };
      await appendTimeline(problem.id, step, tx);
    }
    if (notifyUnits) await notifyUnits(ctx, tx, rec, project!.name);
    return rec;
  });
}
