import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pseudonymKey } from '@youth-care/lib/config';
import type { Viewer } from '@youth-care/lib/auth/viewer';
import type { RunningServer } from '@youth-care/lib/http';
import { regionInfo } from '@youth-care/lib/regions/registry';
import { todayInNetherlands } from '@youth-care/lib/scalars';
import { createGateway } from '../../gateway/src/gateway.js';
import { loadPerformanceConfig } from '../../gateway/src/performance-config.js';
import { importJsonLines, type ImportContext } from '../../subgraphs/access/src/import/importer.js';
import { FIXTURE, jsonLines } from '../../subgraphs/access/test/fixture.js';
import { post, startFederation, type Federation } from './federation.js';

const ANALYST_JZ34: Viewer = { role: 'region-analyst', subject: 'analyst-wbo', region: 'JZ34' };
const ANALYST_JZ33: Viewer = { role: 'region-analyst', subject: 'analyst-nob', region: 'JZ33' };
const CIRCLE: Viewer = { role: 'learning-circle', subject: 'circle-brabant', regions: ['JZ34', 'JZ33'] };
const ADMIN: Viewer = { role: 'admin', subject: 'cache-admin' };

const DASHBOARD = `{ region(code: "JZ34") { code
  accessStatistics { referralFlows { referrals } leadTimes { trajectories } }
  accessComparison(years: [2024, 2025]) { year referrals { value suppressed } ended { value suppressed } dropoutShare { value suppressed } } } }`;

const COMPARISON = `query($codes: [ID!]) { regions(codes: $codes) { code
  accessComparison(years: [2020, 2024, 2025]) { year referrals { value suppressed } ended { value suppressed } dropoutShare { value suppressed } }
  waitingTimeComparison(years: [2025]) { providersReporting { value suppressed } providersOverNorm { value suppressed } waiting { value suppressed } }
  monitoringComparison(years: [2023]) { indicators { count { value suppressed } value { value suppressed } } } } }`;

const LEAD_TIMES = `{ region(code: "JZ43") { accessStatistics(from: "2025-01-01", to: "2025-12-31") { leadTimes { trajectories } } } }`;

const WAITING = `query($agb: ID!) { provider(agbCode: $agb) { waitingTimes { region { code } productCategory { code } reportedOn waitingCount { value suppressed } totalWeeks } } }`;

const REPORT = `mutation($input: ReportWaitingTimeInput!) { reportWaitingTime(input: $input) { id waitingCount { value suppressed } } }`;

/** Every `{ value, suppressed }` cell below a value. */
function cells(value: unknown): { value: number | null; suppressed: boolean }[] {
  if (Array.isArray(value)) return value.flatMap(cells);
  if (!value || typeof value !== 'object') return [];
  const record = value as Record<string, unknown>;
  if ('suppressed' in record) return [record as { value: number | null; suppressed: boolean }];
  return Object.values(record).flatMap(cells);
}

/**
 * The answer cache's promises, through the real gateway over HTTP: answers never cross viewer
 * scopes, writes show in the very next answer, and the small-number rule reads the same from
 * the cache. `setUp` runs before the federation starts (where the data versions live).
 */
