import type { MonitoringContext } from '../context.js';
import { INDICATORS } from '../indicators/catalog.js';
import type { IndicatorModel } from '../models.js';

/** Every indicator of every period for one area, through the national loader (one statement per batch). */
export async function loadIndicators(
  ctx: MonitoringContext,
  area: string,
  periods: readonly string[],
  codes: readonly string[] | null | undefined,
): Promise<IndicatorModel[]> {
  const wanted = codes && codes.length > 0 ? [...new Set(codes)] : INDICATORS.map((i) => i.code);
  const values = await ctx.loaders.indicator.loadMany(periods.flatMap((period) => wanted.map((indicator) => ({ area, indicator, period }))));
  const failed = values.find((v): v is Error => v instanceof Error);
  if (failed) throw failed;
  return values as IndicatorModel[];
}
