/**
 * Projects and their nodes. Nodes live in their own collection (a 10,000-project district has
 * ~120,000 of them) so that overdue-node queries use an index instead of unwinding projects.
 * Plan dates are 'YYYY-MM-DD' strings (calendar dates in Asia/Shanghai): they sort and compare
 * correctly as strings and never shift with a time zone.
 */
import type { Types } from 'mongoose';
import { model, ObjectId, Schema, schemaOptions } from '../../lib/mongoose.js';
import { evidenceListField, type EvidenceRefDoc } from '../files/model.js';
import { revisionPlugin } from '../../lib/revision.js';

export const SOURCES = ['NEW_INVESTMENT', 'LISTED_COMPANY', 'MERGER', 'YANGTZE_DELTA', 'CHAIN_LEADER', 'FOREIGN', 'LOCAL_EXPANSION'] as const;
export const NODE_STATUSES = ['PENDING', 'IN_PROGRESS', 'DONE', 'SKIPPED'] as const;
export type NodeStatus = (typeof NODE_STATUSES)[number];

export interface ProjectDoc {
  _id: Types.ObjectId;
  code: string;
  name: string;
  investor: string;
  uscc: string | null;
  industryCode: string | null;
  chainId: Types.ObjectId | null;
  source: (typeof SOURCES)[number];
  platformId: Types.ObjectId;
  totalInvestment: number;
  foreignInvestment: { currency: string; amount: number; cnyRate: number; usdCnyRate: number | null } | null;
  /** Derived from the amounts (domain/tiers) whenever they change; stored only to filter by. */
  tiers: string[];
  investmentReports: { date: string; amount: number; at: Date; by: Types.ObjectId }[];
  actualInvestment: number;
  landArea: number | null;
  site: { address?: string | null; lng?: number | null; lat?: number | null } | null;
  description: string | null;
  leadUnitId: Types.ObjectId | null;
  /** Lead unit + every node's unit: the UNIT scope, kept in step by the node repository. */
  unitIds: Types.ObjectId[];
  liaisonLeaderId: Types.ObjectId | null;
  responsiblePeople: { name: string; title?: string | null; phone?: string | null }[];
  ownerUserIds: Types.ObjectId[];
  templateId: Types.ObjectId;
  landingGateCode: string;
  signedOn: string | null;
  baselineFrozen: boolean;
  /**
   * Gate codes DONE, with their actual dates: the stage for any asOf derives from these.
   * `recordedOn` copies the node's doneRecordedOn (metrics as of a past date read it here, so a
   * dashboard never loads the ~12 nodes of every project).
   */
  gates: { code: string; stage: string; actualDate: string; recordedOn?: string | null }[];
  /** Denormalised current stage for filtering; recomputed in one place when nodes change. */
  stage: string;
  /** Index-only (derive.ts): the earliest planned date of the project's open nodes; null when none is open. */
  openDue: string | null;
  terminated: { reason: string; by: Types.ObjectId; at: Date; on: string } | null;
  duplicate: { projectId: Types.ObjectId; status: 'SUSPECTED' | 'CONFIRMED' | 'DISMISSED' } | null;
  voided: boolean;
  leadId: Types.ObjectId | null;
  internalNotes: string | null;
  createdBy: Types.ObjectId;
  version: number;
  /** Incremented by every write (lib/revision.ts): what the metrics facts cache compares. */
  rev?: number;
  createdAt: Date;
  updatedAt: Date;
}

