import { REFERRER_TYPES } from '@youth-care/lib/codes/ijw';
import { requireProductCategory } from '@youth-care/lib/codes/product-categories';
import { badInput } from '@youth-care/lib/errors';
import { afterCursor } from '@youth-care/lib/ids';
import type { ReferralFilter } from '../db/client-repository.js';
import type { RegionClientLevelResolvers } from '../generated/graphql.js';
import { auditedPage } from './client-level.js';

const MAX_PAGE = 500;

function pageSize(first: number): number {
  if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE) throw badInput('first', `first must lie between 1 and ${MAX_PAGE}`);
  return first;
}

/** A region's individual referrals and plans, every page of them recorded in the audit log. */
export const RegionClientLevel: RegionClientLevelResolvers = {
  referrals: async (c, args, ctx) => {
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
  plans: async (c, args, ctx) => {
    const first = pageSize(args.first);
    const filter = { kind: args.kind ?? undefined };
    const [rows, totalCount] = await Promise.all([
      ctx.loaders.planPage.load({ region: c.region, filter, first, after: afterCursor(args.after) }),
      ctx.loaders.planTotal.load({ region: c.region, filter }),
    ]);
    return auditedPage(ctx, c.region, 'Region.clientLevel.plans', rows, totalCount, first);
  },
};
