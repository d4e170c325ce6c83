import { startFederation } from '../support/federation.js';
import { startProxy } from '../support/tcp-proxy.js';

/**
 * `npm run bench:region-down`: what one region's database going away costs the other regions, on
 * PostgreSQL (DATABASE_URL, default postgres://postgres@127.0.0.1:5432/postgres; a fresh database
 * is made and dropped). JZ43's connections go through a proxy that first passes, then stops
 * answering (a server gone from the network, the worst case: nothing fails fast), then passes
 * again. Prints the p50 of a query over all five regions with JZ43 down against the p50 with all
 * up (target ≤ 1.2×), and how long after the database returns JZ43 answers again (target ≤ 5 s).
 * The region timeout and probe interval are the defaults (5 s, 1 s) unless set in the environment.
 */
const RUNS = Number(process.env.BENCH_RUNS ?? 60);
const QUERY = `{ regions { code contracts { id } waitingTimeSummary { providersReporting shareOverNorm } } }`;
const server = new URL(process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres');
process.env.TEST_DATABASE_URL = server.toString();

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
const jz43Failed = (answer: { errors?: { extensions?: Record<string, unknown> }[] }) => answer.errors?.some((e) => e.extensions?.region === 'JZ43') ?? false;

const proxy = await startProxy(Number(server.port || 5432), server.hostname);
const fed = await startFederation({
  label: 'bench_region_down',
  scale: Number(process.env.BENCH_SCALE ?? 0.2),
  env: (database) => {
    const url = new URL(database.env.DATABASE_URL!);
    url.host = `127.0.0.1:${proxy.port}`;
    return {
      REGION_JZ43_DATABASE_URL: url.toString(),
      REGION_TIMEOUT_MS: process.env.REGION_TIMEOUT_MS ?? '5000',
      REGION_PROBE_INTERVAL_MS: process.env.REGION_PROBE_INTERVAL_MS ?? '1000',
    };
  },
});

async function p50(label: string, expectJz43Down: boolean): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const began = performance.now();
    const answer = await fed.query(QUERY);
    times.push(performance.now() - began);
    if (jz43Failed(answer) !== expectJz43Down) throw new Error(`${label}: unexpected answer ${JSON.stringify(answer.errors)}`);
  }
  times.sort((a, b) => a - b);
  const median = percentile(times, 50);
  console.log(`${label}: ${RUNS} queries over five regions, p50 ${median.toFixed(1)} ms, p95 ${percentile(times, 95).toFixed(1)} ms`);
  return median;
}

try {
  for (let i = 0; i < 10; i++) await fed.query(QUERY);
  const normal = await p50('all regions up', false);
  await proxy.hang();
  // The first requests wait for the region timeout, until the breaker opens.
  let opened = 0;
  while (!(await fed.query(QUERY)).errors?.some((e) => e.extensions?.retryAt)) opened++;
  console.log(`JZ43 stopped answering: the breaker opened after ${opened} requests that waited for the region timeout`);
  const down = await p50('JZ43 down', true);
  const ratio = down / normal;
  console.log(`p50 ratio down / normal: ${ratio.toFixed(2)} (target ≤ 1.2: ${ratio <= 1.2 ? 'met' : 'missed'})`);
  await proxy.revive();
  const back = performance.now();
  while (jz43Failed(await fed.query(QUERY))) await new Promise((resolve) => setTimeout(resolve, 50));
  const recovery = (performance.now() - back) / 1000;
  console.log(`recovery: JZ43 answers again ${recovery.toFixed(2)} s after its database returned (target ≤ 5 s: ${recovery <= 5 ? 'met' : 'missed'})`);
} finally {
  await fed.stop();
  await proxy.close();
}
