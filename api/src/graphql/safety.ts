/**
 * Query limits (graphql-armor) and error masking. Each rejected limit carries its own
 * `extensions.code` so clients and tests can tell them apart without reading messages.
 */
import { ApolloArmor } from '@escape.tech/graphql-armor';
import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, Lexer, Source, TokenKind, type GraphQLFormattedError, type ValidationRule } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';
import type { Logger } from '../lib/logger.js';
import { databaseFailure, DATABASE_FAILURE_MESSAGES } from '../db/errors.js';

export const LIMITS = { maxDepth: 12, maxAliases: 15, costLimit: 20_000, maxTokens: 2_000, maxDirectives: 20 } as const;

const armor = new ApolloArmor({
  maxDepth: { n: LIMITS.maxDepth, flattenFragments: true },
  maxAliases: { n: LIMITS.maxAliases },
  costLimit: { maxCost: LIMITS.costLimit },
  // Replaced by tokenLimitPlugin below: armor's version throws every syntax error from a plugin
  // hook, which Apollo answers with HTTP 500.
  maxTokens: { enabled: false },
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
  // graphql-js's own limit (Apollo `parseOptions.maxTokens`), reported as a parse failure.
  [/^Syntax Error: Document contains more than \d+ tokens/, 'TOO_MANY_TOKENS'],
  [/^Syntax Error: Directives limit/, 'TOO_MANY_DIRECTIVES'],
];

function limitCode(message: string): string | null {
  return LIMIT_CODES.find(([re]) => re.test(message))?.[1] ?? null;
}
const LIMIT_CODE_SET = new Set(LIMIT_CODES.map(([, code]) => code));
const protection = armor.protect();

/** Whether `source` has more than `max` tokens; a syntax error is left to the parser to report. */
function overTokenLimit(source: string, max: number): boolean {
  const lexer = new Lexer(new Source(source));
  let n = 0;
  try {
    while (lexer.advance().kind !== TokenKind.EOF) if (++n > max) return true;
  } catch {
    return false;
  }
  return false;
}

/**
 * The token limit, checked before the document is parsed (so a flood of tokens never reaches
 * the parser or the validation rules). A hook can only refuse by throwing, and Apollo answers
 * with the error a plugin rethrows from `unexpectedErrorProcessingRequest`: this one carries
 * HTTP 400 and its own code. (Setting Apollo's `parseOptions: { maxTokens }` does the same natively.)
 */
function tokenLimitPlugin(max: number): ApolloServerPlugin {
  const marker = Symbol('token limit');
  return {
    async unexpectedErrorProcessingRequest({ error }) {
      if ((error as { [marker]?: true })[marker]) throw error;
    },
    async requestDidStart() {
      return {
        async parsingDidStart({ source }) {
          if (typeof source === 'string' && overTokenLimit(source, max)) {
            const e = new GraphQLError(`Syntax Error: Token limit of ${max} exceeded.`, { extensions: { code: 'TOO_MANY_TOKENS', http: { status: 400 } } });
            throw Object.assign(e, { [marker]: true });
          }
        },
      };
    },
  };
}

/**
 * Subscription operations against a schema without a Subscription type: graphql-js 16 only
 * notices at execution and throws (an unexpected error, HTTP 200 with INTERNAL_SERVER_ERROR);
 * graphql-js 17's KnownOperationTypesRule refuses them at validation, as this does.
 */
const knownOperationTypes: ValidationRule = (context) => ({
  OperationDefinition(node) {
    const schema = context.getSchema();
    const root = node.operation === 'query' ? schema.getQueryType() : node.operation === 'mutation' ? schema.getMutationType() : schema.getSubscriptionType();
    if (!root) context.reportError(new GraphQLError(`不支持${node.operation}操作`, { nodes: node }));
  },
});

export function armorPlugins(): ApolloServerPlugin[] {
  return [tokenLimitPlugin(LIMITS.maxTokens), ...(protection.plugins as ApolloServerPlugin[])];
}
export function armorValidationRules(): ValidationRule[] {
  return [knownOperationTypes, ...protection.validationRules];
}

/** "Did you mean …?" names schema elements: never in an answer (armor's mask misses enum values). */
const stripSuggestions = (message: string) => message.replace(/\s*Did you mean [^?]*\?/g, '');

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
  'STORAGE_FULL',
]);

/**
 * Request errors graphql-js and Apollo raise without a code: variables failing in bulk ("Too
 * many errors processing variables"), persisted-query mismatches (which carry their HTTP 4xx).
 * They are the client's doing, not an internal failure.
 */
function clientErrorCode(message: string, original: unknown): string | null {
  if (/^Too many errors processing variables/.test(message)) return 'BAD_USER_INPUT';
  const status = (original as { extensions?: { http?: { status?: number } } } | null)?.extensions?.http?.status;
  return typeof status === 'number' && status >= 400 && status < 500 ? 'BAD_REQUEST' : null;
}

/** Known failures pass through; anything else is logged and answered with a generic message. */
export function formatError(log: Logger, production: boolean) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const ext = { ...(formatted.extensions ?? {}) } as Record<string, unknown>;
    const limit = ext.code === 'GRAPHQL_VALIDATION_FAILED' || ext.code === 'GRAPHQL_PARSE_FAILED' ? limitCode(formatted.message) : null;
    const code = typeof ext.code === 'string' ? ext.code : 'INTERNAL_SERVER_ERROR';
    if (limit || LIMIT_CODE_SET.has(code) || SAFE_CODES.has(code)) {
      if (production) delete ext.stacktrace;
      return { ...formatted, message: stripSuggestions(formatted.message), extensions: { ...ext, code: limit ?? code } };
    }
    const original = unwrapResolverError(error);
    const client = clientErrorCode(formatted.message, original);
    if (client) return { message: stripSuggestions(formatted.message), locations: formatted.locations, extensions: { code: client } };
    const failure = databaseFailure(original);
    if (failure) {
      log.warn({ err: original, path: formatted.path }, failure === 'STORAGE_FULL' ? 'write refused: database storage full' : 'database unavailable');
      return { message: DATABASE_FAILURE_MESSAGES[failure], path: formatted.path, extensions: { code: failure } };
    }
    log.error({ err: original, path: formatted.path }, 'unexpected GraphQL error');
    return {
      message: '服务器内部错误',
      path: formatted.path,
      extensions: production ? { code: 'INTERNAL_SERVER_ERROR' } : { code: 'INTERNAL_SERVER_ERROR', detail: String((original as Error)?.message ?? original) },
    };
  };
}
