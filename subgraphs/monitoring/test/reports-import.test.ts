import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/support/database.js';
import { loadConfig } from '@youth-care/lib/config';
import { DatabaseHub } from '@youth-care/lib/db/database';
import type { RegionSources } from '@youth-care/lib/db/region-sources';
import type { RegionCode } from '@youth-care/lib/regions/registry';
import { regionDemoProviders } from '@youth-care/lib/demo/providers';
import { contractRegister, type ContractRegister } from '../../procurement/src/contract-register.js';
import { createProcurementSubgraph } from '../../procurement/src/server.js';
import { providerOutcomes, providerSatisfaction, regionSatisfaction } from '../src/db/repository.js';
import { runQuery } from '@youth-care/lib/db/region-query';
import type { MonitoringTables } from '../src/db/schema.js';
import { importReportFile } from '../src/reports/import.js';
import { ImportRejected } from '../src/reports/rejected.js';
import { monitoringSources } from '../src/sources.js';

let database: TestDatabase;
let hub: DatabaseHub;
let sources: RegionSources<MonitoringTables>;
let contracted: ContractRegister;
const DEMO = { scale: 0.02 };
/** A provider procurement's demo data contracts, and one no region contracts. */
const AGB = regionDemoProviders('JZ43', DEMO.scale)[0]!.agbCode;
const UNCONTRACTED = '99999999';
const dir = mkdtempSync(join(tmpdir(), 'monitoring-reports-'));
const quiet = () => {};

beforeAll(async () => {
  database = await createTestDatabase('reports_import');
  // JZ34 is not served here, to see an import for it refused.
  const config = loadConfig({ ...database.env, REGIONS: 'JZ35,JZ33,JZ21,JZ43' });
  hub = new DatabaseHub(config.database, database.image);
  sources = monitoringSources({ config, hub, log: quiet }).regions;
  // Procurement's contracts, as the import commands consult them.
  await createProcurementSubgraph({ config, hub, log: quiet }).prepare(DEMO);
  contracted = contractRegister({ config, hub, log: quiet });
});
afterAll(async () => {
  await hub?.close();
  await database?.drop();
});

async function satisfactionIn(region: RegionCode, years: number[]) {
  const src = await sources.source(region);
  return runQuery(src.db, regionSatisfaction(src, years));
}

function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

async function rejection(kind: 'satisfaction' | 'outcomes', path: string): Promise<string> {
  const error = await importReportFile(kind, sources, path, quiet, contracted).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ImportRejected);
  return (error as ImportRejected).problems.join('\n');
}

const SATISFACTION_HEADER = 'region,year,provider_agb,respondents,accessibility_pct,quality_pct,effect_pct,overall_grade';

describe('client-satisfaction import', () => {
  it('reads CSV (also with semicolons and decimal commas) and JSON, and a second import of the same file changes nothing', async () => {
    const csv = file('satisfaction.csv', `${SATISFACTION_HEADER}\nJZ43,2022,,212,78.5,81,70.2,7.4\nJZ43,2022,${AGB},12,70,80,75,\n`);
    const first = await importReportFile('satisfaction', sources, csv, quiet, contracted);
    expect(first.get('JZ43')).toEqual({ inserted: 2, updated: 0, unchanged: 0 });
    expect((await importReportFile('satisfaction', sources, csv, quiet, contracted)).get('JZ43')).toEqual({ inserted: 0, updated: 0, unchanged: 2 });

    const dutch = file('satisfaction-nl.csv', `${SATISFACTION_HEADER.replaceAll(',', ';')}\nJZ21;2022;;150;80,5;82;71;7,6\n`);
    await importReportFile('satisfaction', sources, dutch, quiet, contracted);
    const json = file('satisfaction.json', JSON.stringify([{ region: 'jz33', year: 2022, respondents: 90, accessibility_pct: 75, quality_pct: 80, effect_pct: 66 }]));
    await importReportFile('satisfaction', sources, json, quiet, contracted);

    expect(await satisfactionIn('JZ21', [2022])).toEqual([
      { year: 2022, providerAgb: null, fromProviders: false, respondents: 150, accessibility: 0.805, quality: 0.82, effect: 0.71, overallGrade: 7.6 },
    ]);
    expect((await satisfactionIn('JZ33', [2022]))[0]).toMatchObject({ respondents: 90, overallGrade: null });
    expect(await providerSatisfaction(await sources.source('JZ43'), [AGB], null)).toEqual([
      { year: 2022, providerAgb: AGB, fromProviders: false, respondents: 12, accessibility: 0.7, quality: 0.8, effect: 0.75, overallGrade: null },
    ]);
  });

  it('replaces a result when a corrected file is imported', async () => {
    const csv = file('corrected.csv', `${SATISFACTION_HEADER}\nJZ43,2022,,215,78.5,81,70.2,7.4\n`);
    expect((await importReportFile('satisfaction', sources, csv, quiet, contracted)).get('JZ43')).toEqual({ inserted: 0, updated: 1, unchanged: 0 });
  });

  it.each([
    ['an unknown region', 'JZ99,2022,,10,70,70,70,', /line 3: region "JZ99" is not a known youth-care region/],
    ['a region not served here', 'JZ34,2022,,10,70,70,70,', /line 3: region JZ34 is not served here/],
    ['a year in the future', `JZ43,2999,,10,70,70,70,`, /line 3: year must be a year from 2015 to \d{4}, got "2999"/],
    ['an AGB code that is not 8 digits', 'JZ43,2022,1234,10,70,70,70,', /line 3: provider_agb must be an AGB code of 8 digits, got "1234"/],
    ['a negative count', 'JZ43,2022,,-3,70,70,70,', /line 3: respondents must be a whole number from 0 to 1000000, got "-3"/],
    ['a percentage over 100', 'JZ43,2022,,10,170,70,70,', /line 3: accessibility_pct must be a percentage from 0 to 100, got "170"/],
    ['a grade out of range', 'JZ43,2022,,10,70,70,70,11', /line 3: overall_grade must be a grade from 1 to 10, got "11"/],
    ['an empty required cell', 'JZ43,2022,,10,,70,70,', /line 3: accessibility_pct is required/],
    ['the same region, year and provider twice', 'JZ43,2023,,10,70,70,70,\nJZ43,2023,,11,70,70,70,', /line 4: a second row for JZ43 2023 - \(first at line 3\)/],
  ])('rejects a file with %s whole, naming the line', async (_, rows, reason) => {
    // The good first row is not written either.
    const path = file('bad.csv', `${SATISFACTION_HEADER}\nJZ35,2021,,40,70,70,70,\n${rows}\n`);
    expect(await rejection('satisfaction', path)).toMatch(reason);
    expect(await satisfactionIn('JZ35', [2021])).toEqual([]);
  });

  it('rejects a missing or unknown column, broken JSON, an empty file and another format', async () => {
    expect(await rejection('satisfaction', file('cols.csv', 'region,year,respondents,accessibility_pct,quality_pct,effect,x\nJZ43,2022,1,2,3,4,5\n'))).toMatch(
      /unknown column "effect"[\s\S]*unknown column "x"[\s\S]*column effect_pct is missing/,
    );
    expect(await rejection('satisfaction', file('broken.json', '[{"region": "JZ43",'))).toMatch(/not valid JSON/);
    expect(await rejection('satisfaction', file('object.json', '{"region": "JZ43"}'))).toMatch(/expected a JSON array of rows/);
    expect(await rejection('satisfaction', file('empty.csv', `${SATISFACTION_HEADER}\n`))).toMatch(/holds no rows/);
    expect(await rejection('satisfaction', file('sheet.xlsx', 'PK'))).toMatch(/must be a .csv or .json file/);
    expect(await rejection('satisfaction', join(dir, 'absent.csv'))).toMatch(/cannot be read/);
  });
});

