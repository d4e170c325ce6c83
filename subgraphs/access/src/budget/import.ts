import { dataVersions } from '@youth-care/lib/data-versions';
import type { RegionSources } from '@youth-care/lib/db/region-sources';
import { groupBy } from '@youth-care/lib/region-loader';
import type { RegionCode } from '@youth-care/lib/regions/registry';
import { replaceBudgets } from '../db/budget-repository.js';
import type { AccessTables } from '../db/schema.js';
import { readBudgetCsv } from './records.js';

export interface BudgetReport {
  readonly status: 'IMPORTED' | 'REJECTED';
  readonly problems: string[];
  /** Per region: the years replaced, the lines written and the lines they replaced. */
  readonly written: { region: RegionCode; years: number[]; lines: number; removed: number; euros: number }[];
}

type Written = BudgetReport['written'][number];

/**
 * Checks a whole budget file, then replaces each named region's budget for each named year; a bad
 * row writes nothing anywhere. Each region is replaced in a transaction of its own, and `replaced`
 * hears of it at once: a run stopped part-way has said which regions it finished.
 */
export async function importBudgetCsv(
  sources: RegionSources<AccessTables>,
  text: string,
  thisYear: number,
  replaced: (written: Written) => void = () => {},
): Promise<BudgetReport> {
  const { rows, problems } = readBudgetCsv(text, sources.regions, thisYear);
  if (problems.length > 0) return { status: 'REJECTED', problems, written: [] };
  const written: BudgetReport['written'] = [];
  for (const regionRows of groupBy(rows, (r) => r.region).values()) {
    const region = regionRows[0]!.region;
    const result = await replaceBudgets(await sources.source(region), regionRows);
    const done: Written = { region, ...result, euros: Math.round(regionRows.reduce((s, r) => s + r.euros, 0) * 100) / 100 };
    written.push(done);
    replaced(done);
  }
  // Cached answers about these regions' spending are stale now.
  await dataVersions().bump('access', written.map((w) => w.region));
  return { status: 'IMPORTED', problems: [], written };
}
