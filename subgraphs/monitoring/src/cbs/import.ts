import { dataVersions } from '@youth-care/lib/data-versions';
import type { NationalSource } from '@youth-care/lib/db/national-source';
import { importTable, type ImportCounts } from '../db/national-repository.js';
import type { NationalTables } from '../db/national-schema.js';
import { readCbsFolder } from './odata.js';

export interface CbsImportResult extends ImportCounts {
  readonly tableId: string;
  readonly observations: number;
}

/** Reads one table's folder, checks all of it, and writes it into the national source in one transaction. */
export async function importCbsFolder(
  national: NationalSource<NationalTables>,
  folder: string,
  say: (line: string) => void,
): Promise<CbsImportResult> {
  say(`reading ${folder}`);
  const data = await readCbsFolder(folder);
  const withoutFigure = data.observations.filter((o) => o.value === null).length;
  say(`${data.id} "${data.title}": ${data.observations.length} observations checked (${withoutFigure} without a published figure)`);
  // An import opens its target as a start does: migrated first, never by a read.
  await national.prepare();
  const source = await national.source();
  const counts = await importTable(source, data, (done) => say(`${data.id}: written ${done} of ${data.observations.length}`));
  await dataVersions().bump('national', []);
  say(
    `${data.id}: ${counts.inserted} new, ${counts.updated} changed, ${counts.unchanged} unchanged, ` +
      `${counts.keptLaterStatus} kept (a later status is stored), ${counts.codesChanged} metadata rows changed`,
  );
  return { tableId: data.id, observations: data.observations.length, ...counts };
}
