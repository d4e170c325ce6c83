import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { regionDemoProviders } from '@youth-care/lib/demo/providers';
import { startFederation, type Federation } from './support/federation.js';

const SCALE = 0.02;

let fed: Federation;
beforeAll(async () => {
  fed = await startFederation({ label: 'join', scale: SCALE });
});
afterAll(() => fed?.stop());

describe('one query across subgraphs', () => {
  it('joins a region’s waiting times (procurement) with its referral figures (access)', async () => {
    const { data, errors } = await fed.query(`{ region(code: "JZ34") { name
      waitingTimeSummary { providersReporting { value } byProductCategory { productCategory { code } medianTotalWeeks } }
      accessStatistics { leadTimes { trajectories allocationToStart { medianDays } } dropout { count of share } referralFlows { referrerType { name } productCategory { code } referrals } }
      contracts { id provider { name referralsReceived { referrals { value } } } } } }`);
    expect(errors).toBeUndefined();
    const region = data.region;
    expect(region.waitingTimeSummary.providersReporting.value).toBeGreaterThan(0);
    expect(region.accessStatistics.leadTimes.trajectories).toBeGreaterThan(0);
    expect(region.accessStatistics.referralFlows.length).toBeGreaterThan(0);
    expect(region.contracts.some((c: any) => c.provider.referralsReceived.length > 0)).toBe(true);
  });

  it('puts a provider’s reported waiting times beside the waits its referrals show', async () => {
    const providers = await fed.query(`{ region(code: "JZ35") { contracts(productCategory: "45") { provider { agbCode } } } }`);
    const agb = providers.data.region.contracts[0].provider.agbCode;
    const { data, errors } = await fed.query(`query($agb: ID!) { provider(agbCode: $agb) { name regions { code }
      waitingTimes { region { code } productCategory { code } totalWeeks exceedsNorm }
      accessLeadTimes { region { code } trajectories { value } allocationToStart { medianDays { value } } }
      referralsReceived { region { code } referrerType { code } productCategory { code } referrals { value } } } }`, { agb });
    expect(errors).toBeUndefined();
    expect(data.provider.waitingTimes.length).toBeGreaterThan(0);
    expect(data.provider.referralsReceived.length).toBeGreaterThan(0);
    const contracted = new Set(data.provider.regions.map((r: { code: string }) => r.code));
    for (const r of data.provider.referralsReceived) expect(contracted.has(r.region.code)).toBe(true);
  });

  it("puts a provider's outcome reports (monitoring) beside its name in procurement, by the same AGB code", async () => {
    const agb = regionDemoProviders('JZ34', SCALE)[0]!.agbCode;
    const { data } = await fed.query(`query($agb: ID!) { provider(agbCode: $agb) { name demoData outcomes(region: "JZ34") { year } } }`, { agb });
    expect(data.provider).toMatchObject({ demoData: true });
    expect(data.provider.name).toBeTruthy();
    expect(data.provider.outcomes.length).toBeGreaterThan(0);
  });

  it('follows a referral to its provider in procurement', async () => {
    const { data, errors } = await fed.query(`{ region(code: "JZ21") { clientLevel { referrals(first: 3) { nodes { id productCategory { code }
      provider { agbCode name contracts(region: "JZ21") { productCategories { code } } } } } } } }`);
    expect(errors).toBeUndefined();
    for (const referral of data.region.clientLevel.referrals.nodes) {
      const delivered = referral.provider.contracts.flatMap((c: any) => c.productCategories.map((p: any) => p.code));
      expect(delivered).toContain(referral.productCategory.code);
    }
  });
});
