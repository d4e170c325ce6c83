import { NATIONAL_AREA } from '@youth-care/lib/db/national-source';
import { agePopulation, regionAgePopulation, type AgeRange } from '@youth-care/lib/regions/population';
import { isRegionCode, membersOn, regionInfo } from '@youth-care/lib/regions/registry';
import { protectCount, protectRate, protectShare, type Protected } from '@youth-care/lib/small-numbers';
import type { CbsPeriod } from '../cbs/periods.js';
import type { AggregateRow, AreaMember } from '../db/national-repository.js';
import { FIGURE_STATUSES } from '../db/national-schema.js';
import type { IndicatorModel, PopulationModel } from '../models.js';
import type { IndicatorDefinition } from './catalog.js';

/**
 * Young people 0-17 in the Netherlands, the denominator of national rates. An estimate (about
 * 3.3 million), marked so, like the registry's municipal figures, until a CBS population table
 * is imported; 0-22 about 1.27 times as many.
 */
const NATIONAL_ESTIMATE: Record<AgeRange, number> = { '0-17': 3_340_000, '0-22': 4_240_000 };

const NO_DATA: Protected<number> = { value: null, suppressed: false };
const SUPPRESSED: Protected<number> = { value: null, suppressed: true };

/** The CBS areas summed into an area: a region's municipalities over time, or the area itself. */
export function membersOf(area: string): AreaMember[] {
  if (isRegionCode(area)) {
    return regionInfo(area).municipalities.map((m) => ({ area, member: m.code, validFrom: m.validFrom, validUntil: m.validUntil }));
  }
  return [{ area, member: area, validFrom: null, validUntil: null }];
}

const codesOn = (area: string, day: string) => isRegionCode(area) ? membersOn(regionInfo(area), day).map((m) => m.code).sort().join(',') : area;

/**
 * Whether CBS's own row for the area stands for it in a period: always for a municipality or the
 * country; for a youth-care region when its members did not change during the period, so the
 * row CBS publishes covers the municipalities the registry holds for it.
 */
export const ownRowCounts = (area: string, period: CbsPeriod): boolean => codesOn(area, period.startsOn) === codesOn(area, period.endsOn);

export function populationOf(area: string, year: number, range: AgeRange): PopulationModel | null {
  if (area === NATIONAL_AREA) return { year, ageRange: range, count: NATIONAL_ESTIMATE[range], status: 'ESTIMATE' };
  if (isRegionCode(area)) return { year, ageRange: range, ...regionAgePopulation(area, year, range) };
  const figure = agePopulation(area, year, range);
  return figure ? { year, ageRange: range, ...figure } : null;
}

const statusOf = (rank: number | null) => (rank === null ? null : (FIGURE_STATUSES[rank - 1] ?? null));

/** The figures an indicator value is built from: the area's own row, or the sum of its members. */
interface Figures {
  total: number | null;
  weight: number | null;
  weighted: number | null;
}

function protect(indicator: IndicatorDefinition, f: Figures, population: PopulationModel | null) {
  switch (indicator.kind) {
    case 'RATE':
      return { count: protectCount(f.total), value: protectRate(f.total, population?.count) };
    case 'SHARE':
      return { count: protectCount(f.total), value: protectShare(f.total, f.weight) };
    case 'MEAN': {
      const count = protectCount(f.weight);
      const mean = count.value === null || !f.weight || f.weighted === null ? SUPPRESSED : { value: Math.round((f.weighted / f.weight) * 10) / 10, suppressed: false };
      return { count, value: mean };
    }
  }
}

/**
 * Turns what CBS has for an area into what leaves it. CBS's own row for the area comes first
 * (a region's JZ row, when its members did not change in the period). Otherwise the figure is
 * summed over the members of the period's first day, and a member without a figure makes the
 * sum unknown: the count and everything built on it is suppressed, naming the members missing.
 */
export function indicatorValue(area: string, indicator: IndicatorDefinition, period: CbsPeriod, tableId: string, row: AggregateRow | undefined): IndicatorModel {
  const population = indicator.ageRange ? populationOf(area, period.year, indicator.ageRange) : null;
  const base = { area, indicator, period, tableId, population, incompleteMembers: [] as string[], cbsPercentage: null };
  if (row?.ownPresent) {
    const status = statusOf(row.ownStatusRank);
    if (row.ownValue === null || (indicator.weightMeasure !== null && row.ownWeight === null)) {
      return { ...base, source: 'CBS_AREA_ROW', status, count: SUPPRESSED, value: SUPPRESSED };
    }
    const figures = { total: row.ownValue, weight: row.ownWeight, weighted: row.ownWeight === null ? null : row.ownValue * row.ownWeight };
    return { ...base, source: 'CBS_AREA_ROW', status, cbsPercentage: row.ownRelative, ...protect(indicator, figures, population) };
  }
  if (!row || row.present === 0) return { ...base, source: null, status: null, count: NO_DATA, value: NO_DATA };
  const status = statusOf(row.statusRank);
  if (row.present < row.expected || row.withoutFigure > 0) {
    return { ...base, source: 'MEMBER_SUM', status, incompleteMembers: row.incompleteMembers, count: SUPPRESSED, value: SUPPRESSED };
  }
  return { ...base, source: 'MEMBER_SUM', status, ...protect(indicator, row, population) };
}
