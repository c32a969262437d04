/**
 * The request mix: what an office of promotion staff, unit staff, owners and leaders sends,
 * as the client's own GraphQL documents (client/src/gql), weighted per request. The weights
 * are a judgement of a working day (a page load asks `viewer` and the unread count; lists and
 * project pages dominate; leaders open the dashboard now and then; one request in seven
 * writes), not a measurement; change them with `--weights op=n,…`.
 *
 * Writes keep their own bookkeeping so that every one of them is valid: a node is leased by one
 * request at a time and its version is taken from the answer, so a CONFLICT or any other user
 * error in the results is a real failure, not an artefact of the generator.
 */
import {
  ConfirmNodeDocument,
  MetricsDashboardDocument,
  MyNodesDocument,
  OverdueNodesDocument,
  ProjectDocument,
  ProjectsDocument,
  ReportNodeDocument,
  UnreadNotificationCountDocument,
  ViewerDocument,
} from '../../client/src/gql/graphql.js';
import { queryText } from '../lib/gql-client.js';
import type { Plan, PlanNode } from './plan.js';

export const DEFAULT_WEIGHTS = {
  viewer: 8,
  unreadCount: 10,
  projectList: 24,
  projectDetail: 22,
  overdueNodes: 5,
  myNodes: 14,
  dashboard: 2,
  ownerReport: 6,
  ownerDone: 3,
  unitConfirm: 3,
  unitReport: 3,
};
export type OpName = keyof typeof DEFAULT_WEIGHTS;
export const OP_NAMES = Object.keys(DEFAULT_WEIGHTS) as OpName[];
export const WRITE_OPS: ReadonlySet<OpName> = new Set(['ownerReport', 'ownerDone', 'unitConfirm', 'unitReport']);

export interface BuiltRequest {
  op: OpName;
  user: number;
  body: string;
  /** The node this write leases until its answer. */
  nodeId?: string;
}

interface NodeState extends PlanNode {
  busy: boolean;
  /** Open: PENDING or IN_PROGRESS; done: DONE by its owner, waiting for the unit's confirmation. */
  state: 'open' | 'awaitingConfirm' | 'closed';
}

const STAGES = ['SIGNED', 'LANDED', 'UNDER_CONSTRUCTION', 'COMPLETED', 'IN_PRODUCTION', 'AT_CAPACITY'];
const TIERS = ['OVER_100M', 'OVER_1B', 'OVER_5B'];
const SORTS = ['CODE', 'SIGNED_ON_DESC', 'INVESTMENT_DESC', 'UPDATED_DESC'];

const Q = {
  viewer: queryText(ViewerDocument),
  unread: queryText(UnreadNotificationCountDocument),
  projects: queryText(ProjectsDocument),
  project: queryText(ProjectDocument),
  overdue: queryText(OverdueNodesDocument),
  myNodes: queryText(MyNodesDocument),
  dashboard: queryText(MetricsDashboardDocument),
  report: queryText(ReportNodeDocument),
  confirm: queryText(ConfirmNodeDocument),
};

const pick = <T>(xs: readonly T[]): T => xs[Math.floor(Math.random() * xs.length)];
const body = (query: string, variables: Record<string, unknown>) => JSON.stringify({ query, variables });

export class Mix {
  private readonly ops: OpName[];
  private readonly cumulative: number[];
  private readonly byRole = new Map<string, number[]>();
  private readonly nodes = new Map<string, NodeState>();
  private readonly ownerNodes = new Map<number, string[]>();
  private readonly unitNodes = new Map<string, string[]>();
  private readonly awaiting = new Map<string, string[]>();
  private readonly unitStaff = new Map<string, number[]>();
  /** Users with at least one project to open. */
  private readonly readers: number[];
  private seq = 0;
  /** Requests that had to fall back to a read because no node was free for the write asked. */
  fallbacks = 0;

  constructor(
    readonly plan: Plan,
    weights: Record<OpName, number>,
  ) {
    this.ops = OP_NAMES.filter((o) => weights[o] > 0);
    let acc = 0;
    this.cumulative = this.ops.map((o) => (acc += weights[o]));
    plan.users.forEach((u, i) => {
      this.byRole.set(u.role, [...(this.byRole.get(u.role) ?? []), i]);
      if (u.role === 'UNIT' && u.unitId) this.unitStaff.set(u.unitId, [...(this.unitStaff.get(u.unitId) ?? []), i]);
    });
    this.readers = plan.users.flatMap((u, i) => (u.projectIds.length ? [i] : []));
    for (const n of plan.nodes) {
      this.nodes.set(n.id, { ...n, busy: false, state: 'open' });
      if (n.owner !== null) this.ownerNodes.set(n.owner, [...(this.ownerNodes.get(n.owner) ?? []), n.id]);
      if (n.unitMayReport && n.unitId) this.unitNodes.set(n.unitId, [...(this.unitNodes.get(n.unitId) ?? []), n.id]);
    }
  }

  next(): BuiltRequest {
    const r = Math.random() * this.cumulative[this.cumulative.length - 1];
    return this.nextOf(this.ops[this.cumulative.findIndex((c) => r < c)]);
  }

  /** A request of operation `op`, or a project page when no node is free for the write asked. */
  nextOf(op: OpName): BuiltRequest {
    const built = this.build(op);
    if (built) return built;
    this.fallbacks++;
    return this.build('projectDetail')!;
  }

  private users(...roles: string[]): number[] {
    return roles.flatMap((r) => this.byRole.get(r) ?? []);
  }

