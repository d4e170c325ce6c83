import type { InRegion } from '@youth-care/lib/ids';
import type { RegionCode } from '@youth-care/lib/regions/registry';
import type { CategorySummaryRow, ContractRow, NormRow, ProviderRow, ReportRow } from './db/repository.js';

export type ContractModel = InRegion<ContractRow>;
export type ReportModel = InRegion<ReportRow>;
export type NormModel = NormRow;
export type SummaryModel = { readonly region: RegionCode; readonly rows: CategorySummaryRow[] };
export interface ProviderModel extends ProviderRow {
  readonly regions: RegionCode[];
}
