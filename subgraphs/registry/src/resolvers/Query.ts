import { productCategories, servedMunicipality, servedRegionRef, servedRegions } from '@youth-care/lib/regions/resolvers';
import type { QueryResolvers } from '../generated/graphql.js';

/** The federation's entry points: every answer starts here, so none of them reads a database. */
export const Query: QueryResolvers = {
  regions: (_, args, ctx) => servedRegions(ctx.served, args.codes),
  region: (_, args, ctx) => servedRegionRef(ctx.served, args.code.toUpperCase()),
  municipality: (_, args, ctx) => servedMunicipality(ctx.served, args.code),
  productCategories,
};
