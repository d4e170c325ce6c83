import type { Viewer } from '@youth-care/lib/auth/viewer';
import { startFederation } from '../support/federation.js';

/**
 * `npm run bench:learning-circle`: a learning circle's question (all five regions, three years:
 * every CBS indicator, client satisfaction and outcome indicators, waiting times against the norm
 * and referral figures) through the gateway, on the embedded database at demo scale 1. Prints
 * median and p95; target: 300 ms. It asks as a learning circle of the five regions, so the
 * token check and the gateway's directive guard are in the figures.
 */
const RUNS = 40;
const WARM_UP = 5;
const QUERY = `{ regions(codes: ["JZ35", "JZ33", "JZ21", "JZ43", "JZ34"]) { code name
  monitoringComparison(years: [2022, 2023, 2024]) { year youthPopulation { youth0to17 status }
    indicators { indicator { code } status count { value suppressed } value { value suppressed } }
    satisfaction { respondents { value suppressed } accessibility { value suppressed } quality { value suppressed }
      effect { value suppressed } overallGrade { value suppressed } }
    outcomes { providersReporting trajectories { value suppressed } dropout { value suppressed } usefulness { value suppressed }
      continuesWithoutHelp { value suppressed } noRepeatUse { value suppressed } problemsReduced { value suppressed } goalsReached { value suppressed } } }
  waitingTimeComparison(years: [2022, 2023, 2024]) { year providersReporting { value suppressed } shareOverNorm { value suppressed }
    medianTotalWeeks { value suppressed } waitingPer1000 { value suppressed } }
  accessComparison(years: [2022, 2023, 2024]) { year referralsPer1000 { value suppressed }
    dropoutShare { value suppressed } averageDurationDays { value suppressed } medianDaysRequestToStart { value suppressed } } } }`;

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;

const CIRCLE: Viewer = { role: 'learning-circle', subject: 'bench-circle', regions: ['JZ35', 'JZ33', 'JZ21', 'JZ43', 'JZ34'] };

const started = Date.now();
const fed = await startFederation({ label: 'bench_learning_circle', scale: 1 });
console.log(`federation up at demo scale 1 after ${((Date.now() - started) / 1000).toFixed(1)} s`);
try {
  for (let i = 0; i < WARM_UP; i++) {
    const answer = await fed.query(QUERY, undefined, CIRCLE);
    if (answer.errors) throw new Error(JSON.stringify(answer.errors));
  }
  const times: number[] = [];
  let statements = 0;
  for (let i = 0; i < RUNS; i++) {
    const began = performance.now();
    statements = await fed.countStatements(() => fed.query(QUERY, undefined, CIRCLE));
    times.push(performance.now() - began);
  }
  times.sort((a, b) => a - b);
  const median = percentile(times, 50);
  console.log(
    `learning circle (5 regions x 3 years), ${RUNS} runs: median ${median.toFixed(1)} ms, p95 ${percentile(times, 95).toFixed(1)} ms, ` +
      `min ${times[0]!.toFixed(1)} ms, ${statements} SQL statements per query`,
  );
  console.log(`target: median ≤ 300 ms (${median <= 300 ? 'met' : 'missed'})`);
} finally {
  await fed.stop();
}
