import type { MonitoringContext } from '../context.js';
import { INDICATORS } from '../indicators/catalog.js';

export const Query = {
  monitoringIndicators: () => INDICATORS,
  cbsTables: (_: unknown, __: unknown, ctx: MonitoringContext) => ctx.loaders.cbsTables.load('all'),
};
