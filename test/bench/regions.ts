import { loadavg } from 'node:os';
import { syntheticRegionCodes, type RegionCode } from '@youth-care/lib/regions/registry';
import type { Viewer } from '@youth-care/lib/auth/viewer';
import { startFederation, type Federation } from '../support/federation.js';

/**
 * `npm run bench:regions`: the federation at country scale. It serves 42 synthetic test regions
 * (ZZ01-ZZ42: CBS codes youth-care regions JZ.., so none is taken for a real one), each in its own
 * schemas (on the embedded database, or on the server at TEST_DATABASE_URL), filled with demo data shaped like the five
 * demo regions at DEMO_SCALE (0.05 unless set). It prints, through the gateway:
 * - SQL statements per request, against the limit of one per region per batch (the batches are
 *   what the same query sends for one region);
 * - the latency of a regional dashboard (one region);
 * - the latency and process CPU of a learning-circle query over 5, 20 and 42 regions, asked in
 *   turns (BENCH_RUNS each, 21 unless set), and 42 against 5 (target: at most 3x);
 * - throughput: dashboard queries per second from 8 clients at once, for the capacity plan.
 */
const RUNS = Number(process.env.BENCH_RUNS ?? 21);
const WARM_UP = 3;
const SCALE = Number(process.env.DEMO_SCALE ?? 0.05);
const THROUGHPUT_SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CLIENTS = 8;
const REGIONS = syntheticRegionCodes(42);

const DASHBOARD = `query Dashboard($code: ID!) { region(code: $code) { name
  contracts { id provider { name } }
  waitingTimeSummary { providersReporting { value } providersOverNorm { value } shareOverNorm
    byProductCategory { productCategory { code } medianTotalWeeks worstTotalWeeks totalWaiting { value } } }
  accessStatistics { referralFlows { referrerType { code } productCategory { code } referrals } averageDurationDays
    leadTimes { requestToAllocation { medianDays p90Days } } dropout { share } }
  monitoringComparison(years: [2023, 2024]) { year satisfaction { respondents { value } overallGrade { value } } } } }`;

const LEARNING_CIRCLE = `query LearningCircle($codes: [ID!]!) { regions(codes: $codes) { code name
  waitingTimeComparison(years: [2023, 2024]) { year providersReporting { value } shareOverNorm { value } medianTotalWeeks { value } }
  accessComparison(years: [2023, 2024]) { year referralsPer1000 { value } dropoutShare { value } averageDurationDays { value } }
  monitoringComparison(years: [2023, 2024]) { year satisfaction { respondents { value } effect { value } }
    outcomes { trajectories { value } dropout { value } goalsReached { value } } } } }`;

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;

interface Timing {
  readonly median: number;
  readonly p95: number;
  /** Process CPU (user + system) per request: gateway, subgraphs and, when embedded, the database. */
  readonly cpu: number;
  readonly statements: number;
}

interface Case {
  readonly query: string;
  readonly variables: Record<string, unknown>;
  readonly as: Viewer;
}

/**
 * Times several cases in turns (one request of each, then the next turn, the order reversed
 * every other turn), so that the load of a shared machine falls on all of them alike and their
 * ratios hold within the run; each is warmed up first.
 */
async function timeInTurns(fed: Federation, cases: readonly Case[]): Promise<Timing[]> {
  const ask = async (c: Case) => {
    const answer = await fed.query(c.query, c.variables, c.as);
    if (answer.errors) throw new Error(JSON.stringify(answer.errors.slice(0, 3)));
  };
  for (let i = 0; i < WARM_UP; i++) for (const c of cases) await ask(c);
  const times = cases.map((): number[] => []);
  const cpu = cases.map(() => 0);
  const statements = cases.map(() => 0);
  for (let turn = 0; turn < RUNS; turn++) {
    const order = cases.map((_, i) => i);
    if (turn % 2 === 1) order.reverse();
    for (const i of order) {
      const cpuBefore = process.cpuUsage();
      const began = process.hrtime.bigint();
      statements[i] = await fed.countStatements(() => ask(cases[i]!));
      times[i]!.push(Number(process.hrtime.bigint() - began) / 1e6);
      const used = process.cpuUsage(cpuBefore);
      cpu[i]! += (used.user + used.system) / 1000;
    }
  }
  return cases.map((_, i) => {
    const sorted = times[i]!.sort((a, b) => a - b);
    return { median: percentile(sorted, 50), p95: percentile(sorted, 95), cpu: cpu[i]! / RUNS, statements: statements[i]! };
  });
}

