/**
 * 赛马 records. Month-end snapshots (月监测) and published quarterly scores (季评价) are
 * immutable: written once per month/quarter and scope (unique indexes), never updated. The
 * scoring configuration (weights, targets per scope kind, penalties) is data that ADMIN edits;
 * a published score keeps the configuration it was computed with.
 */
import type { Types } from 'mongoose';
import type { RaceConfig } from '../../domain/race.js';
import { model, ObjectId, Schema, schemaOptions } from '../../lib/mongoose.js';

export const RACE_SCOPE_KINDS = ['PLATFORM', 'UNIT'] as const;
export type RaceScopeKind = (typeof RACE_SCOPE_KINDS)[number];

export interface SnapshotFiguresDoc {
  signings: number;
  signingsYtd: number;
  tiers: { key: string; month: number; ytd: number }[];
  landed: number;
  landedYtd: number;
  started: number;
  startedYtd: number;
  overdueNodes: number;
  redNodes: number;
  /** Null when no 督办 problems were tracked yet (the collection did not exist). */
  overdueProblems: number | null;
}

export interface RaceSnapshotDoc extends SnapshotFiguresDoc {
  _id: Types.ObjectId;
  /** 'YYYY-MM'. */
  month: string;
  monthEnd: string;
  scopeKind: RaceScopeKind;
  scopeId: Types.ObjectId;
  /** The scope's name when the snapshot was taken. */
  scopeName: string;
  takenAt: Date;
}

export interface RaceIndicatorDoc {
  code: string;
  name: string;
  weight: number;
  /** Annual target per platform / per unit, unless a target of that scope is set. */
  platformTarget: number;
  unitTarget: number;
}

/** The domain's scoring settings (caps, penalties, weights) as stored, versioned. */
export interface RaceConfigDoc extends Omit<RaceConfig, 'indicators'> {
  _id: string;
  indicators: RaceIndicatorDoc[];
  version: number;
  updatedAt?: Date;
}

export interface ScorePartDoc {
  code: string;
  name: string;
  weight: number;
  actual: number;
  target: number;
  ratio: number;
  weighted: number;
}

export interface RaceScoreDoc {
  _id: Types.ObjectId;
  year: number;
  quarter: number;
  scopeKind: RaceScopeKind;
  scopeId: Types.ObjectId;
  scopeName: string;
  score: number;
  rank: number;
  parts: ScorePartDoc[];
  overdueNodes: number;
  overduePenalty: number;
  penalisedRecords: number;
  recordPenalty: number;
  asOf: string;
  config: Omit<RaceConfigDoc, '_id' | 'version' | 'updatedAt'>;
  publishedAt: Date;
  publishedBy: Types.ObjectId;
}

const snapshotSchema = new Schema<RaceSnapshotDoc>(
  {
    month: { type: String, required: true },
    monthEnd: { type: String, required: true },
    scopeKind: { type: String, enum: RACE_SCOPE_KINDS, required: true },
    scopeId: { type: ObjectId, required: true },
    scopeName: { type: String, required: true },
    signings: Number,
    signingsYtd: Number,
    tiers: { type: [new Schema({ key: String, month: Number, ytd: Number }, { _id: false })], default: [] },
    landed: Number,
    landedYtd: Number,
    started: Number,
    startedYtd: Number,
    overdueNodes: Number,
    redNodes: Number,
    overdueProblems: { type: Number, default: null },
    takenAt: { type: Date, required: true },
  },
  schemaOptions('raceSnapshots', { timestamps: false }),
);
// One snapshot per month and scope: a second run of the month-end job inserts nothing.
snapshotSchema.index({ month: 1, scopeKind: 1, scopeId: 1 }, { unique: true });

const indicatorSchema = new Schema<RaceIndicatorDoc>(
  { code: String, name: String, weight: Number, platformTarget: Number, unitTarget: Number },
  { _id: false },
);
// The configuration itself is one document of the raw `raceConfig` collection (see config.ts);
// published scores embed the configuration they used.
const configFields = {
  indicators: { type: [indicatorSchema], default: [] },
  cap: Number,
  overdueNodeDays: Number,
  overdueNodePenalty: Number,
  recordPenalty: Number,
  quarterWeight: Number,
  yearEndWeight: Number,
};

const scoreSchema = new Schema<RaceScoreDoc>(
  {
    year: { type: Number, required: true },
    quarter: { type: Number, required: true },
    scopeKind: { type: String, enum: RACE_SCOPE_KINDS, required: true },
    scopeId: { type: ObjectId, required: true },
    scopeName: { type: String, required: true },
    score: Number,
    rank: Number,
    parts: { type: [new Schema({ code: String, name: String, weight: Number, actual: Number, target: Number, ratio: Number, weighted: Number }, { _id: false })], default: [] },
    overdueNodes: Number,
    overduePenalty: Number,
    penalisedRecords: Number,
    recordPenalty: Number,
    asOf: String,
    config: { type: new Schema(configFields, { _id: false }) },
    publishedAt: { type: Date, required: true },
    publishedBy: { type: ObjectId, required: true },
  },
  schemaOptions('raceScores', { timestamps: false }),
);
scoreSchema.index({ year: 1, quarter: 1, scopeKind: 1, scopeId: 1 }, { unique: true });

export const RaceSnapshotModel = model<RaceSnapshotDoc>('RaceSnapshot', snapshotSchema);
export const RaceScoreModel = model<RaceScoreDoc>('RaceScore', scoreSchema);
