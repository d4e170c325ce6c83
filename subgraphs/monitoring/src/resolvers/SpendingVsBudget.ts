import { isRegionCode } from '@youth-care/lib/regions/registry';
import { yearPeriod } from '../cbs/periods.js';
import type { SpendingVsBudgetResolvers } from '../generated/graphql.js';

/** Monitoring's part of a region's spending against its budget: what CBS publishes of the year's costs. */
export const SpendingVsBudget: SpendingVsBudgetResolvers = {
  __resolveReference: (ref, ctx) => {
    const code = String(ref.regionCode);
    return isRegionCode(code) && ctx.served.includes(code) && typeof ref.year === 'number' ? { regionCode: code, year: ref.year } : null;
  },
  cbsCostEuros: (s, _, ctx) => ctx.loaders.costs.load({ area: String(s.regionCode), period: yearPeriod(s.year) }),
  cbsCostPerYoungPersonInCare: async (s, _, ctx) => {
    const [costs, youthCare] = await Promise.all([
      ctx.loaders.costs.load({ area: String(s.regionCode), period: yearPeriod(s.year) }),
      ctx.loaders.indicator.load({ area: String(s.regionCode), indicator: 'YOUTH_CARE', period: yearPeriod(s.year) }),
    ]);
    const count = youthCare.count.value;
    return costs === null || !count ? null : Math.round(costs / count);
  },
};
