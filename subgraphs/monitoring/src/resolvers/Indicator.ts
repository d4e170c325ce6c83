import type { IndicatorResolvers } from '../generated/graphql.js';
import { currentTable, seriesBreaks } from '../indicators/catalog.js';

export const Indicator: IndicatorResolvers = {
  cbsTable: (d) => currentTable(d),
  seriesBreaks: (d) => seriesBreaks(d),
  cbsMeasure: (d) => d.measure,
  cbsDimensions: (d) => d.dims,
};
