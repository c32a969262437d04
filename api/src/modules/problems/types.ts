import type { Plain } from '../../lib/records.js';
import type { ProblemDoc } from './model.js';

export type ProblemRecord = Plain<ProblemDoc>;
export type ProblemTimelineRecord = ProblemRecord['timeline'][number];
export type ProblemEscalationRecord = NonNullable<ProblemRecord['escalation']>;

/** A page of problems, with the total counted only when asked for. */
export interface ProblemConnectionRecord {
  nodes: ProblemRecord[];
  edges: { node: ProblemRecord; cursor: string }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  totalCount: () => Promise<number>;
}
