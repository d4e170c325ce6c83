import type { GraphQLError } from 'graphql';
import { forbidden } from '../errors.js';
import type { RegionCode } from '../regions/registry.js';
import { EXACT, PROTECTED, type Disclosure } from '../small-numbers.js';
import type { Viewer } from './viewer.js';

/**
 * What a read touches in a region, from the most open to the most closed. The gateway's
 * directives keep a caller from asking at all; these rules are the subgraphs' own second check,
 * applied where a region's data is read, so a mistake in one layer does not leak.
 */
export type Access =
  /** The registry, CBS open data, published waiting times. */
  | 'public'
  /** Aggregates under the small-number rule: any signed-in caller, a learning circle only of its members. */
  | 'aggregate'
  /** Comparisons between regions: analysts, and a learning circle of its members. */
  | 'comparison'
  /** A region's contracts: its own analysts; a provider only its own, which the repositories filter by AGB. */
  | 'contracts'
  /** A region's own statistics and spending, in exact figures. */
  | 'dashboard'
  /** Individual referrals and plans: personal data of children. */
  | 'client'
  /** Who read client-level data. */
  | 'audit';

const ownRegion = (viewer: Viewer, region: RegionCode) => viewer.role === 'region-analyst' && viewer.region === region;

export function mayRead(viewer: Viewer, access: Access, region: RegionCode): boolean {
  if (access === 'public' || viewer.role === 'admin') return true;
  switch (access) {
    case 'aggregate':
      return viewer.role === 'learning-circle' ? (viewer.regions ?? []).includes(region) : viewer.role !== 'anonymous';
    case 'comparison':
      return viewer.role === 'region-analyst' || (viewer.role === 'learning-circle' && (viewer.regions ?? []).includes(region));
    case 'contracts':
      return viewer.role === 'provider' || ownRegion(viewer, region);
    case 'dashboard':
    case 'client':
      return ownRegion(viewer, region);
    case 'audit':
      return false;
  }
}

const DESCRIBED: Record<Exclude<Access, 'public'>, string> = {
  aggregate: 'aggregate figures',
  comparison: 'comparisons',
  contracts: 'contracts',
  dashboard: 'statistics',
  client: 'client-level data',
  audit: 'the audit log',
};

/** The FORBIDDEN error for a read the caller may not do; null when it may. */
export function refusal(viewer: Viewer, access: Access, region: RegionCode): GraphQLError | null {
  if (access === 'public' || mayRead(viewer, access, region)) return null;
  return forbidden(`Not allowed to read ${DESCRIBED[access]} of region ${region} as ${viewer.role}`);
}

export function requireAccess(viewer: Viewer, access: Access, region: RegionCode): void {
  const error = refusal(viewer, access, region);
  if (error) throw error;
}

/** The AGB code a provider's reads are limited to; null for callers that see every provider. */
export const providerFilter = (viewer: Viewer): string | null => (viewer.role === 'provider' ? (viewer.agbCode ?? '') : null);

/** A provider reads its own figures only. */
export function requireOwnProvider(viewer: Viewer, agbCode: string, what: string): void {
  const filter = providerFilter(viewer);
  if (filter !== null && filter !== agbCode) throw forbidden(`A provider may read only its own ${what}, not those of ${agbCode}`);
}

/** A provider's own figures: the provider itself, analysts and admins. */
export function requireProviderAccess(viewer: Viewer, agbCode: string, what: string): void {
  requireOwnProvider(viewer, agbCode, what);
  if (viewer.role === 'anonymous' || viewer.role === 'learning-circle') throw forbidden(`Not allowed to read a provider's ${what} as ${viewer.role}`);
}

/**
 * Counts stay exact inside their region (its analysts, and admins); any count that leaves it
 * follows the small-number rule.
 */
export const disclosureFor = (viewer: Viewer, region: RegionCode): Disclosure =>
  viewer.role === 'admin' || ownRegion(viewer, region) ? EXACT : PROTECTED;

/** Writing for a provider: the provider itself, or an admin. */
export function requireActingFor(viewer: Viewer, agbCode: string): void {
  if (viewer.role === 'admin' || (viewer.role === 'provider' && viewer.agbCode === agbCode)) return;
  throw forbidden(`Only provider ${agbCode} itself may report its waiting times`);
}
