/**
 * Turns failures into Chinese sentences by their stable codes, never by message text.
 * Expected failures of mutations come back as `errors { code field message }` data;
 * everything else arrives as an ApolloError with `extensions.code` or a network error.
 */
import { ApolloError } from '@apollo/client/core';

const CODE_MESSAGES: Record<string, string> = {
  UNAUTHENTICATED: '登录已失效，请重新登录',
  FORBIDDEN: '没有权限进行此操作',
  NOT_FOUND: '记录不存在或已被删除',
  BAD_USER_INPUT: '提交的内容有误，请检查后重试',
  RATE_LIMITED: '操作过于频繁，请稍后再试',
  INTERNAL_SERVER_ERROR: '服务器出错，请稍后重试',
  DATABASE_UNAVAILABLE: '数据库暂时不可用，请稍后重试',
  STORAGE_FULL: '服务器存储空间已满，本次修改未保存，请联系管理员',
  NETWORK: '网络连接失败，请检查网络后重试',
};

export function errorCode(error: unknown): string | undefined {
  if (error instanceof ApolloError) {
    const code = error.graphQLErrors.find((e) => e.extensions?.code)?.extensions?.code;
    if (typeof code === 'string') return code;
    if (error.networkError) {
      // A 4xx/5xx with a GraphQL body still carries codes in `result.errors`.
      const result = (error.networkError as { result?: { errors?: { extensions?: { code?: unknown } }[] } }).result;
      const inner = result?.errors?.find((e) => typeof e.extensions?.code === 'string')?.extensions?.code;
      return typeof inner === 'string' ? inner : 'NETWORK';
    }
    return error.graphQLErrors.length > 0 ? 'INTERNAL_SERVER_ERROR' : undefined;
  }
  if (error instanceof TypeError) return 'NETWORK';
  return undefined;
}

export function describeError(error: unknown): string {
  const code = errorCode(error);
  return (code && CODE_MESSAGES[code]) ?? CODE_MESSAGES.INTERNAL_SERVER_ERROR;
}
