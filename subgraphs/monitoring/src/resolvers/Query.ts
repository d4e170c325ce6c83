import type { QueryResolvers } from '../generated/graphql.js';
import { INDICATORS } from '../indicators/catalog.js';

/** Query in monitoring: the indicator catalogue and the CBS tables imported. */
export const Query: QueryResolvers = {
  monitoringIndicators: () => [...INDICATORS],
  cbsTables: (_, __, ctx) => ctx.loaders.cbsTables.load('all'),
};
