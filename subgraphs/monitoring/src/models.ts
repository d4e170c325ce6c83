import type { InRegion } from '@youth-care/lib/ids';
import type { Protected, ProtectedCount } from '@youth-care/lib/small-numbers';
import type { AgeRange, PopulationStatus } from '@youth-care/lib/regions/population';
import type { RegionCode } from '@youth-care/lib/regions/registry';
import type { CbsPeriod } from './cbs/periods.js';
import type { FigureStatus } from './db/national-schema.js';
import type { OutcomeRow, SatisfactionRow } from './db/repository.js';
import type { IndicatorDefinition } from './indicators/catalog.js';

export type SatisfactionModel = InRegion<SatisfactionRow>;
export type OutcomeModel = InRegion<OutcomeRow>;

/** The people of the age range a rate is per 1,000 of. */
export interface PopulationModel {
  readonly year: number;
  readonly ageRange: AgeRange;
  readonly count: number;
  readonly status: PopulationStatus;
}

/** Where an area's figure comes from: CBS's own row for the area, or the sum over its members. */
export type FigureSource = 'CBS_AREA_ROW' | 'MEMBER_SUM';

/** One indicator for one area (region, municipality or NL01) in one period, protected as it leaves. */
export interface IndicatorModel {
  readonly area: string;
  readonly indicator: IndicatorDefinition;
  readonly period: CbsPeriod;
  /** The CBS table the period is read from. */
  readonly tableId: string;
  readonly source: FigureSource | null;
  /** Members without a figure, when a sum over members is unknown because of them. */
  readonly incompleteMembers: readonly string[];
  /** CBS's own percentage of the age range, from the area's own row, where CBS publishes one. */
  readonly cbsPercentage: number | null;
  readonly status: FigureStatus | null;
  readonly count: ProtectedCount;
  readonly value: Protected<number>;
  readonly population: PopulationModel | null;
}

export interface ComparisonModel {
  readonly region: RegionCode;
  readonly year: number;
}

export interface ProviderRef {
  readonly agbCode: string;
}
