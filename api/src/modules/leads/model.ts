import type { Types } from 'mongoose';
import { model, ObjectId, Schema, schemaOptions } from '../../lib/mongoose.js';
import { SOURCES } from '../projects/model.js';

export interface FollowUpDoc {
  _id: Types.ObjectId;
  date: string;
  kind: 'PHONE' | 'VISIT' | 'RECEPTION' | 'MEETING';
  summary: string;
  nextStep: string | null;
  nextDate: string | null;
  by: Types.ObjectId;
  createdAt: Date;
}
export interface LeadDoc {
  _id: Types.ObjectId;
  name: string;
  investor: string;
  uscc: string | null;
  industryCode: string | null;
  chainId: Types.ObjectId | null;
  source: (typeof SOURCES)[number];
  platformId: Types.ObjectId | null;
  estimatedInvestment: number | null;
  contactName: string | null;
  contactPhone: string | null;
  status: 'NEW' | 'NEGOTIATING' | 'SIGNED' | 'DROPPED';
  ownerId: Types.ObjectId;
  followUps: FollowUpDoc[];
  lastFollowUpOn: string | null;
  nextFollowUpOn: string | null;
  projectId: Types.ObjectId | null;
  dropReason: string | null;
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

const followUpSchema = new Schema<FollowUpDoc>(
  {
    date: { type: String, required: true },
    kind: { type: String, enum: ['PHONE', 'VISIT', 'RECEPTION', 'MEETING'], required: true },
    summary: { type: String, required: true, maxlength: 2000 },
    nextStep: { type: String, default: null, maxlength: 500 },
    nextDate: { type: String, default: null },
    by: { type: ObjectId, required: true },
    createdAt: { type: Date, default: () => new Date() },
  },
  { _id: true },
);
const leadSchema = new Schema<LeadDoc>(
  {
    name: { type: String, required: true, maxlength: 128 },
    investor: { type: String, required: true, maxlength: 128 },
    uscc: { type: String, default: null },
    industryCode: { type: String, default: null },
    chainId: { type: ObjectId, default: null },
    source: { type: String, enum: SOURCES, required: true },
    platformId: { type: ObjectId, default: null },
    estimatedInvestment: { type: Number, default: null },
    contactName: { type: String, default: null, maxlength: 64 },
    contactPhone: { type: String, default: null, maxlength: 32 },
    status: { type: String, enum: ['NEW', 'NEGOTIATING', 'SIGNED', 'DROPPED'], default: 'NEW' },
    ownerId: { type: ObjectId, required: true },
    followUps: { type: [followUpSchema], default: [] },
    lastFollowUpOn: { type: String, default: null },
    nextFollowUpOn: { type: String, default: null },
    projectId: { type: ObjectId, default: null },
    dropReason: { type: String, default: null },
    version: { type: Number, default: 0 },
  },
  schemaOptions('leads'),
);
leadSchema.index({ ownerId: 1, status: 1 });
leadSchema.index({ status: 1, lastFollowUpOn: 1 });
leadSchema.index({ platformId: 1, status: 1 });
leadSchema.index({ createdAt: -1, _id: 1 });

export const LeadModel = model<LeadDoc>('Lead', leadSchema);
