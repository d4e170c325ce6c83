import { disclosureFor } from '@youth-care/lib/auth/policy';
import { requireProductCategory } from '@youth-care/lib/codes/product-categories';
import type { CategoryWaitingTimeResolvers } from '../generated/graphql.js';
import { reportNorm, shareOverNorm } from '../waiting-time.js';

export const CategoryWaitingTime: CategoryWaitingTimeResolvers = {
  productCategory: (c) => requireProductCategory(c.productCategory, 'productCategory'),
  norm: (c) => reportNorm(c),
  worstProvider: (c) => ({ agbCode: c.worstProviderAgb }),
  providersReporting: (c, _, ctx) => disclosureFor(ctx.viewer, c.region).count(c.providersReporting),
  providersOverNorm: (c, _, ctx) => disclosureFor(ctx.viewer, c.region).count(c.providersOverNorm),
  shareOverNorm: (c, _, ctx) => shareOverNorm(disclosureFor(ctx.viewer, c.region), c.providersOverNorm, c.providersReporting),
  totalWaiting: (c, _, ctx) => disclosureFor(ctx.viewer, c.region).count(c.totalWaiting),
};
