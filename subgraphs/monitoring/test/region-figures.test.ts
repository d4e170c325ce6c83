import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '@youth-care/lib/db/migrate';
import { runQuery } from '@youth-care/lib/db/region-query';
import type { RegionSource } from '@youth-care/lib/db/region-sources';
import { regionDemoProviders } from '@youth-care/lib/demo/providers';
import { DEMO_REGION_CODES, type RegionCode } from '@youth-care/lib/regions/registry';
import { startSubgraph, type SubgraphUnderTest } from '../../../test/support/subgraph.js';
import { keepFiguresOnce, providerOutcomes, regionOutcomes, regionSatisfaction, upsertSatisfaction, type OutcomeRow } from '../src/db/repository.js';
import type { MonitoringTables } from '../src/db/schema.js';

/**
 * A region's satisfaction per year, as kept when reports are written, is its region-wide result where it has one (a grade left out
 * stays out), else the respondent-weighted mean over its providers' results: on the demo data,
 * and on years written here with region-wide and provider results side by side.
 */
let monitoring: SubgraphUnderTest;
beforeAll(async () => {
  monitoring = await startSubgraph('monitoring', { label: 'region_figures', scale: 0.02 });
});
afterAll(() => monitoring?.stop());

const source = async (code: RegionCode) => (await monitoring.subgraph.sources.source(code)) as RegionSource<MonitoringTables>;

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

/** The years compared on the demo data. */
const DEMO_YEARS = [2019, 2020, 2021, 2022, 2023, 2024, 2025, 2026];
const sorted = <R extends { year: number }>(rows: R[]) => [...rows].sort((a, b) => a.year - b.year);

describe('region satisfaction per year', () => {
  it('is the region-wide result where there is one, else the weighted mean over the providers', async () => {
    const src = await source('JZ43');
    const [first, second] = regionDemoProviders('JZ43', 0.02).map((p) => p.agbCode);
    const row = (year: number, providerAgb: string | null, respondents: number, share: number, overallGrade: number | null) =>
      ({ year, providerAgb, respondents, accessibility: share, quality: share, effect: share, overallGrade, source: 'IMPORT' }) as const;
    await upsertSatisfaction(src, [
      // Providers only, one without a grade.
      row(2040, first!, 10, 0.5, 7),
      row(2040, second!, 30, 0.9, null),
      // A region-wide result without a grade beside the providers' results.
      row(2041, null, 50, 0.6, null),
      row(2041, first!, 10, 0.5, 7),
    ]);
    const years = [2040, 2041, 2042];
    const figures = sorted(await runQuery(src.db, regionSatisfaction(src, years)));
    expect(figures).toEqual(await byCase(src, years));
    expect(figures).toEqual([
      { year: 2040, providerAgb: null, fromProviders: true, respondents: 40, accessibility: 0.8, quality: 0.8, effect: 0.8, overallGrade: 7 },
      { year: 2041, providerAgb: null, fromProviders: false, respondents: 50, accessibility: 0.6, quality: 0.6, effect: 0.6, overallGrade: null },
    ]);
  });

  it('equals the figures case by case on the demo data of every region', async () => {
    let compared = 0;
    for (const code of DEMO_REGION_CODES) {
      const src = await source(code);
      const figures = sorted(await runQuery(src.db, regionSatisfaction(src, DEMO_YEARS)));
      expect(figures, code).toEqual(await byCase(src, DEMO_YEARS));
      compared += figures.length;
    }
    expect(compared).toBeGreaterThan(5);
  });

  it('are kept at start for reports that came before the kept figures did', async () => {
    const src = await source('JZ33');
    const kept = await runQuery(src.db, regionSatisfaction(src, DEMO_YEARS));
    expect(kept.length).toBeGreaterThan(0);
    await src.db.execute(sql`DELETE FROM ${src.tables.regionFigures}`);
    expect(await runQuery(src.db, regionSatisfaction(src, DEMO_YEARS))).toEqual([]);
    await keepFiguresOnce(src);
    expect(sorted(await runQuery(src.db, regionSatisfaction(src, DEMO_YEARS)))).toEqual(sorted(kept));
  });
});

describe('region outcomes per year', () => {
  /** The region's sums from its providers' rows, rounded past the last digits that the order of adding moves. */
  const fromProviders = (rows: OutcomeRow[], year: number) => {
    const ofYear = rows.filter((row) => row.year === year);
    if (ofYear.length === 0) return undefined;
    const parts = Object.fromEntries(
      Object.keys(ofYear[0]!.parts).map((indicator) => {
        const met = ofYear.map((row) => row.parts[indicator as keyof OutcomeRow['parts']].met).filter((m): m is number => m !== null);
        const of = ofYear.reduce((n, row) => n + row.parts[indicator as keyof OutcomeRow['parts']].of, 0);
        return [indicator, { met: met.length > 0 ? round(met.reduce((a, b) => a + b, 0)) : null, of }];
      }),
    );
    return { year, providerAgb: null, providersReporting: ofYear.length, trajectories: ofYear.reduce((n, row) => n + row.trajectories, 0), parts };
  };
  const round = (n: number) => Math.round(n * 1e6) / 1e6;
  const rounded = (row: OutcomeRow) => ({
    ...row,
    parts: Object.fromEntries(Object.entries(row.parts).map(([indicator, part]) => [indicator, { ...part, met: part.met === null ? null : round(part.met) }])),
  });

  it('are the sums over the providers of every region, as kept when the reports were written', async () => {
    let compared = 0;
    for (const code of DEMO_REGION_CODES) {
      const src = await source(code);
      const kept = sorted(await runQuery(src.db, regionOutcomes(src, DEMO_YEARS)));
      const providers = await providerOutcomes(src, null, DEMO_YEARS);
      expect(kept.map(rounded), code).toEqual(DEMO_YEARS.map((year) => fromProviders(providers, year)).filter((row) => row !== undefined));
      compared += kept.length;
    }
    expect(compared).toBeGreaterThan(5);
  });
});
