/**
 * Session and transaction commands: commitTransaction, abortTransaction, endSessions and
 * the session-management commands drivers and shells send (tolerated).
 */
import type { Document } from 'bson';
import { ErrorCodes, MongoError } from '../errors.js';
import { MoreCodes, mongoError } from '../engine/errors-ext.js';
import { TRANSIENT } from '../engine/transaction.js';
import type { Session } from '../engine/sessions.js';
import { toNumber } from './args.js';
import type { CommandContext, CommandHandler, Runtime } from './context.js';

export function noSuchTransaction(txnNumber: number, why = 'has been aborted'): MongoError {
  return new MongoError(ErrorCodes.NoSuchTransaction, `Transaction with { txnNumber: ${txnNumber} } ${why}.`, {}, [TRANSIENT]);
}

function sessionAndNumber(ctx: CommandContext): { session: Session; txnNumber: number } {
  const txnNumber = toNumber(ctx.body.txnNumber);
  if (!ctx.session || txnNumber === undefined) throw new MongoError(ErrorCodes.InvalidOptions, `'${Object.keys(ctx.body)[0]}' must be run with a session id and a txnNumber`);
  return { session: ctx.session, txnNumber };
}

async function commitTransaction(ctx: CommandContext): Promise<Document> {
  const { session, txnNumber } = sessionAndNumber(ctx);
  const txn = session.txn;
  if (!txn || txn.txnNumber !== txnNumber) throw noSuchTransaction(txnNumber, 'was not found');
  if (txn.state === 'aborted') throw noSuchTransaction(txnNumber);
  await ctx.engine.commitTransaction(txn); // repeated after success: resolves again (ok)
  return { ok: 1 };
}

function abortTransaction(ctx: CommandContext): Document {
  const { session, txnNumber } = sessionAndNumber(ctx);
  const txn = session.txn;
  if (!txn || txn.txnNumber !== txnNumber) throw noSuchTransaction(txnNumber, 'was not found');
  if (txn.state === 'committed' || txn.state === 'committing') {
    throw mongoError(MoreCodes.TransactionCommitted, `Transaction with { txnNumber: ${txnNumber} } has been committed.`);
  }
  if (txn.state === 'aborted') throw noSuchTransaction(txnNumber);
  ctx.engine.abortTransaction(txn);
  return { ok: 1 };
}

/** Forget sessions, aborting their open transactions. */
export function endSession(rt: Runtime, s: Session | undefined): void {
  if (s?.txn) rt.engine.abortTransaction(s.txn);
}

function endSessions(ctx: CommandContext): Document {
  const list = ctx.body[Object.keys(ctx.body)[0]];
  if (Array.isArray(list)) for (const lsid of list) if (lsid && typeof lsid === 'object') endSession(ctx.rt, ctx.rt.sessions.end(lsid as Document));
  return { ok: 1 };
}

function killAllSessions(ctx: CommandContext): Document {
  for (const s of ctx.rt.sessions.clear()) endSession(ctx.rt, s);
  return { ok: 1 };
}

export const sessionCommands: Record<string, CommandHandler> = {
  commitTransaction,
  abortTransaction,
  endSessions,
  killSessions: endSessions,
  killAllSessions,
  killAllSessionsByPattern: killAllSessions,
  refreshSessions: () => ({ ok: 1 }),
  startSession: () => ({ ok: 1 }),
};
