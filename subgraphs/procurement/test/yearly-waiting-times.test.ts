import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '@youth-care/lib/db/migrate';
import type { RegionSource } from '@youth-care/lib/db/region-sources';
import { DEMO_REGION_CODES } from '@youth-care/lib/regions/registry';
import { startSubgraph, type SubgraphUnderTest } from '../../../test/support/subgraph.js';
import { DEFAULT_NORM, keepYearsOnce, upsertReport, yearlyWaitingTimes } from '../src/db/repository.js';
import { runQuery } from '@youth-care/lib/db/region-query';
import type { ProcurementTables } from '../src/db/schema.js';

/**
 * The waiting times per year a learning circle compares equal what the reports give when every
 * report of a year is held against the norm in force on its day and the last one per provider
 * and category is taken: for several sets of years, with the year in progress cut at `until`.
 */
let procurement: SubgraphUnderTest;
beforeAll(async () => {
  procurement = await startSubgraph('procurement', { label: 'yearly_waiting_times', scale: 0.02 });
});
afterAll(() => procurement?.stop());

/** Per year, over all reports of the year, each against its own norm, the last per provider and category. */
async function fromReports(src: RegionSource<ProcurementTables>, years: readonly number[], until: string) {
  const { waitingTimeReport: r, waitingTimeNorm: n } = src.tables;
  return rowsOf(await src.db.execute(sql`
    WITH y AS (SELECT unnest(${`{${years.join(',')}}`}::int[]) AS year),
    judged AS (
      SELECT y.year, r.provider_agb, r.product_category, r.reported_on, r.registration_to_intake_weeks + r.intake_to_treatment_weeks AS total,
        r.waiting_count, (r.registration_to_intake_weeks > coalesce(norm.intake, ${DEFAULT_NORM.registrationToIntakeWeeks})
          OR r.intake_to_treatment_weeks > coalesce(norm.treatment, ${DEFAULT_NORM.intakeToTreatmentWeeks})) AS over
      FROM y JOIN ${r} r ON r.reported_on BETWEEN make_date(y.year, 1, 1) AND least(make_date(y.year, 12, 31), ${until}::date)
      LEFT JOIN LATERAL (
        SELECT registration_to_intake_weeks AS intake, intake_to_treatment_weeks AS treatment FROM ${n} n
        WHERE (n.product_category = r.product_category OR n.product_category IS NULL) AND n.valid_from <= r.reported_on
        ORDER BY n.product_category IS NULL, n.valid_from DESC LIMIT 1) norm ON true
    ), last AS (
      SELECT * FROM judged j WHERE NOT EXISTS (
        SELECT 1 FROM judged later WHERE later.year = j.year AND later.provider_agb = j.provider_agb
          AND later.product_category = j.product_category AND later.reported_on > j.reported_on)
    )
    SELECT y.year, count(DISTINCT l.provider_agb)::int AS "providersReporting",
      count(DISTINCT l.provider_agb) FILTER (WHERE l.over)::int AS "providersOverNorm",
      (percentile_cont(0.5) WITHIN GROUP (ORDER BY l.total))::float8 AS "medianTotalWeeks", coalesce(sum(l.waiting_count), 0)::int AS waiting
    FROM y LEFT JOIN last l ON l.year = y.year GROUP BY y.year ORDER BY y.year`));
}

describe('waiting times per year', () => {
  it('equal the figures over every report of the year, in every region, for any years and day', async () => {
    let compared = 0;
    for (const code of DEMO_REGION_CODES) {
      const src = (await procurement.subgraph.sources.source(code)) as RegionSource<ProcurementTables>;
      for (const years of [[2020], [2023, 2024], [2022, 2024, 2026], [2021, 2022, 2023, 2024, 2025, 2026, 2027]]) {
        for (const until of ['2024-06-30', '2025-03-15', '2026-01-01', '2027-12-31']) {
          const kept = await runQuery(src.db, yearlyWaitingTimes(src, years, until));
          expect(kept, `${code} ${years} until ${until}`).toEqual(await fromReports(src, years, until));
          compared += kept.filter((row) => row.providersOverNorm > 0 && row.providersOverNorm < row.providersReporting).length;
        }
      }
    }
    expect(compared, 'years with providers both over and within their norm').toBeGreaterThan(20);
  });

  const ALL_YEARS = [2019, 2020, 2021, 2022, 2023, 2024, 2025, 2026];

  it('are kept as reports come in: a late report for an ended year changes that year', async () => {
    const src = (await procurement.subgraph.sources.source('JZ43')) as RegionSource<ProcurementTables>;
    const { waitingTimeReport: r } = src.tables;
    const [last] = rowsOf<{ providerAgb: string; productCategory: string; year: number }>(await src.db.execute(sql`
      SELECT provider_agb AS "providerAgb", product_category AS "productCategory", date_part('year', reported_on)::int AS year
      FROM ${r} WHERE reported_on < '2025-01-01' ORDER BY reported_on DESC LIMIT 1`));
    const { year, ...report } = last!;
    const before = await runQuery(src.db, yearlyWaitingTimes(src, [year], '2026-01-01'));
    // A long wait reported on the year's last day becomes the provider's last report of that year.
    await upsertReport(src, { ...report, reportedOn: `${year}-12-31`, registrationToIntakeWeeks: 40, intakeToTreatmentWeeks: 40,
      waitingCount: 1000, bridgingCareOffered: null, source: 'PROVIDER_PORTAL' });
    const after = await runQuery(src.db, yearlyWaitingTimes(src, [year], '2026-01-01'));
    expect(after).not.toEqual(before);
    expect(after).toEqual(await fromReports(src, [year], '2026-01-01'));
  });

  it('are kept at start for reports that came before the kept figures did', async () => {
    const src = (await procurement.subgraph.sources.source('JZ21')) as RegionSource<ProcurementTables>;
    const kept = await runQuery(src.db, yearlyWaitingTimes(src, ALL_YEARS, '2027-01-01'));
    await src.db.execute(sql`DELETE FROM ${src.tables.waitingTimeYear}`);
    expect(await runQuery(src.db, yearlyWaitingTimes(src, ALL_YEARS, '2027-01-01'))).not.toEqual(kept);
    await keepYearsOnce(src);
    expect(await runQuery(src.db, yearlyWaitingTimes(src, ALL_YEARS, '2027-01-01'))).toEqual(kept);
    expect(kept).toEqual(await fromReports(src, ALL_YEARS, '2027-01-01'));
  });
});
