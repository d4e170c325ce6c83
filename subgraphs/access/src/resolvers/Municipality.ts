import { knownMunicipality, municipalityEntry, municipalityPopulation } from '@youth-care/lib/regions/resolvers';
import type { MunicipalityResolvers } from '../generated/graphql.js';

/** Municipality in access: the registry's fields only. */
export const Municipality: MunicipalityResolvers = {
  __resolveReference: (ref) => knownMunicipality(ref.code),
  name: (m) => municipalityEntry(m.code).membership.name,
  region: (m) => ({ code: municipalityEntry(m.code).region.code }),
  validFrom: (m) => municipalityEntry(m.code).membership.validFrom ?? null,
  validUntil: (m) => municipalityEntry(m.code).membership.validUntil ?? null,
  note: (m) => municipalityEntry(m.code).membership.note ?? null,
  youthPopulation: (m, args) => municipalityPopulation(m.code, args.year),
};
