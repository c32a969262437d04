/**
 * A stream of mutations from several clients against the demo district, each one marked so
 * that it can be found again after a crash: its request id (recorded by the audit log) and its
 * text (the follow-up's summary, the node report's note) are the same unique token.
 *
 * Writers: PROMOTION staff adding follow-ups to leads, the owner and unit staff reporting
 * progress on nodes (one node per writer, each report carrying the node's current version).
 * Every token ends up in exactly one list:
 *  - acked: the API answered with the change (it must survive anything that follows);
 *  - refused: the API answered with a user error (CONFLICT, …): it must not be there;
 *  - unknown: no answer (connection cut, timeout) or a server error: there at most once, and
 *    only together with its audit entry.
 */
import { loopbackAddress, login, type Session } from '../../lib/gql-client.js';

export type TargetKind = 'followUp' | 'nodeReport';

export interface Target {
  kind: TargetKind;
  session: Session;
  /** Lead id or node id. */
  id: string;
  /** Node version before the stream (and as the writer goes). */
  version: number;
  startVersion: number;
  projectId?: string;
}

export interface TokenRecord {
  token: string;
  writer: number;
  seq: number;
  kind: TargetKind;
  targetId: string;
  /** The error answer, for refused/unknown tokens. */
  error?: string;
}

export interface StreamRecord {
  prefix: string;
  targets: { kind: TargetKind; id: string; startVersion: number }[];
  acked: TokenRecord[];
  refused: TokenRecord[];
  unknown: TokenRecord[];
}

const DEMO_PASSWORD = 'Demo@2026';
let nextAddress = Math.floor(Math.random() * 20_000);

/** Logs in from a loopback address not used before in this process (logins are rate-limited per address). */
export function loginFresh(url: string, username: string, password = DEMO_PASSWORD): Promise<Session> {
  return login(url, username, password, loopbackAddress(nextAddress++));
}

/**
 * Writers on the demo district: `followUps` PROMOTION writers on distinct leads, then node
 * writers (owner `yezhu`, units `jingxin` and `ziranzy`) on distinct open nodes they may report.
 */
export async function discoverTargets(url: string, want: { followUps: number; nodes: number }): Promise<Target[]> {
  const targets: Target[] = [];
  const promo = await loginFresh(url, 'zhaoshang');
  const leads = await promo.gql<{ leads: { nodes: { id: string; viewerCan: { followUp: boolean } }[] } }>(
    `{ leads(first: 100) { nodes { id viewerCan { followUp } } } }`,
  );
  const open = (leads.data?.leads.nodes ?? []).filter((l) => l.viewerCan.followUp);
  for (let w = 0; w < Math.min(want.followUps, open.length); w++) {
    const session = w === 0 ? promo : await loginFresh(url, 'zhaoshang');
    targets.push({ kind: 'followUp', session, id: open[w].id, version: 0, startVersion: 0 });
  }
  const used = new Set<string>();
  const reporters = ['yezhu', 'jingxin', 'ziranzy'];
  for (let w = 0, tries = 0; w < want.nodes && tries < want.nodes * 3; tries++) {
    const session = await loginFresh(url, reporters[tries % reporters.length]);
    const mine = await session.gql<{ myNodes: { id: string; version: number; viewerCan: { report: boolean }; project: { id: string } }[] }>(
      `{ myNodes(first: 50) { id version viewerCan { report } project { id } } }`,
    );
    const node = (mine.data?.myNodes ?? []).find((n) => n.viewerCan.report && !used.has(n.id));
    if (!node) continue;
    used.add(node.id);
    targets.push({ kind: 'nodeReport', session, id: node.id, version: node.version, startVersion: node.version, projectId: node.project.id });
    w++;
  }
  if (targets.length < want.followUps + want.nodes) throw new Error(`only ${targets.length} writers found on the demo district`);
  return targets;
}

const FOLLOW_UP = `mutation($input: FollowUpInput!) { addFollowUp(input: $input) { lead { id version } errors { code message } } }`;
const REPORT = `mutation($input: ReportNodeInput!) { reportNode(input: $input) { node { id version } errors { code message } } }`;
const NODE_VERSION = `query($id: ID!) { project(id: $id) { nodes { id version } } }`;

export interface StreamOptions {
  /** Unique per run: every token starts with it (8+ characters of [A-Za-z0-9_-]). */
  prefix: string;
  /** True: a writer keeps going after an error (the database may come back); false: it stops. */
  persist?: boolean;
  /** Pause between a failed request and the next try. */
  retryDelayMs?: number;
  timeoutMs?: number;
  today: string;
  /**
   * Top-level GraphQL error codes that mean "not applied" (e.g. STORAGE_FULL: the write could
   * not be made durable and was undone): such answers count as refused, so they must be absent.
   */
  refusedCodes?: string[];
  onAck?: (acked: number) => void;
  /** Every answer or failure, with its latency (ms), outcome and error code. */
  onResult?: (r: { ms: number; outcome: 'acked' | 'refused' | 'unknown'; code?: string; message?: string; error?: string }) => void;
}

