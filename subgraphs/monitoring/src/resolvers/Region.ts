import { requireAccess } from '@youth-care/lib/auth/policy';
import type { RegionRef } from '@youth-care/lib/regions/resolvers';
import type { MonitoringContext } from '../context.js';
import type { ComparisonModel } from '../models.js';
import { checkYear, checkYears } from '@youth-care/lib/years';
import { checkPeriods } from './args.js';
import { loadIndicators } from './indicators.js';

const present = <V>(values: (V | null)[]): V[] => values.filter((v): v is V => v !== null);

/** Monitoring's fields on the shared Region entity. */
export const Region = {
  indicators: (r: RegionRef, args: { periods: string[]; indicators?: string[] | null }, ctx: MonitoringContext) =>
    loadIndicators(ctx, r.code, checkPeriods(args.periods), args.indicators),
  clientSatisfaction: async (r: RegionRef, args: { years: number[] }, ctx: MonitoringContext) =>
    present(await Promise.all(checkYears(args.years).map((year) => ctx.loaders.regionSatisfaction.load({ region: r.code, year })))),
  outcomes: async (r: RegionRef, args: { years: number[] }, ctx: MonitoringContext) =>
    present(await Promise.all(checkYears(args.years).map((year) => ctx.loaders.regionOutcomes.load({ region: r.code, year })))),
  providerOutcomes: (r: RegionRef, args: { year: number }, ctx: MonitoringContext) =>
    ctx.loaders.regionProviderOutcomes.load({ region: r.code, year: checkYear(args.year, 'year') }),
  monitoringComparison: (r: RegionRef, args: { years: number[] }, ctx: MonitoringContext): ComparisonModel[] => {
    requireAccess(ctx.viewer, 'comparison', r.code);
    return checkYears(args.years).map((year) => ({ region: r.code, year }));
  },
};
