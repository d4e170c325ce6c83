import { createHmac, timingSafeEqual } from 'node:crypto';
import { ClaimsError, claimsOf, viewerFromClaims, ANONYMOUS, type Viewer } from './viewer.js';

/** The header the gateway puts the verified caller in; subgraphs accept nothing else as identity. */
export const CLAIMS_HEADER = 'x-youth-care-claims';

const mac = (secret: string, payload: string) => createHmac('sha256', secret).update(payload).digest('base64url');

/**
 * `<payload>.<signature>`: the payload is the caller's claims and the signing time as base64url
 * JSON, the signature an HMAC-SHA256 over the payload. The time bounds how long a captured
 * header can be replayed.
 */
export function signClaims(viewer: Viewer, secret: string, now = Date.now()): string {
  const payload = Buffer.from(JSON.stringify({ claims: claimsOf(viewer), iat: now })).toString('base64url');
  return `${payload}.${mac(secret, payload)}`;
}

export class SignatureError extends Error {}

/** The viewer a signed header stands for; throws SignatureError when it is missing, forged, stale or malformed. */
export function verifyClaims(header: string | undefined, secret: string, maxAgeMs: number, now = Date.now()): Viewer {
  if (!header) throw new SignatureError('the request carries no signed claims');
  const [payload, signature, extra] = header.split('.');
  if (!payload || !signature || extra !== undefined) throw new SignatureError('the signed claims are malformed');
  const expected = Buffer.from(mac(secret, payload));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) throw new SignatureError('the claims signature is invalid');
  let decoded: { claims?: Record<string, unknown>; iat?: unknown };
  try {
    decoded = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as typeof decoded;
  } catch {
    throw new SignatureError('the signed claims are malformed');
  }
  if (typeof decoded.iat !== 'number' || !decoded.claims) throw new SignatureError('the signed claims are malformed');
  // A little slack for clocks of different hosts; a header from the future is as suspect as an old one.
  if (now - decoded.iat > maxAgeMs || decoded.iat - now > 5000) throw new SignatureError('the signed claims have expired');
  if (decoded.claims.role === 'anonymous') return ANONYMOUS;
  try {
    return viewerFromClaims(decoded.claims);
  } catch (error) {
    throw new SignatureError(error instanceof ClaimsError ? error.message : 'the signed claims are malformed');
  }
}
