/**
 * Group-robot webhooks (DingTalk / 浙政钉 format) and their outbox. A webhook belongs to one
 * unit (its group hears that unit's reminders and problems) or is global (the district's group:
 * 批示, escalations, summaries). Messages are written to the outbox in the transaction of the
 * change that caused them and sent later by the job runner, so a slow or failing robot never
 * holds up a request, and a rolled-back change sends nothing.
 */
import type { Types } from 'mongoose';
import { model, ObjectId, Schema, schemaOptions } from '../../../lib/mongoose.js';

export interface WebhookDoc {
  _id: Types.ObjectId;
  name: string;
  /** The robot's URL including its access_token (a credential: never shown in full). */
  url: string;
  /** The robot's signing secret (加签, "SEC…"); null when the robot uses keywords/IPs instead. */
  secret: string | null;
  /** Null: global. */
  unitId: Types.ObjectId | null;
  enabled: boolean;
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

export const OUTBOX_STATUSES = ['PENDING', 'SENT', 'FAILED'] as const;
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];

export interface OutboxDoc {
  _id: Types.ObjectId;
  webhookId: Types.ObjectId;
  /** Unique: the same message for the same webhook is queued once. */
  key: string;
  title: string;
  text: string;
  status: OutboxStatus;
  attempts: number;
  /** When the row may next be tried; pushed forward while a sender holds it (a claim). */
  nextAttemptAt: Date;
  lastError: string | null;
  sentAt: Date | null;
  createdAt: Date;
}

const webhookSchema = new Schema<WebhookDoc>(
  {
    name: { type: String, required: true, maxlength: 64 },
    // Room for the sealed form (lib/sealed.ts: ~4/3 of the text plus 38 characters); the service
    // limits what an administrator enters to 1,000 and 200 characters.
    url: { type: String, required: true, maxlength: 1500 },
    secret: { type: String, default: null, maxlength: 400 },
    unitId: { type: ObjectId, default: null },
    enabled: { type: Boolean, default: true },
    version: { type: Number, default: 0 },
  },
  schemaOptions('webhooks'),
);
webhookSchema.index({ unitId: 1 });

const outboxSchema = new Schema<OutboxDoc>(
  {
    webhookId: { type: ObjectId, required: true },
    key: { type: String, required: true },
    title: { type: String, required: true },
    text: { type: String, required: true },
    status: { type: String, enum: OUTBOX_STATUSES, default: 'PENDING' },
    attempts: { type: Number, default: 0 },
    nextAttemptAt: { type: Date, required: true },
    lastError: { type: String, default: null },
    sentAt: { type: Date, default: null },
    createdAt: { type: Date, required: true },
  },
  schemaOptions('webhookOutbox', { timestamps: false }),
);
outboxSchema.index({ key: 1 }, { unique: true });
outboxSchema.index({ status: 1, nextAttemptAt: 1 });
outboxSchema.index({ webhookId: 1, createdAt: -1 });
// Sent messages are kept a month for the administrator, then dropped; failed ones stay.
outboxSchema.index({ sentAt: 1 }, { expireAfterSeconds: 30 * 86_400 });

export const WebhookModel = model<WebhookDoc>('Webhook', webhookSchema);
export const OutboxModel = model<OutboxDoc>('WebhookOutbox', outboxSchema);
