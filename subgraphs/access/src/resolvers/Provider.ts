import { servedRegion } from '../../../lib/src/regions/resolvers.js';
import { category, referrerType } from '../codes.js';
import type { AccessContext } from '../context.js';
import { periodOf } from '../period.js';

type Args = { region?: string | null; from?: string | null; to?: string | null };

function key(agbCode: string, args: Args, ctx: AccessContext) {
  return { agbCode, region: args.region ? servedRegion(ctx.served, args.region, 'region') : null, period: periodOf(args) };
}

/** Access's fields on procurement's Provider: what the referral data says about a provider. */
export const Provider = {
  __resolveReference: (ref: { agbCode: string }) => ({ agbCode: ref.agbCode }),
  referralsReceived: async (p: { agbCode: string }, args: Args, ctx: AccessContext) =>
    (await ctx.loaders.providerReferrals.load(key(p.agbCode, args, ctx))).map((row) => ({
      region: { code: row.region },
      referrerType: referrerType(row.referrerType),
      productCategory: category(row.productCategory),
      referrals: row.referrals,
    })),
  accessLeadTimes: async (p: { agbCode: string }, args: Args, ctx: AccessContext) =>
    (await ctx.loaders.providerLeadTimes.load(key(p.agbCode, args, ctx))).map((row) => ({
      region: { code: row.region },
      trajectories: row.trajectories,
      requestToAllocation: { medianDays: row.requestToAllocationMedian, p90Days: row.requestToAllocationP90 },
      allocationToStart: { medianDays: row.allocationToStartMedian, p90Days: row.allocationToStartP90 },
    })),
};
