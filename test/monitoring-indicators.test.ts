import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { regionAgePopulation, type AgeRange } from '@youth-care/lib/regions/population';
import { membersOn, regionInfo, DEMO_REGION_CODES, type RegionCode } from '@youth-care/lib/regions/registry';
import { CBS_FIXTURES } from '../subgraphs/monitoring/src/seed.js';
import { monitoringSources } from '../subgraphs/monitoring/src/sources.js';
import { startFederation, type Federation } from './support/federation.js';

/** The fixture as shipped, read here without the import code, to compute expected figures by hand. */
interface Observation { Measure: string; VormenVanJeugdzorg?: string; VerwijzerJeugdzorg?: string; Perioden: string; RegioS: string; Value: number | null }
const read = (table: string): Observation[] => JSON.parse(readFileSync(join(CBS_FIXTURES, table, 'Observations.json'), 'utf8')).value;
const kerncijfers = read('85099NED');
const trajectories = read('85097NED');
const old: Record<string, unknown>[] = JSON.parse(readFileSync(join(CBS_FIXTURES, '84134NED', 'TypedDataSet.json'), 'utf8'));

const COUNT = 'M001607';
const PERCENTAGE = 'M001608';
const TOTAL = 'T001407';
const PROBATION = 'A028745';
const cbs = (area: string, period: string, form = TOTAL, measure = COUNT) =>
  kerncijfers.find((o) => o.Measure === measure && o.VormenVanJeugdzorg === form && o.Perioden === period && o.RegioS === area)?.Value;
const rate = (count: number, population: number) => Math.round((count * 1000 * 10) / population) / 10;
const people = (region: RegionCode, year: number, range: AgeRange) => regionAgePopulation(region, year, range).count;

const INDICATORS = `query($code: ID!, $periods: [String!]!, $indicators: [IndicatorCode!]) { region(code: $code) {
  indicators(periods: $periods, indicators: $indicators) {
    indicator { code kind unit cbsTable ageRange } period year status cbsTable source incompleteMembers { code } cbsPercentage
    count { value suppressed } value { value suppressed } population { year ageRange count status } } } }`;

let fed: Federation;
beforeAll(async () => {
  fed = await startFederation({ label: 'monitoring_indicators', scale: 0.02 });
});
afterAll(() => fed?.stop());

async function indicators(code: string, periods: string[], indicators: string[]) {
  const answer = await fed.query(INDICATORS, { code, periods, indicators });
  expect(answer.errors).toBeUndefined();
  return answer.data.region.indicators as any[];
}

