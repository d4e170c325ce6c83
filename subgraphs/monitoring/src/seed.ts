import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { NationalSource } from '@youth-care/lib/db/national-source';
import type { RegionSources } from '@youth-care/lib/db/region-sources';
import type { Log } from '@youth-care/lib/errors';
import { regionDemoProviders } from '@youth-care/lib/demo/providers';
import { Random } from '@youth-care/lib/random';
import { regionYouthPopulation } from '@youth-care/lib/regions/population';
import { demoShapeOf, hasDemoData, type DemoRegionCode, type RegionCode } from '@youth-care/lib/regions/registry';
import type { DemoOptions } from '@youth-care/lib/subgraph';
import { importCbsFolder } from './cbs/import.js';
import { hasTable } from './db/national-repository.js';
import type { NationalTables } from './db/national-schema.js';
import { heldReports } from './db/repository.js';
import type { MonitoringTables } from './db/schema.js';
import { importReportRows } from './reports/import.js';
import type { SourceRow } from './reports/records.js';

/*
 * Demo data, loaded through the same code as the import commands: the shipped CBS fixture (demo
 * figures in CBS's form), and per region synthetic client-satisfaction results and outcome
 * reports of the demo providers procurement contracts (same AGB codes). Deterministic.
 */
export const CBS_FIXTURES = fileURLToPath(new URL('../fixtures/cbs', import.meta.url));
export const DEMO_YEARS = [2021, 2022, 2023, 2024] as const;

/** How regions differ in the demo: a shift of every share, in percentage points. */
const SHIFT: Record<DemoRegionCode, number> = { JZ35: 3, JZ33: 0, JZ21: -2, JZ43: 4, JZ34: -4 };

const pct = (rng: Random, low: number, high: number, shift: number) => Math.min(100, Math.max(0, low + rng.next() * (high - low) + shift)).toFixed(1);
const row = (where: string, raw: Record<string, unknown>): SourceRow => ({ where, raw });

export function demoSatisfactionRows(code: RegionCode, scale: number): SourceRow[] {
  const rng = new Random(`satisfaction-${code}`);
  const shift = SHIFT[demoShapeOf(code)];
  const rows: SourceRow[] = [];
  // The providers that ask their own clients: the first few, some with only a handful of respondents.
  const surveyed = regionDemoProviders(code, scale).slice(0, 6);
  for (const year of DEMO_YEARS) {
    const youth = regionYouthPopulation(code, year).youth0to17;
    rows.push(
      row(`${code} ${year}`, {
        region: code,
        year,
        respondents: Math.round(youth * 0.012 * (0.8 + rng.next() * 0.4)),
        accessibility_pct: pct(rng, 68, 80, shift),
        quality_pct: pct(rng, 74, 86, shift),
        effect_pct: pct(rng, 64, 78, shift),
        overall_grade: (7 + rng.next() * 0.8 + shift / 20).toFixed(1),
      }),
    );
    for (const provider of surveyed) {
      rows.push(
        row(`${code} ${year} ${provider.agbCode}`, {
          region: code,
          year,
          provider_agb: provider.agbCode,
          respondents: rng.int(2, 60),
          accessibility_pct: pct(rng, 60, 90, shift),
          quality_pct: pct(rng, 65, 92, shift),
          effect_pct: pct(rng, 55, 85, shift),
          overall_grade: rng.chance(0.7) ? (6.5 + rng.next() * 1.8).toFixed(1) : null,
        }),
      );
    }
  }
  return rows;
}

export function demoOutcomeRows(code: RegionCode, scale: number): SourceRow[] {
  const rng = new Random(`outcomes-${code}`);
  const shift = SHIFT[demoShapeOf(code)];
  const rows: SourceRow[] = [];
  const providers = regionDemoProviders(code, scale);
  for (const year of DEMO_YEARS) {
    for (const provider of providers) {
      // Not every provider reports, nor every indicator.
      if (!rng.chance(0.75)) continue;
      const maybe = (low: number, high: number, s = shift) => (rng.chance(0.88) ? pct(rng, low, high, s) : null);
      rows.push(
        row(`${code} ${year} ${provider.agbCode}`, {
          region: code,
          year,
          provider_agb: provider.agbCode,
          trajectories: Math.round(2 + rng.next() ** 2 * 220),
          dropout_pct: maybe(6, 18, -shift / 2),
          usefulness_pct: maybe(70, 90),
          continues_without_help_pct: maybe(52, 78),
          no_repeat_use_pct: maybe(68, 88),
          problems_reduced_pct: maybe(60, 84),
          goals_reached_pct: maybe(55, 82),
        }),
      );
    }
  }
  return rows;
}

/** The CBS fixture into an empty national source; demo reports into every served region without any. */
export async function seedDemoData(
  sources: RegionSources<MonitoringTables>,
  national: NationalSource<NationalTables>,
  options: DemoOptions,
  log: Log,
): Promise<void> {
  const source = await national.source();
  for (const table of readdirSync(CBS_FIXTURES, { withFileTypes: true }).filter((d) => d.isDirectory())) {
    if (await hasTable(source, table.name)) continue;
    const started = Date.now();
    const result = await importCbsFolder(national, `${CBS_FIXTURES}/${table.name}`, () => {});
    log(`monitoring demo data: CBS fixture ${result.tableId}`, { observations: result.observations, ms: Date.now() - started });
  }
  await Promise.all(
    sources.regions.filter(hasDemoData).map(async (code) => {
      const src = sources.prepared(code);
      if (!src) return;
      try {
        // Each kind on its own, so a load stopped between the two still gets the second next time.
        const held = await heldReports(src);
        if (held.satisfaction && held.outcomes) return;
        const started = Date.now();
        const quiet = () => {};
        // The demo providers are the ones procurement's demo data contracts.
        const satisfaction = held.satisfaction ? [] : demoSatisfactionRows(code, options.scale);
        const outcomes = held.outcomes ? [] : demoOutcomeRows(code, options.scale);
        if (satisfaction.length > 0) await importReportRows('satisfaction', sources, `demo satisfaction ${code}`, satisfaction, 'DEMO', quiet, null);
        if (outcomes.length > 0) await importReportRows('outcomes', sources, `demo outcomes ${code}`, outcomes, 'DEMO', quiet, null);
        log(`monitoring demo data for ${code}`, { satisfaction: satisfaction.length, outcomes: outcomes.length, ms: Date.now() - started });
      } catch (error) {
        log(`monitoring demo data for ${code} failed; the next start tries again`, error);
      }
    }),
  );
}
