import type { Types } from 'mongoose';
import { model, ObjectId, Schema, schemaOptions } from '../../lib/mongoose.js';

export interface TemplateItemDoc {
  code: string;
  name: string;
  gate: string | null;
  isLandingGate: boolean;
  offsetDays: number;
  /** null = the project's platform unit. */
  defaultUnitId: Types.ObjectId | null;
}
export interface TemplateDoc {
  _id: Types.ObjectId;
  key: string;
  name: string;
  version: number;
  active: boolean;
  items: TemplateItemDoc[];
  createdAt: Date;
}

const itemSchema = new Schema<TemplateItemDoc>(
  {
    code: { type: String, required: true },
    name: { type: String, required: true },
    gate: { type: String, default: null },
    isLandingGate: { type: Boolean, default: false },
    offsetDays: { type: Number, required: true, min: 0 },
    defaultUnitId: { type: ObjectId, default: null },
  },
  { _id: false },
);
const templateSchema = new Schema<TemplateDoc>(
  {
    key: { type: String, required: true },
    name: { type: String, required: true },
    version: { type: Number, required: true },
    active: { type: Boolean, default: true },
    items: { type: [itemSchema], required: true },
  },
  schemaOptions('nodeTemplates'),
);
templateSchema.index({ key: 1, version: 1 }, { unique: true });

export const TemplateModel = model<TemplateDoc>('NodeTemplate', templateSchema);
