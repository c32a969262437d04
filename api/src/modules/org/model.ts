import type { Types } from 'mongoose';
import { model, ObjectId, Schema, schemaOptions } from '../../lib/mongoose.js';

export interface PlatformDoc {
  _id: Types.ObjectId;
  name: string;
  kind: 'ZONE' | 'STREET';
}
export interface UnitDoc {
  _id: Types.ObjectId;
  name: string;
  kind: 'DEPARTMENT' | 'PLATFORM';
  platformId?: Types.ObjectId | null;
}
export interface ChainDoc {
  _id: Types.ObjectId;
  code: string;
  name: string;
}
export interface LiaisonLeaderDoc {
  _id: Types.ObjectId;
  name: string;
  title: string;
  phone?: string | null;
}

const platformSchema = new Schema<PlatformDoc>(
  { name: { type: String, required: true, unique: true, maxlength: 64 }, kind: { type: String, enum: ['ZONE', 'STREET'], required: true } },
  schemaOptions('platforms'),
);
const unitSchema = new Schema<UnitDoc>(
  {
    name: { type: String, required: true, unique: true, maxlength: 64 },
    kind: { type: String, enum: ['DEPARTMENT', 'PLATFORM'], required: true },
    platformId: { type: ObjectId, default: null },
  },
  schemaOptions('units'),
);
unitSchema.index({ platformId: 1 });
const chainSchema = new Schema<ChainDoc>(
  { code: { type: String, required: true, unique: true }, name: { type: String, required: true } },
  schemaOptions('industryChains'),
);
const leaderSchema = new Schema<LiaisonLeaderDoc>(
  { name: { type: String, required: true, maxlength: 32 }, title: { type: String, required: true, maxlength: 64 }, phone: { type: String, default: null } },
  schemaOptions('liaisonLeaders'),
);

export const PlatformModel = model<PlatformDoc>('Platform', platformSchema);
export const UnitModel = model<UnitDoc>('Unit', unitSchema);
export const ChainModel = model<ChainDoc>('IndustryChain', chainSchema);
export const LiaisonLeaderModel = model<LiaisonLeaderDoc>('LiaisonLeader', leaderSchema);