export function cacheCorrectness(label: string, setUp: () => void = () => {}): void {
  let fed: Federation;
  let uncached: RunningServer;
  const ask = (query: string, as: Viewer, variables?: Record<string, unknown>) => fed.query(query, variables, as);
  const askUncached = async (query: string, as: Viewer, variables?: Record<string, unknown>) =>
    post(uncached.url, query, variables, await fed.authorization(as));
  /** The answer and the SQL statements it took: none means it came from the cache. */
  const measured = async (query: string, as: Viewer, variables?: Record<string, unknown>) => {
    let answer: Awaited<ReturnType<typeof ask>> | undefined;
    const statements = await fed.countStatements(async () => {
      answer = await ask(query, as, variables);
    });
    return { answer: answer!, statements };
  };

  beforeAll(async () => {
    setUp();
    fed = await startFederation({ label, env: { RESPONSE_CACHE: 'on' } });
    const gateway = await createGateway({
      config: fed.config,
      log: () => {},
      supergraphSdl: fed.supergraphSdl,
      performance: loadPerformanceConfig({ RESPONSE_CACHE: 'off', FETCH_DEDUP: 'off' }),
    });
    uncached = await gateway.listen(0, '127.0.0.1');
  });
  afterAll(async () => {
    await uncached?.stop();
    await fed?.stop();
  });

  describe(`the answer cache (${label})`, () => {
    it('serves a repeated question from the cache, without SQL', async () => {
      const first = await measured(DASHBOARD, ANALYST_JZ34);
      expect(first.answer.errors).toBeUndefined();
      expect(first.statements).toBeGreaterThan(0);
      const again = await measured(DASHBOARD, ANALYST_JZ34);
      expect(again.statements).toBe(0);
      expect(again.answer).toEqual(first.answer);
    });

    it("never gives one scope's answer to another", async () => {
      const analyst = await ask(DASHBOARD, ANALYST_JZ34);
      const analystCounts = cells(analyst.data).filter((c) => !c.suppressed);
      expect(analyst.data?.region.accessStatistics).not.toBeNull();

      for (const other of [CIRCLE, ANALYST_JZ33]) {
        const cold = await measured(DASHBOARD, other);
        expect(cold.statements).toBeGreaterThan(0);
        expect(cold.answer).toEqual(await askUncached(DASHBOARD, other));
        // Neither may read JZ34's own statistics: the analyst's answer would carry them.
        expect(cold.answer.data?.region.accessStatistics).toBeNull();
        expect(cold.answer.errors?.map((e) => e.extensions?.code)).toContain('FORBIDDEN');
        expect(cold.answer).not.toEqual(analyst);
      }
      // Another analyst of JZ34 shares the scope, and so the answer.
      const colleague = await measured(DASHBOARD, { ...ANALYST_JZ34, subject: 'analyst-wbo-2' });
      expect(colleague.statements).toBe(0);
      expect(colleague.answer).toEqual(analyst);
      expect(analystCounts.length).toBeGreaterThan(0);
    });

    it('rounds and suppresses the same with and without the cache', async () => {
      const variables = { codes: ['JZ34', 'JZ33'] };
      const cold = await ask(COMPARISON, CIRCLE, variables);
      const warm = await measured(COMPARISON, CIRCLE, variables);
      const direct = await askUncached(COMPARISON, CIRCLE, variables);
      expect(warm.statements).toBe(0);
      expect(cold.errors).toBeUndefined();
      expect(warm.answer).toEqual(cold);
      expect(warm.answer).toEqual(direct);
      const all = cells(warm.answer.data);
      expect(all.length).toBeGreaterThan(10);
      expect(all.some((c) => c.suppressed)).toBe(true);
      for (const cell of all) {
        if (cell.suppressed) expect(cell.value).toBeNull();
      }
      const counts = warm.answer.data?.regions.flatMap((r: { accessComparison: { referrals: unknown; ended: unknown }[] }) =>
        r.accessComparison.flatMap((year) => cells([year.referrals, year.ended])),
      ) as { value: number | null; suppressed: boolean }[];
      expect(counts.filter((c) => !c.suppressed).length).toBeGreaterThan(0);
      for (const cell of counts.filter((c) => !c.suppressed)) expect(cell.value! % 5).toBe(0);
    });

    it('shows an import in the very next answer', async () => {
      const before = await ask(LEAD_TIMES, ADMIN);
      expect((await measured(LEAD_TIMES, ADMIN)).statements).toBe(0);
      const source = (await fed.subgraphs.access!.sources.source('JZ43')) as ImportContext['source'];
      const report = await importJsonLines(
        { source, region: regionInfo('JZ43'), pseudonymKey: pseudonymKey(fed.config, 'JZ43'), today: todayInNetherlands() },
        jsonLines(FIXTURE),
      );
      expect(report.status).toBe('IMPORTED');
      const after = await ask(LEAD_TIMES, ADMIN);
      expect(after.data?.region.accessStatistics.leadTimes.trajectories).toBeGreaterThan(before.data?.region.accessStatistics.leadTimes.trajectories);
      expect(after).toEqual(await askUncached(LEAD_TIMES, ADMIN));
    });

    it('shows a reportWaitingTime in the very next answer', async () => {
      const { data } = await ask(`{ region(code: "JZ34") { contracts(activeOn: "${todayInNetherlands()}") { provider { agbCode } productCategories { code } } } }`, ADMIN);
      const contract = data?.region.contracts[0] as { provider: { agbCode: string }; productCategories: { code: string }[] };
      const agb = contract.provider.agbCode;
      const provider: Viewer = { role: 'provider', subject: 'portal', agbCode: agb };
      await ask(WAITING, provider, { agb });
      expect((await measured(WAITING, provider, { agb })).statements).toBe(0);
      const input = {
        region: 'JZ34',
        providerAgb: agb,
        productCategory: contract.productCategories[0]!.code,
        registrationToIntakeWeeks: 3,
        intakeToTreatmentWeeks: 4,
        waitingCount: 4321,
      };
      const reported = await ask(REPORT, provider, { input });
      expect(reported.errors).toBeUndefined();
      const after = await ask(WAITING, provider, { agb });
      const counts = after.data?.provider.waitingTimes.map((w: { waitingCount: { value: number | null; suppressed: boolean } }) => w.waitingCount);
      // The provider's own count is exact, not rounded under the small-number rule.
      expect(counts).toContainEqual({ value: 4321, suppressed: false });
      expect(after).toEqual(await askUncached(WAITING, provider, { agb }));
    });
  });
}
