import { requireOwnProvider } from '@youth-care/lib/auth/policy';
import { servedRegion } from '@youth-care/lib/regions/resolvers';
import type { MonitoringContext } from '../context.js';
import type { ProviderOutcomesArgs, ProviderResolvers } from '../generated/graphql.js';
import type { ProviderReportsKey } from '../loaders.js';
import type { ProviderRef } from '../models.js';
import { checkYears } from '@youth-care/lib/years';

/** The loader key of a provider's reports; both fields take the same arguments. */
function key(p: ProviderRef, args: ProviderOutcomesArgs, ctx: MonitoringContext): ProviderReportsKey {
  requireOwnProvider(ctx.viewer, p.agbCode, 'reports');
  return {
    agbCode: p.agbCode,
    region: args.region ? servedRegion(ctx.served, args.region, 'region') : null,
    years: args.years ? checkYears(args.years) : null,
  };
}

/**
 * Procurement owns Provider; monitoring adds what providers report. A provider monitoring has
 * no reports for is still the same provider: its lists are empty.
 */
export const Provider: ProviderResolvers = {
  __resolveReference: (ref) => ({ agbCode: ref.agbCode }),
  outcomes: (p, args, ctx) => ctx.loaders.providerOutcomes.load(key(p, args, ctx)),
  clientSatisfaction: (p, args, ctx) => ctx.loaders.providerSatisfaction.load(key(p, args, ctx)),
};
