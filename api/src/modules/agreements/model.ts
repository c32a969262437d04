/**
 * 履约监管 agreements (incl. 标准地 投资建设协议): the commitments, the capacity reviews held
 * against them (达产复核, then yearly 亩均 evaluations) and the 整改 items a failed review opens.
 * Reviews and rectifications are embedded: an agreement has a handful, they are always read
 * with it, and a review and the rectification it opens must commit together.
 */
import type { Types } from 'mongoose';
import { model, ObjectId, Schema, schemaOptions } from '../../lib/mongoose.js';
import { evidenceListField, type EvidenceRefDoc } from '../files/model.js';

/** Per-mu commitments in the units of domain/agreements AGREEMENT_INDICATORS; null = not committed. */
export interface CommitmentsDoc {
  taxPerMu: number | null;
  outputPerMu: number | null;
  valueAddedPerMu: number | null;
  energyPerValueAdded: number | null;
  rdRatio: number | null;
}

/** What a review measured; fixed-asset investment in yuan (intensity derives from it). */
export interface ActualsDoc extends CommitmentsDoc {
  fixedAssetInvestment: number | null;
}

export interface ReviewResultDoc {
  code: string;
  committed: number;
  actual: number | null;
  threshold: number;
  passed: boolean;
}

export interface ReviewDoc {
  _id: Types.ObjectId;
  kind: 'CAPACITY' | 'ANNUAL';
  period: string;
  dueOn: string;
  reviewedOn: string | null;
  actuals: ActualsDoc | null;
  results: ReviewResultDoc[];
  passed: boolean | null;
  tolerance: number | null;
  note: string | null;
  by: Types.ObjectId | null;
  at: Date | null;
}

export interface RectificationDoc {
  _id: Types.ObjectId;
  reviewId: Types.ObjectId;
  openedOn: string;
  dueOn: string;
  issues: string;
  closedOn: string | null;
  closingNote: string | null;
  evidence: EvidenceRefDoc[];
  closedBy: Types.ObjectId | null;
  closedAt: Date | null;
}

export interface AgreementDoc {
  _id: Types.ObjectId;
  projectId: Types.ObjectId;
  title: string;
  signedOn: string;
  landAreaMu: number;
  fixedAssetInvestment: number;
  commitments: CommitmentsDoc;
  committedStartOn: string | null;
  committedCompletionOn: string | null;
  committedCapacityOn: string | null;
  reviews: ReviewDoc[];
  rectifications: RectificationDoc[];
  createdBy: Types.ObjectId;
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

const commitmentFields = {
  taxPerMu: { type: Number, default: null },
  outputPerMu: { type: Number, default: null },
  valueAddedPerMu: { type: Number, default: null },
  energyPerValueAdded: { type: Number, default: null },
  rdRatio: { type: Number, default: null },
};

const reviewSchema = new Schema<ReviewDoc>({
  kind: { type: String, enum: ['CAPACITY', 'ANNUAL'], required: true },
  period: { type: String, required: true, maxlength: 64 },
  dueOn: { type: String, required: true },
  reviewedOn: { type: String, default: null },
  actuals: { type: new Schema({ ...commitmentFields, fixedAssetInvestment: { type: Number, default: null } }, { _id: false }), default: null },
  results: { type: [new Schema({ code: String, committed: Number, actual: Number, threshold: Number, passed: Boolean }, { _id: false })], default: [] },
  passed: { type: Boolean, default: null },
  tolerance: { type: Number, default: null },
  note: { type: String, default: null, maxlength: 2000 },
  by: { type: ObjectId, default: null },
  at: { type: Date, default: null },
});

const rectificationSchema = new Schema<RectificationDoc>({
  reviewId: { type: ObjectId, required: true },
  openedOn: { type: String, required: true },
  dueOn: { type: String, required: true },
  issues: { type: String, required: true, maxlength: 2000 },
  closedOn: { type: String, default: null },
  closingNote: { type: String, default: null, maxlength: 2000 },
  evidence: evidenceListField(),
  closedBy: { type: ObjectId, default: null },
  closedAt: { type: Date, default: null },
});

const agreementSchema = new Schema<AgreementDoc>(
  {
    projectId: { type: ObjectId, required: true },
    title: { type: String, required: true, maxlength: 128 },
    signedOn: { type: String, required: true },
    landAreaMu: { type: Number, required: true },
    fixedAssetInvestment: { type: Number, required: true },
    commitments: { type: new Schema(commitmentFields, { _id: false }), required: true },
    committedStartOn: { type: String, default: null },
    committedCompletionOn: { type: String, default: null },
    committedCapacityOn: { type: String, default: null },
    reviews: { type: [reviewSchema], default: [] },
    rectifications: { type: [rectificationSchema], default: [] },
    createdBy: { type: ObjectId, required: true },
    version: { type: Number, default: 0 },
  },
  schemaOptions('agreements'),
);
agreementSchema.index({ projectId: 1, _id: 1 });
// Evidence downloads resolve a rectification id to its project.
agreementSchema.index({ 'rectifications._id': 1 });

export const AgreementModel = model<AgreementDoc>('Agreement', agreementSchema);
