import { requireProviderAccess } from '@youth-care/lib/auth/policy';
import { requireProductCategory } from '@youth-care/lib/codes/product-categories';
import { servedRegion } from '@youth-care/lib/regions/resolvers';
import type { ProcurementContext } from '../context.js';
import type { ProviderModel } from '../models.js';

type ProviderRef = Pick<ProviderModel, 'agbCode'> & Partial<ProviderModel>;

async function details(provider: ProviderRef, ctx: ProcurementContext): Promise<ProviderModel | null> {
  if (provider.name !== undefined && provider.regions !== undefined) return provider as ProviderModel;
  return ctx.loaders.provider.load(provider.agbCode);
}

export const Provider = {
  __resolveReference: (ref: { agbCode: string }, ctx: ProcurementContext) => ctx.loaders.provider.load(ref.agbCode),
  name: async (p: ProviderRef, _: unknown, ctx: ProcurementContext) => p.name ?? (await details(p, ctx))?.name,
  demoData: async (p: ProviderRef, _: unknown, ctx: ProcurementContext) => p.demoData ?? (await details(p, ctx))?.demoData,
  regions: async (p: ProviderRef, _: unknown, ctx: ProcurementContext) =>
    ((await details(p, ctx))?.regions ?? []).map((code) => ({ code })),
  contracts: (p: ProviderRef, args: { region?: string | null }, ctx: ProcurementContext) => {
    requireProviderAccess(ctx.viewer, p.agbCode, 'contracts');
    return ctx.loaders.providerContracts.load({
      agbCode: p.agbCode,
      region: args.region ? servedRegion(ctx.served, args.region, 'region') : null,
    });
  },
  waitingTimes: (
    p: ProviderRef,
    args: { region?: string | null; productCategory?: string | null; latestOnly: boolean },
    ctx: ProcurementContext,
  ) =>
    ctx.loaders.providerReports.load({
      agbCode: p.agbCode,
      region: args.region ? servedRegion(ctx.served, args.region, 'region') : null,
      productCategory: args.productCategory ? requireProductCategory(args.productCategory, 'productCategory').code : null,
      latestOnly: args.latestOnly,
    }),
};
