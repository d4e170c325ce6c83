import { signClaims } from '@youth-care/lib/auth/signed-claims';
import type { Viewer } from '@youth-care/lib/auth/viewer';

/**
 * Signed claims headers, reused per viewer for a second (or half the header's lifetime, if
 * shorter), so a busy caller costs one HMAC a second rather than one per subgraph fetch.
 */
export function claimsSigner(secret: string, maxAgeMs: number): (viewer: Viewer) => string {
  const reuseMs = Math.min(1000, Math.floor(maxAgeMs / 2));
  let signed = new Map<string, { header: string; at: number }>();
  let generation = Date.now();
  return (viewer) => {
    const now = Date.now();
    // Everything signed over a second ago is stale: dropping the whole map keeps it small.
    if (now - generation > reuseMs) {
      signed = new Map();
      generation = now;
    }
    const key = `${viewer.role}\0${viewer.subject ?? ''}\0${viewer.agbCode ?? ''}\0${viewer.region ?? ''}\0${(viewer.regions ?? []).join(',')}`;
    const known = signed.get(key);
    if (known && now - known.at <= reuseMs) return known.header;
    const header = signClaims(viewer, secret, now);
    signed.set(key, { header, at: now });
    return header;
  };
}
