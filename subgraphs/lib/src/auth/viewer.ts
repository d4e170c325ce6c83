import { isRegionCode, type RegionCode } from '../regions/registry.js';

/** Who may call the federation; a caller without a token is anonymous. */
export const ROLES = ['anonymous', 'provider', 'region-analyst', 'learning-circle', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** The verified caller, as the gateway passes it to the subgraphs. */
export interface Viewer {
  readonly role: Role;
  /** The token's `sub`; null for anonymous callers. */
  readonly subject: string | null;
  /** A provider's own AGB code. */
  readonly agbCode?: string;
  /** A region analyst's own region. */
  readonly region?: RegionCode;
  /** A learning circle's member regions. */
  readonly regions?: readonly RegionCode[];
}

export const ANONYMOUS: Viewer = Object.freeze({ role: 'anonymous', subject: null });

/**
 * The scopes each role holds, as the SDL's `@requiresScopes` names them. Whose region or whose
 * provider a field belongs to is beyond a scope: the subgraphs check that against the claims.
 */
const SCOPES: Readonly<Record<Role, readonly string[]>> = {
  anonymous: [],
  provider: ['provider'],
  'region-analyst': ['region', 'client-level'],
  'learning-circle': ['learning-circle'],
  admin: ['admin', 'client-level'],
};

export const scopesOf = (viewer: Viewer): readonly string[] => SCOPES[viewer.role];

export class ClaimsError extends Error {}

const AGB = /^\d{8}$/;

function regionClaim(value: unknown, name: string): RegionCode {
  const code = typeof value === 'string' ? value.toUpperCase() : '';
  if (!isRegionCode(code)) throw new ClaimsError(`claim ${name} must be a youth-care region code such as JZ34`);
  return code;
}

/**
 * A viewer from a token's (or a signed header's) claims: `sub`, `role`, and the role's own
 * claim: `agb` for a provider, `region` for a region analyst, `regions` for a learning circle.
 */
export function viewerFromClaims(claims: Readonly<Record<string, unknown>>): Viewer {
  const role = claims.role;
  if (typeof role !== 'string' || !(ROLES as readonly string[]).includes(role) || role === 'anonymous') {
    throw new ClaimsError(`claim role must be one of ${ROLES.filter((r) => r !== 'anonymous').join(', ')}`);
  }
  const subject = claims.sub;
  if (typeof subject !== 'string' || subject === '') throw new ClaimsError('claim sub must name the caller');
  switch (role as Exclude<Role, 'anonymous'>) {
    case 'provider': {
      if (typeof claims.agb !== 'string' || !AGB.test(claims.agb)) throw new ClaimsError('claim agb must be an AGB code of 8 digits');
      return { role: 'provider', subject, agbCode: claims.agb };
    }
    case 'region-analyst':
      return { role: 'region-analyst', subject, region: regionClaim(claims.region, 'region') };
    case 'learning-circle': {
      if (!Array.isArray(claims.regions) || claims.regions.length === 0) throw new ClaimsError('claim regions must list the member regions');
      return { role: 'learning-circle', subject, regions: [...new Set(claims.regions.map((r) => regionClaim(r, 'regions')))] };
    }
    case 'admin':
      return { role: 'admin', subject };
  }
}

/** The claims that stand for a viewer, the inverse of viewerFromClaims. */
export function claimsOf(viewer: Viewer): Record<string, unknown> {
  if (viewer.role === 'anonymous') return { role: 'anonymous' };
  return {
    sub: viewer.subject,
    role: viewer.role,
    ...(viewer.agbCode ? { agb: viewer.agbCode } : {}),
    ...(viewer.region ? { region: viewer.region } : {}),
    ...(viewer.regions ? { regions: viewer.regions } : {}),
  };
}
