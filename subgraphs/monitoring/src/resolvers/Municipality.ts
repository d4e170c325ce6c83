import type { MunicipalityRef } from '@youth-care/lib/regions/resolvers';
import type { MonitoringContext } from '../context.js';
import { checkPeriods } from './args.js';
import { loadIndicators } from './indicators.js';

/** Monitoring's fields on the shared Municipality entity: the municipality's own CBS figures. */
export const Municipality = {
  indicators: (m: MunicipalityRef, args: { periods: string[]; indicators?: string[] | null }, ctx: MonitoringContext) =>
    loadIndicators(ctx, m.code, checkPeriods(args.periods), args.indicators),
};