export interface NodeDoc {
  _id: Types.ObjectId;
  projectId: Types.ObjectId;
  code: string;
  name: string;
  gate: string | null;
  isLandingGate: boolean;
  order: number;
  unitId: Types.ObjectId | null;
  person: string | null;
  status: NodeStatus;
  baselineDate: string | null;
  plannedDate: string;
  actualDate: string | null;
  /** The day the node stopped being open (actual date for DONE, skip day for SKIPPED). */
  closedOn: string | null;
  /**
   * Asia/Shanghai day the DONE fact was entered (not the actual date it names). Null = history
   * known since its actual date (seeded or imported past progress). Metrics as of D ignore a
   * DONE recorded after D, so a published figure does not move when late news arrives.
   */
  doneRecordedOn: string | null;
  skipReason: string | null;
  pendingReport: { status: NodeStatus; actualDate: string | null; note: string | null; by: Types.ObjectId; at: Date } | null;
  confirmedBy: Types.ObjectId | null;
  confirmedAt: Date | null;
  evidence: EvidenceRefDoc[];
  notes: string | null;
  internalNote: string | null;
  replans: {
    _id: Types.ObjectId;
    fromDate: string;
    toDate: string;
    reason: string;
    status: 'PENDING' | 'APPROVED' | 'REJECTED';
    by: Types.ObjectId;
    at: Date;
    decidedBy: Types.ObjectId | null;
    decidedAt: Date | null;
    decisionNote: string | null;
  }[];
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

const projectSchema = new Schema<ProjectDoc>(
  {
    code: { type: String, required: true, unique: true, maxlength: 32 },
    name: { type: String, required: true, maxlength: 128 },
    investor: { type: String, required: true, maxlength: 128 },
    uscc: { type: String, default: null },
    industryCode: { type: String, default: null },
    chainId: { type: ObjectId, default: null },
    source: { type: String, enum: SOURCES, required: true },
    platformId: { type: ObjectId, required: true },
    totalInvestment: { type: Number, required: true, min: 0 },
    foreignInvestment: { type: new Schema({ currency: String, amount: Number, cnyRate: Number, usdCnyRate: Number }, { _id: false }), default: null },
    tiers: { type: [String], default: [] },
    investmentReports: { type: [new Schema({ date: String, amount: Number, at: Date, by: ObjectId }, { _id: false })], default: [] },
    actualInvestment: { type: Number, default: 0 },
    landArea: { type: Number, default: null },
    site: { type: new Schema({ address: String, lng: Number, lat: Number }, { _id: false }), default: null },
    description: { type: String, default: null, maxlength: 4000 },
    leadUnitId: { type: ObjectId, default: null },
    unitIds: { type: [ObjectId], default: [] },
    liaisonLeaderId: { type: ObjectId, default: null },
    responsiblePeople: { type: [new Schema({ name: String, title: String, phone: String }, { _id: false })], default: [] },
    ownerUserIds: { type: [ObjectId], default: [] },
    templateId: { type: ObjectId, required: true },
    landingGateCode: { type: String, required: true },
    signedOn: { type: String, default: null },
    baselineFrozen: { type: Boolean, default: false },
    gates: { type: [new Schema({ code: String, stage: String, actualDate: String, recordedOn: { type: String, default: null } }, { _id: false })], default: [] },
    stage: { type: String, required: true },
    openDue: { type: String, default: null },
    terminated: { type: new Schema({ reason: String, by: ObjectId, at: Date, on: String }, { _id: false }), default: null },
    duplicate: { type: new Schema({ projectId: ObjectId, status: String }, { _id: false }), default: null },
    voided: { type: Boolean, default: false },
    leadId: { type: ObjectId, default: null },
    internalNotes: { type: String, default: null, maxlength: 4000 },
    createdBy: { type: ObjectId, required: true },
    version: { type: Number, default: 0 },
  },
  schemaOptions('projects'),
);
projectSchema.plugin(revisionPlugin);
// One index per filter and sort the API offers (see ProjectFilter / ProjectSort).
projectSchema.index({ platformId: 1, code: 1 });
projectSchema.index({ stage: 1, code: 1 });
projectSchema.index({ totalInvestment: -1, _id: 1 });
projectSchema.index({ signedOn: -1, _id: 1 });
projectSchema.index({ updatedAt: -1, _id: 1 });
projectSchema.index({ chainId: 1 });
projectSchema.index({ unitIds: 1, code: 1 });
projectSchema.index({ liaisonLeaderId: 1 });
projectSchema.index({ ownerUserIds: 1 });
projectSchema.index({ uscc: 1, signedOn: -1 });
projectSchema.index({ source: 1 });
// Terminated projects (`terminated.on` > ''): the few that deadline lists leave out.
projectSchema.index({ 'terminated.on': 1 }, { sparse: true });
projectSchema.index({ tiers: 1, code: 1 });
// Today's light filters: a project is RED or YELLOW by its earliest open deadline.
projectSchema.index({ openDue: 1 });

const nodeSchema = new Schema<NodeDoc>(
  {
    projectId: { type: ObjectId, required: true },
    code: { type: String, required: true },
    name: { type: String, required: true },
    gate: { type: String, default: null },
    isLandingGate: { type: Boolean, default: false },
    order: { type: Number, required: true },
    unitId: { type: ObjectId, default: null },
    person: { type: String, default: null },
    status: { type: String, enum: NODE_STATUSES, default: 'PENDING' },
    baselineDate: { type: String, default: null },
    plannedDate: { type: String, required: true },
    actualDate: { type: String, default: null },
    closedOn: { type: String, default: null },
    doneRecordedOn: { type: String, default: null },
    skipReason: { type: String, default: null },
    pendingReport: {
      type: new Schema({ status: String, actualDate: String, note: String, by: ObjectId, at: Date }, { _id: false }),
      default: null,
    },
    confirmedBy: { type: ObjectId, default: null },
    confirmedAt: { type: Date, default: null },
    evidence: evidenceListField(),
    notes: { type: String, default: null, maxlength: 2000 },
    internalNote: { type: String, default: null, maxlength: 2000 },
    replans: {
      type: [
        new Schema({
          fromDate: String,
          toDate: String,
          reason: String,
          status: String,
          by: ObjectId,
          at: Date,
          decidedBy: { type: ObjectId, default: null },
          decidedAt: { type: Date, default: null },
          decisionNote: { type: String, default: null },
        }),
      ],
      default: [],
    },
    version: { type: Number, default: 0 },
  },
  schemaOptions('nodes'),
);
nodeSchema.index({ projectId: 1, order: 1 });
// Open-node deadlines: overdue and due-soon lists, lights. The lists sort by {plannedDate, _id},
// which these indexes give in full after the equality on closedOn (and unitId), so a page reads
// its own nodes and no more.
nodeSchema.index({ closedOn: 1, plannedDate: 1, _id: 1 });
nodeSchema.index({ unitId: 1, closedOn: 1, plannedDate: 1, _id: 1 });

export const ProjectModel = model<ProjectDoc>('Project', projectSchema);
export const NodeModel = model<NodeDoc>('Node', nodeSchema);
