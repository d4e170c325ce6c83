import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFederation, type Federation } from './support/federation.js';
import { PINNED_DEMO } from './support/test-data.js';

/**
 * One statement per region per batch: the number of SQL statements a request sends depends on
 * the shape of the query and the regions it names, never on how many rows are behind it.
 */
const EVERYTHING = `query($codes: [ID!]) { regions(codes: $codes) { code
  contracts { id form provider { agbCode name demoData regions { code } } }
  providers { agbCode name
    contracts { id region { code } productCategories { code } }
    waitingTimes { id totalWeeks exceedsNorm norm { totalWeeks } }
    history: waitingTimes(latestOnly: false) { id reportedOn }
    regions { code name } }
  waitingTimeNorms { productCategory { code } totalWeeks }
  latestWaitingTimes { id provider { name contracts { id } } norm { totalWeeks } weeksOverNorm }
  waitingTimeSummary { providersOverNorm { value } byProductCategory { worstProvider { name } norm { totalWeeks } medianTotalWeeks } } } }`;

const ACCESS = `query($first: Int!) { regions { code
  accessStatistics { referralCounts { referrals } referralFlows { referrals } leadTimes { trajectories } dropout { share } repeatUse { share }
    averageDurationDays planCoverage { perspectivePlanShare } }
  spending(year: 2025) { yearToDateEuros byProductCategory { months { euros } } }
  accessComparison(years: [2024, 2025]) { referrals { value } dropoutShare { value } }
  providers { agbCode referralsReceived { referrals { value } } accessLeadTimes { trajectories { value } } }
  clientLevel { referrals(first: $first) { totalCount nodes { id municipality { name } allocations { volume } declarations { amountEuros }
    plans { kind goals { attainment } } provider { name waitingTimes { totalWeeks } } } } plans(first: $first) { nodes { referral { id } } } } } }`;

/**
 * The tenfold data is that of the region with the fewest providers and of the largest region:
 * generating it for all five took more CPU than any other file's data, and the counts are per region.
 */
const FEW = 'JZ43';
const MANY = 'JZ33';
const REGIONS = [FEW, MANY] as const;

let small: Federation;
let large: Federation;
beforeAll(async () => {
  // Tenfold demo data, with two and a half years of monthly declarations, takes the longest of any
  // file's data. It comes first, so another worker prepares the small data meanwhile for
  // test/learning-circle.test.ts, which shares it. At a tenth of the demo scale EVERYTHING already
  // reads some 4,100 rows in these two regions, against some 420 at a hundredth.
  large = await startFederation({ label: 'statements_large', scale: PINNED_DEMO.scale * 10, until: PINNED_DEMO.until, regions: REGIONS });
  // The small data is the image the learning circle's files share, served for the same two regions.
  small = await startFederation({ label: 'statements_small', ...PINNED_DEMO, env: { REGIONS: REGIONS.join(',') } });
}, 300_000);
afterAll(async () => {
  await small?.stop();
  await large?.stop();
});

async function measure(fed: Federation, codes: readonly string[] = REGIONS) {
  let answer: any;
  const statements = await fed.countStatements(async () => {
    answer = await fed.query(EVERYTHING, { codes });
  });
  expect(answer.errors).toBeUndefined();
  const regions = answer.data.regions as { providers: { waitingTimes: unknown[]; history: unknown[] }[]; contracts: unknown[] }[];
  const rows = regions.reduce(
    (n, r) => n + r.contracts.length + r.providers.reduce((m, p) => m + 1 + p.waitingTimes.length + p.history.length, 0),
    0,
  );
  return { statements, rows };
}

describe('SQL statements per request', () => {
  it('do not grow when the data grows tenfold', async () => {
    const a = await measure(small);
    const b = await measure(large);
    console.log(`${REGIONS.join(' and ')}: ${a.statements} statements for ${a.rows} rows; tenfold data: ${b.statements} statements for ${b.rows} rows`);
    expect(b.rows).toBeGreaterThan(a.rows * 4);
    expect(b.statements).toBe(a.statements);
  });

  it('are the same for a region with a few providers as for the largest region', async () => {
    const few = await measure(large, [FEW]);
    const many = await measure(large, [MANY]);
    console.log(`${FEW}: ${few.statements} statements for ${few.rows} rows; ${MANY}: ${many.statements} statements for ${many.rows} rows`);
    expect(many.rows).toBeGreaterThan(few.rows * 3);
    expect(many.statements).toBe(few.statements);
  });

  it('for access statistics and client-level pages do not grow with the data or the page size', async () => {
    const count = async (fed: Federation, first: number) => {
      let answer: any;
      const statements = await fed.countStatements(async () => {
        answer = await fed.query(ACCESS, { first });
      });
      expect(answer.errors).toBeUndefined();
      const nodes = answer.data.regions.reduce((n: number, r: any) => n + r.clientLevel.referrals.nodes.length, 0);
      return { statements, nodes };
    };
    const a = await count(small, 10);
    const b = await count(large, 10);
    const c = await count(large, 200);
    console.log(`access: ${a.statements} statements (${a.nodes} referrals), tenfold data ${b.statements}, twentyfold page ${c.statements} (${c.nodes} referrals)`);
    expect(c.nodes).toBeGreaterThan(b.nodes * 10);
    // At most one statement per region for each of the 20 kinds of lookup in ACCESS (a kind with
    // no keys in a region, say a page without plans, sends none), plus the audit log's one insert
    // per region whose client-level data was read, whatever the rows or the page.
    for (const measured of [a, b, c]) expect(measured.statements).toBeLessThanOrEqual(21 * REGIONS.length);
  });

  it('stay within one statement per region for each kind of lookup in the query', async () => {
    const { statements } = await measure(large);
    // Eleven kinds of lookup in EVERYTHING (provider, contracts by region/provider/id, norms,
    // reports by provider ×2 shapes, latest per region, summary, providers per region), in each region.
    expect(statements).toBeLessThanOrEqual(11 * REGIONS.length);
    const repeat = await measure(large);
    expect(repeat.statements).toBe(statements);
  });
});
