/**
 * Unexpected failures and access denials are GraphQL errors with a stable `extensions.code`;
 * expected failures of a mutation are data (`UserError` in its payload, see `userError`).
 */
import { GraphQLError } from 'graphql';

export type UserErrorCode = 'VALIDATION' | 'CONFLICT' | 'NOT_FOUND' | 'INVALID_STATE' | 'DUPLICATE' | 'FORBIDDEN';
export interface UserError {
  code: UserErrorCode;
  field: string | null;
  message: string;
}

export function userError(code: UserErrorCode, message: string, field: string | null = null): UserError {
  return { code, field, message };
}

/** Thrown inside services for expected failures; resolvers turn it into payload errors. */
export class DomainError extends Error {
  readonly errors: UserError[];
  constructor(errors: UserError | UserError[]) {
    const list = Array.isArray(errors) ? errors : [errors];
    super(list.map((e) => e.message).join('；'));
    this.errors = list;
  }
}

export const unauthenticated = () => new GraphQLError('请先登录', { extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } } });
export const forbidden = (message = '无权执行此操作') => new GraphQLError(message, { extensions: { code: 'FORBIDDEN' } });
export const badInput = (message: string, field?: string) =>
  new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT', field } });

/** Runs a mutation body; DomainErrors become `{ errors }` payloads, anything else propagates. */
export async function payload<T extends object>(fn: () => Promise<T>): Promise<T & { errors: UserError[] }> {
  try {
    const result = await fn();
    return { ...result, errors: [] };
  } catch (e) {
    if (e instanceof DomainError) return { errors: e.errors } as unknown as T & { errors: UserError[] };
    throw e;
  }
}
