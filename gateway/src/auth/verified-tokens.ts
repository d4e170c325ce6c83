import type { Viewer } from '@youth-care/lib/auth/viewer';

const MAX_TOKENS = 10_000;

function expiresAt(token: string): number {
  const payload = token.split('.')[1] ?? '';
  try {
    const exp = (JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { exp?: unknown }).exp;
    return typeof exp === 'number' ? exp * 1000 : 0;
  } catch {
    return 0;
  }
}

/**
 * Remembers tokens that verified, until they expire: a signature check per request is most of
 * what a small query costs the gateway. Refused tokens are not remembered; they fail anew.
 */
export function cachedVerifier(verify: (authorization: string | undefined) => Promise<Viewer>): (authorization: string | undefined) => Promise<Viewer> {
  const known = new Map<string, { viewer: Viewer; until: number }>();
  return async (authorization) => {
    if (!authorization) return verify(authorization);
    const hit = known.get(authorization);
    if (hit && hit.until > Date.now()) return hit.viewer;
    if (hit) known.delete(authorization);
    const viewer = await verify(authorization);
    if (known.size >= MAX_TOKENS) known.clear();
    known.set(authorization, { viewer, until: expiresAt(authorization.trim().replace(/^bearer\s+/i, '')) });
    return viewer;
  };
}