  private build(op: OpName): BuiltRequest | null {
    const p = this.plan;
    switch (op) {
      case 'viewer':
        return { op, user: pick(this.users('PROMOTION', 'UNIT', 'OWNER', 'LEADER')), body: body(Q.viewer, {}) };
      case 'unreadCount':
        return { op, user: pick(this.users('PROMOTION', 'UNIT', 'OWNER', 'LEADER')), body: body(Q.unread, {}) };
      case 'projectList': {
        const user = pick(this.users('PROMOTION', 'UNIT', 'LEADER', 'OWNER'));
        const filters: Record<string, unknown>[] = [
          {},
          { stage: [pick(STAGES)] },
          { tier: [pick(TIERS)] },
          { platformId: pick(p.platformIds) },
          { chainId: pick(p.chainIds) },
          { light: ['RED'] },
          { light: ['YELLOW', 'RED'], stage: [pick(STAGES)] },
          { text: `SYN00${Math.floor(Math.random() * 100)}` },
          { text: '合成企业1' },
          { unitId: pick(p.unitIds) },
        ];
        return { op, user, body: body(Q.projects, { filter: pick(filters), sort: pick(SORTS), first: 20 }) };
      }
      case 'projectDetail': {
        const user = pick(this.readers);
        return { op, user, body: body(Q.project, { id: pick(p.users[user].projectIds) }) };
      }
      case 'overdueNodes': {
        const filters: Record<string, unknown>[] = [{}, { platformId: pick(p.platformIds) }, { tier: 'OVER_1B' }, { minDays: 30 }, { unitId: pick(p.unitIds) }];
        return { op, user: pick(this.users('LEADER', 'PROMOTION')), body: body(Q.overdue, { filter: pick(filters), first: 20 }) };
      }
      case 'myNodes':
        return { op, user: pick(this.users('OWNER', 'UNIT')), body: body(Q.myNodes, { first: 50 }) };
      case 'dashboard': {
        const user = pick(this.users('LEADER', 'PROMOTION'));
        return { op, user, body: body(Q.dashboard, { year: p.year }) };
      }
      case 'ownerReport':
      case 'ownerDone': {
        const owners = [...this.ownerNodes.keys()];
        for (let tries = 0; tries < 8 && owners.length; tries++) {
          const owner = pick(owners);
          const id = this.free(this.ownerNodes.get(owner)!, (n) => n.state === 'open' && (op === 'ownerReport' || !n.gate));
          if (!id) continue;
          const n = this.lease(id);
          const input =
            op === 'ownerDone'
              ? { nodeId: id, version: n.version, status: 'DONE', actualDate: p.today, note: `压测完成${++this.seq}` }
              : { nodeId: id, version: n.version, status: 'IN_PROGRESS', note: `压测进展${++this.seq}` };
          return { op, user: owner, nodeId: id, body: body(Q.report, { input }) };
        }
        return null;
      }
      case 'unitConfirm': {
        for (const [unitId, ids] of this.awaiting) {
          const id = this.free(ids, (n) => n.state === 'awaitingConfirm');
          if (!id || !this.unitStaff.get(unitId)?.length) continue;
          const n = this.lease(id);
          return { op, user: pick(this.unitStaff.get(unitId)!), nodeId: id, body: body(Q.confirm, { nodeId: id, version: n.version }) };
        }
        return null;
      }
      case 'unitReport': {
        const units = [...this.unitNodes.keys()].filter((u) => this.unitStaff.get(u)?.length);
        for (let tries = 0; tries < 8 && units.length; tries++) {
          const unitId = pick(units);
          const id = this.free(this.unitNodes.get(unitId)!, (n) => n.state === 'open');
          if (!id) continue;
          const n = this.lease(id);
          return { op, user: pick(this.unitStaff.get(unitId)!), nodeId: id, body: body(Q.report, { input: { nodeId: id, version: n.version, status: 'IN_PROGRESS', note: `单位进展${++this.seq}` } }) };
        }
        return null;
      }
    }
  }

  /** A random node of `ids` that nobody is writing and that `ok` accepts. */
  private free(ids: string[], ok: (n: NodeState) => boolean): string | null {
    const start = Math.floor(Math.random() * ids.length);
    for (let k = 0; k < ids.length; k++) {
      const n = this.nodes.get(ids[(start + k) % ids.length])!;
      if (!n.busy && ok(n)) return n.id;
    }
    return null;
  }

  private lease(id: string): NodeState {
    const n = this.nodes.get(id)!;
    n.busy = true;
    return n;
  }

  /**
   * Settles a write: the node's new version from the answer, and where it goes next (an
   * owner's DONE waits for its unit). `node` is null when the write failed or never answered:
   * its version is unknown now, so the node leaves the pools.
   */
  settle(req: BuiltRequest, node: { version: number; status: string; confirmedAt: string | null } | null): void {
    if (!req.nodeId) return;
    const n = this.nodes.get(req.nodeId)!;
    n.busy = false;
    if (!node) {
      n.state = 'closed';
      return;
    }
    n.version = node.version;
    if (node.status === 'DONE' && !node.confirmedAt && n.unitId) {
      n.state = 'awaitingConfirm';
      this.awaiting.set(n.unitId, [...(this.awaiting.get(n.unitId) ?? []), n.id]);
    } else if (node.status === 'DONE') {
      n.state = 'closed';
      const list = this.awaiting.get(n.unitId ?? '') ?? [];
      const k = list.indexOf(n.id);
      if (k >= 0) list.splice(k, 1);
    }
  }
}
