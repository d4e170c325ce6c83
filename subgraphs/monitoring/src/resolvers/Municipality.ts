import { knownMunicipality } from '@youth-care/lib/regions/resolvers';
import type { MunicipalityResolvers } from '../generated/graphql.js';
import { checkPeriods } from './args.js';
import { loadIndicators } from './indicators.js';

/** Municipality in monitoring: the municipality's own CBS figures. */
export const Municipality: MunicipalityResolvers = {
  __resolveReference: (ref) => knownMunicipality(ref.code),
  indicators: (m, args, ctx) => loadIndicators(ctx, m.code, checkPeriods(args.periods), args.indicators),
};
