/**
 * One crash-recovery round against the embedded server's durable mode: several writers
 * stream acknowledged inserts, the server is killed with SIGKILL mid-stream, then restarted
 * on the same data directory and every acknowledged document must be there, intact.
 *
 * Shared by tests/db/compat/durability.test.ts and bench/durability-kill.ts.
 */
import { MongoClient } from 'mongodb';
import { spawnServer } from './db-process.js';

export interface KillRunOptions {
  dbpath: string;
  /** Distinguishes the documents of this round from earlier rounds on the same dbpath. */
  runId: string;
  writers?: number;
  /** Kill once this many inserts were acknowledged. */
  killAfterAcks?: number;
}

export interface KillRunResult {
  acked: number;
  attempted: number;
  /** Acknowledged before the kill but absent after restart: must be empty. */
  missing: string[];
  /** Present after restart but with a payload that differs from what was written. */
  corrupt: string[];
  /** Documents of this round present after restart (acknowledged or not). */
  recovered: number;
  /** Output of both server processes, for diagnosis. */
  log: string;
}

export const KILL_RUN_DB = 'durability';
export const KILL_RUN_COLL = 'stream';

/** Deterministic payload, so recovery can tell an intact document from a torn one. */
export function payloadFor(id: string): string {
  return `${id}|`.repeat(8);
}

export async function killRun(opts: KillRunOptions): Promise<KillRunResult> {
  const writers = opts.writers ?? 4;
  const killAfter = opts.killAfterAcks ?? 300;
  const server = await spawnServer({ dbpath: opts.dbpath });
  // No retries and a short selection timeout: after the kill, writes must fail fast
  // instead of waiting 30 s for a server that will not come back.
  const client = new MongoClient(server.uri, {
    retryWrites: false,
    serverSelectionTimeoutMS: 2_000,
    connectTimeoutMS: 2_000,
    maxPoolSize: writers + 2,
  });
  const acked: string[] = [];
  let attempted = 0;
  let killing: Promise<unknown> | undefined;
  let log = '';
  try {
    await client.connect();
    const coll = client.db(KILL_RUN_DB).collection<{ _id: string; run: string; w: number; i: number; payload: string }>(KILL_RUN_COLL);
    const writer = async (w: number) => {
      for (let i = 0; ; i++) {
        const _id = `${opts.runId}-${w}-${i}`;
        attempted++;
        try {
          await coll.insertOne({ _id, run: opts.runId, w, i, payload: payloadFor(_id) });
        } catch {
          return; // the kill: this write was never acknowledged
        }
        acked.push(_id);
        if (acked.length >= killAfter && !killing) killing = server.kill9();
        if (killing) return;
      }
    };
    await Promise.all(Array.from({ length: writers }, (_, w) => writer(w)));
    await killing;
  } finally {
    log += server.output();
    await server.kill9();
    await client.close(true).catch(() => undefined);
  }

  const restarted = await spawnServer({ dbpath: opts.dbpath });
  const check = new MongoClient(restarted.uri, { serverSelectionTimeoutMS: 10_000 });
  try {
    await check.connect();
    const docs = await check
      .db(KILL_RUN_DB)
      .collection<{ _id: string; payload: string }>(KILL_RUN_COLL)
      .find({ run: opts.runId }, { projection: { _id: 1, payload: 1 } })
      .toArray();
    const present = new Map(docs.map((d) => [d._id, d.payload]));
    return {
      acked: acked.length,
      attempted,
      missing: acked.filter((id) => !present.has(id)),
      corrupt: docs.filter((d) => d.payload !== payloadFor(d._id)).map((d) => d._id),
      recovered: docs.length,
      log: log + restarted.output(),
    };
  } finally {
    await check.close();
    await restarted.stop();
  }
}
