import { providerFilter } from '@youth-care/lib/auth/policy';
import type { RegionSource } from '@youth-care/lib/db/region-sources';
import { regionLoader, regionValueLoader, type RegionLoaderScope } from '@youth-care/lib/region-loader';
import type { RegionCode } from '@youth-care/lib/regions/registry';
import { todayInNetherlands } from '@youth-care/lib/scalars';
import * as repo from './db/repository.js';
import type { ProcurementTables } from './db/schema.js';
import type { InRegion } from '@youth-care/lib/ids';
import type { ContractModel, NormModel, ProviderModel, ReportModel, SummaryModel } from './models.js';

type Source = RegionSource<ProcurementTables>;

const tag =
  <K, Row>(read: (src: Source, keys: readonly K[]) => Promise<Row[]>) =>
  async (src: Source, keys: readonly K[]): Promise<InRegion<Row>[]> =>
    (await read(src, keys)).map((row) => ({ ...row, region: src.code }));

const sole = <V>(rows: V[]): V | null => rows[0] ?? null;
const all = <V>(rows: V[]): V[] => rows;

export interface RegionFilterKey<F> {
  readonly region: RegionCode;
  readonly filter: F;
}
export interface ProviderKey {
  readonly agbCode: string;
  /** Null: every served region. */
  readonly region: RegionCode | null;
}
export interface ProviderReportsKey extends ProviderKey {
  readonly productCategory: string | null;
  readonly latestOnly: boolean;
}
export interface ReportsFilter {
  readonly productCategories: string[] | null;
  readonly providerAgb: string | null;
}
export interface LocalKey<Id> {
  readonly region: RegionCode;
  readonly localId: Id;
}

