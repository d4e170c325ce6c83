import { dataVersions } from '@youth-care/lib/data-versions';
import type { RegionSources } from '@youth-care/lib/db/region-sources';
import { groupBy } from '@youth-care/lib/region-loader';
import type { RegionCode } from '@youth-care/lib/regions/registry';
import { currentYear } from '@youth-care/lib/years';
import { upsertOutcomes, upsertSatisfaction, type WriteCounts } from '../db/repository.js';
import type { MonitoringTables } from '../db/schema.js';
import { validateOutcomes } from './outcomes.js';
import { readReportFile, type SourceRow } from './records.js';
import { Problems } from './rejected.js';
import { validateSatisfaction } from './satisfaction.js';

export type ReportKind = 'satisfaction' | 'outcomes';
export type Origin = 'IMPORT' | 'DEMO';

type Sources = RegionSources<MonitoringTables>;

/**
 * Writes checked records region by region, each region in one statement. Every row is checked
 * before the first is written, so a bad row leaves every region as it was.
 */
async function writeByRegion<R extends { region: RegionCode }>(
  sources: Sources,
  records: readonly R[],
  write: (src: Awaited<ReturnType<Sources['source']>>, rows: Omit<R, 'region'>[]) => Promise<WriteCounts>,
  say: (line: string) => void,
): Promise<Map<RegionCode, WriteCounts>> {
  const counts = new Map<RegionCode, WriteCounts>();
  for (const rows of groupBy(records, (r) => r.region).values()) {
    const region = rows[0]!.region;
    const written = await write(await sources.source(region), rows.map(({ region: _region, ...rest }) => rest));
    await dataVersions().bump('monitoring', [region]);
    say(`${region}: ${written.inserted} new, ${written.updated} changed, ${written.unchanged} unchanged`);
    counts.set(region, written);
  }
  return counts;
}

/** Which of some providers any region contracts (procurement answers it); null where the rows are known to be of contracted providers. */
export type ContractCheck = ((agbCodes: readonly string[]) => Promise<ReadonlySet<string>>) | null;

/** A report of a provider no region contracts is refused: its figures would describe care no region buys. */
async function checkContracted(label: string, records: readonly { providerAgb: string | null; region: string; year: number }[], contracted: ContractCheck): Promise<void> {
  if (!contracted) return;
  const named = [...new Set(records.flatMap((r) => (r.providerAgb ? [r.providerAgb] : [])))];
  const known = await contracted(named);
  const problems = new Problems();
  for (const agb of named.filter((a) => !known.has(a))) {
    const rows = records.filter((r) => r.providerAgb === agb).map((r) => `${r.region} ${r.year}`);
    problems.add(`provider_agb ${agb}: no region contracts this provider (rows for ${rows.join(', ')})`);
  }
  problems.throwIfAny(label);
}

/** The one path every report takes, from a file or from the demo generator: check all rows, then write. */
export async function importReportRows(
  kind: ReportKind,
  sources: Sources,
  label: string,
  rows: readonly SourceRow[],
  origin: Origin,
  say: (line: string) => void,
  contracted: ContractCheck,
): Promise<Map<RegionCode, WriteCounts>> {
  if (kind === 'satisfaction') {
    const records = validateSatisfaction(label, rows, { served: sources.regions, thisYear: currentYear() });
    await checkContracted(label, records, contracted);
    say(`${label}: ${records.length} satisfaction rows checked`);
    return writeByRegion(sources, records, (src, list) => upsertSatisfaction(src, list.map((r) => ({ ...r, source: origin }))), say);
  }
  const records = validateOutcomes(label, rows, { served: sources.regions, thisYear: currentYear() });
  await checkContracted(label, records, contracted);
  say(`${label}: ${records.length} outcome rows checked`);
  return writeByRegion(sources, records, (src, list) => upsertOutcomes(src, list.map((r) => ({ ...r, source: origin }))), say);
}

export async function importReportFile(
  kind: ReportKind,
  sources: Sources,
  path: string,
  say: (line: string) => void,
  contracted: NonNullable<ContractCheck>,
): Promise<Map<RegionCode, WriteCounts>> {
  say(`reading ${path}`);
  // An import opens its targets as a start does: migrated first, never by a read.
  await sources.migrateAll();
  return importReportRows(kind, sources, path, await readReportFile(path), 'IMPORT', say, contracted);
}
