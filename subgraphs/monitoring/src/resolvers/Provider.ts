import { requireOwnProvider } from '@youth-care/lib/auth/policy';
import { servedRegion } from '@youth-care/lib/regions/resolvers';
import type { MonitoringContext } from '../context.js';
import type { ProviderReportsKey } from '../loaders.js';
import { checkYears } from '@youth-care/lib/years';

type ProviderRef = { agbCode: string };
type Args = { region?: string | null; years?: number[] | null };

function key(p: ProviderRef, args: Args, ctx: MonitoringContext): ProviderReportsKey {
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
export const Provider = {
  __resolveReference: (ref: ProviderRef) => ({ agbCode: ref.agbCode }),
  outcomes: (p: ProviderRef, args: Args, ctx: MonitoringContext) => ctx.loaders.providerOutcomes.load(key(p, args, ctx)),
  clientSatisfaction: (p: ProviderRef, args: Args, ctx: MonitoringContext) => ctx.loaders.providerSatisfaction.load(key(p, args, ctx)),
};
