import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';

/** Every error a client may see carries one of these codes in `extensions.code`. */
export const ErrorCode = {
  BAD_USER_INPUT: 'BAD_USER_INPUT',
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  FORBIDDEN: 'FORBIDDEN',
  NOT_FOUND: 'NOT_FOUND',
  REGION_UNAVAILABLE: 'REGION_UNAVAILABLE',
  SUBGRAPH_UNAVAILABLE: 'SUBGRAPH_UNAVAILABLE',
  INTERNAL_SERVER_ERROR: 'INTERNAL_SERVER_ERROR',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** Codes the GraphQL engine itself raises for malformed requests; safe to show as they are. */
const ENGINE_CODES = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
]);
/** The gateway's query limits, each named by its own code. */
export const LimitCode = {
  MAX_DEPTH_EXCEEDED: 'MAX_DEPTH_EXCEEDED',
  MAX_ALIASES_EXCEEDED: 'MAX_ALIASES_EXCEEDED',
  MAX_TOKENS_EXCEEDED: 'MAX_TOKENS_EXCEEDED',
  MAX_COST_EXCEEDED: 'MAX_COST_EXCEEDED',
} as const;
export type LimitCode = (typeof LimitCode)[keyof typeof LimitCode];

const PUBLIC_CODES = new Set<string>([...Object.values(ErrorCode), ...ENGINE_CODES, ...Object.values(LimitCode)]);

export function badInput(field: string, message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: ErrorCode.BAD_USER_INPUT, field } });
}

export function forbidden(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: ErrorCode.FORBIDDEN } });
}

export function notFound(what: string, key: string): GraphQLError {
  return new GraphQLError(`${what} ${key} does not exist`, { extensions: { code: ErrorCode.NOT_FOUND } });
}

export function regionUnavailable(region: string, reason: 'failed' | 'timed out'): GraphQLError {
  return new GraphQLError(`Region ${region} is unavailable: its data source ${reason}`, {
    extensions: { code: ErrorCode.REGION_UNAVAILABLE, region },
  });
}

export type Log = (message: string, detail?: unknown) => void;

/**
 * Errors thrown on purpose pass as they are; anything else reaches the client as
 * INTERNAL_SERVER_ERROR with no detail, the detail going to the log only.
 */
export function maskError(log: Log) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const code = formatted.extensions?.code;
    if (typeof code === 'string' && PUBLIC_CODES.has(code)) {
      const { stacktrace: _stack, exception: _exception, ...extensions } = formatted.extensions ?? {};
      return { ...formatted, extensions };
    }
    const cause = unwrapResolverError(error);
    log('unexpected error', cause instanceof GraphQLError && cause.originalError ? cause.originalError : cause);
    return {
      message: 'Internal server error',
      ...(formatted.path ? { path: formatted.path } : {}),
      extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR },
    };
  };
}
