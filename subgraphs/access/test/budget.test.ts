import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSubgraph, type SubgraphUnderTest } from '../../../test/support/subgraph.js';
import { pseudonymKey } from '@youth-care/lib/config';
import type { RegionSources } from '@youth-care/lib/db/region-sources';
import { regionInfo } from '@youth-care/lib/regions/registry';
import { importBudgetCsv } from '../src/budget/import.js';
import type { AccessTables } from '../src/db/schema.js';
import { importJsonLines, type ImportContext } from '../src/import/importer.js';
import { FIXTURE, jsonLines } from './fixture.js';

/**
 * Budgets from a spreadsheet, and the hand-checked fixture's 2025 declarations against them:
 * T1 declared €656 in February and in March (category 45), T3 €6,552 in April (category 43).
 */
let access: SubgraphUnderTest;
let sources: RegionSources<AccessTables>;
beforeAll(async () => {
  access = await startSubgraph('access', { label: 'access_budget', scale: 0, env: { REGIONS: 'JZ43,JZ21' } });
  sources = access.subgraph.sources as RegionSources<AccessTables>;
  const source = (await sources.source('JZ43')) as ImportContext['source'];
  const report = await importJsonLines({ source, region: regionInfo('JZ43'), pseudonymKey: pseudonymKey(access.config, 'JZ43'), today: '2026-01-15' }, jsonLines(FIXTURE));
  expect(report.status).toBe('IMPORTED');
});
afterAll(() => access?.stop());

/** As Noordoost-Brabant's plan writes its financieel kader, exported from a Dutch spreadsheet. */
const DUTCH = `\uFEFFregion;year;line;product_category;budget_euros
JZ43;2025;ZIN Kader;45;120.000
JZ43;2025;Verblijf;43;"60.000,00"
JZ43;2025;Jeugdzorgplus;43;12.000
JZ21;2025;ZIN Kader;45;1.500.000,50
`;

// Access extends Region by key; the registry owns `region(code:)`, so the test asks as the gateway does.
const VERSUS = `{ region: _entities(representations: [{ __typename: "Region", code: "JZ43" }]) { ... on Region { spendingVsBudget(year: 2025) { regionCode year throughMonth budgetEuros budgetToDateEuros declaredEuros shareOfBudgetToDate
  youngPeopleInCare declaredPerYoungPersonInCare
  byProductCategory { productCategory { code } budgetLines budgetEuros budgetToDateEuros declaredEuros shareOfBudgetToDate } } } } }`;

describe('region budgets', () => {
  it('reads a Dutch spreadsheet (semicolons, thousands dots, decimal commas, a byte order mark) into each region', async () => {
    const report = await importBudgetCsv(sources, DUTCH, 2026);
    expect(report).toEqual({
      status: 'IMPORTED',
      problems: [],
      written: [
        { region: 'JZ43', years: [2025], lines: 3, removed: 0, euros: 192_000 },
        { region: 'JZ21', years: [2025], lines: 1, removed: 0, euros: 1_500_000.5 },
      ],
    });
  });

  it('sets declared euros against the budget per product category and for the year to date, with the cost per young person in care', async () => {
    const { data, errors } = await access.execute(VERSUS);
    expect(errors).toBeUndefined();
    // Declared through April: the budget to date is 4/12 of it.
    expect(data.region[0].spendingVsBudget).toEqual({
      regionCode: 'JZ43',
      year: 2025,
      throughMonth: '2025-04-01',
      budgetEuros: 192_000,
      budgetToDateEuros: 64_000,
      declaredEuros: 7_864,
      shareOfBudgetToDate: 0.123,
      youngPeopleInCare: 2,
      declaredPerYoungPersonInCare: 3_932,
      byProductCategory: [
        { productCategory: { code: '43' }, budgetLines: ['Jeugdzorgplus', 'Verblijf'], budgetEuros: 72_000, budgetToDateEuros: 24_000, declaredEuros: 6_552, shareOfBudgetToDate: 0.273 },
        { productCategory: { code: '45' }, budgetLines: ['ZIN Kader'], budgetEuros: 120_000, budgetToDateEuros: 40_000, declaredEuros: 1_312, shareOfBudgetToDate: 0.033 },
      ],
    });
  });

  it('replaces a year whole when it is imported again', async () => {
    const report = await importBudgetCsv(sources, 'region,year,line,product_category,budget_euros\nJZ43,2025,ZIN Kader,45,90000\n', 2026);
    expect(report.written).toEqual([{ region: 'JZ43', years: [2025], lines: 1, removed: 3, euros: 90_000 }]);
    const { data } = await access.execute(VERSUS);
    expect(data.region[0].spendingVsBudget).toMatchObject({ budgetEuros: 90_000, budgetToDateEuros: 30_000 });
    expect(data.region[0].spendingVsBudget.byProductCategory.map((c: any) => [c.productCategory.code, c.budgetEuros])).toEqual([['43', null], ['45', 90_000]]);
  });

  it('refuses a file with any bad row, naming every problem and writing nothing, and an empty file', async () => {
    const bad = `region;year;line;product_category;budget_euros
JZ43;2025;ZIN Kader;45;100.000
JZ99;2025;ZIN Kader;45;1.000
JZ43;2031;ZIN Kader;45;1.000
JZ43;2025;Onbekend;99;1.000
JZ43;2025;ZIN Kader;45;veel
JZ43;2025;ZIN Kader;45;5.000
`;
    const report = await importBudgetCsv(sources, bad, 2026);
    expect(report.status).toBe('REJECTED');
    expect(report.problems).toEqual([
      'line 3: region "JZ99" is not served here (JZ43, JZ21)',
      'line 4: year must be a year from 2015 to 2027',
      'line 5: product_category "99" is not in code list JZ020',
      'line 6: budget_euros must be an amount in euros with at most two decimals',
      'line 7: a second row for JZ43 2025 ZIN Kader 45 (first on line 2)',
    ]);
    expect((await importBudgetCsv(sources, '', 2026)).problems).toEqual(['the file holds no rows']);
    expect((await importBudgetCsv(sources, 'region,year,budget\n', 2026)).problems[0]).toMatch(/the file holds no rows|column line is missing/);
    const { data } = await access.execute(VERSUS);
    expect(data.region[0].spendingVsBudget.budgetEuros).toBe(90_000);
  });

  it('shows a region its own spending against budget only', async () => {
    const { errors } = await access.execute(VERSUS, {}, { role: 'region-analyst', subject: 'a', region: 'JZ21' });
    expect(errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});
