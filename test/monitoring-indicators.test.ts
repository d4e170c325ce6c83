import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { youthPopulation } from '@youth-care/lib/regions/population';
import { membersOn, regionInfo, type RegionCode } from '@youth-care/lib/regions/registry';
import { CBS_FIXTURES } from '../subgraphs/monitoring/src/seed.js';
import { startFederation, type Federation } from './support/federation.js';

/** The fixture as shipped, read here without the import code, to compute expected figures by hand. */
const observations: { Measure: string; SoortJeugdzorg: string; Perioden: string; RegioS: string; Value: number | null }[] = JSON.parse(
  readFileSync(join(CBS_FIXTURES, '85099NED', 'Observations.json'), 'utf8'),
).value;
const youthCare = (area: string, period: string, form = 'T001407') =>
  observations.find((o) => o.Measure === 'M009901' && o.SoortJeugdzorg === form && o.Perioden === period && o.RegioS === area)?.Value;

function byHand(region: RegionCode, year: number, form = 'T001407') {
  const members = membersOn(regionInfo(region), `${year}-01-01`);
  const counts = members.map((m) => youthCare(m.code, `${year}JJ00`, form));
  const population = members.reduce((sum, m) => sum + (youthPopulation(m.code, year)?.youth0to17 ?? 0), 0);
  if (counts.some((c) => c === null || c === undefined)) return { count: null, rate: null, population };
  const count = counts.reduce((a, b) => a! + b!, 0)!;
  return { count, rate: Math.round((count * 1000 * 10) / population) / 10, population };
}

