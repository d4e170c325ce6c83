import { requireProductCategory } from '@youth-care/lib/codes/product-categories';
import type { CategoryWaitingTimeResolvers } from '../generated/graphql.js';
import { reportNorm } from '../waiting-time.js';

export const CategoryWaitingTime: CategoryWaitingTimeResolvers = {
  productCategory: (c) => requireProductCategory(c.productCategory, 'productCategory'),
  norm: (c) => reportNorm(c),
  worstProvider: (c) => ({ agbCode: c.worstProviderAgb }),
};
