import { viewerFromClaims } from '@youth-care/lib/auth/viewer';
import { startFederation } from '../support/federation.js';

/**
 * `npm run bench:dashboard`: a regional dashboard's query (one region, every access statistic)
 * over the full demo data (scale 1) on the embedded database, through the gateway. Prints the
 * median and 95th percentile of repeated runs after a warm-up, and the SQL statements per run.
 * Target on a 2-core machine: 300 ms. It asks as the region's own analyst, so the token check
 * and the gateway's directive guard are in the figures.
 */
const REGION = process.env.BENCH_REGION ?? 'JZ33';
const RUNS = Number(process.env.BENCH_RUNS ?? 20);
const ANALYST = viewerFromClaims({ sub: 'bench-analyst', role: 'region-analyst', region: REGION });
const QUERY = `query($code: ID!, $year: Int!) { region(code: $code) { name
  accessStatistics {
    referralCounts { referrerType { code } productCategory { code } month referrals }
    referralFlows { referrerType { code } productCategory { code } referrals }
    leadTimes { trajectories requestToAllocation { medianDays p90Days } allocationToStart { medianDays p90Days } requestToStart { medianDays p90Days } }
    dropout { count of share } repeatUse { count of share } averageDurationDays
    planCoverage { residentialInCare perspectivePlanShare seventeenInCare futurePlanShare } }
  spending(year: $year) { yearToDateEuros byProductCategory { productCategory { code } yearToDateEuros months { month euros bridgingCareEuros } } } } }`;

const began = Date.now();
const fed = await startFederation({ label: 'bench_dashboard', scale: Number(process.env.DEMO_SCALE ?? 1) });
console.log(`federation with demo data ready after ${((Date.now() - began) / 1000).toFixed(1)} s`);
try {
  const variables = { code: REGION, year: new Date().getFullYear() };
  const first = await fed.query(QUERY, variables, ANALYST);
  if (first.errors) throw new Error(JSON.stringify(first.errors));
  const times: number[] = [];
  let statements = 0;
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    statements = await fed.countStatements(() => fed.query(QUERY, variables, ANALYST));
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))]!.toFixed(0);
  console.log(`dashboard query for ${REGION}: median ${at(0.5)} ms, p95 ${at(0.95)} ms over ${RUNS} runs; ${statements} SQL statements per run (target: 300 ms)`);
} finally {
  await fed.stop();
}
