/**
 * The one place where stored project/node records become the domain's dated facts. Stage,
 * lights, delays and tiers are always computed from these facts (../../domain), never read
 * back from stored copies; the few stored copies (project.stage, project.tiers, node.closedOn,
 * project.unitIds, project.openDue) exist only to filter by index and are recomputed by
 * `projectIndexFields`.
 */
import { deriveStage, type GateStage, type Stage } from '../../domain/lifecycle.js';
import { nodeDelay, projectLight, type Light, type NodeDelay, type NodeDelayFacts } from '../../domain/lights.js';
import { deriveTiers, type Tier } from '../../domain/tiers.js';
import { toCalendarDate, today } from '../../domain/dates.js';
import type { Settings } from '../settings/service.js';
import type { ProblemTimingFacts } from '../../domain/problems.js';
import type { NodeRecord, ProjectRecord } from './types.js';

export function asOfOrToday(asOf: string | null | undefined): string {
  return asOf ?? today();
}

export function nodeFacts(n: Pick<NodeRecord, 'status' | 'actualDate' | 'plannedDate' | 'baselineDate' | 'replans' | 'closedOn'>): NodeDelayFacts {
  return {
    status: n.status,
    actualDate: n.actualDate,
    plannedDate: n.plannedDate,
    baselinePlannedDate: n.baselineDate,
    skippedOn: n.status === 'SKIPPED' ? n.closedOn : null,
    replans: n.replans
      .filter((r) => r.status === 'APPROVED' && r.decidedAt)
      .map((r) => ({ approvedOn: toCalendarDate(r.decidedAt!), plannedDate: r.toDate })),
  };
}

/** Each field of a node asks for its delay; compute it once per node, date and settings. */
const delays = new WeakMap<NodeRecord, { asOf: string; s: Settings; delay: NodeDelay }>();

export function delayOf(n: NodeRecord, asOf: string, s: Settings): NodeDelay {
  const hit = delays.get(n);
  if (hit && hit.asOf === asOf && hit.s === s) return hit.delay;
  const delay = nodeDelay(nodeFacts(n), asOf, s.lights);
  delays.set(n, { asOf, s, delay });
  return delay;
}

export function stageOf(p: Pick<ProjectRecord, 'terminated' | 'gates' | 'signedOn'>, asOf: string): Stage {
  const nodes = p.gates.map((g) => ({ gate: g.stage as GateStage, status: 'DONE' as const, actualDate: g.actualDate }));
  return deriveStage(
    { leadStatus: 'NEGOTIATING', terminal: p.terminated ? { stage: 'TERMINATED', on: p.terminated.on } : null },
    nodes,
    asOf,
  );
}

export function lightOf(p: ProjectRecord, nodes: NodeRecord[], asOf: string, s: Settings, problems: ProblemTimingFacts[] = []): Light | null {
  return projectLight(
    {
      signedOn: p.signedOn,
      endedOn: p.terminated?.on ?? null,
      nodes: nodes.map(nodeFacts),
      problems,
    },
    asOf,
    s.lights,
  );
}

export function tiersOf(p: Pick<ProjectRecord, 'totalInvestment' | 'foreignInvestment'>, s: Settings): Tier[] {
  return deriveTiers({ totalInvestmentYuan: p.totalInvestment, foreign: p.foreignInvestment }, s.tiers);
}

/**
 * The earliest planned date among the nodes not closed (null when all are closed): a project
 * has an open node due on or before X today exactly when openDue <= X, which is what today's
 * RED and YELLOW filters ask (queries.ts). Past dates still ask the nodes themselves.
 */
export function openDueOf(nodes: Pick<NodeRecord, 'plannedDate' | 'closedOn'>[]): string | null {
  let due: string | null = null;
  for (const n of nodes) if (n.closedOn === null && (due === null || n.plannedDate < due)) due = n.plannedDate;
  return due;
}

/** Index-only copies derived from the facts (see file comment). */
export function projectIndexFields(
  p: Pick<ProjectRecord, 'totalInvestment' | 'foreignInvestment' | 'terminated' | 'signedOn' | 'leadUnitId'>,
  nodes: (Pick<NodeRecord, 'gate' | 'status' | 'actualDate' | 'code' | 'unitId' | 'plannedDate' | 'closedOn'> & { doneRecordedOn?: string | null })[],
  s: Settings,
) {
  const gates = nodes
    .filter((n) => n.gate && n.status === 'DONE' && n.actualDate)
    .map((n) => ({ code: n.code, stage: n.gate!, actualDate: n.actualDate!, recordedOn: n.doneRecordedOn ?? null }));
  const unitIds = [...new Set([p.leadUnitId, ...nodes.map((n) => n.unitId)].filter((u): u is string => !!u))];
  return {
    gates,
    stage: stageOf({ terminated: p.terminated, gates, signedOn: p.signedOn }, today()),
    tiers: tiersOf(p, s),
    unitIds,
    openDue: openDueOf(nodes),
  };
}
