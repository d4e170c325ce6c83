import { spendingVsBudget } from './SpendingVsBudget.js';
import { requireAccess } from '@youth-care/lib/auth/policy';
import { regionYouthPopulation } from '@youth-care/lib/regions/population';
import { servedRegionRef } from '@youth-care/lib/regions/resolvers';
import { PROTECTED, protectCount, protectRate, protectShare } from '@youth-care/lib/small-numbers';
import { checkYear, checkYears } from '@youth-care/lib/years';
import { category } from '../codes.js';
import type { RegionResolvers } from '../generated/graphql.js';
import { periodOf } from '../period.js';

/** Region in access: the region's referral statistics, spending and client-level data. */
export const Region: RegionResolvers = {
  __resolveReference: (ref, ctx) => servedRegionRef(ctx.served, ref.code),
  accessStatistics: (r, args, ctx) => {
    requireAccess(ctx.viewer, 'dashboard', r.code);
    return { region: r.code, period: periodOf(args) };
  },
  spending: async (r, args, ctx) => {
    checkYear(args.year);
    const rows = await ctx.loaders.spending.load({ region: r.code, year: args.year });
    const totals = rows.filter((row) => row.month === null);
    return {
      year: args.year,
      yearToDateEuros: Math.round(totals.reduce((sum, row) => sum + row.euros, 0) * 100) / 100,
      byProductCategory: totals.map((total) => ({
        productCategory: category(total.productCategory),
        yearToDateEuros: total.euros,
        months: rows.flatMap((row) => (row.month !== null && row.productCategory === total.productCategory ? [{ ...row, month: row.month }] : [])),
      })),
    };
  },
  spendingVsBudget: (r, args, ctx) => spendingVsBudget(r.code, args.year, ctx),
  accessComparison: async (r, args, ctx) => {
    const years = checkYears(args.years);
    const rows = await ctx.loaders.yearFigures.load({ region: r.code, years });
    return rows.map((row) => {
      const population = regionYouthPopulation(r.code, row.year);
      return {
        year: row.year,
        referrals: protectCount(row.requested),
        referralsPer1000: protectRate(row.requested, population.youth0to17),
        ended: protectCount(row.ended),
        dropoutShare: protectShare(row.endedByClient, row.ended),
        averageDurationDays: PROTECTED.figure(row.averageDurationDays, row.ended),
        medianDaysRequestToStart: PROTECTED.figure(row.requestToStartMedian, row.startedRegular),
        populationStatus: population.status,
      };
    });
  },
  clientLevel: (r, _, ctx) => {
    requireAccess(ctx.viewer, 'client', r.code);
    return { region: r.code };
  },
};
