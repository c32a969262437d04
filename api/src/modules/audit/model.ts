import type { Types } from 'mongoose';
import { model, ObjectId, Schema } from '../../lib/mongoose.js';

/** Append-only: every change, who made it, before and after. */
export interface AuditDoc {
  _id: Types.ObjectId;
  at: Date;
  actorId: Types.ObjectId | null;
  actorRole: string | null;
  action: string;
  targetType: string;
  targetId: Types.ObjectId;
  projectId: Types.ObjectId | null;
  before: unknown;
  after: unknown;
  requestId: string | null;
}

const auditSchema = new Schema<AuditDoc>(
  {
    at: { type: Date, required: true },
    actorId: { type: ObjectId, default: null },
    actorRole: { type: String, default: null },
    action: { type: String, required: true },
    targetType: { type: String, required: true },
    targetId: { type: ObjectId, required: true },
    projectId: { type: ObjectId, default: null },
    before: { type: Schema.Types.Mixed, default: null },
    after: { type: Schema.Types.Mixed, default: null },
    requestId: { type: String, default: null },
  },
  { collection: 'audit', versionKey: false, strict: 'throw' },
);
auditSchema.index({ projectId: 1, at: -1, _id: -1 });
auditSchema.index({ targetId: 1, at: -1 });
auditSchema.index({ requestId: 1 });

export const AuditModel = model<AuditDoc>('Audit', auditSchema);
