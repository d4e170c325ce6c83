import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_REGION_CODES } from '@youth-care/lib/regions/registry';
import { startFederation, type Federation } from './support/federation.js';

let fed: Federation;
beforeAll(async () => {
  fed = await startFederation({ label: 'gateway' });
});
afterAll(() => fed?.stop());

describe('through the gateway over HTTP', () => {
  it('answers every region with its registry and procurement fields', async () => {
    const { data, errors } = await fed.query(`{
      regions { code name municipalities { code name } youthPopulation(year: 2024) { youth0to17 status }
        contracts { id form financingVariant provider { agbCode name demoData } }
        providers { agbCode }
        waitingTimeSummary { providersReporting { value } providersOverNorm { value } shareOverNorm byProductCategory { productCategory { code } medianTotalWeeks worstTotalWeeks worstProvider { agbCode } norm { totalWeeks } } } } }`);
    expect(errors).toBeUndefined();
    expect(data.regions.map((r: { code: string }) => r.code)).toEqual([...DEMO_REGION_CODES]);
    for (const region of data.regions) {
      expect(region.municipalities.length).toBeGreaterThan(2);
      expect(region.youthPopulation.status).toBe('ESTIMATE');
      expect(region.contracts.length).toBeGreaterThan(0);
      expect(region.providers.length).toBeGreaterThan(0);
      for (const c of region.contracts) {
        expect(c.id.startsWith(`${region.code}:`)).toBe(true);
        expect(c.provider.demoData).toBe(true);
      }
      const summary = region.waitingTimeSummary;
      expect(summary.providersOverNorm.value).toBeLessThanOrEqual(summary.providersReporting.value);
      for (const cat of summary.byProductCategory) expect(cat.worstTotalWeeks).toBeGreaterThanOrEqual(cat.medianTotalWeeks);
    }
  });

  it('answers a region by code with its current municipalities and a merger in its history', async () => {
    const { data } = await fed.query(`{ region(code: "JZ33") { name cbsName
      now: municipalities { code } in2021: municipalities(on: "2021-06-30") { code }
      all: municipalities(all: true) { code validUntil note } } }`);
    const codes = (list: { code: string }[]) => list.map((m) => m.code);
    expect(codes(data.region.now)).toContain('GM1991');
    expect(codes(data.region.now)).not.toContain('GM0856');
    expect(codes(data.region.in2021)).toContain('GM0856');
    expect(codes(data.region.in2021)).not.toContain('GM1991');
    expect(data.region.all.find((m: { code: string }) => m.code === 'GM0788').note).toMatch(/Oisterwijk/);
  });

  it('answers a provider across the regions that contract it', async () => {
    const list = await fed.query(`{ providers { agbCode regions { code } } }`);
    const shared = list.data.providers.find((p: { regions: unknown[] }) => p.regions.length > 1);
    expect(shared).toBeDefined();
    const { data, errors } = await fed.query(
      `query($agb: ID!) { provider(agbCode: $agb) { agbCode name regions { code name }
        contracts { id region { code } productCategories { code name } }
        waitingTimes { id region { code } reportedOn totalWeeks exceedsNorm weeksOverNorm norm { totalWeeks } } } }`,
      { agb: shared.agbCode },
    );
    expect(errors).toBeUndefined();
    expect(data.provider.regions.length).toBe(shared.regions.length);
    const contractRegions = new Set(data.provider.contracts.map((c: { region: { code: string } }) => c.region.code));
    expect([...contractRegions].sort()).toEqual(shared.regions.map((r: { code: string }) => r.code).sort());
    for (const w of data.provider.waitingTimes) {
      expect(w.exceedsNorm).toBe(w.weeksOverNorm > 0);
    }
  });

  it('judges each waiting time against the norm of its region and category', async () => {
    const { data } = await fed.query(`{ region(code: "JZ34") {
      waitingTimeNorms { productCategory { code } registrationToIntakeWeeks intakeToTreatmentWeeks validFrom }
      latestWaitingTimes(productCategories: ["43", "45"]) { productCategory { code } registrationToIntakeWeeks intakeToTreatmentWeeks
        norm { registrationToIntakeWeeks intakeToTreatmentWeeks } exceedsNorm registrationToIntakeWeeksOverNorm intakeToTreatmentWeeksOverNorm weeksOverNorm } } }`);
    const region = data.region;
    expect(region.waitingTimeNorms).toContainEqual({ productCategory: null, registrationToIntakeWeeks: 4, intakeToTreatmentWeeks: 10, validFrom: '2019-01-01' });
    for (const w of region.latestWaitingTimes) {
      const expected = w.productCategory.code === '43' ? [6, 12] : [4, 10];
      expect([w.norm.registrationToIntakeWeeks, w.norm.intakeToTreatmentWeeks]).toEqual(expected);
      const intakeOver = Math.max(0, w.registrationToIntakeWeeks - expected[0]!);
      const treatmentOver = Math.max(0, w.intakeToTreatmentWeeks - expected[1]!);
      expect(w.registrationToIntakeWeeksOverNorm).toBeCloseTo(intakeOver, 5);
      expect(w.intakeToTreatmentWeeksOverNorm).toBeCloseTo(treatmentOver, 5);
      expect(w.weeksOverNorm).toBeCloseTo(intakeOver + treatmentOver, 5);
      expect(w.exceedsNorm).toBe(intakeOver + treatmentOver > 0);
    }
  });

  it('rejects an unknown region with BAD_USER_INPUT naming the argument', async () => {
    const { data, errors } = await fed.query(`{ regions(codes: ["JZ99"]) { code } }`);
    expect(data).toBeNull();
    expect(errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'codes' });
  });

  it('answers malformed queries with a code and never a stack trace', async () => {
    const broken = await fed.query(`{ regions { nope } }`);
    expect(broken.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    const badDate = await fed.query(`{ region(code: "JZ21") { municipalities(on: "2024-02-30") { code } } }`);
    expect(badDate.status).toBe(400);
    expect(badDate.errors?.[0]?.extensions?.code, JSON.stringify(badDate)).toBe('BAD_USER_INPUT');
    for (const response of [broken, badDate]) {
      expect(JSON.stringify(response)).not.toMatch(/stacktrace|at .*\.ts:\d+/);
    }
  });

  it('reports health and readiness as JSON', async () => {
    const base = fed.gatewayUrl.replace(/\/graphql$/, '');
    const health = await fetch(`${base}/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: 'ok' });
    const ready = await fetch(`${base}/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ status: 'ready', subgraphs: { procurement: { state: 'up' } } });
  });
});
