import { NATIONAL_AREA } from '@youth-care/lib/db/national-source';
import { isRegionCode } from '@youth-care/lib/regions/registry';
import { servedRegion } from '@youth-care/lib/regions/resolvers';
import type { MonitoringContext } from '../context.js';
import { benchmark } from '../indicators/benchmark.js';
import { parsePeriod } from '../cbs/periods.js';
import { currentTable, segmentFor, seriesBreaks, type IndicatorDefinition } from '../indicators/catalog.js';
import type { IndicatorModel } from '../models.js';
import { checkPeriods } from './args.js';

export const IndicatorValue = {
  period: (v: IndicatorModel) => v.period.code,
  year: (v: IndicatorModel) => v.period.year,
  cbsTable: (v: IndicatorModel) => v.tableId,
  incompleteMembers: (v: IndicatorModel) => v.incompleteMembers.map((code) => ({ code })),
  comparableWith: (v: IndicatorModel, args: { period: string }) => {
    const [other] = checkPeriods([args.period], 'period');
    return segmentFor(v.indicator, parsePeriod(other!)!.year).tableId === v.tableId;
  },
  benchmark: async (v: IndicatorModel, args: { compareWith?: string[] | null }, ctx: MonitoringContext) => {
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

export const Indicator = {
  cbsTable: (d: IndicatorDefinition) => currentTable(d),
  seriesBreaks: (d: IndicatorDefinition) => seriesBreaks(d),
  cbsMeasure: (d: IndicatorDefinition) => d.measure,
  cbsDimensions: (d: IndicatorDefinition) => d.dims,
};

export const RegionValue = {
  region: (r: { region: string }) => ({ code: r.region }),
};
