/** Shared bits of the engine tests. */
import type { ObjectId } from 'mongodb';

/**
 * Documents with any `_id` type: these tests store numbers and strings as `_id`, which the
 * driver's default schema (ObjectId ids) would reject at compile time.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyDoc = { _id?: number | string | ObjectId | number[] | Record<string, unknown>; [key: string]: any };
