import type { Plain } from '../../lib/records.js';
import type { NodeDoc, ProjectDoc } from './model.js';

export type ProjectRecord = Plain<ProjectDoc>;
export type NodeRecord = Plain<NodeDoc>;
export type NodeReportRecord = NonNullable<NodeRecord['pendingReport']>;
export type EvidenceRecord = NodeRecord['evidence'][number];
export type ReplanRecord = NodeRecord['replans'][number];
export interface DuplicateRecord {
  projectId: string;
  status: 'SUSPECTED' | 'CONFIRMED' | 'DISMISSED';
}
export interface OverdueNodeRecord {
  node: NodeRecord;
  overdueDays: number;
  light: 'GREEN' | 'YELLOW' | 'RED';
}

/** A page of projects; the total is counted only when asked for. */
export interface ProjectConnectionRecord {
  nodes: ProjectRecord[];
  edges: { node: ProjectRecord; cursor: string }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  totalCount: () => Promise<number>;
}
