/**
 * Every change and its audit entry commit together: a change that is acknowledged is audited
 * exactly once, and a failed audit leaves no change behind. Retries transient transaction
 * errors (write conflicts) as the driver's withTransaction does.
 */
import mongoose, { type ClientSession } from 'mongoose';

export type Tx = ClientSession;

export async function inTransaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
  const session = await mongoose.startSession();
  try {
    let result!: T;
    await session.withTransaction(async () => {
      result = await fn(session);
    });
    return result;
  } finally {
    await session.endSession();
  }
}
