import { regionYouthPopulation } from '@youth-care/lib/regions/population';
import { yearPeriod } from '../cbs/periods.js';
import type { MonitoringContext } from '../context.js';
import type { ComparisonModel } from '../models.js';
import { loadIndicators } from './indicators.js';

export const MonitoringComparison = {
  period: (c: ComparisonModel) => yearPeriod(c.year),
  youthPopulation: (c: ComparisonModel) => ({ year: c.year, ...regionYouthPopulation(c.region, c.year) }),
  indicators: (c: ComparisonModel, args: { codes?: string[] | null }, ctx: MonitoringContext) =>
    loadIndicators(ctx, c.region, [yearPeriod(c.year)], args.codes),
  satisfaction: (c: ComparisonModel, _: unknown, ctx: MonitoringContext) => ctx.loaders.regionSatisfaction.load({ region: c.region, year: c.year }),
  outcomes: (c: ComparisonModel, _: unknown, ctx: MonitoringContext) => ctx.loaders.regionOutcomes.load({ region: c.region, year: c.year }),
};
