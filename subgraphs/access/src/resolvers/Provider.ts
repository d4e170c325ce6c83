import { disclosureFor, requireProviderAccess } from '@youth-care/lib/auth/policy';
import { servedRegion } from '@youth-care/lib/regions/resolvers';
import { category, referrerType } from '../codes.js';
import type { AccessContext } from '../context.js';
import type { ProviderReferralsReceivedArgs, ProviderResolvers } from '../generated/graphql.js';
import { periodOf } from '../period.js';

/** The loader key of a provider's figures; the two fields take the same arguments. */
function key(agbCode: string, args: ProviderReferralsReceivedArgs, ctx: AccessContext) {
  requireProviderAccess(ctx.viewer, agbCode, 'referral figures');
  return { agbCode, region: args.region ? servedRegion(ctx.served, args.region, 'region') : null, period: periodOf(args) };
}

/**
 * Access's fields on procurement's Provider: what the referral data says about a provider. The
 * figures leave their region unless an analyst reads their own, so they follow the small-number rule.
 */
export const Provider: ProviderResolvers = {
  __resolveReference: (ref) => ({ agbCode: ref.agbCode }),
  referralsReceived: async (p, args, ctx) =>
    (await ctx.loaders.providerReferrals.load(key(p.agbCode, args, ctx))).map((row) => ({
      region: { code: row.region },
      referrerType: referrerType(row.referrerType),
      productCategory: category(row.productCategory),
      referrals: disclosureFor(ctx.viewer, row.region).count(row.referrals),
    })),
  accessLeadTimes: async (p, args, ctx) =>
    (await ctx.loaders.providerLeadTimes.load(key(p.agbCode, args, ctx))).map((row) => {
      const shown = disclosureFor(ctx.viewer, row.region);
      const days = (median: number | null, p90: number | null) => ({
        medianDays: shown.figure(median, row.trajectories),
        p90Days: shown.figure(p90, row.trajectories),
      });
      return {
        region: { code: row.region },
        trajectories: shown.count(row.trajectories),
        requestToAllocation: days(row.requestToAllocationMedian, row.requestToAllocationP90),
        allocationToStart: days(row.allocationToStartMedian, row.allocationToStartP90),
      };
    }),
};
