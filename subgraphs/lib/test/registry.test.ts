import { describe, expect, it } from 'vitest';
import { agePopulation, regionAgePopulation, regionYouthPopulation, youthPopulation } from '../src/regions/population.js';
import {
  DEMO_REGION_CODES,
  REGIONS,
  REGION_CODES,
  demoShape,
  isRegionCode,
  membersOn,
  municipalityByCode,
  regionInfo,
  syntheticRegionCodes,
} from '../src/regions/registry.js';

describe('region registry', () => {
  it('holds all 42 youth-care regions of the country, each once, by CBS code', () => {
    expect(REGIONS).toHaveLength(42);
    expect(REGIONS.map((r) => r.code)).toEqual([...REGION_CODES].sort());
    for (const region of REGIONS) expect(region.code).toMatch(/^JZ\d{2}$/);
    expect(new Set(REGIONS.map((r) => r.name)).size).toBe(42);
  });

  it('knows the five demo regions by their CBS codes, with their municipalities', () => {
    expect(DEMO_REGION_CODES.map((code) => [code, regionInfo(code).name])).toEqual([
      ['JZ35', 'Hart van Brabant'],
      ['JZ33', 'Noordoost-Brabant'],
      ['JZ21', 'FoodValley'],
      ['JZ43', 'Midden-Limburg West'],
      ['JZ34', 'West-Brabant Oost'],
    ]);
    for (const code of DEMO_REGION_CODES) expect(regionInfo(code).municipalities.length).toBeGreaterThanOrEqual(3);
    // On any day a municipality belongs to one region at most.
    for (const day of ['2017-01-01', '2019-12-31', '2020-01-01', '2021-01-01', '2022-01-01', '2025-06-30']) {
      const codes = REGIONS.flatMap((r) => membersOn(r, day).map((m) => m.code));
      expect(new Set(codes).size).toBe(codes.length);
    }
    for (const r of REGIONS) for (const m of r.municipalities) expect(m.code).toMatch(/^GM\d{4}$/);
  });

  it('holds Alphen-Chaam and Baarle-Nassau in West-Brabant Oost until 2019 and in Hart van Brabant from 2020', () => {
    for (const code of ['GM1723', 'GM0744']) {
      expect(municipalityByCode(code, '2019-12-31')?.region.code).toBe('JZ34');
      expect(municipalityByCode(code, '2020-01-01')?.region.code).toBe('JZ35');
      expect(municipalityByCode(code)?.region.code).toBe('JZ35');
    }
    expect(membersOn(regionInfo('JZ35'), '2019-06-30')).toHaveLength(9);
    expect(membersOn(regionInfo('JZ35'), '2020-06-30')).toHaveLength(11);
  });

  it("changes populations from year to year, moves Haaren's young people to its four successors in 2021, and counts 0-22 apart from 0-17", () => {
    expect(youthPopulation('GM0855', 2022)!.youth0to17).not.toBe(youthPopulation('GM0855', 2024)!.youth0to17);
    expect(youthPopulation('GM0788', 2020)!.youth0to17).toBe(2_900);
    expect(youthPopulation('GM0788', 2021)).toBeUndefined();
    const successors = ['GM0824', 'GM0855', 'GM0865', 'GM0757'];
    const gained = successors.reduce((s, m) => s + agePopulation(m, 2021, '0-17')!.count - agePopulation(m, 2020, '0-17')!.count, 0);
    // The four gain Haaren's 2,900 young people (give or take their yearly drift and rounding to 100).
    expect(Math.abs(gained - 2_900)).toBeLessThan(600);
    // Noordoost-Brabant keeps Vught's and Boxtel's share of Haaren; Hart van Brabant gains Oisterwijk's and Tilburg's.
    expect(regionAgePopulation('JZ35', 2021, '0-17').count - regionAgePopulation('JZ35', 2020, '0-17').count).toBeGreaterThan(1_000);
    const older = regionAgePopulation('JZ43', 2023, '0-22').count / regionAgePopulation('JZ43', 2023, '0-17').count;
    expect(older).toBeGreaterThan(1.2);
    expect(older).toBeLessThan(1.35);
  });

  it('follows mergers: Noordoost-Brabant had 16 municipalities in 2020 and 10 since 2022', () => {
    const nob = regionInfo('JZ33');
    expect(membersOn(nob, '2020-06-30')).toHaveLength(16);
    expect(membersOn(nob, '2021-06-30')).toHaveLength(15);
    expect(membersOn(nob, '2022-01-01').map((m) => m.code)).toEqual(
      expect.arrayContaining(['GM1991', 'GM1982']),
    );
    expect(membersOn(nob, '2022-01-01')).toHaveLength(10);
    expect(membersOn(regionInfo('JZ34'), '2018-12-31').map((m) => m.code)).toContain('GM0870');
    expect(membersOn(regionInfo('JZ34'), '2019-01-01').map((m) => m.code)).toContain('GM1959');
  });

  it('marks the population figures as estimates, and knows none for a municipality that did not exist', () => {
    expect(youthPopulation('GM0855', 2024)).toMatchObject({ status: 'ESTIMATE' });
    expect(youthPopulation('GM1991', 2020)).toBeUndefined();
    expect(youthPopulation('GM0856', 2023)).toBeUndefined();
    const before = regionYouthPopulation('JZ33', 2021);
    const after = regionYouthPopulation('JZ33', 2022);
    expect(before.status).toBe('ESTIMATE');
    // Maashorst and Land van Cuijk replace their predecessors; the sum barely moves.
    expect(Math.abs(after.youth0to17 - before.youth0to17) / before.youth0to17).toBeLessThan(0.05);
    expect(municipalityByCode('GM0988')?.region.code).toBe('JZ43');
  });

  it('makes synthetic test regions that no one takes for real ones, shaped like a demo region', () => {
    const codes = syntheticRegionCodes(42);
    expect(codes[0]).toBe('ZZ01');
    expect(codes[41]).toBe('ZZ42');
    for (const code of codes) {
      expect(isRegionCode(code)).toBe(true);
      expect(REGION_CODES as readonly string[]).not.toContain(code);
      expect(regionInfo(code).name).toMatch(/^Synthetic test region \d{2}$/);
    }
    expect(demoShape('ZZ01')).toBe('JZ35');
    expect(regionInfo('ZZ03').municipalities).toEqual(regionInfo('JZ21').municipalities);
    expect(demoShape('JZ01')).toBeUndefined();
    expect(isRegionCode('ZZ00')).toBe(false);
    expect(isRegionCode('JZ99')).toBe(false);
  });
});
