import type { Types } from 'mongoose';
import { model, ObjectId, Schema, schemaOptions } from '../../lib/mongoose.js';

/** 批示: a leader's instruction on a project (optionally on one of its problems). */
export interface InstructionDoc {
  _id: Types.ObjectId;
  projectId: Types.ObjectId;
  problemId: Types.ObjectId | null;
  content: string;
  leaderId: Types.ObjectId;
  unitIds: Types.ObjectId[];
  createdAt: Date;
  updatedAt: Date;
}

const instructionSchema = new Schema<InstructionDoc>(
  {
    projectId: { type: ObjectId, required: true },
    problemId: { type: ObjectId, default: null },
    content: { type: String, required: true, maxlength: 2000 },
    leaderId: { type: ObjectId, required: true },
    unitIds: { type: [ObjectId], default: [] },
  },
  schemaOptions('instructions'),
);
instructionSchema.index({ projectId: 1, createdAt: -1 });
instructionSchema.index({ problemId: 1 });

export const InstructionModel = model<InstructionDoc>('Instruction', instructionSchema);
