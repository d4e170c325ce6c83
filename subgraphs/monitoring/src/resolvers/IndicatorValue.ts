import { NATIONAL_AREA } from '@youth-care/lib/db/national-source';
import { isRegionCode } from '@youth-care/lib/regions/registry';
import { servedRegion } from '@youth-care/lib/regions/resolvers';
import type { IndicatorValueResolvers } from '../generated/graphql.js';
import { parsePeriod } from '../cbs/periods.js';
import { benchmark } from '../indicators/benchmark.js';
import { segmentFor } from '../indicators/catalog.js';
import type { IndicatorModel } from '../models.js';
import { checkPeriods } from './args.js';

export const IndicatorValue: IndicatorValueResolvers = {
  period: (v) => v.period.code,
  year: (v) => v.period.year,
  cbsTable: (v) => v.tableId,
  incompleteMembers: (v) => v.incompleteMembers.map((code) => ({ code })),
  comparableWith: (v, args) => {
    const [other] = checkPeriods([args.period], 'period');
    return segmentFor(v.indicator, parsePeriod(other!)!.year).tableId === v.tableId;
  },
  benchmark: async (v, args, ctx) => {
    const own = v.area;
    if (!isRegionCode(own)) return null;
    const compared = args.compareWith
      ? [...new Set([own, ...args.compareWith.map((c) => servedRegion(ctx.served, c, 'compareWith'))])]
      : [...ctx.served];
    const [national, ...others] = await ctx.loaders.indicator.loadMany(
      [NATIONAL_AREA, ...compared].map((area) => ({ area, indicator: v.indicator.code, period: v.period.code })),
    );
    const failed = [national, ...others].find((x): x is Error => x instanceof Error);
    if (failed) throw failed;
    const figures = (others as IndicatorModel[]).map((o, i) => ({ region: compared[i]!, value: o.value }));
    return benchmark(own, figures, (national as IndicatorModel).value);
  },
};
