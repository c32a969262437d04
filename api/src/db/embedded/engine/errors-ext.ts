/**
 * MongoDB error codes the shared table in errors.ts does not list. Built on MongoError so
 * every layer handles them the same way; only the codeName needs supplying.
 */
import { MongoError } from '../errors.js';

export const MoreCodes = {
  AuthenticationFailed: 18,
  Interrupted: 11601,
  CannotIndexParallelArrays: 171,
  CannotCreateIndex: 67,
  TransactionCommitted: 256,
  OperationNotSupportedInTransaction: 263,
  BSONObjectTooLarge: 10334,
  DocumentTooLarge: 17419,
  QueryFeatureNotAllowed: 224,
  UnsupportedOpQueryCommand: 352,
  ProtocolError: 17,
  ConflictingOperationInProgress: 117,
} as const;

const names: Record<number, string> = Object.fromEntries(Object.entries(MoreCodes).map(([n, c]) => [c, n]));

/** A MongoError whose code may be missing from errors.ts's table. */
export function mongoError(code: number, message: string, extra: Record<string, unknown> = {}, labels: string[] = []): MongoError {
  const err = new MongoError(code, message, extra, labels);
  const name = names[code];
  if (name && err.codeName === 'UnknownError') Object.defineProperty(err, 'codeName', { value: name });
  return err;
}