const INDICATORS = `query($code: ID!, $periods: [String!]!, $indicators: [IndicatorCode!]) { region(code: $code) {
  indicators(periods: $periods, indicators: $indicators) {
    indicator { code kind unit cbsTable } period year status
    count { value suppressed } value { value suppressed } population { youth0to17 status } } } }`;

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
  it('sums a region over its municipalities and recomputes the rate per 1,000 from the sum (hand-computed from the fixture)', async () => {
    // Midden-Limburg West 2023: Leudal 710 + Nederweert 355 + Weert 1,055 = 2,120 young people with youth care,
    // over 6,000 + 3,200 + 8,800 = 18,000 young people: 117.8 per 1,000. (CBS's own JZ43 cell says 2,125.)
    const [value] = await indicators('JZ43', ['2023JJ00'], ['YOUTH_CARE']);
    expect(value).toMatchObject({
      indicator: { code: 'YOUTH_CARE', kind: 'RATE', cbsTable: '85099NED' },
      period: '2023JJ00',
      year: 2023,
      status: 'REVISED_PROVISIONAL',
      count: { value: 2120, suppressed: false },
      value: { value: 117.8, suppressed: false },
      population: { youth0to17: 18_000, status: 'ESTIMATE' },
    });
    for (const region of ['JZ35', 'JZ33', 'JZ21', 'JZ34'] as const) {
      const [figure] = await indicators(region, ['2022JJ00'], ['YOUTH_CARE']);
      const expected = byHand(region, 2022);
      expect(figure.count.value).toBe(expected.count);
      expect(figure.value.value).toBe(expected.rate);
      expect(figure.population.youth0to17).toBe(expected.population);
    }
  });

  it('sums Noordoost-Brabant over the municipalities of each year, across the 2022 mergers into Maashorst and Land van Cuijk', async () => {
    const [before, after] = await indicators('JZ33', ['2021JJ00', '2022JJ00'], ['YOUTH_CARE']);
    // 2021: the eight lasting members plus Uden, Landerd, Boxmeer, Cuijk, Grave, Mill en Sint Hubert, Sint Anthonis.
    expect(before).toMatchObject({ count: { value: 13_605 }, value: { value: 113.9 }, population: { youth0to17: 119_400 } });
    // 2022: the eight plus Maashorst and Land van Cuijk.
    expect(after).toMatchObject({ count: { value: 14_180 }, value: { value: 118.8 }, population: { youth0to17: 119_400 } });
    expect(byHand('JZ33', 2021).count).toBe(13_605);
    expect(byHand('JZ33', 2022).count).toBe(14_180);

    const { data } = await fed.query(`{ maashorst: municipality(code: "GM1991") { indicators(periods: ["2021JJ00", "2022JJ00"], indicators: [YOUTH_CARE]) {
      count { value suppressed } value { value } population { youth0to17 } } }
      uden: municipality(code: "GM0856") { indicators(periods: ["2021JJ00", "2022JJ00"], indicators: [YOUTH_CARE]) { count { value suppressed } } } }`);
    // Maashorst has no figures before it existed, Uden none after it merged: no data, not suppressed.
    expect(data.maashorst.indicators.map((i: any) => i.count)).toEqual([{ value: null, suppressed: false }, { value: 1490, suppressed: false }]);
    expect(data.maashorst.indicators[1]).toMatchObject({ value: { value: 126.3 }, population: { youth0to17: 11_800 } });
    expect(data.uden.indicators.map((i: any) => i.count)).toEqual([{ value: 955, suppressed: false }, { value: null, suppressed: false }]);
  });

  it('suppresses a region count when CBS published no figure for a member, and the rate built on it', async () => {
    // Renswoude's youth probation is secret ("."), so FoodValley's sum cannot be given.
    expect(youthCare('GM0339', '2023JJ00', 'A050404')).toBeNull();
    const [probation] = await indicators('JZ21', ['2023JJ00'], ['YOUTH_PROBATION']);
    expect(probation).toMatchObject({ count: { value: null, suppressed: true }, value: { value: null, suppressed: true } });
    const [other] = await indicators('JZ43', ['2023JJ00'], ['YOUTH_PROBATION']);
    expect(other.count.suppressed).toBe(false);
  });

  it('computes shares and weighted means from the summed counts, for half years too', async () => {
    const values = await indicators('JZ34', ['2024HJ01'], ['TRAJECTORIES_ENDED_ACCORDING_TO_PLAN', 'AVERAGE_TRAJECTORY_DAYS']);
    const [share, mean] = values;
    expect(share).toMatchObject({ indicator: { kind: 'SHARE' }, status: 'PROVISIONAL' });
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
    const rates = (['JZ35', 'JZ33', 'JZ21', 'JZ43', 'JZ34'] as const).map((r) => ({ code: r, rate: byHand(r, 2023).rate! }));
    const sorted = [...rates].sort((a, b) => b.rate - a.rate);
    expect(value.benchmark.regions.map((r: any) => r.region.code)).toEqual(sorted.map((r) => r.code));
    expect(value.benchmark.regions.map((r: any) => r.value.value)).toEqual(sorted.map((r) => r.rate));
    expect(value.benchmark.median.value).toBe(sorted[2]!.rate);
    expect(value.benchmark.rank).toBe(sorted.findIndex((r) => r.code === 'JZ43') + 1);
    expect(value.benchmark.ranked).toBe(5);
    // The Netherlands: NL01's count over the estimated 3.34 million young people.
    expect(value.benchmark.national.value).toBe(Math.round((youthCare('NL01', '2023JJ00')! * 10_000) / 3_340_000) / 10);
    expect(value.few.ranked).toBe(2);
    expect(value.few.regions.map((r: any) => r.region.code).sort()).toEqual(['JZ21', 'JZ43']);
  });

  it('answers a period without CBS figures with no data, and bad arguments with BAD_USER_INPUT naming the field', async () => {
    const [none] = await indicators('JZ43', ['2019JJ00'], ['YOUTH_CARE']);
    expect(none).toMatchObject({ status: null, count: { value: null, suppressed: false }, value: { value: null, suppressed: false } });

    const bad = await fed.query(`{ region(code: "JZ43") {
      a: indicators(periods: ["2023"]) { period }
      b: monitoringComparison(years: [1999]) { year }
      c: indicators(periods: ["2023JJ00"], indicators: [YOUTH_CARE]) { benchmark(compareWith: ["JZ99"]) { rank } } } }`);
    const byField = Object.fromEntries((bad.errors ?? []).map((e) => [e.extensions?.field, e.extensions?.code]));
    expect(byField).toEqual({ periods: 'BAD_USER_INPUT', years: 'BAD_USER_INPUT', compareWith: 'BAD_USER_INPUT' });
  });

  it('lists the imported CBS tables with their periods and statuses', async () => {
    const { data } = await fed.query(`{ cbsTables { id observations periods { code status } } }`);
    expect(data.cbsTables.map((t: any) => t.id)).toEqual(['85097NED', '85099NED']);
    expect(data.cbsTables[1].observations).toBe(observations.length);
    expect(data.cbsTables[1].periods).toContainEqual({ code: '2023JJ00', status: 'REVISED_PROVISIONAL' });
  });
});
