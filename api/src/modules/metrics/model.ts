/**
 * Targets are data (DOMAIN.md "Targets are data: indicator, period, scope, value"): the plan's
 * figures are preloaded and ADMIN edits them. A target applies either to each year of its period
 * (`perYear`: 落地率 40% every year, 15 chain projects a year) or to the period as a whole
 * (`perYear: false`, counts only: 30 ≥10亿 manufacturing signings over 2021–2023).
 */
import type { Types } from 'mongoose';
import { model, ObjectId, Schema, schemaOptions } from '../../lib/mongoose.js';

export const TARGET_SCOPE_KINDS = ['DISTRICT', 'PLATFORM', 'UNIT'] as const;
export type TargetScopeKind = (typeof TARGET_SCOPE_KINDS)[number];

export interface TargetDoc {
  _id: Types.ObjectId;
  indicator: string;
  scopeKind: TargetScopeKind;
  /** Platform or unit id; null for DISTRICT. */
  scopeId: Types.ObjectId | null;
  fromYear: number;
  /** Inclusive; null = every year from fromYear on (perYear targets only). */
  toYear: number | null;
  perYear: boolean;
  /** A rate 0–1 or a count. */
  value: number;
  note: string | null;
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

const targetSchema = new Schema<TargetDoc>(
  {
    indicator: { type: String, required: true },
    scopeKind: { type: String, enum: TARGET_SCOPE_KINDS, required: true },
    scopeId: { type: ObjectId, default: null },
    fromYear: { type: Number, required: true },
    toYear: { type: Number, default: null },
    perYear: { type: Boolean, required: true },
    value: { type: Number, required: true },
    note: { type: String, default: null, maxlength: 200 },
    version: { type: Number, default: 0 },
  },
  schemaOptions('targets'),
);
// One target per indicator, scope and period.
targetSchema.index({ indicator: 1, scopeKind: 1, scopeId: 1, fromYear: 1, toYear: 1 }, { unique: true });

export const TargetModel = model<TargetDoc>('Target', targetSchema);
