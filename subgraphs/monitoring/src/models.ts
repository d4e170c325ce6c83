import type { InRegion } from '@youth-care/lib/ids';
import type { Protected, ProtectedCount } from '@youth-care/lib/small-numbers';
import type { PopulationStatus } from '@youth-care/lib/regions/population';
import type { RegionCode } from '@youth-care/lib/regions/registry';
import type { CbsPeriod } from './cbs/periods.js';
import type { FigureStatus } from './db/national-schema.js';
import type { OutcomeRow, SatisfactionRow } from './db/repository.js';
import type { IndicatorDefinition } from './indicators/catalog.js';

export type SatisfactionModel = InRegion<SatisfactionRow>;
export type OutcomeModel = InRegion<OutcomeRow>;

export interface PopulationModel {
  readonly year: number;
  readonly youth0to17: number;
  readonly status: PopulationStatus;
}

/** One indicator for one area (region, municipality or NL01) in one period, protected as it leaves. */
export interface IndicatorModel {
  readonly area: string;
  readonly indicator: IndicatorDefinition;
  readonly period: CbsPeriod;
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
