/**
 * Job leases in MongoDB: one document per job name, so that however many API processes run,
 * one runs a job at a time and each period of a job runs once.
 *
 * A process takes a job for a period with one findOneAndUpdate that matches only when the lease
 * has expired and neither this period nor a later one has been done; if the document exists but does not match, the
 * upsert collides on _id (E11000) and the process simply does not get the job. While running
 * it renews the lease; when done it records the period and frees the lease. A process that dies
 * mid-run leaves a lease that expires, and another takes the period over (the jobs' own writes
 * are idempotent, keyed by period, so a re-run adds nothing twice).
 *
 * Lease times come from the processes' clocks: they must agree within a small fraction of the
 * lease (NTP), which the default of 2 minutes leaves ample room for.
 */
import { model, Schema } from '../lib/mongoose.js';

export interface JobLeaseDoc {
  _id: string;
  owner: string | null;
  leaseUntil: Date;
  /** The period being run by `owner`. */
  period: string | null;
  startedAt: Date | null;
  /** The last period completed. */
  lastPeriod: string | null;
  lastRunAt: Date | null;
  lastError: string | null;
  runs: number;
}

const leaseSchema = new Schema<JobLeaseDoc>(
  {
    _id: { type: String, required: true },
    owner: { type: String, default: null },
    leaseUntil: { type: Date, required: true },
    period: { type: String, default: null },
    startedAt: { type: Date, default: null },
    lastPeriod: { type: String, default: null },
    lastRunAt: { type: Date, default: null },
    lastError: { type: String, default: null },
    runs: { type: Number, default: 0 },
  },
  { collection: 'jobLeases', versionKey: false, strict: 'throw' },
);

export const JobLeaseModel = model<JobLeaseDoc>('JobLease', leaseSchema);

// The native collection: plain filters with operators, and an upsert that seeds only _id.
const leases = () => JobLeaseModel.collection;

/**
 * Takes the job for `period` if its lease is free and no period at or after it is done yet.
 * Period keys must sort in time order (dates 'YYYY-MM-DD', zero-padded slot numbers).
 */
export async function acquireLease(name: string, period: string, owner: string, now: Date, leaseMs: number): Promise<boolean> {
  try {
    const doc = await leases().findOneAndUpdate(
      // Periods only move forward: a process that computed an older period late (a slow tick)
      // must not run it after a newer one was done.
      { _id: name, $or: [{ lastPeriod: null }, { lastPeriod: { $lt: period } }], leaseUntil: { $lte: now } } as never,
      {
        $set: { owner, period, startedAt: now, leaseUntil: new Date(now.getTime() + leaseMs) },
        $setOnInsert: { lastPeriod: null, lastRunAt: null, lastError: null, runs: 0 },
      },
      { upsert: true, returnDocument: 'after' },
    );
    return doc?.owner === owner && doc?.period === period;
  } catch (e) {
    if ((e as { code?: number }).code === 11000) return false;
    throw e;
  }
}

/** Extends a held lease; false when it was lost (expired and taken by another process). */
export async function renewLease(name: string, owner: string, now: Date, leaseMs: number): Promise<boolean> {
  const r = await leases().updateOne({ _id: name, owner } as never, { $set: { leaseUntil: new Date(now.getTime() + leaseMs) } });
  return r.matchedCount === 1;
}

/** Records the period as done and frees the lease. */
export async function completeLease(name: string, owner: string, period: string, now: Date): Promise<boolean> {
  const r = await leases().updateOne(
    { _id: name, owner } as never,
    { $set: { lastPeriod: period, lastRunAt: now, lastError: null, leaseUntil: now, owner: null, period: null }, $inc: { runs: 1 } },
  );
  return r.matchedCount === 1;
}

/** Frees the lease without completing the period: at once, or after `retryMs` (a failed run). */
export async function releaseLease(name: string, owner: string, now: Date, retryMs = 0, error: string | null = null): Promise<void> {
  await leases().updateOne(
    { _id: name, owner } as never,
    { $set: { leaseUntil: new Date(now.getTime() + retryMs), owner: null, period: null, ...(error ? { lastError: error.slice(0, 500) } : {}) } },
  );
}

export async function leaseOf(name: string): Promise<JobLeaseDoc | null> {
  return (await leases().findOne({ _id: name } as never)) as JobLeaseDoc | null;
}
