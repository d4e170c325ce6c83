import { todayInNetherlands } from '@youth-care/lib/scalars';
import { category, referrerType } from '../codes.js';
import type { AccessStatisticsResolvers } from '../generated/graphql.js';

const share = (count: number, of: number) => ({ count, of, share: of === 0 ? null : Math.round((count / of) * 1000) / 1000 });

const coded = <R extends { referrerType: string; productCategory: string }>(row: R) => ({
  ...row,
  referrerType: referrerType(row.referrerType),
  productCategory: category(row.productCategory),
});

/** A region's referral statistics over a period; the region's own analysts and admins only. */
export const AccessStatistics: AccessStatisticsResolvers = {
  referralCounts: async (s, _, ctx) =>
    (await ctx.loaders.referralCounts.load(s)).flatMap((row) => (row.month !== null ? [coded({ ...row, month: row.month })] : [])),
  referralFlows: async (s, _, ctx) => (await ctx.loaders.referralCounts.load(s)).filter((row) => row.month === null).map(coded),
  leadTimes: async (s, _, ctx) => {
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
  dropout: async (s, _, ctx) => {
    const row = await ctx.loaders.outcomes.load(s);
    return share(row.endedByClient, row.ended);
  },
  repeatUse: async (s, _, ctx) => {
    const row = await ctx.loaders.outcomes.load(s);
    return share(row.returnedWithinYear, row.followedUp);
  },
  averageDurationDays: async (s, _, ctx) => {
    const value = (await ctx.loaders.outcomes.load(s)).averageDurationDays;
    return value === null ? null : Math.round(value * 10) / 10;
  },
  planCoverage: async (s, args, ctx) => {
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
