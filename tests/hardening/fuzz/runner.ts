/**
 * Runs fuzz cases one after another against a target and keeps the books: answers per status,
 * role and category, and every failure with the request that reproduces it. Writes are watched
 * through database snapshots taken around each write request; the server's error log and
 * /healthz show failures the answer itself may hide.
 */
import { rawExchange, type HttpClient, type HttpResult } from './http.js';
import type { HttpCase } from './cases.js';
import { badStoredText, checkAnswer, mayChangeWhenRefused, refused } from './oracle.js';
import { changedCollections, type Snapshot, type Target } from './target.js';

export interface Failure {
  index: number;
  category: string;
  who: string;
  op: string | null;
  problems: string[];
  repro: string;
}

export interface Stats {
  total: number;
  byStatus: Record<string, number>;
  byRole: Record<string, number>;
  byCategory: Record<string, number>;
  writes: number;
  refusedWrites: number;
  failures: Failure[];
  healthChecks: number;
  ms: number;
}

const TIMEOUT_MS = 30_000;

/** A request as text, enough to send it again by hand (long bodies abbreviated with their size). */
export function reproOf(c: HttpCase): string {
  if (c.raw) return `raw socket: ${JSON.stringify(c.raw.toString('latin1').slice(0, 600))}${c.raw.length > 600 ? ` … (${c.raw.length} bytes)` : ''}`;
  const body = c.body === undefined ? '' : Buffer.isBuffer(c.body) ? c.body.toString('latin1') : c.body;
  const shown = body.length > 1500 ? `${body.slice(0, 1500)} … (${Buffer.byteLength(body)} bytes)` : body;
  return `${c.method} ${c.path} as ${c.who} ${JSON.stringify(c.headers)}\n${shown}`;
}

async function send(c: HttpCase, client: HttpClient, base: string): Promise<{ res: HttpResult | null; error?: unknown }> {
  try {
    if (c.raw) {
      const text = await rawExchange(base, c.raw);
      const m = /^HTTP\/1\.[01] (\d{3})/.exec(text);
      const bodyAt = text.indexOf('\r\n\r\n');
      const body = bodyAt >= 0 ? text.slice(bodyAt + 4) : '';
      if (!m) return { res: null, error: 'connection closed without an answer' };
      let json: unknown;
      try {
        json = JSON.parse(body);
      } catch {
        json = undefined;
      }
      return { res: { status: Number(m[1]), headers: new Headers(), text: body, json } };
    }
    const res = await Promise.race([
      client.request(c.path, { method: c.method, headers: c.headers, body: c.body }),
      new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`no answer within ${TIMEOUT_MS} ms`)), TIMEOUT_MS).unref()),
    ]);
    return { res };
  } catch (error) {
    return { res: null, error };
  }
}

export async function runCases(t: Target, cases: HttpCase[], opts: { healthEvery?: number; onProgress?: (done: number, s: Stats) => void } = {}): Promise<Stats> {
  const started = Date.now();
  const stats: Stats = { total: 0, byStatus: {}, byRole: {}, byCategory: {}, writes: 0, refusedWrites: 0, failures: [], healthChecks: 0, ms: 0 };
  const seenText = new Set<string>();
  let snap: Snapshot = await t.snapshot();
  const healthEvery = opts.healthEvery ?? 50;

  for (const [index, c] of cases.entries()) {
    const client = c.who === 'anonymous' ? t.anonymous() : c.freshSession ? await t.login(c.who) : t.clients[c.who];
    // The throwaway session's own login is audited: start watching after it.
    if (c.freshSession && c.who !== 'anonymous') snap = await t.snapshot();
    const logged = t.logged.length;
    const { res, error } = await send(c, client, t.base);
    const problems = checkAnswer(c, res, error);
    for (const e of t.logged.slice(logged)) problems.push(`server logged: ${e.msg}${e.err ? ` — ${e.err.type ?? ''}: ${e.err.message ?? ''}` : ''}`);
    if (c.write || c.raw) {
      stats.writes += 1;
      const after = await t.snapshot();
      const changed = changedCollections(snap, after);
      if (refused(c, res)) {
        stats.refusedWrites += 1;
        const allowed = mayChangeWhenRefused(c);
        const wrong = changed.filter((n) => !allowed.has(n));
        if (wrong.length && !c.raw) problems.push(`refused (${res?.status ?? 'no answer'}) but wrote to ${wrong.join(', ')}`);
      }
      for (const name of changed) {
        for (const p of badStoredText(name, after.docs.get(name) ?? [])) {
          if (!seenText.has(p)) {
            seenText.add(p);
            problems.push(`validation let through: ${p}`);
          }
        }
      }
      snap = after;
    }
    const status = res ? String(res.status) : 'none';
    stats.total += 1;
    stats.byStatus[status] = (stats.byStatus[status] ?? 0) + 1;
    stats.byRole[c.who] = (stats.byRole[c.who] ?? 0) + 1;
    const cat = c.category.split(':')[0];
    stats.byCategory[cat] = (stats.byCategory[cat] ?? 0) + 1;
    if (problems.length) stats.failures.push({ index, category: c.category, who: c.who, op: c.op, problems, repro: reproOf(c) });
    if ((index + 1) % healthEvery === 0 || index === cases.length - 1) {
      stats.healthChecks += 1;
      const h = await t.anonymous().request('/healthz');
      if (h.status !== 200 || h.json?.status !== 'ok') stats.failures.push({ index, category: 'healthz', who: 'anonymous', op: null, problems: [`/healthz answered ${h.status} ${h.text.slice(0, 200)}`], repro: 'GET /healthz' });
    }
    opts.onProgress?.(index + 1, stats);
  }
  stats.ms = Date.now() - started;
  return stats;
}
