import { requireAccess } from '@youth-care/lib/auth/policy';
import { regionInfo } from '@youth-care/lib/regions/registry';
import { regionMembers, regionPopulation, servedRegionRef } from '@youth-care/lib/regions/resolvers';
import { checkYear, checkYears } from '@youth-care/lib/years';
import type { RegionResolvers } from '../generated/graphql.js';
import { checkPeriods } from './args.js';
import { loadIndicators } from './indicators.js';

const present = <V>(values: (V | null)[]): V[] => values.filter((v): v is V => v !== null);

/** Region in monitoring: the registry's fields, and the region's CBS indicators, satisfaction, outcomes and comparison. */
export const Region: RegionResolvers = {
  __resolveReference: (ref, ctx) => servedRegionRef(ctx.served, ref.code),
  name: (r) => regionInfo(r.code).name,
  cbsName: (r) => regionInfo(r.code).cbsName,
  municipalities: (r, args) => regionMembers(r.code, args.on, args.all),
  youthPopulation: (r, args) => regionPopulation(r.code, args.year),
  indicators: (r, args, ctx) => loadIndicators(ctx, r.code, checkPeriods(args.periods), args.indicators),
  clientSatisfaction: async (r, args, ctx) =>
    present(await Promise.all(checkYears(args.years).map((year) => ctx.loaders.regionSatisfaction.load({ region: r.code, year })))),
  outcomes: async (r, args, ctx) =>
    present(await Promise.all(checkYears(args.years).map((year) => ctx.loaders.regionOutcomes.load({ region: r.code, year })))),
  providerOutcomes: (r, args, ctx) => ctx.loaders.regionProviderOutcomes.load({ region: r.code, year: checkYear(args.year, 'year') }),
  monitoringComparison: (r, args, ctx) => {
    requireAccess(ctx.viewer, 'comparison', r.code);
    return checkYears(args.years).map((year) => ({ region: r.code, year }));
  },
};
