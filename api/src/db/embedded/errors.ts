/**
 * MongoDB-shaped errors. Every failure the embedded server reports carries the numeric
 * code and codeName a real mongod would use, so drivers and mongoose react the same way
 * (e.g. 11000 -> duplicate key, 112 -> retryable transaction error).
 */
export const ErrorCodes = {
  InternalError: 1,
  BadValue: 2,
  NoSuchKey: 4,
  Unauthorized: 13,
  TypeMismatch: 14,
  InvalidLength: 16,
  IllegalOperation: 20,
  NamespaceNotFound: 26,
  IndexNotFound: 27,
  PathNotViable: 28,
  ConflictingUpdateOperators: 40,
  CursorNotFound: 43,
  NamespaceExists: 48,
  DollarPrefixedFieldName: 52,
  InvalidIdField: 53,
  CommandNotFound: 59,
  ImmutableField: 66,
  InvalidOptions: 72,
  InvalidNamespace: 73,
  IndexOptionsConflict: 85,
  IndexKeySpecsConflict: 86,
  NoSuchTransaction: 251,
  WriteConflict: 112,
  OperationFailed: 96,
  TransactionTooOld: 225,
  Location40324: 40324,
  InvalidPipelineOperator: 168,
  FailedToParse: 9,
  DuplicateKey: 11000,
  MaxTimeMSExpired: 50,
  OutOfDiskSpace: 14031,
  NotWritablePrimary: 10107,
} as const;

const codeNames: Record<number, string> = Object.fromEntries(
  Object.entries(ErrorCodes).map(([name, code]) => [code, name]),
);

export class MongoError extends Error {
  readonly code: number;
  readonly codeName: string;
  readonly errorLabels: string[];
  /** Extra fields copied into the error reply (keyPattern, keyValue, ...). */
  readonly extra: Record<string, unknown>;

  constructor(code: number, message: string, extra: Record<string, unknown> = {}, errorLabels: string[] = []) {
    super(message);
    this.code = code;
    this.codeName = codeNames[code] ?? `Location${code}`; // mongod's name for codes without one
    this.extra = extra;
    this.errorLabels = errorLabels;
  }

  /** The reply body for a failed command (`ok: 0`). */
  toReply(): Record<string, unknown> {
    const reply: Record<string, unknown> = { ok: 0, errmsg: this.message, code: this.code, codeName: this.codeName, ...this.extra };
    if (this.errorLabels.length) reply.errorLabels = this.errorLabels;
    return reply;
  }

  /** An entry of a write command's `writeErrors` array. */
  toWriteError(index: number): Record<string, unknown> {
    return { index, code: this.code, codeName: this.codeName, errmsg: this.message, ...this.extra };
  }
}

export function isMongoError(e: unknown): e is MongoError {
  return e instanceof MongoError;
}
