import type { NationalSource } from '@youth-care/lib/db/national-source';
import { providerFilter } from '@youth-care/lib/auth/policy';
import { regionLoaders, tagged, taggedQuery, type ProviderKey } from '@youth-care/lib/loaders';
import { nationalByKey, nationalWhole } from '@youth-care/lib/national-loader';
import type { RegionLoaderScope } from '@youth-care/lib/region-loader';
import type { RegionCode } from '@youth-care/lib/regions/registry';
import { parsePeriod } from './cbs/periods.js';
import { costFigure, costInEuros } from './indicators/costs.js';
import * as national from './db/national-repository.js';
import type { NationalTables } from './db/national-schema.js';
import * as repo from './db/repository.js';
import type { MonitoringTables } from './db/schema.js';
import { indicator, segmentFor } from './indicators/catalog.js';
import { indicatorValue, membersOf, ownRowCounts } from './indicators/values.js';

const distinct = <V>(values: V[]): V[] => [...new Set(values)];

export interface IndicatorKey {
  /** A region (JZ..), a municipality (GM....) or NL01. */
  readonly area: string;
  readonly indicator: string;
  /** A CBS period code, already checked. */
  readonly period: string;
}
export type AreaPeriodKey = Pick<IndicatorKey, 'area' | 'period'>;
export interface RegionYearKey {
  readonly region: RegionCode;
  readonly year: number;
}
export interface ProviderReportsKey extends ProviderKey {
  /** Null: every year. */
  readonly years: readonly number[] | null;
}

export interface LoaderScope extends RegionLoaderScope<MonitoringTables> {
  readonly national: NationalSource<NationalTables>;
}

/** The per-request loaders of monitoring: one statement per region per batch, one for the national source. */
export function createLoaders(scope: LoaderScope) {
  // A provider sees its own outcome figures in a region's list, not its competitors'.
  const onlyProvider = providerFilter(scope.viewer);
  const nationalScope = { source: scope.national, timeoutMs: scope.timeoutMs, log: scope.log };
  const load = regionLoaders(scope);
  const ofYear = (k: RegionYearKey) => k.year;

  return {
    indicator: nationalByKey(
      nationalScope,
      (k: IndicatorKey) => `${k.area}|${k.indicator}|${k.period}`,
      (src, keys) => national.aggregate(src, distinct(keys.map((k) => k.area)).flatMap(membersOf), wantedFigures(keys), ownRows(keys)),
      (rows, key) => {
        const def = indicator(key.indicator);
        const period = parsePeriod(key.period)!;
        return indicatorValue(key.area, def, period, segmentFor(def, period.year).tableId, rows[0]);
      },
    ),
    costs: nationalByKey(
      nationalScope,
      (k: AreaPeriodKey) => `${k.area}|${k.period}`,
      (src, keys) => national.aggregate(src, distinct(keys.map((k) => k.area)).flatMap(membersOf), distinct(keys.map((k) => k.period)).map(costFigure), ownRows(keys)),
      (rows) => costInEuros(rows[0]),
    ),
    cbsTables: nationalWhole(nationalScope, national.tables),
    regionSatisfaction: load.figureByKey('aggregate', ofYear, 'year', taggedQuery(repo.regionSatisfaction)),
    regionOutcomes: load.figureByKey('aggregate', ofYear, 'year', taggedQuery(repo.regionOutcomes)),
    regionProviderOutcomes: load.rowsByKey('aggregate', ofYear, 'year', tagged((src, years: number[]) => repo.providerOutcomes(src, onlyProvider ? [onlyProvider] : null, years))),
    providerOutcomes: load.providerRows('aggregate', tagged((src, agbCodes: string[], k: ProviderReportsKey) => repo.providerOutcomes(src, agbCodes, k.years))),
    providerSatisfaction: load.providerRows('aggregate', tagged((src, agbCodes: string[], k: ProviderReportsKey) => repo.providerSatisfaction(src, agbCodes, k.years))),
  };
}

/** The figures a batch of indicator keys needs, each indicator and period once. */
function wantedFigures(keys: readonly IndicatorKey[]): national.WantedFigure[] {
  return distinct(keys.map((k) => `${k.indicator}|${k.period}`)).map((pair) => {
    const [code, period] = pair.split('|') as [string, string];
    const def = indicator(code);
    const parsed = parsePeriod(period)!;
    return {
      indicator: code,
      tableId: segmentFor(def, parsed.year).tableId,
      measure: def.measure,
      dims: def.dims,
      weightMeasure: def.weightMeasure,
      relativeMeasure: def.relativeMeasure,
      period,
      startsOn: parsed.startsOn,
    };
  });
}

/** The areas whose own CBS row stands for them in a period (see ownRowCounts). */
function ownRows(keys: readonly Pick<IndicatorKey, 'area' | 'period'>[]): national.OwnRow[] {
  return distinct(keys.map((k) => `${k.area}|${k.period}`))
    .map((pair) => pair.split('|') as [string, string])
    .filter(([area, period]) => ownRowCounts(area, parsePeriod(period)!))
    .map(([area, period]) => ({ area, period }));
}

export type MonitoringLoaders = ReturnType<typeof createLoaders>;
