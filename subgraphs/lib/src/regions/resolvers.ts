import { badInput } from '../errors.js';
import { PRODUCT_CATEGORIES } from '../codes/product-categories.js';
import { todayInNetherlands } from '../scalars.js';
import { checkYear } from '../years.js';
import { regionYouthPopulation, youthPopulation } from './population.js';
import { membersOn, municipalityByCode, regionInfo, type RegionCode } from './registry.js';

/** What resolvers pass around for a region or municipality: its key, nothing more. */
export interface RegionRef {
  readonly code: RegionCode;
}
export interface MunicipalityRef {
  readonly code: string;
}

/** A region code from a client, checked against the regions this deployment serves. */
export function servedRegion(served: readonly RegionCode[], code: string, field: string): RegionCode {
  const upper = code.trim().toUpperCase();
  const found = served.find((c) => c === upper);
  if (!found) throw badInput(field, `${field}: unknown or unserved region "${code}"; served: ${served.join(', ')}`);
  return found;
}

/**
 * The registry's part of the graph, the same in every subgraph (the fields are @shareable): the
 * served regions, their municipalities over time and the population used for rates.
 */
export function registryResolvers(served: readonly RegionCode[]) {
  const isServed = (code: string): code is RegionCode => (served as readonly string[]).includes(code);
  return {
    Query: {
      regions: (_: unknown, args: { codes?: string[] | null }): RegionRef[] =>
        args.codes ? [...new Set(args.codes.map((c) => servedRegion(served, c, 'codes')))].map((code) => ({ code })) : served.map((code) => ({ code })),
      region: (_: unknown, args: { code: string }): RegionRef | null => (isServed(args.code.toUpperCase()) ? { code: args.code.toUpperCase() as RegionCode } : null),
      municipality: (_: unknown, args: { code: string }): MunicipalityRef | null => {
        const found = municipalityByCode(args.code.toUpperCase());
        return found && isServed(found.region.code) ? { code: found.membership.code } : null;
      },
      productCategories: () => PRODUCT_CATEGORIES,
    },
    Region: {
      __resolveReference: (ref: { code: string }): RegionRef | null => (isServed(ref.code) ? { code: ref.code } : null),
      name: (r: RegionRef) => regionInfo(r.code).name,
      cbsName: (r: RegionRef) => regionInfo(r.code).cbsName,
      municipalities: (r: RegionRef, args: { on?: string | null; all?: boolean | null }): MunicipalityRef[] => {
        const info = regionInfo(r.code);
        const members = args.all ? info.municipalities : membersOn(info, args.on ?? todayInNetherlands());
        return members.map((m) => ({ code: m.code }));
      },
      youthPopulation: (r: RegionRef, args: { year: number }) => {
        checkYear(args.year);
        return { year: args.year, ...regionYouthPopulation(r.code, args.year) };
      },
    },
    Municipality: {
      __resolveReference: (ref: { code: string }): MunicipalityRef | null => (municipalityByCode(ref.code) ? { code: ref.code } : null),
      name: (m: MunicipalityRef) => municipalityByCode(m.code)?.membership.name,
      region: (m: MunicipalityRef) => ({ code: municipalityByCode(m.code)?.region.code }),
      validFrom: (m: MunicipalityRef) => municipalityByCode(m.code)?.membership.validFrom ?? null,
      validUntil: (m: MunicipalityRef) => municipalityByCode(m.code)?.membership.validUntil ?? null,
      note: (m: MunicipalityRef) => municipalityByCode(m.code)?.membership.note ?? null,
      youthPopulation: (m: MunicipalityRef, args: { year: number }) => {
        checkYear(args.year);
        const figure = youthPopulation(m.code, args.year);
        return figure ? { year: figure.year, youth0to17: figure.youth0to17, status: figure.status } : null;
      },
    },
  };
}
