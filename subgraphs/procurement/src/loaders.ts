import { providerFilter } from '@youth-care/lib/auth/policy';
import { regionLoaders, tagged, type ProviderKey } from '@youth-care/lib/loaders';
import type { RegionLoaderScope } from '@youth-care/lib/region-loader';
import type { RegionCode } from '@youth-care/lib/regions/registry';
import { todayInNetherlands } from '@youth-care/lib/scalars';
import * as repo from './db/repository.js';
import type { ProcurementTables } from './db/schema.js';
import type { ProviderModel, SummaryModel } from './models.js';

export interface RegionFilterKey<F> {
  readonly region: RegionCode;
  readonly filter: F;
}
export interface ProviderReportsKey extends ProviderKey {
  readonly productCategory: string | null;
  readonly latestOnly: boolean;
}
export interface ReportsFilter {
  readonly productCategories: string[] | null;
  readonly providerAgb: string | null;
}

/** The per-request loaders of procurement; each batch is one statement per region. */
export function createLoaders(scope: RegionLoaderScope<ProcurementTables>) {
  const until = todayInNetherlands();
  const onlyProvider = providerFilter(scope.viewer);
  const load = regionLoaders(scope);

  return {
    provider: load.acrossRegions('public', 'agbCode', tagged(repo.providersByAgb), (rows): ProviderModel => {
      const { agbCode, name, demoData } = rows[0]!;
      return { agbCode, name, demoData, regions: rows.map((r) => r.region) };
    }),
    regionProviders: load.perRegion('public', (src, k: RegionFilterKey<string | null>) => repo.contractedProviders(src, k.filter ?? undefined)),
    contract: load.oneById('contracts', tagged((src, ids: string[]) => repo.contractsByIds(src, ids, onlyProvider))),
    providerContracts: load.providerRows('contracts', tagged((src, agbCodes: string[]) => repo.contractsByProviders(src, agbCodes, onlyProvider))),
    regionContracts: load.perRegion('contracts', tagged((src, k: RegionFilterKey<repo.ContractFilter>) => repo.contractsInRegion(src, k.filter, onlyProvider))),
    norms: load.ofRegion('public', repo.norms),
    report: load.oneById('public', tagged(repo.reportsByIds)),
    providerReports: load.providerRows(
      'public',
      tagged((src, agbCodes: string[], k: ProviderReportsKey) =>
        repo.reports(src, agbCodes, { productCategories: k.productCategory ? [k.productCategory] : undefined, latestOnly: k.latestOnly, until }),
      ),
    ),
    regionLatestReports: load.perRegion(
      'public',
      tagged((src, { filter }: RegionFilterKey<ReportsFilter>) =>
        repo.reports(src, filter.providerAgb ? [filter.providerAgb] : undefined, { productCategories: filter.productCategories ?? undefined, latestOnly: true, until }),
      ),
    ),
    summary: load.ofRegion('public', async (src): Promise<SummaryModel> => ({ region: src.code, rows: await tagged(repo.waitingTimeSummary)(src, until) })),
    yearlyWaitingTimes: load.figuresOfRegion('comparison', (src, k: { region: RegionCode; years: number[] }) => repo.yearlyWaitingTimes(src, k.years, until)),
  };
}

export type ProcurementLoaders = ReturnType<typeof createLoaders>;