export class MutationStream {
  readonly acked: TokenRecord[] = [];
  readonly refused: TokenRecord[] = [];
  readonly unknown: TokenRecord[] = [];
  private stopping = false;
  private loops: Promise<void>[] = [];

  constructor(
    private readonly targets: Target[],
    private readonly opts: StreamOptions,
  ) {}

  start(): void {
    this.loops = this.targets.map((t, w) => this.writer(t, w));
  }

  /** Stops the writers after their current request and waits for them. */
  async stop(): Promise<StreamRecord> {
    this.stopping = true;
    await Promise.all(this.loops);
    return this.record();
  }

  /** Waits until every writer has stopped on its own (non-persistent writers stop at their first failure). */
  async settled(): Promise<StreamRecord> {
    await Promise.all(this.loops);
    return this.record();
  }

  record(): StreamRecord {
    return {
      prefix: this.opts.prefix,
      targets: this.targets.map((t) => ({ kind: t.kind, id: t.id, startVersion: t.startVersion })),
      acked: [...this.acked],
      refused: [...this.refused],
      unknown: [...this.unknown],
    };
  }

  private async writer(t: Target, w: number): Promise<void> {
    for (let seq = 0; !this.stopping; seq++) {
      const token = `${this.opts.prefix}-${w}-${seq}`;
      const rec: TokenRecord = { token, writer: w, seq, kind: t.kind, targetId: t.id };
      const started = performance.now();
      let outcome: 'acked' | 'refused' | 'unknown';
      let code: string | undefined;
      let message: string | undefined;
      try {
        const r =
          t.kind === 'followUp'
            ? await t.session.gql<{ addFollowUp: { errors: { code: string; message: string }[] } }>(
                FOLLOW_UP,
                { input: { leadId: t.id, date: this.opts.today, kind: 'PHONE', summary: token } },
                { requestId: token, timeoutMs: this.opts.timeoutMs },
              )
            : await t.session.gql<{ reportNode: { node: { version: number } | null; errors: { code: string; message: string }[] } }>(
                REPORT,
                { input: { nodeId: t.id, version: t.version, status: 'IN_PROGRESS', note: token } },
                { requestId: token, timeoutMs: this.opts.timeoutMs },
              );
        const payload = r.data ? (Object.values(r.data)[0] as { node?: { version: number } | null; errors: { code: string; message: string }[] } | null) : null;
        code = r.errors?.[0]?.extensions?.code ?? payload?.errors[0]?.code;
        message = r.errors?.[0]?.message ?? payload?.errors[0]?.message;
        if (r.status === 200 && payload && !r.errors?.length && !payload.errors.length) {
          outcome = 'acked';
          if (payload.node) t.version = payload.node.version;
          this.acked.push(rec);
          this.opts.onAck?.(this.acked.length);
        } else if (payload?.errors.length || (code && this.opts.refusedCodes?.includes(code))) {
          outcome = 'refused';
          rec.error = JSON.stringify(payload?.errors.length ? payload.errors : r.errors);
          this.refused.push(rec);
        } else {
          outcome = 'unknown';
          rec.error = `HTTP ${r.status}: ${JSON.stringify(r.errors)}`;
          this.unknown.push(rec);
        }
      } catch (e) {
        outcome = 'unknown';
        rec.error = `${(e as NodeJS.ErrnoException).code ?? ''} ${(e as Error).message}`;
        this.unknown.push(rec);
      }
      this.opts.onResult?.({ ms: performance.now() - started, outcome, code, message, error: rec.error });
      if (outcome === 'acked') continue;
      if (!this.opts.persist) return;
      await new Promise((r) => setTimeout(r, this.opts.retryDelayMs ?? 250));
      // The outcome may have moved the node: take its version from the API before the next report.
      if (t.kind === 'nodeReport' && t.projectId) await this.refreshVersion(t).catch(() => undefined);
    }
  }

  private async refreshVersion(t: Target): Promise<void> {
    const r = await t.session.gql<{ project: { nodes: { id: string; version: number }[] } | null }>(NODE_VERSION, { id: t.projectId }, { timeoutMs: this.opts.timeoutMs });
    const node = r.data?.project?.nodes.find((n) => n.id === t.id);
    if (node) t.version = node.version;
  }
}
