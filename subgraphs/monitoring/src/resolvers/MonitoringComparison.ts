import { regionYouthPopulation } from '@youth-care/lib/regions/population';
import { yearPeriod } from '../cbs/periods.js';
import type { MonitoringComparisonResolvers } from '../generated/graphql.js';
import { loadIndicators } from './indicators.js';

export const MonitoringComparison: MonitoringComparisonResolvers = {
  period: (c) => yearPeriod(c.year),
  youthPopulation: (c) => ({ year: c.year, ...regionYouthPopulation(c.region, c.year) }),
  indicators: (c, args, ctx) => loadIndicators(ctx, c.region, [yearPeriod(c.year)], args.codes),
  satisfaction: (c, _, ctx) => ctx.loaders.regionSatisfaction.load({ region: c.region, year: c.year }),
  outcomes: (c, _, ctx) => ctx.loaders.regionOutcomes.load({ region: c.region, year: c.year }),
};
