import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSubgraph, type SubgraphUnderTest } from '../../../test/support/subgraph.js';
import { pseudonymKey } from '@youth-care/lib/config';
import { regionInfo } from '@youth-care/lib/regions/registry';
import { importJsonLines, type ImportContext } from '../src/import/importer.js';
import { FIXTURE, jsonLines } from './fixture.js';

/** The statistics of the fixture's six trajectories, worked out by hand. */
let access: SubgraphUnderTest;
beforeAll(async () => {
  access = await startSubgraph('access', { label: 'access_statistics', scale: 0, env: { REGIONS: 'JZ43' } });
  const source = (await access.subgraph.sources.source('JZ43')) as ImportContext['source'];
  const report = await importJsonLines({ source, region: regionInfo('JZ43'), pseudonymKey: pseudonymKey(access.config, 'JZ43'), today: '2026-01-15' }, jsonLines(FIXTURE));
  expect(report.status).toBe('IMPORTED');
});
afterAll(() => access?.stop());

const STATS = `query($from: Date, $to: Date) { region: _entities(representations: [{ __typename: "Region", code: "JZ43" }]) { ... on Region { accessStatistics(from: $from, to: $to) {
  period { from to }
  referralCounts { referrerType { code } productCategory { code } month referrals }
  referralFlows { referrerType { code } productCategory { code } referrals }
  leadTimes { trajectories fromRequest fromAllocation requestToAllocation { medianDays p90Days } allocationToStart { medianDays p90Days } requestToStart { medianDays p90Days } }
  dropout { count of share } repeatUse { count of share } averageDurationDays
  planCoverage(on: "2025-12-31") { residentialInCare residentialWithPerspectivePlan perspectivePlanShare seventeenInCare seventeenWithFuturePlan futurePlanShare } } } } }`;