describe('outcome import', () => {
  const HEADER = 'region,year,provider_agb,trajectories,dropout_pct,usefulness_pct,continues_without_help_pct,no_repeat_use_pct,problems_reduced_pct,goals_reached_pct';

  it('reads the NJi indicators per provider, region and year, leaving unreported ones empty', async () => {
    const path = file('outcomes.csv', `${HEADER}\nJZ43,2022,${AGB},120,10,85,70,80,75,\nJZ21,2022,${AGB},40,,,,,,\n`);
    const first = await importReportFile('outcomes', sources, path, quiet, contracted);
    expect([...first.values()]).toEqual([
      { inserted: 1, updated: 0, unchanged: 0 },
      { inserted: 1, updated: 0, unchanged: 0 },
    ]);
    const [row] = await providerOutcomes(await sources.source('JZ43'), [AGB], [2022]);
    expect(row).toMatchObject({ year: 2022, providerAgb: AGB, trajectories: 120 });
    expect(row!.parts.dropout).toEqual({ met: 12, of: 120 });
    expect(row!.parts.goalsReached).toEqual({ met: null, of: 0 });
    expect([...(await importReportFile('outcomes', sources, path, quiet, contracted)).values()].every((c) => c.unchanged === 1)).toBe(true);
  });

  it('rejects a row without provider or trajectories, or with a share over 100', async () => {
    const path = file('bad-outcomes.csv', `${HEADER}\nJZ43,2022,,120,10,,,,,\nJZ43,2023,${AGB},,10,,,,,\nJZ43,2024,${AGB},5,101,,,,,\n`);
    expect(await rejection('outcomes', path)).toMatch(
      /line 2: provider_agb is required[\s\S]*line 3: trajectories is required[\s\S]*line 4: dropout_pct must be a percentage from 0 to 100/,
    );
  });

  it('refuses a report of a provider no region contracts, an empty file, and reads a file with a byte order mark as usual', async () => {
    const uncontracted = file('uncontracted.csv', `${HEADER}\nJZ43,2022,${UNCONTRACTED},50,10,,,,,\nJZ21,2023,${UNCONTRACTED},50,10,,,,,\n`);
    expect(await rejection('outcomes', uncontracted)).toBe(`provider_agb ${UNCONTRACTED}: no region contracts this provider (rows for JZ43 2022, JZ21 2023)`);
    const survey = file('uncontracted-survey.csv', `${SATISFACTION_HEADER}\nJZ43,2022,${UNCONTRACTED},30,70,80,75,7\n`);
    expect(await rejection('satisfaction', survey)).toMatch(/provider_agb 99999999: no region contracts this provider/);
    expect(await providerOutcomes(await sources.source('JZ43'), [UNCONTRACTED], null)).toEqual([]);

    expect(await rejection('outcomes', file('empty.csv', ''))).toMatch(/holds no rows|no header/);
    const bom = file('bom.csv', `\uFEFF${HEADER}\nJZ43,2021,${AGB},60,10,,,,,\n`);
    expect((await importReportFile('outcomes', sources, bom, quiet, contracted)).get('JZ43')).toEqual({ inserted: 1, updated: 0, unchanged: 0 });
  });
});
