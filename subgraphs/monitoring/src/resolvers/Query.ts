import { servedMunicipality, servedRegionRef, servedRegions } from '@youth-care/lib/regions/resolvers';
import type { QueryResolvers } from '../generated/graphql.js';
import { INDICATORS } from '../indicators/catalog.js';

/** Query in monitoring: the registry's regions and municipalities, the indicator catalogue and the CBS tables imported. */
export const Query: QueryResolvers = {
  regions: (_, args, ctx) => servedRegions(ctx.served, args.codes),
  region: (_, args, ctx) => servedRegionRef(ctx.served, args.code.toUpperCase()),
  municipality: (_, args, ctx) => servedMunicipality(ctx.served, args.code),
  monitoringIndicators: () => [...INDICATORS],
  cbsTables: (_, __, ctx) => ctx.loaders.cbsTables.load('all'),
};
