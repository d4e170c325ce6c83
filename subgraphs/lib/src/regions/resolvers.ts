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

/*
 * The registry's part of the graph, the same in every subgraph (its fields are @shareable): the
 * served regions, their municipalities over time and the population used for rates. Each
 * subgraph's resolvers/Query.ts, Region.ts and Municipality.ts resolve those fields with these.
 */

const isServed = (served: readonly RegionCode[], code: string): code is RegionCode => (served as readonly string[]).includes(code);

/** The regions asked for, checked and without repeats; every served region when none are named. */
export function servedRegions(served: readonly RegionCode[], codes: readonly string[] | null | undefined): RegionRef[] {
  return codes ? [...new Set(codes.map((c) => servedRegion(served, c, 'codes')))].map((code) => ({ code })) : served.map((code) => ({ code }));
}

/** A region by its exact code; null when it is not served here. */
export function servedRegionRef(served: readonly RegionCode[], code: string): RegionRef | null {
  return isServed(served, code) ? { code } : null;
}

/** A municipality of a served region, by its code in any case; null otherwise. */
export function servedMunicipality(served: readonly RegionCode[], code: string): MunicipalityRef | null {
  const found = municipalityByCode(code.toUpperCase());
  return found && isServed(served, found.region.code) ? { code: found.membership.code } : null;
}

/** A municipality the registry knows, by its exact code; null otherwise. */
export function knownMunicipality(code: string): MunicipalityRef | null {
  return municipalityByCode(code) ? { code } : null;
}

export const productCategories = () => [...PRODUCT_CATEGORIES];

/** A region's members on a day (today when none is given), or every membership over time. */
export function regionMembers(code: RegionCode, on: string | null | undefined, all: boolean | null | undefined): MunicipalityRef[] {
  const info = regionInfo(code);
  const members = all ? info.municipalities : membersOn(info, on ?? todayInNetherlands());
  return members.map((m) => ({ code: m.code }));
}

export function regionPopulation(code: RegionCode, year: number) {
  checkYear(year);
  return { year, ...regionYouthPopulation(code, year) };
}

/** The registry's entry of a municipality; refs are made only for known codes, so a miss is a bug. */
export function municipalityEntry(code: string) {
  const found = municipalityByCode(code);
  if (!found) throw new Error(`municipality ${code} is not in the registry`);
  return found;
}

export function municipalityPopulation(code: string, year: number) {
  checkYear(year);
  const figure = youthPopulation(code, year);
  return figure ? { year: figure.year, youth0to17: figure.youth0to17, status: figure.status } : null;
}
