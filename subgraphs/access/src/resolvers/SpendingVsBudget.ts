import { isRegionCode, type RegionCode } from '@youth-care/lib/regions/registry';
import { checkYear } from '@youth-care/lib/years';
import { category } from '../codes.js';
import type { AccessContext } from '../context.js';
import type { SpendingVsBudget as SpendingVsBudgetType, SpendingVsBudgetResolvers } from '../generated/graphql.js';

const round2 = (n: number) => Math.round(n * 100) / 100;
const ratio = (part: number, whole: number | null) => (whole === null || whole === 0 ? null : Math.round((part / whole) * 1000) / 1000);

/**
 * A region's declared euros against its budget for a year. The budget to date is the budget
 * spread evenly over the months, up to the last month with declarations (declarations come in
 * after the month they cover, so that is how far the year is known).
 */
export async function spendingVsBudget(region: RegionCode, year: number, ctx: AccessContext): Promise<SpendingVsBudgetType> {
  const { categories, year: extent } = await ctx.loaders.spendingVsBudget.load({ region, year: checkYear(year) });
  const months = extent.throughMonth === null ? 0 : Number(extent.throughMonth.slice(5, 7));
  const toDate = (budget: number | null) => (budget === null ? null : round2((budget * months) / 12));
  const budgeted = categories.filter((c) => c.budgetEuros !== null);
  const budgetEuros = budgeted.length === 0 ? null : round2(budgeted.reduce((s, c) => s + c.budgetEuros!, 0));
  const declaredEuros = round2(categories.reduce((s, c) => s + c.declaredEuros, 0));
  return {
    regionCode: region,
    year,
    throughMonth: extent.throughMonth,
    budgetEuros,
    budgetToDateEuros: toDate(budgetEuros),
    declaredEuros,
    shareOfBudgetToDate: ratio(declaredEuros, toDate(budgetEuros)),
    byProductCategory: categories.map((c) => ({
      productCategory: category(c.productCategory),
      budgetLines: c.budgetLines,
      budgetEuros: c.budgetEuros,
      budgetToDateEuros: toDate(c.budgetEuros),
      declaredEuros: round2(c.declaredEuros),
      shareOfBudgetToDate: ratio(c.declaredEuros, toDate(c.budgetEuros)),
    })),
    youngPeopleInCare: extent.youngPeopleInCare,
    declaredPerYoungPersonInCare: extent.youngPeopleInCare === 0 ? null : round2(declaredEuros / extent.youngPeopleInCare),
  };
}

export const SpendingVsBudget: SpendingVsBudgetResolvers = {
  __resolveReference: (ref, ctx) => {
    const code = String(ref.regionCode);
    return isRegionCode(code) && ctx.served.includes(code) && typeof ref.year === 'number' ? spendingVsBudget(code, ref.year, ctx) : null;
  },
};
