/**
 * Database failures a user should be told about plainly instead of "服务器内部错误": the
 * database cannot be reached (down, restarting, network cut) or it refuses writes because its
 * disk is full (code 14031, OutOfDiskSpace, from MongoDB and from the embedded server alike).
 * Used by the GraphQL error formatter and by the HTTP error handler (a session-store read is
 * the first thing a signed-in request does, before GraphQL).
 */
import {
  MongoNetworkError,
  MongoNotConnectedError,
  MongoServerClosedError,
  MongoServerError,
  MongoServerSelectionError,
  MongoTopologyClosedError,
} from 'mongodb';

export type DatabaseFailure = 'DATABASE_UNAVAILABLE' | 'STORAGE_FULL';

export const DATABASE_FAILURE_MESSAGES: Record<DatabaseFailure, string> = {
  DATABASE_UNAVAILABLE: '数据库暂时不可用，请稍后重试',
  STORAGE_FULL: '服务器存储空间已满，本次修改未保存，请联系管理员',
};

const OUT_OF_DISK_SPACE = 14031;

/** What kind of database failure `err` (or an error it wraps) is, if any. */
export function databaseFailure(err: unknown): DatabaseFailure | null {
  for (let e = err, depth = 0; e && depth < 5; e = (e as { cause?: unknown; originalError?: unknown }).cause ?? (e as { originalError?: unknown }).originalError, depth++) {
    if (e instanceof MongoServerError && e.code === OUT_OF_DISK_SPACE) return 'STORAGE_FULL';
    if (
      e instanceof MongoNetworkError || // includes timeouts and a cleared pool
      e instanceof MongoServerSelectionError ||
      e instanceof MongoNotConnectedError ||
      e instanceof MongoTopologyClosedError ||
      e instanceof MongoServerClosedError
    ) {
      return 'DATABASE_UNAVAILABLE';
    }
    // Mongoose queues model operations while it has no connection and gives up after bufferTimeoutMS.
    if ((e as Error).name === 'MongooseError' && /buffering timed out/.test((e as Error).message)) return 'DATABASE_UNAVAILABLE';
  }
  return null;
}

/** The body and status an HTTP route answers with for a database failure (GraphQL error shape). */
export function databaseFailureResponse(failure: DatabaseFailure): { status: number; body: { errors: { message: string; extensions: { code: DatabaseFailure } }[] } } {
  return {
    status: failure === 'STORAGE_FULL' ? 507 : 503,
    body: { errors: [{ message: DATABASE_FAILURE_MESSAGES[failure], extensions: { code: failure } }] },
  };
}
