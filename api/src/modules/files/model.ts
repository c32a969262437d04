/**
 * How a record refers to an evidence file it holds (a node, a 督办 problem, a 整改 item): the
 * GridFS file id with what was known at upload, and who attached it when. One shape and one
 * sub-schema for all three, so an evidence list reads and renders the same everywhere.
 */
import type { Types } from 'mongoose';
import { ObjectId, Schema } from '../../lib/mongoose.js';

export interface EvidenceRefDoc {
  fileId: Types.ObjectId;
  filename: string;
  contentType: string;
  size: number;
  by: Types.ObjectId;
  at: Date;
}

/** A list of evidence references (no `_id` per entry: `fileId` names it). */
export function evidenceListField() {
  return {
    type: [new Schema<EvidenceRefDoc>({ fileId: ObjectId, filename: String, contentType: String, size: Number, by: ObjectId, at: Date }, { _id: false })],
    default: [],
  };
}
