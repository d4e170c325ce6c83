import { requireProductCategory } from '@youth-care/lib/codes/product-categories';
import type { RegionRef } from '@youth-care/lib/regions/resolvers';
import { regionYouthPopulation } from '@youth-care/lib/regions/population';
import { PROTECTED, protectCount, protectRate, protectShare } from '@youth-care/lib/small-numbers';
import { checkYears } from '@youth-care/lib/years';
import type { ProcurementContext } from '../context.js';
import type { CategorySummaryRow, ContractFilter } from '../db/repository.js';
import { normView, reportNorm } from '../waiting-time.js';

/** Procurement's fields on the shared Region entity. */
export const Region = {
  contracts: (
    r: RegionRef,
    args: { productCategory?: string | null; form?: string | null; activeOn?: string | null },
    ctx: ProcurementContext,
  ) => {
    const filter: ContractFilter = {
      productCategory: args.productCategory ? requireProductCategory(args.productCategory, 'productCategory').code : undefined,
      form: (args.form ?? undefined) as ContractFilter['form'],
      activeOn: args.activeOn ?? undefined,
    };
    return ctx.loaders.regionContracts.load({ region: r.code, filter });
  },
  providers: (r: RegionRef, args: { productCategory?: string | null }, ctx: ProcurementContext) =>
    ctx.loaders.regionProviders.load({
      region: r.code,
      filter: args.productCategory ? requireProductCategory(args.productCategory, 'productCategory').code : null,
    }),
  waitingTimeNorms: async (r: RegionRef, _: unknown, ctx: ProcurementContext) =>
    (await ctx.loaders.norms.load(r.code)).map((n) => normView(n)),
  latestWaitingTimes: (
    r: RegionRef,
    args: { productCategories?: string[] | null; providerAgb?: string | null },
    ctx: ProcurementContext,
  ) =>
    ctx.loaders.regionLatestReports.load({
      region: r.code,
      filter: {
        productCategories: args.productCategories
          ? [...new Set(args.productCategories.map((c) => requireProductCategory(c, 'productCategories').code))].sort()
          : null,
        providerAgb: args.providerAgb ?? null,
      },
    }),
  waitingTimeSummary: async (r: RegionRef, _: unknown, ctx: ProcurementContext) => {
    const summary = await ctx.loaders.summary.load(r.code);
    const total = summary.rows.find((row) => row.productCategory === null);
    const share = (over: number, of: number) => (of === 0 ? null : Math.round((over / of) * 1000) / 1000);
    return {
      providersReporting: total?.providersReporting ?? 0,
      providersOverNorm: total?.providersOverNorm ?? 0,
      shareOverNorm: share(total?.providersOverNorm ?? 0, total?.providersReporting ?? 0),
      byProductCategory: summary.rows
        .filter((row) => row.productCategory !== null)
        .map((row) => ({ ...row, region: r.code, shareOverNorm: share(row.providersOverNorm, row.providersReporting) })),
    };
  },
};

export const RegionComparison = {
  waitingTimeComparison: async (r: RegionRef, args: { years: number[] }, ctx: ProcurementContext) => {
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

export const CategoryWaitingTime = {
  productCategory: (c: { productCategory: string }) => requireProductCategory(c.productCategory, 'productCategory'),
  norm: (c: CategorySummaryRow) => reportNorm(c),
  worstProvider: (c: { worstProviderAgb: string }) => ({ agbCode: c.worstProviderAgb }),
};
