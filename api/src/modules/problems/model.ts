/**
 * 督办 problems. One document per problem with its evidence and its timeline (a problem has a
 * handful of steps, so they live with it and are read in one go). Plan-like dates (raisedOn,
 * deadline, resolvedOn, escalatedOn) are 'YYYY-MM-DD' strings in Asia/Shanghai, the facts its
 * colour as of any date derives from (domain/problems.ts); the instants sit next to them.
 */
import type { Types } from 'mongoose';
import { model, ObjectId, Schema, schemaOptions } from '../../lib/mongoose.js';
import { evidenceListField, type EvidenceRefDoc } from '../files/model.js';
import { PROBLEM_CATEGORIES, PROBLEM_STATUSES, type ProblemCategory, type ProblemStatus } from '../../domain/problems.js';

export const TIMELINE_ACTIONS = ['RAISE', 'ACCEPT', 'RESPOND', 'RESOLVE', 'SEND_BACK', 'ESCALATE', 'ASSIGN', 'ATTACH_EVIDENCE', 'REMOVE_EVIDENCE', 'INSTRUCTION'] as const;
export type TimelineAction = (typeof TIMELINE_ACTIONS)[number];

export interface TimelineDoc {
  _id: Types.ObjectId;
  action: TimelineAction;
  fromStatus: ProblemStatus | null;
  toStatus: ProblemStatus | null;
  /** Null for the system (the reminder job). */
  by: Types.ObjectId | null;
  role: string;
  note: string | null;
  /** Hidden from OWNER (leaders' 批示, internal notes). */
  internal: boolean;
  at: Date;
}

export interface ProblemDoc {
  _id: Types.ObjectId;
  projectId: Types.ObjectId;
  category: ProblemCategory;
  title: string;
  description: string;
  raisedBy: Types.ObjectId;
  raisedByRole: string;
  raisedAt: Date;
  raisedOn: string;
  leadUnitId: Types.ObjectId;
  coUnitIds: Types.ObjectId[];
  deadline: string;
  /** Each move of the deadline (assignProblem): the day, and the deadline it replaced. */
  deadlineChanges: { on: string; from: string; to: string }[];
  status: ProblemStatus;
  response: string | null;
  respondedBy: Types.ObjectId | null;
  respondedAt: Date | null;
  resolvedBy: Types.ObjectId | null;
  resolvedAt: Date | null;
  resolvedOn: string | null;
  escalation: { reason: string; by: Types.ObjectId | null; at: Date; liaisonLeaderId: Types.ObjectId | null } | null;
  /** Day of escalation (first one): a problem is RED from then on until resolved. */
  escalatedOn: string | null;
  evidence: EvidenceRefDoc[];
  timeline: TimelineDoc[];
  internalNote: string | null;
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

const timelineSchema = new Schema({
  action: { type: String, enum: TIMELINE_ACTIONS, required: true },
  fromStatus: { type: String, default: null },
  toStatus: { type: String, default: null },
  by: { type: ObjectId, default: null },
  role: { type: String, required: true },
  note: { type: String, default: null },
  internal: { type: Boolean, default: false },
  at: { type: Date, required: true },
});

/**
 * The fields of domain/problems.ts ProblemTimingFacts, as a projection: what a problem's colour
 * and overdue state as of any date are computed from (the deadline history included).
 */
export const PROBLEM_TIMING_FIELDS = { raisedOn: 1, deadline: 1, deadlineChanges: 1, resolvedOn: 1, escalatedOn: 1 } as const;

const problemSchema = new Schema<ProblemDoc>(
  {
    projectId: { type: ObjectId, required: true },
    category: { type: String, enum: PROBLEM_CATEGORIES.map((c) => c.code), required: true },
    title: { type: String, required: true, maxlength: 100 },
    description: { type: String, required: true, maxlength: 4000 },
    raisedBy: { type: ObjectId, required: true },
    raisedByRole: { type: String, required: true },
    raisedAt: { type: Date, required: true },
    raisedOn: { type: String, required: true },
    leadUnitId: { type: ObjectId, required: true },
    coUnitIds: { type: [ObjectId], default: [] },
    deadline: { type: String, required: true },
    deadlineChanges: { type: [new Schema({ on: String, from: String, to: String }, { _id: false })], default: [] },
    status: { type: String, enum: PROBLEM_STATUSES, default: 'OPEN' },
    response: { type: String, default: null, maxlength: 4000 },
    respondedBy: { type: ObjectId, default: null },
    respondedAt: { type: Date, default: null },
    resolvedBy: { type: ObjectId, default: null },
    resolvedAt: { type: Date, default: null },
    resolvedOn: { type: String, default: null },
    escalation: {
      type: new Schema({ reason: String, by: { type: ObjectId, default: null }, at: Date, liaisonLeaderId: { type: ObjectId, default: null } }, { _id: false }),
      default: null,
    },
    escalatedOn: { type: String, default: null },
    evidence: evidenceListField(),
    timeline: { type: [timelineSchema], default: [] },
    internalNote: { type: String, default: null, maxlength: 2000 },
    version: { type: Number, default: 0 },
  },
  schemaOptions('problems'),
);
// Lists: by project, by unit, the default deadline order, open/overdue as of D, "raised by me".
problemSchema.index({ projectId: 1, raisedAt: -1 });
problemSchema.index({ leadUnitId: 1, deadline: 1 });
problemSchema.index({ coUnitIds: 1 });
problemSchema.index({ deadline: 1, _id: 1 });
problemSchema.index({ resolvedOn: 1, deadline: 1 });
problemSchema.index({ raisedBy: 1 });

export const ProblemModel = model<ProblemDoc>('Problem', problemSchema);
