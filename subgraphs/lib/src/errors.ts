import { randomUUID } from 'node:crypto';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';

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

/**
 * An error the project raises on purpose: its message and extensions are written for the caller.
 * Masking keys on this class, never on a code, because Apollo gives every uncoded error a code.
 */
export class PublicError extends GraphQLError {
  constructor(message: string, code: string, extensions: Readonly<Record<string, unknown>> = {}, path?: readonly (string | number)[]) {
    super(message, { extensions: { ...extensions, code }, ...(path ? { path } : {}) });
    this.name = 'PublicError';
  }
}

/**
 * Codes of the errors the GraphQL engine raises for a malformed request, before anything runs:
 * they describe the caller's document or variables, never the server's state.
 */
const REQUEST_CODES = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'BAD_USER_INPUT',
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

/** What a subgraph may answer; each subgraph masks the rest before it leaves. */
const SUBGRAPH_CODES = new Set<string>([...Object.values(ErrorCode), ...REQUEST_CODES]);

export function badInput(field: string, message: string): PublicError {
  return new PublicError(message, ErrorCode.BAD_USER_INPUT, { field });
}

export function forbidden(message: string): PublicError {
  return new PublicError(message, ErrorCode.FORBIDDEN);
}

export function notFound(what: string, key: string): PublicError {
  return new PublicError(`${what} ${key} does not exist`, ErrorCode.NOT_FOUND);
}

export function regionUnavailable(region: string, reason: 'failed' | 'timed out'): PublicError {
  return new PublicError(`Region ${region} is unavailable: its data source ${reason}`, ErrorCode.REGION_UNAVAILABLE, { region });
}

/** A region skipped without trying: it failed repeatedly and has not answered a probe since. */
export function regionDown(region: string, retryAt: number): PublicError {
  const at = new Date(retryAt).toISOString();
  return new PublicError(`Region ${region} is unavailable: its data source is down; it is tried again at ${at}`, ErrorCode.REGION_UNAVAILABLE, {
    region,
    retryAt: at,
  });
}

export type Log = (message: string, detail?: unknown) => void;

/** The error and the errors it wraps, outermost first (resolver errors wrap what was thrown). */
function chain(error: unknown): unknown[] {
  const found: unknown[] = [];
  let current = error;
  while (current !== undefined && current !== null && !found.includes(current)) {
    found.push(current);
    current = (current as { originalError?: unknown }).originalError;
  }
  return found;
}

/** An engine error about the request itself: no path, nothing underneath but GraphQL errors. */
function isRequestError(formatted: GraphQLFormattedError, error: unknown): boolean {
  const code = formatted.extensions?.code;
  return formatted.path === undefined && typeof code === 'string' && REQUEST_CODES.has(code) && chain(error).every((e) => e instanceof GraphQLError);
}

/**
 * A subgraph's error relayed by the gateway: the gateway tags it with the subgraph's name and
 * keeps the subgraph's JSON underneath. The subgraph masked it already, so its code is one of ours.
 */
function isSubgraphError(formatted: GraphQLFormattedError, error: unknown): boolean {
  const code = formatted.extensions?.code;
  const original = (error as { originalError?: unknown } | undefined)?.originalError;
  return (
    typeof formatted.extensions?.serviceName === 'string' &&
    typeof code === 'string' &&
    SUBGRAPH_CODES.has(code) &&
    original !== null &&
    typeof original === 'object' &&
    !(original instanceof Error)
  );
}

/**
 * Errors the project raised (PublicError), the engine's errors about a malformed request, and
 * errors a subgraph already masked pass, without stack traces. Anything else reaches the client
 * as `Internal server error` with a reference id; the log line with the cause carries the same id.
 */
export function maskError(log: Log) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    if (chain(error).some((e) => e instanceof PublicError) || isRequestError(formatted, error) || isSubgraphError(formatted, error)) {
      const { stacktrace: _stack, exception: _exception, ...extensions } = formatted.extensions ?? {};
      return { ...formatted, extensions };
    }
    const referenceId = randomUUID();
    const causes = chain(error);
    const cause = causes.findLast((e) => e instanceof Error) ?? causes.at(-1);
    log(`unexpected error, reference ${referenceId}`, cause);
    return {
      message: 'Internal server error',
      ...(formatted.path ? { path: formatted.path } : {}),
      extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR, referenceId },
    };
  };
}
