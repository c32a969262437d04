/** Small assertions shared by the compatibility suites. */
import { expect } from 'vitest';
import { MongoServerError, type Collection, type Db, type Document, type ObjectId } from 'mongodb';

/** Awaits a promise that must reject with a server error carrying `code`; returns the error. */
export async function expectServerError(promise: Promise<unknown>, code: number, codeName?: string): Promise<MongoServerError> {
  let caught: unknown;
  try {
    await promise;
  } catch (err) {
    caught = err;
  }
  expect(caught, `expected server error ${code}`).toBeInstanceOf(MongoServerError);
  const err = caught as MongoServerError;
  expect({ code: err.code, message: err.message }).toMatchObject({ code });
  if (codeName) expect(err.codeName).toBe(codeName);
  return err;
}

/**
 * Documents with any `_id` type: the suites store numbers, strings and BSON wrappers as
 * `_id`, which the driver's default `Document` schema (ObjectId ids) would reject.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyDoc = { _id?: number | string | ObjectId | Document; [key: string]: any };

let counter = 0;
/** A fresh collection per test, so tests in one file never see each other's documents. */
export function freshCollection<T extends Document = AnyDoc>(db: Db, label: string): Collection<T> {
  counter += 1;
  return db.collection<T>(`${label}_${counter}`);
}

/** Sorts plain values the way the tests compare them when the server's order is unspecified. */
export function sorted<T>(values: T[]): T[] {
  return [...values].sort((a, b) => (String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0));
}
