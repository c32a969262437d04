/**
 * kill -9 of the database under the API: the standalone embedded server (`npm run db`) on a
 * data directory, the API on MONGODB_URI, a persistent stream of mutations and two probes
 * (/healthz and a signed-in GraphQL read). The database is killed after `killAfter`
 * acknowledgements, kept down `outageMs`, restarted on the same directory and port; the API is
 * never touched.
 *
 * Shared by bench/faults/db-kill.ts and tests/faults.
 */
import { randomBytes } from 'node:crypto';
import { today } from '../../../api/src/domain/dates.js';
import { spawnServer, type ServerProcess } from '../../../tests/testkit/db-process.js';
import { spawnApi, type ApiProcess } from '../../lib/api-process.js';
import { discoverTargets, loginFresh, MutationStream, type StreamRecord } from './stream.js';
import { Prober, type ProbeSample } from './probe.js';
import { verifyStream, type Verification } from './verify.js';

/** Limits the verdict holds the API to. */
export const DB_KILL_LIMITS = {
  /** Every probe during the outage is answered within this (no request hangs). */
  answerWithinMs: 15_000,
  /** After the database is back, health and writes recover within this, with no restart. */
  recoverWithinMs: 30_000,
};

export interface DbKillResult {
  verification: Verification;
  record: StreamRecord;
  probes: ProbeSample[];
  outage: { from: number; to: number };
  /** Slowest probe answer while the database was down (ms). */
  slowestOutageAnswerMs: number;
  /** Outage probes answered with the clear "database unavailable" answer, answered 200 after waiting for the restart, in all. */
  clearAnswers: number;
  waitedAnswers: number;
  outageAnswers: number;
  /** Outage answers that were not clear (first few), for the report. */
  unclear: string[];
  /** ms from the database restart to the first healthy probe and the first acknowledged write. */
  healthyAfterMs: number | null;
  writableAfterMs: number | null;
  apiSurvived: boolean;
  problems: string[];
}

const isChinese = (s: string | null) => !!s && /[\u4e00-\u9fff]/.test(s);

export async function dbKillRound(dbpath: string, opts: { killAfter: number; outageMs: number; log?: (m: string) => void }): Promise<DbKillResult> {
  const log = opts.log ?? (() => {});
  let db: ServerProcess = await spawnServer({ dbpath });
  let api: ApiProcess | null = null;
  try {
    api = await spawnApi({ mongoUri: db.uri, env: { SEED_IF_EMPTY: '1', JOBS_ENABLED: '1' } });
    log(`database pid ${db.pid} on ${db.uri}, API pid ${api.pid} on ${api.url}`);
    const targets = await discoverTargets(api.url, { followUps: 2, nodes: 2 });
    const prober = new Prober(api.url, await loginFresh(api.url, 'lingdao'));
    let firstAckAfterUp: number | null = null;
    let upAt = 0;
    let reachedKill!: () => void;
    const killPoint = new Promise<void>((r) => (reachedKill = r));
    const stream = new MutationStream(targets, {
      prefix: `dbkill-${randomBytes(4).toString('hex')}`,
      today: today(),
      persist: true,
      retryDelayMs: 200,
      timeoutMs: 120_000,
      onAck: (n) => {
        if (n >= opts.killAfter) reachedKill();
        if (upAt && firstAckAfterUp === null) firstAckAfterUp = Date.now();
      },
    });
    stream.start();
    prober.start();
    await killPoint;

    const from = Date.now();
    await db.kill9();
    log(`database killed after ${opts.killAfter} acknowledgements; down for ${opts.outageMs} ms`);
    await new Promise((r) => setTimeout(r, opts.outageMs));
    db = await spawnServer({ dbpath, port: db.port });
    upAt = Date.now();
    log(`database restarted (pid ${db.pid}) on the same directory and port`);

    // Recovery: a healthy probe and an acknowledged write after the restart, within the limit.
    const deadline = upAt + DB_KILL_LIMITS.recoverWithinMs + 5_000;
    const healthyAt = () => prober.samples.find((s) => s.kind === 'health' && s.at >= upAt && s.status === 200)?.at ?? null;
    while (Date.now() < deadline && (healthyAt() === null || firstAckAfterUp === null)) await new Promise((r) => setTimeout(r, 200));
    const record = await stream.stop();
    const probes = await prober.stop();

    const outageProbes = probes.filter((s) => s.at >= from && s.at < upAt);
    const clear = (s: ProbeSample) =>
      s.kind === 'health' ? s.status === 503 && s.code === 'unreachable' : s.code === 'DATABASE_UNAVAILABLE' && isChinese(s.message);
    // A probe sent during the outage may wait for the database and succeed once it is back.
    const waited = outageProbes.filter((s) => s.status === 200).length;
    const unclear = outageProbes
      .filter((s) => !clear(s) && s.status !== 200)
      .map((s) => `${s.kind} after ${s.at - from} ms: HTTP ${s.status} ${s.code ?? ''} ${s.message ?? ''} ${s.transportError ?? ''} (${s.ms.toFixed(0)} ms)`);
    const slowest = Math.max(0, ...probes.filter((s) => s.at < upAt && s.at + s.ms >= from).map((s) => s.ms));
    const h = healthyAt();
    const verification = await verifyStream(db.uri, record);
    const apiSurvived = api.child.exitCode === null && api.child.signalCode === null;

    const problems: string[] = [];
    if (!apiSurvived) problems.push(`the API process exited: ${api.output().slice(-1500)}`);
    if (slowest > DB_KILL_LIMITS.answerWithinMs) problems.push(`a request waited ${slowest.toFixed(0)} ms while the database was down (limit ${DB_KILL_LIMITS.answerWithinMs} ms)`);
    if (!outageProbes.some((s) => s.kind === 'health' && clear(s))) problems.push('/healthz never reported the database unavailable');
    if (!outageProbes.some((s) => s.kind === 'graphql' && clear(s))) problems.push('GraphQL never answered DATABASE_UNAVAILABLE with a Chinese message');
    if (unclear.length) problems.push(`${unclear.length} unclear answers while the database was down, e.g. ${unclear[0]}`);
    if (h === null) problems.push(`/healthz not healthy within ${DB_KILL_LIMITS.recoverWithinMs} ms of the database restart`);
    if (firstAckAfterUp === null) problems.push(`no write acknowledged within ${DB_KILL_LIMITS.recoverWithinMs} ms of the database restart`);
    if (h !== null && h - upAt > DB_KILL_LIMITS.recoverWithinMs) problems.push(`healthy only ${h - upAt} ms after the restart`);
    problems.push(...verification.problems);
    return {
      verification,
      record,
      probes,
      outage: { from, to: upAt },
      slowestOutageAnswerMs: slowest,
      clearAnswers: outageProbes.length - unclear.length - waited,
      waitedAnswers: waited,
      outageAnswers: outageProbes.length,
      unclear,
      healthyAfterMs: h === null ? null : h - upAt,
      writableAfterMs: firstAckAfterUp === null ? null : firstAckAfterUp - upAt,
      apiSurvived,
      problems,
    };
  } finally {
    await api?.stop();
    await db.stop();
  }
}
