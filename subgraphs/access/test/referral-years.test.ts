import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pseudonymKey } from '@youth-care/lib/config';
import { migrateSchema, rowsOf } from '@youth-care/lib/db/migrate';
import { DEMO_REGION_CODES, regionInfo, type RegionCode } from '@youth-care/lib/regions/registry';
import { todayInNetherlands } from '@youth-care/lib/scalars';
import { startSubgraph, type SubgraphUnderTest } from '../../../test/support/subgraph.js';
import { yearFigures } from '../src/db/statistics-repository.js';
import { runQuery } from '@youth-care/lib/db/region-query';
import { importJsonLines, type ImportContext } from '../src/import/importer.js';
import { BASE_SCHEMA } from '../src/db/schema.js';
import { MIGRATIONS } from '../src/sources.js';
import { FIXTURE, jsonLines } from './fixture.js';

/**
 * The referral figures per year the import keeps equal what the trajectories give when counted
 * row by row: after the demo load, after batches that move trajectories on, and after the
 * migration that fills them from trajectories already there.
 */
let access: SubgraphUnderTest;
beforeAll(async () => {
  access = await startSubgraph('access', { label: 'access_referral_years', scale: 0.02 });
});
afterAll(() => access?.stop());

const source = async (code: RegionCode) => (await access.subgraph.sources.source(code)) as ImportContext['source'];

/** The figures counted over the trajectory rows themselves, per year. */
async function fromRows(src: ImportContext['source'], years: readonly number[]) {
  const t = src.tables.trajectory;
  return rowsOf(await src.db.execute(sql`
    SELECT y.year,
      (SELECT count(*) FROM ${t} WHERE extract(year FROM requested_on) = y.year)::int AS requested,
      e.*, s.*
    FROM unnest(${`{${years.join(',')}}`}::int[]) AS y(year)
    CROSS JOIN LATERAL (
      SELECT count(*)::int AS ended, count(*) FILTER (WHERE end_reason = '32')::int AS "endedByClient",
        count(*) FILTER (WHERE end_reason = '31')::int AS "endedAccordingToPlan", avg(ended_on - started_on)::float8 AS "averageDurationDays"
      FROM ${t} WHERE extract(year FROM ended_on) = y.year) e
    CROSS JOIN LATERAL (
      SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY started_on - requested_on)::float8 AS "requestToStartMedian",
        count(*)::int AS "startedRegular"
      FROM ${t} WHERE NOT crisis AND extract(year FROM started_on) = y.year) s
    ORDER BY y.year`));
}

/** Every year a trajectory date falls in, and one on either side. */
async function yearsOf(src: ImportContext['source']): Promise<number[]> {
  const t = src.tables.trajectory;
  const [span] = rowsOf<{ first: number; last: number }>(await src.db.execute(sql`
    SELECT extract(year FROM min(requested_on))::int AS first, extract(year FROM greatest(max(requested_on), max(started_on), max(ended_on)))::int AS last
    FROM ${t}`));
  return Array.from({ length: span!.last - span!.first + 3 }, (_, i) => span!.first - 1 + i);
}

async function expectKeptAsCounted(code: RegionCode) {
  const src = await source(code);
  const years = await yearsOf(src);
  const counted = await fromRows(src, years);
  expect(counted.some((row: any) => row.ended > 0 && row.startedRegular > 1), `${code} has figures to compare`).toBe(true);
  expect(await runQuery(src.db, yearFigures(src, years)), code).toEqual(counted);
}

describe('the referral figures kept per year', () => {
  it('equal the figures counted over the trajectories after the demo load, in every region and year', async () => {
    for (const code of DEMO_REGION_CODES) await expectKeptAsCounted(code);
  });

  it('follow batches that start and end trajectories already imported, in earlier years too', async () => {
    const src = await source('JZ43');
    const context: ImportContext = { source: src, region: regionInfo('JZ43'), pseudonymKey: pseudonymKey(access.config, 'JZ43'), today: todayInNetherlands() };
    const first = (r: { message: string }) => r.message === 'JW315' || r.message === 'JW301';
    expect(await importJsonLines(context, jsonLines(FIXTURE.filter(first)))).toMatchObject({ status: 'IMPORTED', problems: [] });
    await expectKeptAsCounted('JZ43');
    expect(await importJsonLines(context, jsonLines(FIXTURE.filter((r) => !first(r))))).toMatchObject({ status: 'IMPORTED', problems: [] });
    await expectKeptAsCounted('JZ43');

    // The demo history's open trajectories: the oldest started one ends, the oldest waiting one starts.
    const t = src.tables.trajectory;
    const [open] = rowsOf<{ ending: string; starting: string | null }>(await src.db.execute(sql`
      SELECT (SELECT id FROM ${t} WHERE started_on IS NOT NULL AND ended_on IS NULL ORDER BY started_on, id LIMIT 1) AS ending,
        (SELECT id FROM ${t} WHERE allocated_on IS NOT NULL AND started_on IS NULL AND NOT crisis ORDER BY requested_on, id LIMIT 1) AS starting`));
    const today = todayInNetherlands();
    const moves: object[] = [{ message: 'JW307', trajectory: open!.ending, endedOn: today, endReason: '32' }];
    if (open!.starting) moves.push({ message: 'JW305', trajectory: open!.starting, startedOn: today });
    expect(await importJsonLines(context, jsonLines(moves))).toMatchObject({ status: 'IMPORTED', problems: [] });
    await expectKeptAsCounted('JZ43');
  });

  it('are filled from the trajectories already there by the migration that brings them', async () => {
    const src = await source('JZ21');
    const { referralYear, referralWait } = src.tables;
    await src.db.transaction(async (tx) => {
      await tx.execute(sql`DROP TABLE ${referralYear}, ${referralWait}`);
      await tx.execute(sql`DELETE FROM ${sql.identifier(src.schema)}."__migrations" WHERE tag = '0005_referral_year'`);
    });
    expect(await migrateSchema(src.db, MIGRATIONS, BASE_SCHEMA, src.schema)).toEqual(['0005_referral_year']);
    await expectKeptAsCounted('JZ21');
  });
});
