import type { IndicatorResolvers } from '../generated/graphql.js';

export const Indicator: IndicatorResolvers = {
  cbsTable: (d) => d.tableId,
  cbsMeasure: (d) => d.measure,
  cbsDimensions: (d) => d.dims,
};