describe('CBS indicators through the gateway', () => {
  it("takes CBS's own row for a region and divides by the population of the count's age range; the rate agrees with CBS's percentage", async () => {
    for (const region of DEMO_REGION_CODES) {
      const [value] = await indicators(region, ['2023JJ00'], ['YOUTH_CARE']);
      const count = cbs(region, '2023JJ00')!;
      const population = people(region, 2023, '0-22');
      expect(value).toMatchObject({
        indicator: { code: 'YOUTH_CARE', kind: 'RATE', cbsTable: '85099NED', ageRange: '0-22', unit: 'per 1,000 young people (0-22)' },
        period: '2023JJ00',
        year: 2023,
        status: 'REVISED_PROVISIONAL',
        cbsTable: '85099NED',
        source: 'CBS_AREA_ROW',
        incompleteMembers: [],
        count: { value: count, suppressed: false },
        value: { value: rate(count, population), suppressed: false },
        population: { year: 2023, ageRange: '0-22', count: population, status: 'ESTIMATE' },
        cbsPercentage: cbs(region, '2023JJ00', TOTAL, PERCENTAGE),
      });
      // CBS's percentage of the young people aged 0-22 and the project's rate per 1,000 of them say the same.
      expect(Math.abs(value.value.value / 10 - value.cbsPercentage)).toBeLessThanOrEqual(0.1);
    }
  });

  it('divides trajectory counts by the young people aged 0-17', async () => {
    const [started] = await indicators('JZ43', ['2023JJ00'], ['TRAJECTORIES_STARTED']);
    const count = trajectories.find((o) => o.Measure === 'M001611' && o.VerwijzerJeugdzorg === 'T001102' && o.Perioden === '2023JJ00' && o.RegioS === 'JZ43')!.Value!;
    expect(started).toMatchObject({
      indicator: { ageRange: '0-17' },
      count: { value: count },
      value: { value: rate(count, people('JZ43', 2023, '0-17')) },
      population: { ageRange: '0-17', count: people('JZ43', 2023, '0-17') },
    });
  });

  it('never lets one suppressed municipality hide a region CBS published', async () => {
    const secret = kerncijfers.find((o) => o.Measure === COUNT && o.Value === null && o.RegioS.startsWith('GM') && o.Perioden === '2023JJ00')!;
    const region = DEMO_REGION_CODES.find((r) => membersOn(regionInfo(r), '2023-01-01').some((m) => m.code === secret.RegioS))!;
    const published = cbs(region, '2023JJ00', secret.VormenVanJeugdzorg)!;
    expect(published).toBeGreaterThan(0);
    const code = { [PROBATION]: 'YOUTH_PROBATION', A028744: 'CHILD_PROTECTION', A028741: 'YOUTH_CARE_WITH_RESIDENCE' }[secret.VormenVanJeugdzorg!]!;
    const [value] = await indicators(region, ['2023JJ00'], [code]);
    expect(value).toMatchObject({ source: 'CBS_AREA_ROW', incompleteMembers: [], count: { value: published, suppressed: false } });
  });

  it('gives municipalities their own rows, across the 2022 mergers into Maashorst and Land van Cuijk', async () => {
    const { data } = await fed.query(`{ maashorst: municipality(code: "GM1991") { indicators(periods: ["2021JJ00", "2022JJ00"], indicators: [YOUTH_CARE]) {
      count { value suppressed } value { value } population { count } } }
      uden: municipality(code: "GM0856") { indicators(periods: ["2021JJ00", "2022JJ00"], indicators: [YOUTH_CARE]) { count { value suppressed } } } }`);
    // Maashorst has no figures before it existed, Uden none after it merged: no data, not suppressed.
    expect(data.maashorst.indicators.map((i: any) => i.count)).toEqual([{ value: null, suppressed: false }, { value: cbs('GM1991', '2022JJ00'), suppressed: false }]);
    expect(data.uden.indicators.map((i: any) => i.count)).toEqual([{ value: cbs('GM0856', '2021JJ00'), suppressed: false }, { value: null, suppressed: false }]);
  });

  it('marks the 2021 break between 84134NED and 85099NED, and follows the 2019 boundaries of West-Brabant Oost', async () => {
    const { data, errors } = await fed.query(`{ monitoringIndicators { code seriesBreaks { year before after } }
      region(code: "JZ34") { indicators(periods: ["2019JJ00", "2020JJ00", "2021JJ00"], indicators: [YOUTH_CARE]) {
        period cbsTable count { value } population { count } after: comparableWith(period: "2021JJ00") before: comparableWith(period: "2019JJ00") } } }`);
    expect(errors).toBeUndefined();
    expect(data.monitoringIndicators.find((i: any) => i.code === 'YOUTH_CARE').seriesBreaks).toEqual([{ year: 2021, before: '84134NED', after: '85099NED' }]);
    expect(data.monitoringIndicators.find((i: any) => i.code === 'TRAJECTORIES_STARTED').seriesBreaks).toEqual([]);
    const [y2019, y2020, y2021] = data.region.indicators;
    expect([y2019.cbsTable, y2020.cbsTable, y2021.cbsTable]).toEqual(['84134NED', '84134NED', '85099NED']);
    expect([y2019.after, y2019.before, y2020.after, y2021.after, y2021.before]).toEqual([false, true, false, true, false]);
    // 2019 from the OData v3 table; Alphen-Chaam and Baarle-Nassau still count in West-Brabant Oost.
    const row = old.find((r) => String(r.RegioS).trim() === 'JZ34' && r.Perioden === '2019JJ00' && String(r.VormenVanJeugdzorg).trim() === TOTAL)!;
    expect(y2019.count.value).toBe(row.JongerenMetJeugdzorg_1);
    expect(membersOn(regionInfo('JZ34'), '2019-01-01').map((m) => m.code)).toEqual(expect.arrayContaining(['GM1723', 'GM0744']));
    expect(y2019.population.count).toBe(people('JZ34', 2019, '0-22'));
    expect(people('JZ34', 2020, '0-22')).toBeLessThan(people('JZ34', 2019, '0-22'));
  });

  it('computes shares and weighted means, for half years too', async () => {
    const [share, mean] = await indicators('JZ34', ['2024HJ01'], ['TRAJECTORIES_ENDED_ACCORDING_TO_PLAN', 'AVERAGE_TRAJECTORY_DAYS']);
    expect(share).toMatchObject({ indicator: { kind: 'SHARE', ageRange: null }, status: 'PROVISIONAL', population: null });
    expect(share.value.value).toBeGreaterThan(0.4);
    expect(share.value.value).toBeLessThan(0.8);
    expect(mean).toMatchObject({ indicator: { kind: 'MEAN', unit: 'days' } });
    expect(mean.value.value).toBeGreaterThan(250);
  });

  it('benchmarks a region against the Netherlands and the other regions', async () => {
    const { data, errors } = await fed.query(`{ region(code: "JZ43") { indicators(periods: ["2023JJ00"], indicators: [YOUTH_CARE]) {
      value { value } benchmark { national { value } median { value } rank ranked regions { region { code } value { value } } }
      few: benchmark(compareWith: ["JZ21"]) { rank ranked regions { region { code } } } } } }`);
    expect(errors).toBeUndefined();
    const [value] = data.region.indicators;
    const rates = DEMO_REGION_CODES.map((r) => ({ code: r, rate: rate(cbs(r, '2023JJ00')!, people(r, 2023, '0-22')) }));
    const sorted = [...rates].sort((a, b) => b.rate - a.rate);
    expect(value.benchmark.regions.map((r: any) => r.region.code)).toEqual(sorted.map((r) => r.code));
    expect(value.benchmark.regions.map((r: any) => r.value.value)).toEqual(sorted.map((r) => r.rate));
    expect(value.benchmark.median.value).toBe(sorted[2]!.rate);
    expect(value.benchmark.rank).toBe(sorted.findIndex((r) => r.code === 'JZ43') + 1);
    // The Netherlands: NL01's count over the estimated 4.24 million young people aged 0-22.
    expect(value.benchmark.national.value).toBe(rate(cbs('NL01', '2023JJ00')!, 4_240_000));
    expect(value.few.ranked).toBe(2);
  });

  it('answers a period without CBS figures with no data, and bad arguments with BAD_USER_INPUT naming the field', async () => {
    const [none] = await indicators('JZ43', ['2018JJ00'], ['YOUTH_CARE']);
    expect(none).toMatchObject({ status: null, source: null, count: { value: null, suppressed: false }, value: { value: null, suppressed: false } });

    const bad = await fed.query(`{ region(code: "JZ43") {
      a: indicators(periods: ["2023"]) { period }
      b: monitoringComparison(years: [1999]) { year }
      c: indicators(periods: ["2023JJ00"], indicators: [YOUTH_CARE]) { benchmark(compareWith: ["JZ99"]) { rank } } } }`);
    const byField = Object.fromEntries((bad.errors ?? []).map((e) => [e.extensions?.field, e.extensions?.code]));
    expect(byField).toEqual({ periods: 'BAD_USER_INPUT', years: 'BAD_USER_INPUT', compareWith: 'BAD_USER_INPUT' });
  });

  it('lists the imported CBS tables with their periods and statuses', async () => {
    const { data } = await fed.query(`{ cbsTables { id observations periods { code status } } }`);
    expect(data.cbsTables.map((t: any) => t.id)).toEqual(['83454NED', '84134NED', '85097NED', '85099NED']);
    expect(data.cbsTables[3].observations).toBe(kerncijfers.length);
    expect(data.cbsTables[3].periods).toContainEqual({ code: '2023JJ00', status: 'REVISED_PROVISIONAL' });
  });

  it('sums over the members where CBS has no row for the region, and names the members a suppressed sum misses', async () => {
    const { national } = monitoringSources({ config: fed.config, hub: fed.hub, log: () => {} });
    await national.prepare();
    const src = await national.source();
    await src.db.execute(sql`DELETE FROM ${src.tables.cbsObservation} WHERE area = 'JZ21' AND period = '2022JJ00'`);
    const members = membersOn(regionInfo('JZ21'), '2022-01-01').map((m) => m.code);
    const [total, probation] = await indicators('JZ21', ['2022JJ00'], ['YOUTH_CARE', 'YOUTH_PROBATION']);
    const sum = members.reduce((s, m) => s + cbs(m, '2022JJ00')!, 0);
    expect(total).toMatchObject({ source: 'MEMBER_SUM', cbsPercentage: null, count: { value: sum }, value: { value: rate(sum, people('JZ21', 2022, '0-22')) } });
    const secret = members.filter((m) => cbs(m, '2022JJ00', PROBATION) === null);
    expect(secret.length).toBeGreaterThan(0);
    expect(probation).toMatchObject({
      source: 'MEMBER_SUM',
      incompleteMembers: secret.sort().map((code) => ({ code })),
      count: { value: null, suppressed: true },
      value: { value: null, suppressed: true },
    });
  });
});
