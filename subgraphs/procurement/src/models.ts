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
/** A provider as another type points to it (its key), or as a lookup already found it. */
export type ProviderRef = Pick<ProviderModel, 'agbCode'> & Partial<ProviderModel>;
/** One product category's row of a region's waiting-time summary. */
export type CategorySummaryModel = CategorySummaryRow & { readonly region: RegionCode; readonly productCategory: string };
