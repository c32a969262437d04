/**
 * Query limits (graphql-armor) and error masking. Each rejected limit carries its own
 * `extensions.code` so clients and tests can tell them apart without reading messages.
 */
import { ApolloArmor } from '@escape.tech/graphql-armor';
import type { ApolloServerPlugin } from '@apollo/server';
import type { GraphQLFormattedError, ValidationRule } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';
import type { Logger } from '../lib/logger.js';

export const LIMITS = { maxDepth: 12, maxAliases: 15, costLimit: 20_000, maxTokens: 2_000, maxDirectives: 20 } as const;

const armor = new ApolloArmor({
  maxDepth: { n: LIMITS.maxDepth, flattenFragments: true },
  maxAliases: { n: LIMITS.maxAliases },
  costLimit: { maxCost: LIMITS.costLimit },
  maxTokens: { n: LIMITS.maxTokens },
  maxDirectives: { n: LIMITS.maxDirectives },
  blockFieldSuggestion: { enabled: true },
});

/**
 * graphql-armor reports every rejection as BAD_USER_INPUT (its onReject callbacks see a different
 * error object than the one reported), so the limit is recognised here by the library's fixed
 * message and given its own code, in one place, for clients that must tell the limits apart.
 */
const LIMIT_CODES: [RegExp, string][] = [
  [/^Syntax Error: Query depth limit/, 'QUERY_TOO_DEEP'],
  [/^Syntax Error: Aliases limit/, 'TOO_MANY_ALIASES'],
  [/^Syntax Error: Query Cost limit/, 'QUERY_TOO_COSTLY'],
  [/^Syntax Error: Token limit/, 'TOO_MANY_TOKENS'],
  [/^Syntax Error: Directives limit/, 'TOO_MANY_DIRECTIVES'],
];

function limitCode(message: string): string | null {
  return LIMIT_CODES.find(([re]) => re.test(message))?.[1] ?? null;
}
const protection = armor.protect();

export function armorPlugins(): ApolloServerPlugin[] {
  return protection.plugins as ApolloServerPlugin[];
}
export function armorValidationRules(): ValidationRule[] {
  return protection.validationRules;
}

const SAFE_CODES = new Set([
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'BAD_USER_INPUT',
  'RATE_LIMITED',
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
  'DATABASE_UNAVAILABLE',
]);

/** Known failures pass through; anything else is logged and answered with a generic message. */
export function formatError(log: Logger, production: boolean) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const ext = { ...(formatted.extensions ?? {}) } as Record<string, unknown>;
    const limit = ext.code === 'GRAPHQL_VALIDATION_FAILED' ? limitCode(formatted.message) : null;
    if (limit) {
      if (production) delete ext.stacktrace;
      return { ...formatted, extensions: { ...ext, code: limit } };
    }
    const code = typeof ext.code === 'string' ? ext.code : 'INTERNAL_SERVER_ERROR';
    if (SAFE_CODES.has(code)) {
      if (production) delete ext.stacktrace;
      return { ...formatted, extensions: ext };
    }
    const original = unwrapResolverError(error);
    const name = (original as { name?: string })?.name ?? '';
    if (/MongoServerSelectionError|MongoNetworkError|MongoNotConnectedError|MongoTopologyClosedError/.test(name)) {
      return { message: '数据库暂时不可用，请稍后重试', path: formatted.path, extensions: { code: 'DATABASE_UNAVAILABLE' } };
    }
    log.error({ err: original, path: formatted.path }, 'unexpected GraphQL error');
    return {
      message: '服务器内部错误',
      path: formatted.path,
      extensions: production ? { code: 'INTERNAL_SERVER_ERROR' } : { code: 'INTERNAL_SERVER_ERROR', detail: String((original as Error)?.message ?? original) },
    };
  };
}