/** The per-request loaders of procurement; each batch is one statement per region. */
export function createLoaders(scope: RegionLoaderScope<ProcurementTables>) {
  const served = scope.sources.regions;
  const until = todayInNetherlands();
  const regionsOf = (key: { region: RegionCode | null }) => (key.region ? [key.region] : served);
  const onlyProvider = providerFilter(scope.viewer);

  return {
    provider: regionLoader<ProcurementTables, string, InRegion<repo.ProviderRow>, ProviderModel | null>(scope, {
      access: 'public',
      id: (agb) => agb,
      regions: () => served,
      read: tag((src, keys) => repo.providersByAgb(src, keys)),
      rowMatch: (row) => row.agbCode,
      keyMatch: (agb) => agb,
      combine: (rows): ProviderModel | null => {
        const first = rows[0];
        return first ? { agbCode: first.agbCode, name: first.name, demoData: first.demoData, regions: rows.map((r) => r.region) } : null;
      },
    }),

    regionProviders: regionLoader(scope, {
      access: 'public',
      id: (k: RegionFilterKey<string | null>) => `${k.region}|${k.filter ?? ''}`,
      regions: (k) => [k.region],
      shape: (k) => k.filter ?? '',
      read: (src, keys) => repo.contractedProviders(src, keys[0]?.filter ?? undefined),
      rowMatch: () => '',
      keyMatch: () => '',
      combine: all,
    }),

    contract: regionLoader<ProcurementTables, LocalKey<string>, InRegion<repo.ContractRow>, ContractModel | null>(scope, {
      access: 'contracts',
      id: (k) => `${k.region}|${k.localId}`,
      regions: (k) => [k.region],
      read: tag((src, keys) => repo.contractsByIds(src, keys.map((k) => k.localId), onlyProvider)),
      rowMatch: (row) => row.id,
      keyMatch: (k) => k.localId,
      combine: (rows): ContractModel | null => sole(rows),
    }),

    providerContracts: regionLoader<ProcurementTables, ProviderKey, InRegion<repo.ContractRow>, ContractModel[]>(scope, {
      access: 'contracts',
      id: (k) => `${k.agbCode}|${k.region ?? '*'}`,
      regions: regionsOf,
      read: tag((src, keys) => repo.contractsByProviders(src, keys.map((k) => k.agbCode), onlyProvider)),
      rowMatch: (row) => row.providerAgb,
      keyMatch: (k) => k.agbCode,
      combine: (rows): ContractModel[] => rows,
    }),

    regionContracts: regionLoader<ProcurementTables, RegionFilterKey<repo.ContractFilter>, InRegion<repo.ContractRow>, ContractModel[]>(scope, {
      access: 'contracts',
      id: (k) => `${k.region}|${JSON.stringify(k.filter)}`,
      regions: (k) => [k.region],
      shape: (k) => JSON.stringify(k.filter),
      read: tag((src, keys) => repo.contractsInRegion(src, keys[0]?.filter ?? {}, onlyProvider)),
      rowMatch: () => '',
      keyMatch: () => '',
      combine: (rows): ContractModel[] => rows,
    }),

    norms: regionLoader(scope, {
      access: 'public',
      id: (region: RegionCode) => region,
      regions: (region) => [region],
      read: (src) => repo.norms(src),
      rowMatch: () => '',
      keyMatch: () => '',
      combine: (rows): NormModel[] => rows,
    }),

    report: regionLoader<ProcurementTables, LocalKey<number>, InRegion<repo.ReportRow>, ReportModel | null>(scope, {
      access: 'public',
      id: (k) => `${k.region}|${k.localId}`,
      regions: (k) => [k.region],
      read: tag((src, keys) => repo.reportsByIds(src, keys.map((k) => k.localId))),
      rowMatch: (row) => String(row.id),
      keyMatch: (k) => String(k.localId),
      combine: (rows): ReportModel | null => sole(rows),
    }),

    providerReports: regionLoader<ProcurementTables, ProviderReportsKey, InRegion<repo.ReportRow>, ReportModel[]>(scope, {
      access: 'public',
      id: (k) => `${k.agbCode}|${k.region ?? '*'}|${k.productCategory ?? ''}|${k.latestOnly}`,
      regions: regionsOf,
      shape: (k) => `${k.productCategory ?? ''}|${k.latestOnly}`,
      read: tag((src, keys) => {
        const { productCategory, latestOnly } = keys[0] ?? { productCategory: null, latestOnly: true };
        return repo.reports(src, keys.map((k) => k.agbCode), {
          productCategories: productCategory ? [productCategory] : undefined,
          latestOnly,
          until,
        });
      }),
      rowMatch: (row) => row.providerAgb,
      keyMatch: (k) => k.agbCode,
      combine: (rows): ReportModel[] => rows,
    }),

    regionLatestReports: regionLoader<ProcurementTables, RegionFilterKey<ReportsFilter>, InRegion<repo.ReportRow>, ReportModel[]>(scope, {
      access: 'public',
      id: (k) => `${k.region}|${JSON.stringify(k.filter)}`,
      regions: (k) => [k.region],
      shape: (k) => JSON.stringify(k.filter),
      read: tag((src, keys) => {
        const filter = keys[0]?.filter;
        return repo.reports(src, filter?.providerAgb ? [filter.providerAgb] : undefined, {
          productCategories: filter?.productCategories ?? undefined,
          latestOnly: true,
          until,
        });
      }),
      rowMatch: () => '',
      keyMatch: () => '',
      combine: (rows): ReportModel[] => rows,
    }),

    summary: regionLoader<ProcurementTables, RegionCode, InRegion<repo.CategorySummaryRow>, SummaryModel>(scope, {
      access: 'public',
      id: (region) => region,
      regions: (region) => [region],
      read: tag((src) => repo.waitingTimeSummary(src, until)),
      rowMatch: () => '',
      keyMatch: () => '',
      combine: (rows, region): SummaryModel => ({ region, rows }),
    }),

    yearlyWaitingTimes: regionValueLoader(scope, 'comparison', (k: { region: RegionCode; years: number[] }) => JSON.stringify(k), (src, k) =>
      repo.yearlyWaitingTimes(src, k.years, until),
    ),
  };
}

export type ProcurementLoaders = ReturnType<typeof createLoaders>;
