/**
 * In-app notifications, one document per recipient. `key` is unique: an event's notifications
 * are keyed by the event, a daily reminder by `reminder:<date>:<user>`, so writing the same
 * notification twice (a retried job, two processes) leaves one.
 */
import type { Types } from 'mongoose';
import { model, ObjectId, Schema, schemaOptions } from '../../lib/mongoose.js';

export const NOTIFICATION_KINDS = [
  'INSTRUCTION',
  'PROBLEM_RAISED',
  'PROBLEM_ACCEPTED',
  'PROBLEM_RESPONDED',
  'PROBLEM_RESOLVED',
  'PROBLEM_SENT_BACK',
  'PROBLEM_ESCALATED',
  'PROBLEM_ASSIGNED',
  'DAILY_REMINDER',
  'WEEKLY_DIGEST',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export interface NotificationDoc {
  _id: Types.ObjectId;
  userId: Types.ObjectId;
  kind: NotificationKind;
  title: string;
  body: string;
  projectId: Types.ObjectId | null;
  problemId: Types.ObjectId | null;
  nodeId: Types.ObjectId | null;
  key: string;
  readAt: Date | null;
  createdAt: Date;
}

const notificationSchema = new Schema<NotificationDoc>(
  {
    userId: { type: ObjectId, required: true },
    kind: { type: String, enum: NOTIFICATION_KINDS, required: true },
    title: { type: String, required: true, maxlength: 200 },
    body: { type: String, required: true, maxlength: 4000 },
    projectId: { type: ObjectId, default: null },
    problemId: { type: ObjectId, default: null },
    nodeId: { type: ObjectId, default: null },
    key: { type: String, required: true },
    readAt: { type: Date, default: null },
    createdAt: { type: Date, required: true },
  },
  // createdAt is the event's instant, written explicitly (upserts must not get a second one).
  schemaOptions('notifications', { timestamps: false }),
);
notificationSchema.index({ key: 1 }, { unique: true });
notificationSchema.index({ userId: 1, createdAt: -1, _id: -1 });
notificationSchema.index({ userId: 1, readAt: 1 });

export const NotificationModel = model<NotificationDoc>('Notification', notificationSchema);
