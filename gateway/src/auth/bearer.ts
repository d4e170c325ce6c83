import { createRemoteJWKSet, errors, jwtVerify, type JWTVerifyGetKey } from 'jose';
import type { AuthConfig } from '@youth-care/lib/config';
import { ANONYMOUS, ClaimsError, viewerFromClaims, type Viewer } from '@youth-care/lib/auth/viewer';

/** A refused bearer token; the message is safe to show the caller, the cause (if any) is for the log. */
export class Unauthenticated extends Error {
  constructor(reason: string, options?: ErrorOptions) {
    super(reason, options);
    this.name = 'Unauthenticated';
  }
}

// RFC 6750: the scheme is case-insensitive, the credentials a single token68.
const BEARER = /^Bearer +([A-Za-z0-9\-._~+/]+=*)$/i;
const ASYMMETRIC = ['RS256', 'ES256'];
// Both sides' clocks drift a little; more slack would stretch every token's life.
const CLOCK_TOLERANCE_SECONDS = 5;
// A token issued later than this is forged or from a broken clock; either way not to be trusted.
const MAX_FUTURE_IAT_SECONDS = 60;

/** The reason given when verification itself failed rather than the token. */
export const UNVERIFIABLE = 'token could not be verified';

const CLAIM_REASONS: Readonly<Record<string, string>> = {
  nbf: 'token is not yet valid',
  aud: 'token audience is wrong',
  iss: 'token issuer is wrong',
  exp: 'token has no valid expiry',
};

/** The client-facing reason for a failed verification; what is not a token's fault stays generic. */
function reasonFor(error: unknown): string {
  if (error instanceof errors.JWTExpired) return 'token expired';
  if (error instanceof errors.JWTClaimValidationFailed) return CLAIM_REASONS[error.claim] ?? `token claim ${error.claim} is invalid`;
  if (error instanceof errors.JWSSignatureVerificationFailed) return 'token signature is invalid';
  if (error instanceof errors.JOSEAlgNotAllowed || error instanceof errors.JOSENotSupported) return 'token algorithm is not allowed';
  if (error instanceof errors.JWKSNoMatchingKey) return 'token signing key is unknown';
  if (error instanceof errors.JWSInvalid || error instanceof errors.JWTInvalid) return 'token is malformed';
  return UNVERIFIABLE;
}

/**
 * The key for each token, chosen by its protected header's `alg` among the configured sources:
 * the HS256 secret for locally minted tokens, the identity provider's JWKS for RS256/ES256. The
 * algorithm list goes to jose as well, so a token can never pick a key of the other kind.
 */
function keySource(auth: AuthConfig): { algorithms: string[]; key: JWTVerifyGetKey } {
  const secret = auth.hs256Secret ? new TextEncoder().encode(auth.hs256Secret) : undefined;
  const jwks = auth.jwksUrl ? createRemoteJWKSet(new URL(auth.jwksUrl)) : undefined;
  const algorithms = [...(secret ? ['HS256'] : []), ...(jwks ? ASYMMETRIC : [])];
  return {
    algorithms,
    key: async (header, token) => {
      const alg = header.alg ?? '';
      if (alg === 'HS256' && secret) return secret;
      if (jwks && ASYMMETRIC.includes(alg)) return jwks(header, token);
      throw new errors.JOSEAlgNotAllowed('"alg" (Algorithm) Header Parameter value not allowed');
    },
  };
}

/** `exp` is required and checked by jose; how far it lies from `iat` (or from now) is checked here. */
function checkLifetime(payload: Readonly<Record<string, unknown>>, maxSeconds: number): void {
  const now = Math.floor(Date.now() / 1000);
  const { iat, exp } = payload;
  if (iat !== undefined && (typeof iat !== 'number' || !Number.isFinite(iat))) throw new Unauthenticated('token claim iat is invalid');
  if (typeof iat === 'number' && iat > now + MAX_FUTURE_IAT_SECONDS) throw new Unauthenticated('token is issued in the future');
  const from = typeof iat === 'number' ? Math.min(iat, now) : now;
  if (typeof exp === 'number' && exp - from > maxSeconds) throw new Unauthenticated(`token lifetime exceeds ${maxSeconds} s (AUTH_MAX_TOKEN_LIFETIME_S)`);
}

/**
 * Turns an Authorization header into the viewer it proves: none is anonymous, anything else must
 * be a valid bearer token or is refused with Unauthenticated, whatever went wrong.
 */
export function createBearerVerifier(auth: AuthConfig): (authorization: string | undefined) => Promise<Viewer> {
  const { algorithms, key } = keySource(auth);
  return async (authorization) => {
    if (!authorization) return ANONYMOUS;
    const token = BEARER.exec(authorization.trim())?.[1];
    if (!token) throw new Unauthenticated("authorization header must be 'Bearer <token>'");
    let payload: Readonly<Record<string, unknown>>;
    try {
      ({ payload } = await jwtVerify(token, key, {
        issuer: auth.issuer,
        audience: auth.audience,
        algorithms,
        requiredClaims: ['exp'],
        clockTolerance: CLOCK_TOLERANCE_SECONDS,
      }));
    } catch (error) {
      throw new Unauthenticated(reasonFor(error), { cause: error });
    }
    checkLifetime(payload, auth.maxTokenLifetimeSeconds);
    try {
      return viewerFromClaims(payload);
    } catch (error) {
      if (error instanceof ClaimsError) throw new Unauthenticated(`token claims are invalid: ${error.message}`);
      throw new Unauthenticated(UNVERIFIABLE, { cause: error });
    }
  };
}
