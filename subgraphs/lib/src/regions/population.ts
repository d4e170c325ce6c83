import { REGIONS, membersOn, type RegionCode, regionInfo } from './registry.js';

/**
 * Young people aged 0-17 per municipality, used as the denominator of rates per 1,000.
 *
 * These are NOT CBS figures: no CBS population table is stored in this project yet. They are
 * estimates (about a fifth of each municipality's inhabitants, rounded to 100) so the demo can
 * compute rates; every figure carries `status: 'ESTIMATE'` so no one mistakes it for a
 * statistic. Replace them with CBS table 03759ned (bevolking op 1 januari, 0-17) when imported.
 */
export type PopulationStatus = 'ESTIMATE' | 'CBS';

export interface YouthPopulation {
  readonly municipality: string;
  readonly year: number;
  readonly youth0to17: number;
  readonly status: PopulationStatus;
}

const ESTIMATES: Readonly<Record<string, number>> = {
  GM0855: 38_500, GM0785: 4_700, GM0798: 3_000, GM0824: 6_500, GM0867: 9_300, GM0797: 9_000,
  GM0766: 5_200, GM0784: 4_900, GM0809: 4_300, GM1723: 1_900, GM0744: 1_300,
  GM0796: 29_000, GM0865: 5_600, GM0757: 6_300, GM0845: 5_800, GM1948: 16_500, GM0828: 18_000,
  GM1721: 6_600, GM0755: 2_300, GM1991: 11_800, GM1982: 17_500, GM0856: 8_500, GM1685: 3_300,
  GM0756: 5_600, GM1684: 5_000, GM0786: 2_400, GM0815: 2_200, GM1702: 2_300, GM0788: 2_900,
  GM0228: 26_000, GM0203: 15_500, GM0267: 10_000, GM0279: 2_500, GM0339: 1_400, GM0340: 4_300,
  GM0345: 15_000,
  GM1640: 6_000, GM0946: 3_200, GM0988: 8_800,
  GM0758: 33_000, GM1719: 5_200, GM0779: 4_000, GM0826: 10_300, GM1959: 12_000, GM0738: 3_000,
  GM0870: 5_900, GM0874: 3_000,
};

/** The municipality's young people on 1 January of `year`, or undefined when it did not exist then. */
export function youthPopulation(municipality: string, year: number): YouthPopulation | undefined {
  const estimate = ESTIMATES[municipality];
  if (estimate === undefined) return undefined;
  const existed = REGIONS.some((r) => membersOn(r, `${year}-01-01`).some((m) => m.code === municipality));
  if (!existed) return undefined;
  return { municipality, year, youth0to17: estimate, status: 'ESTIMATE' };
}

/** A region's young people on 1 January of `year`: the sum over its members on that day. */
export function regionYouthPopulation(code: RegionCode, year: number): { youth0to17: number; status: PopulationStatus } {
  const members = membersOn(regionInfo(code), `${year}-01-01`);
  let total = 0;
  let status: PopulationStatus = 'CBS';
  for (const m of members) {
    const figure = youthPopulation(m.code, year);
    if (!figure) continue;
    total += figure.youth0to17;
    if (figure.status === 'ESTIMATE') status = 'ESTIMATE';
  }
  return { youth0to17: total, status };
}
