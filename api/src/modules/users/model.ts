import { model, ObjectId, Schema, schemaOptions } from '../../lib/mongoose.js';

export const ROLES = ['PROMOTION', 'UNIT', 'OWNER', 'LEADER', 'ADMIN'] as const;
export type Role = (typeof ROLES)[number];

export interface UserDoc {
  _id: import('mongoose').Types.ObjectId;
  username: string;
  displayName: string;
  passwordHash: string;
  role: Role;
  unitId?: import('mongoose').Types.ObjectId | null;
  platformId?: import('mongoose').Types.ObjectId | null;
  phone?: string | null;
  email?: string | null;
  active: boolean;
  /** Recent failed login instants (trimmed to the lockout window). */
  failedLogins: Date[];
  lockedUntil?: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

const userSchema = new Schema<UserDoc>(
  {
    username: { type: String, required: true, unique: true, trim: true, lowercase: true, maxlength: 64 },
    displayName: { type: String, required: true, maxlength: 64 },
    passwordHash: { type: String, required: true },
    role: { type: String, enum: ROLES, required: true },
    unitId: { type: ObjectId, ref: 'Unit', default: null },
    platformId: { type: ObjectId, ref: 'Platform', default: null },
    phone: { type: String, default: null },
    email: { type: String, default: null },
    active: { type: Boolean, default: true },
    failedLogins: { type: [Date], default: [] },
    lockedUntil: { type: Date, default: null },
  },
  schemaOptions('users'),
);
userSchema.index({ role: 1, unitId: 1 });
userSchema.index({ unitId: 1 });

export const UserModel = model<UserDoc>('User', userSchema);
