import { productCategory } from '@youth-care/lib/codes/product-categories';
import { globalId, parseServedId } from '@youth-care/lib/ids';
import type { ProcurementContext } from '../context.js';
import type { ContractResolvers } from '../generated/graphql.js';
import type { ContractModel } from '../models.js';

export function loadContract(id: string, ctx: ProcurementContext): Promise<ContractModel | null> | null {
  const parsed = parseServedId(id, ctx.served);
  if (!parsed) return null;
  return ctx.loaders.contract.load({ region: parsed.region, localId: parsed.localId });
}

export const Contract: ContractResolvers = {
  __resolveReference: (ref, ctx) => loadContract(ref.id, ctx),
  id: (c) => globalId(c.region, c.id),
  region: (c) => ({ code: c.region }),
  provider: (c) => ({ agbCode: c.providerAgb }),
  productCategories: (c) => c.productCategories.map((code) => productCategory(code)).filter((found) => found !== undefined),
  budgetCeilingEuros: (c) => (c.budgetCeilingEuros === null ? null : Number(c.budgetCeilingEuros)),
};
