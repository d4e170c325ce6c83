import { requireProviderAccess } from '@youth-care/lib/auth/policy';
import { requireProductCategory } from '@youth-care/lib/codes/product-categories';
import { servedRegion } from '@youth-care/lib/regions/resolvers';
import type { ProcurementContext } from '../context.js';
import type { ProviderResolvers } from '../generated/graphql.js';
import type { ProviderModel, ProviderRef } from '../models.js';

async function details(provider: ProviderRef, ctx: ProcurementContext): Promise<ProviderModel | null> {
  if (provider.name !== undefined && provider.regions !== undefined) return provider as ProviderModel;
  return ctx.loaders.provider.load(provider.agbCode);
}

/** A provider's own fields cannot be null; one no served region holds fails like any unexpected error. */
function held(found: ProviderModel | null, ref: ProviderRef): ProviderModel {
  if (!found) throw new Error(`provider ${ref.agbCode} is held by no served region`);
  return found;
}

export const Provider: ProviderResolvers = {
  __resolveReference: (ref, ctx) => ctx.loaders.provider.load(ref.agbCode),
  name: async (p, _, ctx) => p.name ?? held(await details(p, ctx), p).name,
  demoData: async (p, _, ctx) => p.demoData ?? held(await details(p, ctx), p).demoData,
  regions: async (p, _, ctx) => ((await details(p, ctx))?.regions ?? []).map((code) => ({ code })),
  contracts: (p, args, ctx) => {
    requireProviderAccess(ctx.viewer, p.agbCode, 'contracts');
    return ctx.loaders.providerContracts.load({
      agbCode: p.agbCode,
      region: args.region ? servedRegion(ctx.served, args.region, 'region') : null,
    });
  },
  waitingTimes: (p, args, ctx) =>
    ctx.loaders.providerReports.load({
      agbCode: p.agbCode,
      region: args.region ? servedRegion(ctx.served, args.region, 'region') : null,
      productCategory: args.productCategory ? requireProductCategory(args.productCategory, 'productCategory').code : null,
      latestOnly: args.latestOnly,
    }),
};
