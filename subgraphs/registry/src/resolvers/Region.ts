import { regionInfo } from '@youth-care/lib/regions/registry';
import { regionMembers, regionPopulation, servedRegionRef } from '@youth-care/lib/regions/resolvers';
import type { RegionResolvers } from '../generated/graphql.js';

/** A region's names, members over time and youth population, from the registry. */
export const Region: RegionResolvers = {
  __resolveReference: (ref, ctx) => servedRegionRef(ctx.served, ref.code),
  name: (r) => regionInfo(r.code).name,
  cbsName: (r) => regionInfo(r.code).cbsName,
  municipalities: (r, args) => regionMembers(r.code, args.on, args.all),
  youthPopulation: (r, args) => regionPopulation(r.code, args.year),
};
