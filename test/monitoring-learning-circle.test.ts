import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { regionDemoProviders } from '@youth-care/lib/demo/providers';
import { DEMO_REGION_CODES, type RegionCode } from '@youth-care/lib/regions/registry';
import { contractRegister } from '../subgraphs/procurement/src/contract-register.js';
import { importReportFile } from '../subgraphs/monitoring/src/reports/import.js';
import { monitoringSources } from '../subgraphs/monitoring/src/sources.js';
import { startFederation, type Federation } from './support/federation.js';

/**
 * The monitoring part of a learning circle's question, through the gateway: every count that
 * leaves a region is rounded to 5 and suppressed under 5, and so is every figure built on it.
 */
const LEARNING_CIRCLE = `query($codes: [ID!], $years: [Int!]!) { regions(codes: $codes) { code name
  monitoringComparison(years: $years) { year period youthPopulation { youth0to17 status }
    indicators { indicator { code } status count { value suppressed } value { value suppressed } }
    satisfaction { respondents { value suppressed } accessibility { value suppressed } quality { value suppressed }
      effect { value suppressed } overallGrade { value suppressed } }
    outcomes { providersReporting trajectories { value suppressed } dropout { value suppressed } usefulness { value suppressed }
      continuesWithoutHelp { value suppressed } noRepeatUse { value suppressed } problemsReduced { value suppressed } goalsReached { value suppressed } } } } }`;

/** A year without demo data, filled with one count per region: 0, 4, 5, 7 and 212. */
const TEST_YEAR = 2018;
const SCALE = 0.02;
const COUNTS = { JZ35: 0, JZ33: 4, JZ21: 5, JZ43: 7, JZ34: 212 } as const;

let fed: Federation;
const dir = mkdtempSync(join(tmpdir(), 'learning-circle-'));
const quiet = () => {};

async function importFile(kind: 'satisfaction' | 'outcomes', name: string, text: string) {
  const path = join(dir, name);
  writeFileSync(path, text);
  const deps = { config: fed.config, hub: fed.hub, log: quiet };
  return importReportFile(kind, monitoringSources(deps).regions, path, quiet, contractRegister(deps));
}

beforeAll(async () => {
  fed = await startFederation({ label: 'monitoring_learning_circle', scale: SCALE });
  const regions = Object.entries(COUNTS);
  await importFile(
    'satisfaction',
    'satisfaction.csv',
    `region,year,respondents,accessibility_pct,quality_pct,effect_pct,overall_grade\n${regions.map(([r, n]) => `${r},${TEST_YEAR},${n},80,100,50,7.5`).join('\n')}\n`,
  );
  await importFile(
    'outcomes',
    'outcomes.csv',
    `region,year,provider_agb,trajectories,dropout_pct,usefulness_pct\n${regions.map(([r, n]) => `${r},${TEST_YEAR},${regionDemoProviders(r as RegionCode, SCALE)[0]!.agbCode},${n},20,100`).join('\n')}\n`,
  );
});
afterAll(() => fed?.stop());

async function learningCircle(years: number[], codes?: string[]) {
  const answer = await fed.query(LEARNING_CIRCLE, { years, codes });
  expect(answer.errors).toBeUndefined();
  return answer.data.regions as any[];
}

const SUPPRESSED = { value: null, suppressed: true };
const shown = (value: number) => ({ value, suppressed: false });

