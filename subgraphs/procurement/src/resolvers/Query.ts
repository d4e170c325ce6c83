import type { GraphQLError } from 'graphql';
import { requireProductCategory } from '@youth-care/lib/codes/product-categories';
import { productCategories, servedMunicipality, servedRegion, servedRegionRef, servedRegions } from '@youth-care/lib/regions/resolvers';
import type { ProviderRow } from '../db/repository.js';
import type { QueryResolvers } from '../generated/graphql.js';
import { loadContract } from './Contract.js';
import { loadReport } from './WaitingTimeReport.js';

/** Query in procurement: the registry's root fields, and providers, contracts and waiting-time reports. */
export const Query: QueryResolvers = {
  regions: (_, args, ctx) => servedRegions(ctx.served, args.codes),
  region: (_, args, ctx) => servedRegionRef(ctx.served, args.code.toUpperCase()),
  municipality: (_, args, ctx) => servedMunicipality(ctx.served, args.code),
  productCategories,
  provider: (_, args, ctx) => ctx.loaders.provider.load(args.agbCode),
  providers: async (_, args, ctx) => {
    const regions = args.regions ? [...new Set(args.regions.map((c) => servedRegion(ctx.served, c, 'regions')))] : ctx.served;
    const filter = args.productCategory ? requireProductCategory(args.productCategory, 'productCategory').code : null;
    const lists = await Promise.all(
      regions.map((region) =>
        ctx.loaders.regionProviders.load({ region, filter }).catch((error: unknown) => {
          ctx.failures.add(region, error as GraphQLError);
          return [] as ProviderRow[];
        }),
      ),
    );
    const byAgb = new Map<string, ProviderRow>();
    for (const row of lists.flat()) if (!byAgb.has(row.agbCode)) byAgb.set(row.agbCode, row);
    return [...byAgb.values()].sort((a, b) => a.name.localeCompare(b.name) || a.agbCode.localeCompare(b.agbCode));
  },
  contract: (_, args, ctx) => loadContract(args.id, ctx),
  waitingTimeReport: (_, args, ctx) => loadReport(args.id, ctx),
};
