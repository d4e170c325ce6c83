import type { RegionValueResolvers } from '../generated/graphql.js';

export const RegionValue: RegionValueResolvers = {
  region: (r) => ({ code: r.region }),
};
