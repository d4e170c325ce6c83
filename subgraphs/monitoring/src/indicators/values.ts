import { NATIONAL_AREA } from '@youth-care/lib/db/national-source';
import { regionYouthPopulation, youthPopulation } from '@youth-care/lib/regions/population';
import { isRegionCode, municipalityByCode, regionInfo } from '@youth-care/lib/regions/registry';
import { protectCount, protectRate, protectShare, type Protected } from '@youth-care/lib/small-numbers';
import type { CbsPeriod } from '../cbs/periods.js';
import type { AggregateRow, AreaMember } from '../db/national-repository.js';
import { FIGURE_STATUSES } from '../db/national-schema.js';
import type { IndicatorModel, PopulationModel } from '../models.js';
import type { IndicatorDefinition } from './catalog.js';

/**
 * Young people 0-17 in the Netherlands, the denominator of national rates. An estimate (about
 * 3.3 million), marked so, like the registry's municipal figures, until a CBS population table
 * is imported.
 */
const NATIONAL_YOUTH_ESTIMATE = 3_340_000;

const NO_DATA: Protected<number> = { value: null, suppressed: false };
const SUPPRESSED: Protected<number> = { value: null, suppressed: true };

/** The CBS areas summed into an area: a region's municipalities over time, or the area itself. */
export function membersOf(area: string): AreaMember[] {
  if (isRegionCode(area)) {
    return regionInfo(area).municipalities.map((m) => ({ area, member: m.code, validFrom: m.validFrom, validUntil: m.validUntil }));
  }
  return [{ area, member: area, validFrom: null, validUntil: null }];
}

export function populationOf(area: string, year: number): PopulationModel | null {
  if (area === NATIONAL_AREA) return { year, youth0to17: NATIONAL_YOUTH_ESTIMATE, status: 'ESTIMATE' };
  if (isRegionCode(area)) return { year, ...regionYouthPopulation(area, year) };
  if (!municipalityByCode(area)) return null;
  const figure = youthPopulation(area, year);
  return figure ? { year, youth0to17: figure.youth0to17, status: figure.status } : null;
}

/**
 * Turns an area's sums into what leaves it: a region misses a figure when any member it had on
 * the period's first day has none, and then the count and everything built on it is suppressed.
 */
export function indicatorValue(area: string, indicator: IndicatorDefinition, period: CbsPeriod, row: AggregateRow | undefined): IndicatorModel {
  const population = populationOf(area, period.year);
  const base = { area, indicator, period, population };
  if (!row || row.present === 0) return { ...base, status: null, count: NO_DATA, value: NO_DATA };
  const status = row.statusRank === null ? null : (FIGURE_STATUSES[row.statusRank - 1] ?? null);
  if (row.present < row.expected || row.withoutFigure > 0) return { ...base, status, count: SUPPRESSED, value: SUPPRESSED };
  switch (indicator.kind) {
    case 'RATE':
      return { ...base, status, count: protectCount(row.total), value: protectRate(row.total, population?.youth0to17) };
    case 'SHARE':
      return { ...base, status, count: protectCount(row.total), value: protectShare(row.total, row.weight) };
    case 'MEAN': {
      const count = protectCount(row.weight);
      const mean = count.value === null || !row.weight || row.weighted === null ? SUPPRESSED : { value: Math.round((row.weighted / row.weight) * 10) / 10, suppressed: false };
      return { ...base, status, count, value: mean };
    }
  }
}
