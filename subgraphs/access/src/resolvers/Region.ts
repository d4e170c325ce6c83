import { requireProductCategory } from '@youth-care/lib/codes/product-categories';
import { REFERRER_TYPES } from '@youth-care/lib/codes/ijw';
import { requireAccess } from '@youth-care/lib/auth/policy';
import { badInput } from '@youth-care/lib/errors';
import { afterCursor } from '@youth-care/lib/ids';
import { regionYouthPopulation } from '@youth-care/lib/regions/population';
import type { RegionRef } from '@youth-care/lib/regions/resolvers';
import { PROTECTED, protectCount, protectRate, protectShare } from '@youth-care/lib/small-numbers';
import { todayInNetherlands } from '@youth-care/lib/scalars';
import { category, referrerType } from '../codes.js';
import type { AccessContext } from '../context.js';
import type { ReferralFilter } from '../db/client-repository.js';
import type { Period } from '../db/statistics-repository.js';
import { comparisonYears } from '@youth-care/lib/years';
import { periodOf } from '../period.js';
import { auditedPage } from './client-level.js';

const MAX_PAGE = 500;

function pageSize(first: number): number {
  if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE) throw badInput('first', `first must lie between 1 and ${MAX_PAGE}`);
  return first;
}

const share = (count: number, of: number) => ({ count, of, share: of === 0 ? null : Math.round((count / of) * 1000) / 1000 });

/** Access's fields on the shared Region entity. */
export const Region = {
  accessStatistics: (r: RegionRef, args: { from?: string | null; to?: string | null }, ctx: AccessContext) => {
    requireAccess(ctx.viewer, 'dashboard', r.code);
    return { region: r.code, period: periodOf(args) };
  },
  spending: async (r: RegionRef, args: { year: number }, ctx: AccessContext) => {
    comparisonYears([args.year]);
    const rows = await ctx.loaders.spending.load({ region: r.code, year: args.year });
    const totals = rows.filter((row) => row.month === null);
    return {
      year: args.year,
      yearToDateEuros: Math.round(totals.reduce((sum, row) => sum + row.euros, 0) * 100) / 100,
      byProductCategory: totals.map((total) => ({
        productCategory: category(total.productCategory),
        yearToDateEuros: total.euros,
        months: rows.filter((row) => row.month !== null && row.productCategory === total.productCategory),
      })),
    };
  },
  accessComparison: async (r: RegionRef, args: { years: number[] }, ctx: AccessContext) => {
    const years = comparisonYears(args.years);
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
  clientLevel: (r: RegionRef, _: unknown, ctx: AccessContext) => {
    requireAccess(ctx.viewer, 'client', r.code);
    return { region: r.code };
  },
};

const coded = <R extends { referrerType: string; productCategory: string }>(row: R) => ({
  ...row,
  referrerType: referrerType(row.referrerType),
  productCategory: category(row.productCategory),
});

type StatisticsModel = { region: RegionRef['code']; period: Period };

export const AccessStatistics = {
  referralCounts: async (s: StatisticsModel, _: unknown, ctx: AccessContext) =>
    (await ctx.loaders.referralCounts.load(s)).filter((row) => row.month !== null).map(coded),
  referralFlows: async (s: StatisticsModel, _: unknown, ctx: AccessContext) =>
    (await ctx.loaders.referralCounts.load(s)).filter((row) => row.month === null).map(coded),
  leadTimes: async (s: StatisticsModel, _: unknown, ctx: AccessContext) => {
    const row = await ctx.loaders.leadTimes.load(s);
    return {
      trajectories: row.trajectories,
      fromRequest: row.fromRequest,
      fromAllocation: row.fromAllocation,
      requestToAllocation: { medianDays: row.requestToAllocationMedian, p90Days: row.requestToAllocationP90 },
      allocationToStart: { medianDays: row.allocationToStartMedian, p90Days: row.allocationToStartP90 },
      requestToStart: { medianDays: row.requestToStartMedian, p90Days: row.requestToStartP90 },
    };
  },
  dropout: async (s: StatisticsModel, _: unknown, ctx: AccessContext) => {
    const row = await ctx.loaders.outcomes.load(s);
    return share(row.endedByClient, row.ended);
  },
  repeatUse: async (s: StatisticsModel, _: unknown, ctx: AccessContext) => {
    const row = await ctx.loaders.outcomes.load(s);
    return share(row.returnedWithinYear, row.followedUp);
  },
  averageDurationDays: async (s: StatisticsModel, _: unknown, ctx: AccessContext) => {
    const value = (await ctx.loaders.outcomes.load(s)).averageDurationDays;
    return value === null ? null : Math.round(value * 10) / 10;
  },
  planCoverage: async (s: StatisticsModel, args: { on?: string | null }, ctx: AccessContext) => {
    const on = args.on ?? (s.period.to < todayInNetherlands() ? s.period.to : todayInNetherlands());
    const row = await ctx.loaders.planCoverage.load({ region: s.region, on });
    return {
      on,
      ...row,
      perspectivePlanShare: share(row.residentialWithPerspectivePlan, row.residentialInCare).share,
      futurePlanShare: share(row.seventeenWithFuturePlan, row.seventeenInCare).share,
    };
  },
};

export const RegionClientLevel = {
  referrals: async (
    c: { region: RegionRef['code'] },
    args: { first: number; after?: string | null; filter?: Record<string, string | null> | null },
    ctx: AccessContext,
  ) => {
    const f = args.filter ?? {};
    if (f.referrerType && !REFERRER_TYPES.some((t) => t.code === f.referrerType)) {
      throw badInput('filter.referrerType', `filter.referrerType "${f.referrerType}" is not in code list COD327`);
    }
    const filter: ReferralFilter = {
      referrerType: f.referrerType ?? undefined,
      productCategory: f.productCategory ? requireProductCategory(f.productCategory, 'filter.productCategory').code : undefined,
      providerAgb: f.providerAgb ?? undefined,
      activeOn: f.activeOn ?? undefined,
    };
    const first = pageSize(args.first);
    const [rows, totalCount] = await Promise.all([
      ctx.loaders.referralPage.load({ region: c.region, filter, first, after: afterCursor(args.after) }),
      ctx.loaders.referralTotal.load({ region: c.region, filter }),
    ]);
    return auditedPage(ctx, c.region, 'Region.clientLevel.referrals', rows, totalCount, first);
  },
  plans: async (
    c: { region: RegionRef['code'] },
    args: { first: number; after?: string | null; kind?: 'FAMILY_PLAN' | 'PERSPECTIVE_PLAN' | 'FUTURE_PLAN' | 'SUPPORT_PLAN' | null },
    ctx: AccessContext,
  ) => {
    const first = pageSize(args.first);
    const filter = { kind: args.kind ?? undefined };
    const [rows, totalCount] = await Promise.all([
      ctx.loaders.planPage.load({ region: c.region, filter, first, after: afterCursor(args.after) }),
      ctx.loaders.planTotal.load({ region: c.region, filter }),
    ]);
    return auditedPage(ctx, c.region, 'Region.clientLevel.plans', rows, totalCount, first);
  },
};
