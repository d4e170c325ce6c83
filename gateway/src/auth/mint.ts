import { SignJWT } from 'jose';
import type { AuthConfig } from '@youth-care/lib/config';
import { claimsOf, type Viewer } from '@youth-care/lib/auth/viewer';
import { regionDemoProviders } from '@youth-care/lib/demo/providers';
import { DEMO_REGION_CODES } from '@youth-care/lib/regions/registry';

const DEFAULT_LIFETIME_SECONDS = 8 * 60 * 60;

/**
 * A bearer token for the viewer, signed with the local HS256 secret: for development, demos and
 * tests. Production tokens come from the identity provider behind the JWKS URL.
 */
export async function mintToken(
  auth: AuthConfig,
  viewer: Viewer,
  options: { expiresInSeconds?: number; now?: Date } = {},
): Promise<string> {
  if (!auth.hs256Secret) throw new Error('cannot mint a token: no HS256 secret is configured (set AUTH_HS256_SECRET)');
  if (viewer.role === 'anonymous' || !viewer.subject) throw new Error('cannot mint a token for an anonymous viewer');
  const issuedAt = Math.floor((options.now ?? new Date()).getTime() / 1000);
  return new SignJWT(claimsOf(viewer))
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setIssuer(auth.issuer)
    .setAudience(auth.audience)
    .setSubject(viewer.subject)
    .setIssuedAt(issuedAt)
    .setExpirationTime(issuedAt + (options.expiresInSeconds ?? DEFAULT_LIFETIME_SECONDS))
    .sign(new TextEncoder().encode(auth.hs256Secret));
}

/**
 * One viewer per role, each with data to see in the demo data of this scale: the provider is
 * the first of West-Brabant Oost's, the analyst that region's, the learning circle all five
 * regions. The README's examples are written for these viewers at scale 1.
 */
export function exampleViewers(scale = 1): Viewer[] {
  const provider = regionDemoProviders('JZ34', scale)[0];
  if (!provider) throw new Error('the demo data has no providers in JZ34');
  return [
    { role: 'provider', subject: 'demo-provider', agbCode: provider.agbCode },
    { role: 'region-analyst', subject: 'demo-analyst-jz34', region: 'JZ34' },
    { role: 'learning-circle', subject: 'demo-learning-circle', regions: [...DEMO_REGION_CODES] },
    { role: 'admin', subject: 'demo-admin' },
  ];
}
