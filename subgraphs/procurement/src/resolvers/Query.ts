import type { GraphQLError } from 'graphql';
import { requireProductCategory } from '@youth-care/lib/codes/product-categories';
import { servedRegion } from '@youth-care/lib/regions/resolvers';
import type { ProcurementContext } from '../context.js';
import type { ProviderRow } from '../db/repository.js';
import { loadContract } from './Contract.js';
import { loadReport } from './WaitingTimeReport.js';

export const Query = {
  provider: (_: unknown, args: { agbCode: string }, ctx: ProcurementContext) => ctx.loaders.provider.load(args.agbCode),
  providers: async (_: unknown, args: { regions?: string[] | null; productCategory?: string | null }, ctx: ProcurementContext) => {
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
  contract: (_: unknown, args: { id: string }, ctx: ProcurementContext) => loadContract(args.id, ctx),
  waitingTimeReport: (_: unknown, args: { id: string }, ctx: ProcurementContext) => loadReport(args.id, ctx),
};
