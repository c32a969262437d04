/**
 * Probes that watch the API from outside while a fault is injected: `/healthz` and one
 * signed-in GraphQL read, each sent every `intervalMs` (the next one only after the previous
 * answered or failed, so a hanging API shows as long probes, not as a pile of them).
 */
import type { Session } from '../../lib/gql-client.js';

export interface ProbeSample {
  at: number;
  kind: 'health' | 'graphql';
  ms: number;
  status: number | null;
  /** Error code from the answer (GraphQL extensions.code or the health body's `database`). */
  code: string | null;
  message: string | null;
  transportError?: string;
}

export class Prober {
  readonly samples: ProbeSample[] = [];
  private stopping = false;
  private loops: Promise<void>[] = [];

  constructor(
    private readonly baseUrl: string,
    private readonly session: Session,
    private readonly intervalMs = 250,
    private readonly timeoutMs = 60_000,
  ) {}

  start(): void {
    this.loops = [this.loop('health'), this.loop('graphql')];
  }

  async stop(): Promise<ProbeSample[]> {
    this.stopping = true;
    await Promise.all(this.loops);
    return this.samples;
  }

  private async loop(kind: ProbeSample['kind']): Promise<void> {
    while (!this.stopping) {
      const at = Date.now();
      const t = performance.now();
      const s: ProbeSample = { at, kind, ms: 0, status: null, code: null, message: null };
      try {
        if (kind === 'health') {
          const r = await getJson(`${this.baseUrl}/healthz`, this.timeoutMs);
          s.status = r.status;
          s.code = typeof r.body?.database === 'string' ? r.body.database : null;
        } else {
          const r = await this.session.gql<{ viewer: { user: { id: string } } | null }>(`{ viewer { user { id } } }`, {}, { timeoutMs: this.timeoutMs });
          s.status = r.status;
          s.code = r.errors?.[0]?.extensions?.code ?? null;
          s.message = r.errors?.[0]?.message ?? null;
        }
      } catch (e) {
        s.transportError = `${(e as NodeJS.ErrnoException).code ?? ''} ${(e as Error).message}`;
      }
      s.ms = performance.now() - t;
      this.samples.push(s);
      await new Promise((r) => setTimeout(r, Math.max(0, this.intervalMs - s.ms)));
    }
  }
}

async function getJson(url: string, timeoutMs: number): Promise<{ status: number; body: Record<string, unknown> | null }> {
  const res = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
  const text = await res.text();
  try {
    return { status: res.status, body: JSON.parse(text) as Record<string, unknown> };
  } catch {
    return { status: res.status, body: null };
  }
}
