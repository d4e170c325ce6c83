import { productCategory } from '@youth-care/lib/codes/product-categories';
import type { ProcurementContext } from '../context.js';
import { globalId, parseServedId } from '@youth-care/lib/ids';
import type { ContractModel } from '../models.js';

export function loadContract(id: string, ctx: ProcurementContext): Promise<ContractModel | null> | null {
  const parsed = parseServedId(id, ctx.served);
  if (!parsed) return null;
  return ctx.loaders.contract.load({ region: parsed.region, localId: parsed.localId });
}

export const Contract = {
  __resolveReference: (ref: { id: string }, ctx: ProcurementContext) => loadContract(ref.id, ctx),
  id: (c: ContractModel) => globalId(c.region, c.id),
  region: (c: ContractModel) => ({ code: c.region }),
  provider: (c: ContractModel) => ({ agbCode: c.providerAgb }),
  productCategories: (c: ContractModel) => c.productCategories.map((code) => productCategory(code)).filter(Boolean),
  budgetCeilingEuros: (c: ContractModel) => (c.budgetCeilingEuros === null ? null : Number(c.budgetCeilingEuros)),
};
