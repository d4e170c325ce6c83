/**
 * What never reaches a log line: authorization headers and tokens, the caller's claims (and the
 * signed header carrying them), client pseudonyms, secrets and keys, and SQL parameters (they may
 * name a client or a provider's figures). Keys with these names lose their value, wherever they sit.
 */
const SECRET_KEY = /authorization|token|secret|password|claims|pseudonym|^key$|_key$|params|parameters|cookie/i;
const CENSORED = '[redacted]';

/** Text that carries a secret of its own: a bearer token, a JWT, drizzle's "params:" line after a failed query. */
export function redactText(text: string): string {
  return text
    .replace(/\bBearer\s+[\w.~+/-]+=*/gi, `Bearer ${CENSORED}`)
    .replace(/\beyJ[\w-]*\.[\w-]*\.[\w-]*/g, CENSORED)
    .replace(/(\n\s*params:).*$/gims, `$1 ${CENSORED}`);
}

const MAX_DEPTH = 8;

/** A copy of `value` fit for a log line; the value itself is left alone. */
export function redact(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return redactText(value);
  if (value === null || typeof value !== 'object') return value;
  if (depth >= MAX_DEPTH) return '[too deep]';
  if (value instanceof Error) return redactError(value, depth);
  if (Array.isArray(value)) return value.map((item) => redact(item, depth + 1));
  const copy: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) copy[key] = SECRET_KEY.test(key) ? CENSORED : redact(inner, depth + 1);
  return copy;
}

/**
 * An error as pino's error serializer would show it (type, message, stack, own properties, cause),
 * redacted: a postgres.js error carries its query's `parameters`, drizzle's DrizzleQueryError its
 * `params` and, in its message, a "params:" line.
 */
export function redactError(error: Error, depth = 0): Record<string, unknown> {
  const shown: Record<string, unknown> = { type: error.name, message: redactText(error.message) };
  if (error.stack) {
    // The frames name code, never values; only the head repeats the message.
    const frames = error.stack.search(/\n\s+at /);
    shown.stack = frames < 0 ? redactText(error.stack) : redactText(error.stack.slice(0, frames)) + error.stack.slice(frames);
  }
  for (const [key, inner] of Object.entries(error)) shown[key] = SECRET_KEY.test(key) ? CENSORED : redact(inner, depth + 1);
  if (error.cause !== undefined) shown.cause = redact(error.cause, depth + 1);
  return shown;
}
