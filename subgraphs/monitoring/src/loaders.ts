import type { NationalSource } from '@youth-care/lib/db/national-source';
import type { RegionSource } from '@youth-care/lib/db/region-sources';
import { providerFilter } from '@youth-care/lib/auth/policy';
import { nationalLoader } from '@youth-care/lib/national-loader';
import { regionLoader, type RegionLoaderScope } from '@youth-care/lib/region-loader';
import type { RegionCode } from '@youth-care/lib/regions/registry';
import { parsePeriod } from './cbs/periods.js';
import * as national from './db/national-repository.js';
import type { NationalTables } from './db/national-schema.js';
import * as repo from './db/repository.js';
import type { MonitoringTables } from './db/schema.js';
import { indicator, segmentFor } from './indicators/catalog.js';
import { indicatorValue, membersOf, ownRowCounts } from './indicators/values.js';
import type { IndicatorModel, InRegion, OutcomeModel, SatisfactionModel } from './models.js';

type Source = RegionSource<MonitoringTables>;

const tag =
  <K, Row>(read: (src: Source, keys: readonly K[]) => Promise<Row[]>) =>
  async (src: Source, keys: readonly K[]): Promise<InRegion<Row>[]> =>
    (await read(src, keys)).map((row) => ({ ...row, region: src.code }));

const distinct = <V>(values: V[]): V[] => [...new Set(values)];

export interface IndicatorKey {
  /** A region (JZ..), a municipality (GM....) or NL01. */
  readonly area: string;
  readonly indicator: string;
  /** A CBS period code, already checked. */
  readonly period: string;
}
export interface RegionYearKey {
  readonly region: RegionCode;
  readonly year: number;
}
export interface ProviderReportsKey {
  readonly agbCode: string;
  /** Null: every served region. */
  readonly region: RegionCode | null;
  /** Null: every year. */
  readonly years: readonly number[] | null;
}

export interface LoaderScope extends RegionLoaderScope<MonitoringTables> {
  readonly national: NationalSource<NationalTables>;
}

const yearsShape = (k: ProviderReportsKey) => JSON.stringify(k.years);

/** The per-request loaders of monitoring: one statement per region per batch, one for the national source. */
export function createLoaders(scope: LoaderScope) {
  const served = scope.sources.regions;
  // A provider sees its own outcome figures in a region's list, not its competitors'.
  const onlyProvider = providerFilter(scope.viewer);
  const nationalScope = { source: scope.national, timeoutMs: scope.timeoutMs, log: scope.log };
  const indicatorId = (k: IndicatorKey) => `${k.area}|${k.indicator}|${k.period}`;

  return {
    indicator: nationalLoader<NationalTables, IndicatorKey, national.AggregateRow, IndicatorModel>(nationalScope, {
      id: indicatorId,
      read: (src, keys) => {
        const members = distinct(keys.map((k) => k.area)).flatMap(membersOf);
        const wanted = distinct(keys.map((k) => `${k.indicator}|${k.period}`)).map((pair) => {
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
        const own = distinct(keys.map((k) => `${k.area}|${k.period}`))
          .map((pair) => pair.split('|') as [string, string])
          .filter(([area, period]) => ownRowCounts(area, parsePeriod(period)!))
          .map(([area, period]) => ({ area, period }));
        return national.aggregate(src, members, wanted, own);
      },
      rowMatch: (row) => indicatorId(row),
      keyMatch: indicatorId,
      combine: (rows, key) => {
        const def = indicator(key.indicator);
        const period = parsePeriod(key.period)!;
        return indicatorValue(key.area, def, period, segmentFor(def, period.year).tableId, rows[0]);
      },
    }),

    cbsTables: nationalLoader<NationalTables, 'all', national.CbsTableRow, national.CbsTableRow[]>(nationalScope, {
      id: () => 'all',
      read: (src) => national.tables(src),
      rowMatch: () => 'all',
      keyMatch: () => 'all',
      combine: (rows) => rows,
    }),

    regionSatisfaction: regionLoader<MonitoringTables, RegionYearKey, SatisfactionModel, SatisfactionModel | null>(scope, {
      access: 'aggregate',
      id: (k) => `${k.region}|${k.year}`,
      regions: (k) => [k.region],
      read: tag((src, keys) => repo.regionSatisfaction(src, keys.map((k) => k.year))),
      rowMatch: (row) => String(row.year),
      keyMatch: (k) => String(k.year),
      combine: (rows) => rows[0] ?? null,
    }),

    regionOutcomes: regionLoader<MonitoringTables, RegionYearKey, OutcomeModel, OutcomeModel | null>(scope, {
      access: 'aggregate',
      id: (k) => `${k.region}|${k.year}`,
      regions: (k) => [k.region],
      read: tag((src, keys) => repo.regionOutcomes(src, keys.map((k) => k.year))),
      rowMatch: (row) => String(row.year),
      keyMatch: (k) => String(k.year),
      combine: (rows) => rows[0] ?? null,
    }),

    regionProviderOutcomes: regionLoader<MonitoringTables, RegionYearKey, OutcomeModel, OutcomeModel[]>(scope, {
      access: 'aggregate',
      id: (k) => `${k.region}|${k.year}`,
      regions: (k) => [k.region],
      read: tag((src, keys) => repo.providerOutcomes(src, onlyProvider ? [onlyProvider] : null, keys.map((k) => k.year))),
      rowMatch: (row) => String(row.year),
      keyMatch: (k) => String(k.year),
      combine: (rows) => rows,
    }),

    providerOutcomes: regionLoader<MonitoringTables, ProviderReportsKey, OutcomeModel, OutcomeModel[]>(scope, {
      access: 'aggregate',
      id: (k) => `${k.agbCode}|${k.region ?? '*'}|${yearsShape(k)}`,
      regions: (k) => (k.region ? [k.region] : served),
      shape: yearsShape,
      read: tag((src, keys) => repo.providerOutcomes(src, keys.map((k) => k.agbCode), keys[0]?.years ?? null)),
      rowMatch: (row) => row.providerAgb ?? '',
      keyMatch: (k) => k.agbCode,
      combine: (rows) => rows,
    }),

    providerSatisfaction: regionLoader<MonitoringTables, ProviderReportsKey, SatisfactionModel, SatisfactionModel[]>(scope, {
      access: 'aggregate',
      id: (k) => `${k.agbCode}|${k.region ?? '*'}|${yearsShape(k)}`,
      regions: (k) => (k.region ? [k.region] : served),
      shape: yearsShape,
      read: tag((src, keys) => repo.providerSatisfaction(src, keys.map((k) => k.agbCode), keys[0]?.years ?? null)),
      rowMatch: (row) => row.providerAgb ?? '',
      keyMatch: (k) => k.agbCode,
      combine: (rows) => rows,
    }),
  };
}

export type MonitoringLoaders = ReturnType<typeof createLoaders>;
