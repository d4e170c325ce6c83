import type { RegionCode } from '../../lib/src/regions/registry.js';
import type { CategorySummaryRow, ContractRow, NormRow, ProviderRow, ReportRow } from './db/repository.js';

/** A row as read from one region's source, tagged with that region. */
export type InRegion<Row> = Row & { readonly region: RegionCode };

export type ContractModel = InRegion<ContractRow>;
export type ReportModel = InRegion<ReportRow>;
export type NormModel = NormRow;
export type SummaryModel = { readonly region: RegionCode; readonly rows: CategorySummaryRow[] };
export interface ProviderModel extends ProviderRow {
  readonly regions: RegionCode[];
}

/** Contract and report ids are local to a region's source; the graph's ids name the region too. */
export function globalId(region: RegionCode, localId: string | number): string {
  return `${region}:${localId}`;
}

export function parseGlobalId(id: string): { region: string; localId: string } | undefined {
  const at = id.indexOf(':');
  if (at <= 0 || at === id.length - 1) return undefined;
  return { region: id.slice(0, at), localId: id.slice(at + 1) };
}
