import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoBudget, demoInputs, generateAccessRecords } from '../subgraphs/access/src/seed.js';
import { todayInNetherlands } from '@youth-care/lib/scalars';
import { CBS_FIXTURES } from '../subgraphs/monitoring/src/seed.js';
import { startFederation, type Federation } from './support/federation.js';
import { PINNED_DEMO } from './support/test-data.js';

/**
 * Spending against budget through the gateway: access's declared euros and budget, monitoring's
 * CBS cost figure for the same region and year, on the demo data of a region whose last two full
 * years are 2024 and 2025 (the data test/statements.test.ts and test/learning-circle.test.ts run
 * on, PINNED_DEMO in test/support/test-data.ts: the run prepares it once for all three).
 */
const { scale: SCALE, until: UNTIL } = PINNED_DEMO;
const cbs = (table: string, match: (o: any) => boolean) =>
  (JSON.parse(readFileSync(join(CBS_FIXTURES, table, 'Observations.json'), 'utf8')).value as any[]).find(match).Value as number;

let fed: Federation;
beforeAll(async () => {
  fed = await startFederation({ label: 'spending_vs_budget', scale: SCALE, until: UNTIL });
});
afterAll(() => fed?.stop());

const VERSUS = `{ region(code: "JZ43") { spendingVsBudget(year: 2024) { regionCode year throughMonth budgetEuros declaredEuros budgetToDateEuros
  youngPeopleInCare declaredPerYoungPersonInCare cbsCostEuros cbsCostPerYoungPersonInCare byProductCategory { productCategory { code } budgetEuros declaredEuros } } } }`;

describe('spending against budget', () => {
  it("sets the region's declared euros against its budget and against CBS's cost figure for the year", async () => {
    const { data, errors } = await fed.query(VERSUS);
    expect(errors).toBeUndefined();
    const records = generateAccessRecords('JZ43', demoInputs('JZ43', { scale: SCALE, until: UNTIL }, todayInNetherlands()));
    const declared = records.reduce((sum, r) => sum + (r.message === 'JW323' && r.month.startsWith('2024') ? r.amountEuros : 0), 0);
    const budget = demoBudget('JZ43', records).filter((b) => b.year === 2024).reduce((sum, b) => sum + b.euros, 0);
    const costs = cbs('83454NED', (o) => o.RegioS === 'JZ43' && o.Perioden === '2024JJ00') * 1000;
    const youthCare = cbs('85099NED', (o) => o.RegioS === 'JZ43' && o.Perioden === '2024JJ00' && o.Measure === 'M001607' && o.VormenVanJeugdzorg === 'T001407');
    const v = data.region.spendingVsBudget;
    expect(v).toMatchObject({
      regionCode: 'JZ43',
      year: 2024,
      throughMonth: '2024-12-01',
      budgetEuros: budget,
      budgetToDateEuros: budget,
      declaredEuros: Math.round(declared * 100) / 100,
      cbsCostEuros: costs,
      cbsCostPerYoungPersonInCare: Math.round(costs / youthCare),
    });
    expect(v.youngPeopleInCare).toBeGreaterThan(0);
    expect(v.declaredPerYoungPersonInCare).toBe(Math.round((v.declaredEuros / v.youngPeopleInCare) * 100) / 100);
    expect(v.byProductCategory.reduce((s: number, c: any) => s + c.declaredEuros, 0)).toBeCloseTo(declared, 1);
  });

  it('holds twelve months of declarations for each of the last two full years', async () => {
    const { data } = await fed.query(`{ regions { code y2024: spending(year: 2024) { byProductCategory { months { month } } } y2025: spending(year: 2025) { byProductCategory { months { month } } } } }`);
    for (const region of data.regions) {
      for (const year of [region.y2024, region.y2025]) {
        const months = new Set(year.byProductCategory.flatMap((c: any) => c.months.map((m: any) => m.month)));
        expect(months.size).toBe(12);
      }
    }
  });

  it('is for the region itself: a learning circle or an anonymous caller gets FORBIDDEN', async () => {
    const anonymous = await fed.query(VERSUS, {}, { role: 'anonymous', subject: null });
    expect(anonymous.data?.region?.spendingVsBudget ?? null).toBeNull();
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const circle = await fed.query(VERSUS, {}, { role: 'learning-circle', subject: 'c', regions: ['JZ43', 'JZ21'] });
    expect(circle.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});
