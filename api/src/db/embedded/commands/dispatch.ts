/**
 * Command dispatch: finds the handler, applies session semantics around it and turns
 * failures into `ok: 0` replies.
 *
 *  - `autocommit: false` (+ `startTransaction` on the first statement): the command runs
 *    inside the session's transaction; any error aborts the transaction.
 *  - `txnNumber` without `autocommit` on a write: a retryable write. A retry of the same
 *    (lsid, txnNumber) gets the first attempt's reply and writes nothing again; a retry that
 *    arrives while the first attempt is still being made durable waits for it.
 */
import type { Document } from 'bson';
import { ErrorCodes, isMongoError, MongoError } from '../errors.js';
import { MoreCodes, mongoError } from '../engine/errors-ext.js';
import { isPlainObject } from '../engine/query-api.js';
import type { Session } from '../engine/sessions.js';
import { aggregateCommands } from './aggregate.js';
import { checkDbName, toNumber } from './args.js';
import { catalogCommands } from './catalog.js';
import { CommandContext, type CommandHandler, type ConnectionInfo, type Runtime } from './context.js';
import { findAndModifyCommands } from './find-and-modify.js';
import { handshakeCommands } from './handshake.js';
import { indexCommands } from './indexes.js';
import { readCommands } from './read.js';
import { noSuchTransaction, sessionCommands } from './sessions.js';
import { writeCommands } from './write.js';

const registry: Record<string, CommandHandler> = {
  ...handshakeCommands,
  ...readCommands,
  ...writeCommands,
  ...findAndModifyCommands,
  ...aggregateCommands,
  ...catalogCommands,
  ...indexCommands,
  ...sessionCommands,
};

const RETRYABLE = new Set(['insert', 'update', 'delete', 'findAndModify', 'findandmodify']);
const ALLOWED_IN_TRANSACTION = new Set([
  'find', 'getMore', 'killCursors', 'insert', 'update', 'delete', 'findAndModify', 'findandmodify',
  'aggregate', 'distinct', 'create', 'createIndexes', 'commitTransaction', 'abortTransaction',
]);
const COUNTED_ELSEWHERE = new Set(['find', 'getMore', 'insert', 'update', 'delete']);

export function commandNames(): string[] {
  return Object.keys(registry);
}

function errorReply(rt: Runtime, name: string, e: unknown): Document {
  if (isMongoError(e)) return e.toReply();
  rt.logger.error(`Command '${name}' failed unexpectedly: ${(e as Error)?.stack ?? String(e)}`);
  return new MongoError(ErrorCodes.InternalError, `internal error in '${name}': ${(e as Error)?.message ?? String(e)}`).toReply();
}

export async function dispatch(rt: Runtime, conn: ConnectionInfo, body: Document): Promise<Document> {
  const name = Object.keys(body)[0] ?? '';
  const handler = Object.hasOwn(registry, name) ? registry[name] : undefined;
  if (!handler) return new MongoError(ErrorCodes.CommandNotFound, `no such command: '${name}'`).toReply();
  if (!COUNTED_ELSEWHERE.has(name)) rt.counters.command++;
  try {
    const db = typeof body.$db === 'string' ? body.$db : 'admin';
    checkDbName(db);
    const session = isPlainObject(body.lsid) ? rt.sessions.get(body.lsid) : null;
    const txnNumber = toNumber(body.txnNumber);
    if (body.autocommit === false) return await runInTransaction(rt, conn, body, db, name, handler, session, txnNumber);
    if (session && txnNumber !== undefined && RETRYABLE.has(name)) return await runRetryable(rt, conn, body, db, handler, session, txnNumber);
    return await handler(new CommandContext(rt, conn, body, db, session, null));
  } catch (e) {
    return errorReply(rt, name, e);
  }
}

async function runInTransaction(
  rt: Runtime,
  conn: ConnectionInfo,
  body: Document,
  db: string,
  name: string,
  handler: CommandHandler,
  session: Session | null,
  txnNumber: number | undefined,
): Promise<Document> {
  if (!session || txnNumber === undefined) throw new MongoError(ErrorCodes.InvalidOptions, 'a transaction needs a session id (lsid) and a txnNumber');
  if (name === 'commitTransaction' || name === 'abortTransaction') return handler(new CommandContext(rt, conn, body, db, session, null));
  let txn = session.txn;
  if (body.startTransaction === true) {
    if (txnNumber < session.highestTxnNumber) {
      throw new MongoError(ErrorCodes.TransactionTooOld, `Cannot start transaction ${txnNumber} on session because a newer transaction ${session.highestTxnNumber} has already started`);
    }
    if (txn && txn.txnNumber === txnNumber) {
      throw mongoError(MoreCodes.ConflictingOperationInProgress, `Transaction ${txnNumber} has already been started on this session`);
    }
    if (txn) rt.engine.abortTransaction(txn);
    txn = session.txn = rt.engine.beginTransaction(txnNumber);
    session.highestTxnNumber = txnNumber;
  } else {
    if (!txn || txn.txnNumber !== txnNumber) throw noSuchTransaction(txnNumber, 'was not found');
    if (txn.state === 'committed' || txn.state === 'committing') {
      throw mongoError(MoreCodes.TransactionCommitted, `Transaction with { txnNumber: ${txnNumber} } has been committed.`);
    }
    if (txn.state !== 'active') throw noSuchTransaction(txnNumber);
  }
  if (!ALLOWED_IN_TRANSACTION.has(name)) {
    rt.engine.abortTransaction(txn);
    throw mongoError(MoreCodes.OperationNotSupportedInTransaction, `Cannot run '${name}' in a multi-document transaction.`);
  }
  try {
    const reply = await handler(new CommandContext(rt, conn, body, db, session, txn));
    if (reply.writeErrors) rt.engine.abortTransaction(txn); // any failed statement aborts the transaction
    return reply;
  } catch (e) {
    rt.engine.abortTransaction(txn, isMongoError(e) ? e : undefined);
    throw e;
  }
}

async function runRetryable(
  rt: Runtime,
  conn: ConnectionInfo,
  body: Document,
  db: string,
  handler: CommandHandler,
  session: Session,
  txnNumber: number,
): Promise<Document> {
  if (txnNumber < session.highestTxnNumber) {
    throw new MongoError(
      ErrorCodes.TransactionTooOld,
      `Retryable write with txnNumber ${txnNumber} is prohibited on session because a newer retryable write with txnNumber ${session.highestTxnNumber} has already started on this session.`,
    );
  }
  const rec = session.retry;
  if (rec && rec.txnNumber === txnNumber) {
    if (rec.reply) return rec.reply;
    if (rec.pending) {
      try {
        return await rec.pending;
      } catch {
        // The first attempt failed and wrote nothing: this retry runs it again.
      }
    }
  }
  session.highestTxnNumber = txnNumber;
  const pending = Promise.resolve().then(() => handler(new CommandContext(rt, conn, body, db, session, null)));
  session.retry = { txnNumber, pending };
  try {
    const reply = await pending;
    if (session.retry?.txnNumber === txnNumber) session.retry = { txnNumber, reply };
    return reply;
  } catch (e) {
    if (session.retry?.txnNumber === txnNumber && session.retry.pending === pending) session.retry = null;
    throw e;
  }
}