describe('a learning-circle comparison through the gateway', () => {
  it('rounds and suppresses every count cell by cell: 0, 4 suppressed, 5 stays 5, 7 becomes 5, 212 becomes 210', async () => {
    const rows: Record<string, any> = Object.fromEntries((await learningCircle([TEST_YEAR])).map((r) => [r.code, r.monitoringComparison[0]]));
    const respondents = Object.fromEntries(Object.entries(rows).map(([code, row]) => [code, row.satisfaction.respondents]));
    const trajectories = Object.fromEntries(Object.entries(rows).map(([code, row]) => [code, row.outcomes.trajectories]));
    const expected = { JZ35: SUPPRESSED, JZ33: SUPPRESSED, JZ21: shown(5), JZ43: shown(5), JZ34: shown(210) };
    expect(respondents).toEqual(expected);
    expect(trajectories).toEqual(expected);
  });

  it('suppresses every share and grade built on a suppressed count, and computes the others from the rounded counts', async () => {
    const rows: Record<string, any> = Object.fromEntries((await learningCircle([TEST_YEAR])).map((r) => [r.code, r.monitoringComparison[0]]));
    const cells = (pick: (row: any) => unknown) => Object.fromEntries(Object.entries(rows).map(([code, row]) => [code, pick(row)]));
    // 100% of n: the rounded n over the rounded n.
    expect(cells((r) => r.satisfaction.quality)).toEqual({ JZ35: SUPPRESSED, JZ33: SUPPRESSED, JZ21: shown(1), JZ43: shown(1), JZ34: shown(1) });
    expect(cells((r) => r.outcomes.usefulness)).toEqual({ JZ35: SUPPRESSED, JZ33: SUPPRESSED, JZ21: shown(1), JZ43: shown(1), JZ34: shown(1) });
    // 80% of 5 is 4 agreeing: suppressed; of 7 it is 6, rounded 5 of 5; of 212 it is 170 of 210.
    expect(cells((r) => r.satisfaction.accessibility)).toEqual({ JZ35: SUPPRESSED, JZ33: SUPPRESSED, JZ21: SUPPRESSED, JZ43: shown(1), JZ34: shown(0.81) });
    // 20% dropout is 1 trajectory of 5 or 7: suppressed; 42 of 212 becomes 40 of 210.
    expect(cells((r) => r.outcomes.dropout)).toEqual({ JZ35: SUPPRESSED, JZ33: SUPPRESSED, JZ21: SUPPRESSED, JZ43: SUPPRESSED, JZ34: shown(0.19) });
    expect(cells((r) => r.satisfaction.overallGrade)).toEqual({ JZ35: SUPPRESSED, JZ33: SUPPRESSED, JZ21: shown(7.5), JZ43: shown(7.5), JZ34: shown(7.5) });
    // Indicators the providers did not report are empty, not suppressed.
    expect(cells((r) => r.outcomes.goalsReached)).toEqual(Object.fromEntries(DEMO_REGION_CODES.map((c) => [c, { value: null, suppressed: false }])));
    // CBS has no 2018 figures: no data, not suppressed.
    expect(rows.JZ43.indicators[0]).toMatchObject({ status: null, count: { value: null, suppressed: false }, value: { value: null, suppressed: false } });
  });

  it('compares all five regions over three years with every count protected and every figure on a suppressed count suppressed', async () => {
    const years = [2022, 2023, 2024];
    const regions = await learningCircle(years);
    expect(regions.map((r) => r.code)).toEqual([...DEMO_REGION_CODES]);
    const counts: any[] = [];
    const dependants: [any, any][] = [];
    for (const region of regions) {
      expect(region.monitoringComparison.map((c: any) => c.year)).toEqual(years);
      for (const row of region.monitoringComparison) {
        expect(row.youthPopulation.status).toBe('ESTIMATE');
        expect(row.indicators).toHaveLength(12);
        for (const i of row.indicators) {
          counts.push(i.count);
          dependants.push([i.count, i.value]);
        }
        const { satisfaction: s, outcomes: o } = row;
        counts.push(s.respondents, o.trajectories);
        for (const figure of [s.accessibility, s.quality, s.effect, s.overallGrade]) dependants.push([s.respondents, figure]);
        for (const figure of [o.dropout, o.usefulness, o.continuesWithoutHelp, o.noRepeatUse, o.problemsReduced, o.goalsReached]) {
          dependants.push([o.trajectories, figure]);
        }
      }
    }
    for (const count of counts) {
      if (count.suppressed) expect(count.value).toBeNull();
      else expect(count.value % 5 === 0 && count.value >= 5).toBe(true);
    }
    for (const [count, figure] of dependants) if (count.suppressed) expect(figure).toEqual(SUPPRESSED);
    // Renswoude's youth probation is secret in every year, yet CBS publishes FoodValley's own row: the region keeps its figure.
    const foodValley = regions.find((r) => r.code === 'JZ21')!;
    for (const row of foodValley.monitoringComparison) {
      expect(row.indicators.find((i: any) => i.indicator.code === 'YOUTH_PROBATION').count.suppressed).toBe(false);
    }
  });
});

describe('SQL statements for a learning-circle question', () => {
  it('do not grow with the data: one for the national source and one per region for each kind of region data', async () => {
    const measure = async () => {
      let regions: any[] = [];
      const statements = await fed.countStatements(async () => {
        regions = await learningCircle([2022, 2023, 2024]);
      });
      const providers = regions.reduce((n, r) => n + r.monitoringComparison.reduce((m: number, c: any) => m + (c.outcomes?.providersReporting ?? 0), 0), 0);
      return { statements, providers };
    };
    const before = await measure();
    // Fifteen more providers reporting in every region and year: contracted providers of other regions.
    const pool = [...new Set(DEMO_REGION_CODES.flatMap((r) => regionDemoProviders(r, SCALE).map((p) => p.agbCode)))];
    const extra = DEMO_REGION_CODES.flatMap((region) => {
      const own = new Set(regionDemoProviders(region, SCALE).map((p) => p.agbCode));
      const others = pool.filter((agb) => !own.has(agb)).slice(0, 15);
      expect(others).toHaveLength(15);
      return [2022, 2023, 2024].flatMap((year) => others.map((agb, i) => `${region},${year},${agb},${10 + i},12,80`));
    });
    await importFile('outcomes', 'more-outcomes.csv', `region,year,provider_agb,trajectories,dropout_pct,usefulness_pct\n${extra.join('\n')}\n`);
    const after = await measure();
    console.log(`learning circle: ${before.statements} statements over ${before.providers} provider reports; ${after.statements} over ${after.providers}`);
    expect(after.providers).toBe(before.providers + extra.length);
    expect(after.statements).toBe(before.statements);
    // Indicators (national, one), satisfaction and outcomes (one per region each).
    expect(after.statements).toBeLessThanOrEqual(1 + 2 * DEMO_REGION_CODES.length);
  });
});
