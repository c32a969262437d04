/**
 * Query limits (graphql-armor) and error masking. Each rejected limit carries its own
 * `extensions.code` so clients and tests can tell them apart without reading messages.
 */
import { ApolloArmor } from '@escape.tech/graphql-armor';
import type { ApolloServerPlugin } from '@apollo/server';
import type { GraphQLFormattedError, ValidationContext, GraphQLError, ValidationRule } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';
import type { Logger } from '../lib/logger.js';

export const LIMITS = { maxDepth: 12, maxAliases: 15, costLimit: 20_000, maxTokens: 2_000, maxDirectives: 20 } as const;

const tag = (code: string) => [
  (_ctx: ValidationContext | null, err: GraphQLError) => {
    (err.extensions as Record<string, unknown>).limit = code;
  },
];

const armor = new ApolloArmor({
  maxDepth: { n: LIMITS.maxDepth, onReject: tag('QUERY_TOO_DEEP'), flattenFragments: true },
  maxAliases: { n: LIMITS.maxAliases, onReject: tag('TOO_MANY_ALIASES') },
  costLimit: { maxCost: LIMITS.costLimit, onReject: tag('QUERY_TOO_COSTLY') },
  maxTokens: { n: LIMITS.maxTokens, onReject: tag('TOO_MANY_TOKENS') },
  maxDirectives: { n: LIMITS.maxDirectives, onReject: tag('TOO_MANY_DIRECTIVES') },
  blockFieldSuggestion: { enabled: true },
});
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
    // Apollo wraps validation errors; the armor error (tagged by `tag`) is the original.
    const limit = ((error as { originalError?: { extensions?: Record<string, unknown> } })?.originalError?.extensions?.limit ?? ext.limit) as unknown;
    if (typeof limit === 'string') {
      delete ext.limit;
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
