import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '@youth-care/lib/db/migrate';
import { runQuery } from '@youth-care/lib/db/region-query';
import type { RegionSource } from '@youth-care/lib/db/region-sources';
import { regionDemoProviders } from '@youth-care/lib/demo/providers';
import { DEMO_REGION_CODES } from '@youth-care/lib/regions/registry';
import { startSubgraph, type SubgraphUnderTest } from '../../../test/support/subgraph.js';
import { regionSatisfaction } from '../src/db/repository.js';
import type { MonitoringTables } from '../src/db/schema.js';

/**
 * A region's satisfaction per year is its region-wide result where it has one (a grade left out
 * stays out), else the respondent-weighted mean over its providers' results: on the demo data,
 * and on years written here with region-wide and provider results side by side.
 */
let monitoring: SubgraphUnderTest;
beforeAll(async () => {
  monitoring = await startSubgraph('monitoring', { label: 'region_satisfaction', scale: 0.02 });
});
afterAll(() => monitoring?.stop());

const source = async (code: string) => (await monitoring.subgraph.sources.source(code as never)) as RegionSource<MonitoringTables>;

/** The same figures, each case on its own. */
async function byCase(src: RegionSource<MonitoringTables>, years: number[]) {
  const s = src.tables.satisfactionSurvey;
  return rowsOf(await src.db.execute(sql`
    SELECT year, NULL AS "providerAgb", false AS "fromProviders", respondents, accessibility, quality, effect, overall_grade AS "overallGrade"
    FROM ${s} WHERE provider_agb IS NULL AND year = ANY(${sql.param(years)}::int[])
    UNION ALL
    SELECT year, NULL, true, sum(respondents)::int,
      (sum(accessibility * respondents) / nullif(sum(respondents), 0))::float8,
      (sum(quality * respondents) / nullif(sum(respondents), 0))::float8,
      (sum(effect * respondents) / nullif(sum(respondents), 0))::float8,
      (sum(overall_grade * respondents) / nullif(sum(respondents) FILTER (WHERE overall_grade IS NOT NULL), 0))::float8
    FROM ${s} p WHERE provider_agb IS NOT NULL AND year = ANY(${sql.param(years)}::int[])
      AND NOT EXISTS (SELECT 1 FROM ${s} w WHERE w.year = p.year AND w.provider_agb IS NULL)
    GROUP BY year
    ORDER BY year`));
}

const sorted = <R extends { year: number }>(rows: R[]) => [...rows].sort((a, b) => a.year - b.year);

describe('region satisfaction per year', () => {
  it('is the region-wide result where there is one, else the weighted mean over the providers', async () => {
    const src = await source('JZ43');
    const [first, second] = regionDemoProviders('JZ43', 0.02).map((p) => p.agbCode);
    const s = src.tables.satisfactionSurvey;
    const row = (year: number, agb: string | null, respondents: number, share: number, grade: number | null) =>
      sql`(${year}, ${agb}, ${respondents}, ${share}, ${share}, ${share}, ${grade}, 'DEMO')`;
    await src.db.execute(sql`
      INSERT INTO ${s} (year, provider_agb, respondents, accessibility, quality, effect, overall_grade, source) VALUES
      ${sql.join(
        [
          // Providers only, one without a grade.
          row(2040, first!, 10, 0.5, 7),
          row(2040, second!, 30, 0.9, null),
          // A region-wide result without a grade beside the providers' results.
          row(2041, null, 50, 0.6, null),
          row(2041, first!, 10, 0.5, 7),
        ],
        sql`, `,
      )}`);
    const years = [2040, 2041, 2042];
    const figures = sorted(await runQuery(src.db, regionSatisfaction(src, years)));
    expect(figures).toEqual(await byCase(src, years));
    expect(figures).toEqual([
      { year: 2040, providerAgb: null, fromProviders: true, respondents: 40, accessibility: 0.8, quality: 0.8, effect: 0.8, overallGrade: 7 },
      { year: 2041, providerAgb: null, fromProviders: false, respondents: 50, accessibility: 0.6, quality: 0.6, effect: 0.6, overallGrade: null },
    ]);
  });

  it('equals the figures case by case on the demo data of every region', async () => {
    const years = [2019, 2020, 2021, 2022, 2023, 2024, 2025, 2026];
    let compared = 0;
    for (const code of DEMO_REGION_CODES) {
      const src = await source(code);
      const figures = sorted(await runQuery(src.db, regionSatisfaction(src, years)));
      expect(figures, code).toEqual(await byCase(src, years));
      compared += figures.length;
    }
    expect(compared).toBeGreaterThan(5);
  });
});
