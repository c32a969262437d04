/**
 * One kill -9 round of the API process on the embedded durable database (in-process, DATA_DIR):
 * a stream of acknowledged mutations from several clients, SIGKILL to the API once `killAfter`
 * were acknowledged (other requests are in flight at that moment), restart on the same data
 * directory, then check every mutation against the database the restarted API serves.
 *
 * Shared by bench/faults/api-kill.ts (many rounds on one directory) and tests/faults.
 */
import { randomBytes } from 'node:crypto';
import { today } from '../../../api/src/domain/dates.js';
import { spawnApi, type ApiProcess } from '../../lib/api-process.js';
import { discoverTargets, loginFresh, MutationStream, type StreamRecord } from './stream.js';
import { verifyStream, type Verification } from './verify.js';

/** Info level: the embedded database's URI is in the log, so checks can read it directly. */
export const FAULT_API_ENV = { LOG_LEVEL: 'info', JOBS_ENABLED: '1' };

export function startFaultApi(dataDir: string, seed = false): Promise<ApiProcess> {
  return spawnApi({ dataDir, env: { ...FAULT_API_ENV, SEED_IF_EMPTY: seed ? '1' : '0' } });
}

export interface ApiKillRoundResult {
  verification: Verification;
  record: StreamRecord;
  killedAfterAcks: number;
  /** The restarted API took a new mutation. */
  writableAfterRestart: boolean;
  restartMs: number;
  /** The API running on the data directory after the round (the next round's). */
  api: ApiProcess;
}

export async function apiKillRound(api: ApiProcess, dataDir: string, opts: { killAfter: number; followUps?: number; nodes?: number }): Promise<ApiKillRoundResult> {
  const prefix = `kill-${randomBytes(4).toString('hex')}`;
  const targets = await discoverTargets(api.url, { followUps: opts.followUps ?? 3, nodes: opts.nodes ?? 3 });
  let killing: Promise<unknown> | null = null;
  const stream = new MutationStream(targets, {
    prefix,
    today: today(),
    timeoutMs: 15_000,
    onAck: (n) => {
      if (n >= opts.killAfter && !killing) killing = api.kill9();
    },
  });
  stream.start();
  const record = await stream.settled();
  await killing;
  if (!killing) throw new Error(`the writers stopped before ${opts.killAfter} acknowledgements: ${JSON.stringify(record.unknown.slice(0, 3))}`);

  const t = Date.now();
  const restarted = await startFaultApi(dataDir);
  const restartMs = Date.now() - t;
  const verification = await verifyStream(restarted.embeddedUri(), record);
  // The restarted API is fully usable, not only readable.
  const promo = await loginFresh(restarted.url, 'zhaoshang');
  const after = await promo.gql<{ addFollowUp: { errors: unknown[] } }>(
    `mutation($input: FollowUpInput!) { addFollowUp(input: $input) { errors { code } } }`,
    { input: { leadId: targets.find((x) => x.kind === 'followUp')!.id, date: today(), kind: 'VISIT', summary: `${prefix}-after-restart` } },
  );
  const writableAfterRestart = after.status === 200 && !after.errors?.length && after.data?.addFollowUp.errors.length === 0;
  return { verification, record, killedAfterAcks: opts.killAfter, writableAfterRestart, restartMs, api: restarted };
}
