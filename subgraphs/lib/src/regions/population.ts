import { REGIONS, membersOn, type RegionCode, regionInfo } from './registry.js';

/**
 * Young people aged 0-17 per municipality, used as the denominator of rates per 1,000.
 *
 * These are NOT CBS figures: no CBS population table is stored in this project yet. They are
 * estimates (about a fifth of each municipality's inhabitants, rounded to 100; 0-22 about 1.27
 * times 0-17) so the demo can compute rates; every figure carries `status: 'ESTIMATE'` so no one mistakes it for a
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

/** The ages a count covers: CBS's youth-care counts (85099NED) run to 23, most others to 18. */
export const AGE_RANGES = ['0-17', '0-22'] as const;
export type AgeRange = (typeof AGE_RANGES)[number];

/** Five more birth years on top of 0-17, a little smaller than the younger ones. */
const YOUNG_ADULTS_FACTOR = 1.27;
/** The estimates hold for 1 January 2024; populations drift a little each year, some up, some down. */
const ESTIMATE_YEAR = 2024;
const drift = (municipality: string) => ((Number(municipality.slice(2)) % 7) - 3) * 0.002;

/**
 * Haaren (GM0788) was split on 1 January 2021: its villages went to Oisterwijk (Haaren),
 * Tilburg (Biezenmortel), Vught (Helvoirt) and Boxtel (Esch). From then on its young people count
 * in those four; the estimates of the four are for their boundaries before the split.
 */
const HAAREN = 'GM0788';
const HAAREN_SPLIT_YEAR = 2021;
const HAAREN_SHARES: Readonly<Record<string, number>> = { GM0824: 0.45, GM0855: 0.1, GM0865: 0.3, GM0757: 0.15 };

const round100 = (n: number) => Math.round(n / 100) * 100;

function estimate(municipality: string, year: number): number | undefined {
  const base = ESTIMATES[municipality];
  if (base === undefined) return undefined;
  const fromHaaren = year >= HAAREN_SPLIT_YEAR ? (ESTIMATES[HAAREN] ?? 0) * (HAAREN_SHARES[municipality] ?? 0) : 0;
  return (base + fromHaaren) * (1 + drift(municipality) * (year - ESTIMATE_YEAR));
}

const existedOn = (municipality: string, day: string) => REGIONS.some((r) => membersOn(r, day).some((m) => m.code === municipality));

/** The municipality's people of an age range on 1 January of `year`, or undefined when it did not exist then. */
export function agePopulation(municipality: string, year: number, range: AgeRange): { count: number; status: PopulationStatus } | undefined {
  const youth = estimate(municipality, year);
  if (youth === undefined || !existedOn(municipality, `${year}-01-01`)) return undefined;
  return { count: round100(range === '0-17' ? youth : youth * YOUNG_ADULTS_FACTOR), status: 'ESTIMATE' };
}

/** The municipality's young people (0-17) on 1 January of `year`, or undefined when it did not exist then. */
export function youthPopulation(municipality: string, year: number): YouthPopulation | undefined {
  const figure = agePopulation(municipality, year, '0-17');
  return figure && { municipality, year, youth0to17: figure.count, status: figure.status };
}

type RegionPopulation = Readonly<{ count: number; status: PopulationStatus }>;

/** The sums found so far: they never change, and a comparison asks them per region and year. */
const regionSums = new Map<string, RegionPopulation>();

/** A region's people of an age range on 1 January of `year`: the sum over its members on that day. */
export function regionAgePopulation(code: RegionCode, year: number, range: AgeRange): RegionPopulation {
  const key = `${code}|${year}|${range}`;
  let sum = regionSums.get(key);
  if (!sum) {
    let count = 0;
    let status: PopulationStatus = 'CBS';
    for (const m of membersOn(regionInfo(code), `${year}-01-01`)) {
      const figure = agePopulation(m.code, year, range);
      if (!figure) continue;
      count += figure.count;
      if (figure.status === 'ESTIMATE') status = 'ESTIMATE';
    }
    sum = { count, status };
    regionSums.set(key, sum);
  }
  return sum;
}

/** A region's young people (0-17) on 1 January of `year`. */
export function regionYouthPopulation(code: RegionCode, year: number): { youth0to17: number; status: PopulationStatus } {
  const { count, status } = regionAgePopulation(code, year, '0-17');
  return { youth0to17: count, status };
}
