import type { Plain } from '../../lib/records.js';
import type { AgreementFlags } from '../../domain/agreements.js';
import type { AgreementDoc, RectificationDoc, ReviewDoc, ReviewResultDoc } from './model.js';

export type AgreementRecord = Plain<AgreementDoc>;
export type ReviewRecord = Plain<ReviewDoc>;
export type ReviewResultRecord = Plain<ReviewResultDoc>;
export type RectificationRecord = Plain<RectificationDoc>;

export interface AgreementFlagsRecord extends AgreementFlags {
  nextReviewDueOn: string | null;
}

export interface AgreementConnectionRecord {
  nodes: AgreementRecord[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  totalCount: number;
}
