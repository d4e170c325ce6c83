import { disclosureFor } from '@youth-care/lib/auth/policy';
import { requireProductCategory } from '@youth-care/lib/codes/product-categories';
import { regionYouthPopulation } from '@youth-care/lib/regions/population';
import { servedRegionRef } from '@youth-care/lib/regions/resolvers';
import { PROTECTED, protectCount, protectRate, protectShare } from '@youth-care/lib/small-numbers';
import { checkYears } from '@youth-care/lib/years';
import type { ContractFilter } from '../db/repository.js';
import type { RegionResolvers } from '../generated/graphql.js';
import { normView, shareOverNorm } from '../waiting-time.js';


/** Region in procurement: the region's contracts, providers and waiting times. */
export const Region: RegionResolvers = {
  __resolveReference: (ref, ctx) => servedRegionRef(ctx.served, ref.code),
  contracts: (r, args, ctx) => {
    const filter: ContractFilter = {
      productCategory: args.productCategory ? requireProductCategory(args.productCategory, 'productCategory').code : undefined,
      form: args.form ?? undefined,
      activeOn: args.activeOn ?? undefined,
    };
    return ctx.loaders.regionContracts.load({ region: r.code, filter });
  },
  providers: (r, args, ctx) =>
    ctx.loaders.regionProviders.load({
      region: r.code,
      filter: args.productCategory ? requireProductCategory(args.productCategory, 'productCategory').code : null,
    }),
  waitingTimeNorms: async (r, _, ctx) => (await ctx.loaders.norms.load(r.code)).map((n) => normView(n)),
  latestWaitingTimes: (r, args, ctx) =>
    ctx.loaders.regionLatestReports.load({
      region: r.code,
      filter: {
        productCategories: args.productCategories
          ? [...new Set(args.productCategories.map((c) => requireProductCategory(c, 'productCategories').code))].sort()
          : null,
        providerAgb: args.providerAgb ?? null,
      },
    }),
  waitingTimeSummary: async (r, _, ctx) => {
    const summary = await ctx.loaders.summary.load(r.code);
    const total = summary.rows.find((row) => row.productCategory === null);
    const shown = disclosureFor(ctx.viewer, r.code);
    return {
      providersReporting: shown.count(total?.providersReporting ?? 0),
      providersOverNorm: shown.count(total?.providersOverNorm ?? 0),
      shareOverNorm: shareOverNorm(shown, total?.providersOverNorm ?? 0, total?.providersReporting ?? 0),
      byProductCategory: summary.rows.flatMap((row) => (row.productCategory === null ? [] : [{ ...row, productCategory: row.productCategory, region: r.code }])),
    };
  },
  waitingTimeComparison: async (r, args, ctx) => {
    const rows = await ctx.loaders.yearlyWaitingTimes.load({ region: r.code, years: checkYears(args.years) });
    return rows.map((row) => {
      const population = regionYouthPopulation(r.code, row.year);
      return {
        year: row.year,
        providersReporting: protectCount(row.providersReporting),
        providersOverNorm: protectCount(row.providersOverNorm),
        shareOverNorm: protectShare(row.providersOverNorm, row.providersReporting),
        medianTotalWeeks: PROTECTED.figure(row.medianTotalWeeks, row.providersReporting),
        waiting: protectCount(row.waiting),
        waitingPer1000: protectRate(row.waiting, population.youth0to17),
        populationStatus: population.status,
      };
    });
  },
};
