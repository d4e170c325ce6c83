import { productCategory } from '@youth-care/lib/codes/product-categories';
import type { WaitingTimeNormResolvers } from '../generated/graphql.js';

export const WaitingTimeNorm: WaitingTimeNormResolvers = {
  productCategory: (n) => (n.productCategory ? (productCategory(n.productCategory) ?? null) : null),
};