async function throughput(fed: Federation, as: Viewer): Promise<number> {
  const until = Date.now() + THROUGHPUT_SECONDS * 1000;
  let answered = 0;
  let next = 0;
  await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      while (Date.now() < until) {
        const code = REGIONS[next++ % REGIONS.length]!;
        const answer = await fed.query(DASHBOARD, { code }, as);
        if (answer.errors) throw new Error(JSON.stringify(answer.errors.slice(0, 3)));
        answered++;
      }
    }),
  );
  return answered / THROUGHPUT_SECONDS;
}

const ms = (n: number) => `${n.toFixed(1)} ms`;
const ADMIN: Viewer = { role: 'admin', subject: 'bench-admin' };
const circle = (codes: readonly RegionCode[]): Viewer => ({ role: 'learning-circle', subject: 'bench-circle', regions: [...codes] });

const began = Date.now();
console.log(`starting 42 synthetic regions (${REGIONS[0]}-${REGIONS.at(-1)}) at demo scale ${SCALE}...`);
// On a server the regions share one database, so its pool is their parallelism: one connection per region, as each would have on its own server.
const fed = await startFederation({ label: 'bench_regions', scale: SCALE, env: { REGIONS: REGIONS.join(','), DATABASE_POOL_SIZE: '42' } });
console.log(`federation with 42 regions ready after ${((Date.now() - began) / 1000).toFixed(1)} s (${fed.database.mode} database)`);
try {
  const [dashboard, single] = await timeInTurns(fed, [
    { query: DASHBOARD, variables: { code: 'ZZ03' }, as: ADMIN },
    // What the learning-circle query sends for one region is its number of batches.
    { query: LEARNING_CIRCLE, variables: { codes: REGIONS.slice(0, 1) }, as: circle(REGIONS.slice(0, 1)) },
  ]);
  console.log(`dashboard, one region: median ${ms(dashboard!.median)}, p95 ${ms(dashboard!.p95)}; ${dashboard!.statements} SQL statements per request`);
  const batches = single!.statements;
  console.log(`learning circle, 1 region: ${batches} SQL statements (its batches)`);
  const counts = [5, 20, 42];
  const timings = await timeInTurns(
    fed,
    counts.map((count) => ({ query: LEARNING_CIRCLE, variables: { codes: REGIONS.slice(0, count) }, as: circle(REGIONS.slice(0, count)) })),
  );
  const results = new Map(counts.map((count, i) => [count, timings[i]!]));
  for (const [count, result] of results) {
    const limit = batches * count;
    console.log(
      `learning circle, ${String(count).padStart(2)} regions: median ${ms(result.median)}, p95 ${ms(result.p95)}, CPU ${ms(result.cpu)} per request; ` +
        `${result.statements} SQL statements (limit ${limit}: one per region per batch, ${result.statements <= limit ? 'kept' : 'EXCEEDED'})`,
    );
  }
  const ratio = results.get(42)!.median / results.get(5)!.median;
  const cpuRatio = results.get(42)!.cpu / results.get(5)!.cpu;
  console.log(
    `42 regions take ${ratio.toFixed(2)}x the time of 5 (target: at most 3x, ${ratio <= 3 ? 'met' : 'missed'}); ${cpuRatio.toFixed(2)}x the CPU; ` +
      `${RUNS} requests each, in turns; load average ${loadavg().map((n) => n.toFixed(1)).join(' ')}`,
  );

  const rate = await throughput(fed, ADMIN);
  console.log(
    `throughput: ${rate.toFixed(1)} dashboard queries/s from ${CLIENTS} clients over ${THROUGHPUT_SECONDS} s, ` +
      'gateway and three subgraphs sharing one Node process (one core)',
  );
} finally {
  await fed.stop();
}
