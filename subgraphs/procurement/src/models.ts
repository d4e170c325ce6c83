import type { InRegion } from '../../lib/src/ids.js';
import type { RegionCode } from '../../lib/src/regions/registry.js';
import type { CategorySummaryRow, ContractRow, NormRow, ProviderRow, ReportRow } from './db/repository.js';

export type ContractModel = InRegion<ContractRow>;
export type ReportModel = InRegion<ReportRow>;
export type NormModel = NormRow;
export type SummaryModel = { readonly region: RegionCode; readonly rows: CategorySummaryRow[] };
export interface ProviderModel extends ProviderRow {
  readonly regions: RegionCode[];
}