describe('access statistics on a hand-checked fixture', () => {
  it('counts referrals by referrer type, product category and month, and the flows between them', async () => {
    const { data, errors } = await access.execute(STATS, { from: '2025-01-01', to: '2025-12-31' });
    expect(errors).toBeUndefined();
    const s = data.region[0].accessStatistics;
    const counts = s.referralCounts.map((c: any) => `${c.referrerType.code}/${c.productCategory.code}/${c.month}=${c.referrals}`).sort();
    expect(counts).toEqual([
      '01/43/2025-03-01=1', '01/45/2025-02-01=1', '02/45/2025-01-01=1', '02/54/2025-09-01=1', '06/45/2025-05-01=1', '08/46/2025-06-01=1',
    ]);
    const flows = s.referralFlows.map((c: any) => `${c.referrerType.code}->${c.productCategory.code}=${c.referrals}`).sort();
    expect(flows).toEqual(['01->43=1', '01->45=1', '02->45=1', '02->54=1', '06->45=1', '08->46=1']);
  });

  it('gives median and 90th-percentile days from request (or, on the municipal route, allocation) to start of regular care', async () => {
    const { data } = await access.execute(STATS, { from: '2025-01-01', to: '2025-12-31' });
    // Regular care started in 2025: T1-T5. T2 came by the municipal route, without a request: its
    // lead time runs from the allocation. Request→allocation 10, 10, 2, 10 days (T1, T3-T5);
    // allocation→start 30, 14, 30, 30, 10; to start 40, 14 (from the allocation), 40, 32, 20.
    expect(data.region[0].accessStatistics.leadTimes).toEqual({
      trajectories: 5,
      fromRequest: 4,
      fromAllocation: 1,
      requestToAllocation: { medianDays: 10, p90Days: 10 },
      allocationToStart: { medianDays: 30, p90Days: 30 },
      requestToStart: { medianDays: 32, p90Days: 40 },
    });
  });

  it('gives dropout, average duration and plan coverage', async () => {
    const { data } = await access.execute(STATS, { from: '2025-01-01', to: '2025-12-31' });
    const s = data.region[0].accessStatistics;
    // Ended in 2025: T1 (plan, 131 days), T2 (by the client, 59 days), T6 (external, 19 days).
    expect(s.dropout).toEqual({ count: 1, of: 3, share: 0.333 });
    expect(s.averageDurationDays).toBe(69.7);
    // In care on 31 December: T3 (residential, perspective plan), T4, T5 (17, future plan).
    expect(s.planCoverage).toEqual({
      residentialInCare: 1, residentialWithPerspectivePlan: 1, perspectivePlanShare: 1,
      seventeenInCare: 1, seventeenWithFuturePlan: 1, futurePlanShare: 1,
    });
  });

  it('counts repeat use once a year has passed since the end according to plan', async () => {
    const { data } = await access.execute(STATS, { from: '2026-01-01', to: '2026-01-15' });
    // T1 ended according to plan on 2025-06-30 is outside 2025-01-01..2025-01-15 shifted back a year.
    expect(data.region[0].accessStatistics.repeatUse).toEqual({ count: 0, of: 0, share: null });
    const later = await access.execute(STATS, { from: '2025-07-01', to: '2026-07-01' });
    // Ends according to plan between 2024-07-01 and 2025-07-01: T1, and T4 followed it within a year.
    expect(later.data.region[0].accessStatistics.repeatUse).toEqual({ count: 1, of: 1, share: 1 });
  });

  it('gives spending per product category and month, and the year to date', async () => {
    const { data, errors } = await access.execute(`{ region: _entities(representations: [{ __typename: "Region", code: "JZ43" }]) { ... on Region { spending(year: 2025) { yearToDateEuros
      byProductCategory { productCategory { code } yearToDateEuros months { month euros volumeDeclared bridgingCareEuros } } } } } }`);
    expect(errors).toBeUndefined();
    expect(data.region[0].spending).toEqual({
      yearToDateEuros: 7864,
      byProductCategory: [
        { productCategory: { code: '43' }, yearToDateEuros: 6552, months: [{ month: '2025-04-01', euros: 6552, volumeDeclared: 21, bridgingCareEuros: 0 }] },
        {
          productCategory: { code: '45' },
          yearToDateEuros: 1312,
          months: [
            { month: '2025-02-01', euros: 656, volumeDeclared: 8, bridgingCareEuros: 0 },
            { month: '2025-03-01', euros: 656, volumeDeclared: 8, bridgingCareEuros: 656 },
          ],
        },
      ],
    });
  });

  it('pages through client-level referrals with their allocations, declarations and plans', async () => {
    const page = `query($after: String) { region: _entities(representations: [{ __typename: "Region", code: "JZ43" }]) { ... on Region { clientLevel { referrals(first: 4, after: $after) {
      totalCount pageInfo { hasNextPage endCursor } nodes { id status endReason { code } plans { kind goals { attainment } } allocations { unit { code } } declarations { month amountEuros } } } } } } }`;
    const first = await access.execute(page);
    const referrals = first.data.region[0].clientLevel.referrals;
    expect(referrals.totalCount).toBe(6);
    expect(referrals.nodes.map((n: any) => n.id)).toEqual(['JZ43:T1', 'JZ43:T2', 'JZ43:T3', 'JZ43:T4']);
    expect(referrals.nodes[0]).toMatchObject({ status: 'ENDED', endReason: { code: '31' }, declarations: [{ month: '2025-02-01', amountEuros: 656 }, { month: '2025-03-01' }] });
    expect(referrals.nodes[2].plans).toEqual([{ kind: 'PERSPECTIVE_PLAN', goals: [{ attainment: 'OPEN' }] }]);
    expect(referrals.pageInfo.hasNextPage).toBe(true);
    const second = await access.execute(page, { after: referrals.pageInfo.endCursor });
    expect(second.data.region[0].clientLevel.referrals.nodes.map((n: any) => n.id)).toEqual(['JZ43:T5', 'JZ43:T6']);
    expect(second.data.region[0].clientLevel.referrals.pageInfo.hasNextPage).toBe(false);
  });
});
