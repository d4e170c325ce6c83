import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exampleViewers, mintToken } from '../../gateway/src/auth/mint.js';
import { loadConfig } from '@youth-care/lib/config';
import { launchChromium } from '../support/browser.js';
import { post } from '../support/federation.js';
import { startProcess } from '../support/process.js';

/**
 * `npm run bench:first-start`: a first `npm start` on an empty data folder at DEMO_SCALE (1 by
 * default), as a new user has it. While the demo data loads, a regional dashboard's query is
 * asked every quarter second; printed are the slowest and the 95th percentile answer, any
 * errors, the process's peak resident memory (VmHWM: every thread, the demo generator's too)
 * and the size of the data folder once all demo data is in place. Then, in Chromium, how long the
 * regional dashboard takes from opening the page to showing its data (median of five openings).
 * Targets: every answer ≤ 1 s, peak RSS ≤ 700 MB, data folder ≤ 500 MB at scale 1, data ≤ 1 s.
 */
const dir = mkdtempSync(join(tmpdir(), 'bench-first-start-'));
const scale = process.env.DEMO_SCALE ?? '1';
const env = { EMBEDDED_DATA_DIR: join(dir, 'pglite'), GATEWAY_PORT: '0', PROCUREMENT_PORT: '0', ACCESS_PORT: '0', MONITORING_PORT: '0', DEMO_SCALE: scale };
const QUERY = `{ region(code: "JZ34") {
  waitingTimeSummary { providersReporting { value } shareOverNorm byProductCategory { productCategory { code } medianTotalWeeks } }
  accessStatistics { referralCounts { month referrals } }
  spending(year: ${new Date().getFullYear()}) { yearToDateEuros }
} }`;

const peakRss = (pid: number): number => {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((l) => l.startsWith('VmHWM:'));
  return Number(/\d+/.exec(line ?? '')?.[0] ?? 0) * 1024;
};
const mb = (bytes: number) => `${Math.round(bytes / 1e6)} MB`;

/** Opens the dashboard as the demo analyst five times and reads the time the page measured. */
async function dashboardTimesToData(base: string): Promise<number[]> {
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    await page.goto(base);
    await page.selectOption('#role-select', 'region-analyst');
    await page.waitForSelector('main[data-role="region-analyst"][data-loaded="true"]');
    const times: number[] = [];
    for (let i = 0; i < 5; i++) {
      await page.goto(`${base}#/dashboard`);
      await page.reload();
      await page.waitForSelector('main[data-role="region-analyst"][data-loaded="true"]');
      times.push(Number(await page.locator('html').getAttribute('data-time-to-data')));
    }
    return times;
  } finally {
    await browser.close();
  }
}

try {
  const analyst = exampleViewers(Number(scale)).find((v) => v.role === 'region-analyst')!;
  const headers = { authorization: `Bearer ${await mintToken(loadConfig({}).auth, analyst)}` };
  const started = await startProcess([], env, 120_000);
  const pid = started.child.pid!;
  const times: number[] = [];
  const errors = new Set<string>();
  let loaded = false;
  const done = started.waitFor('all demo data in place', 900_000).then(() => (loaded = true));
  let peak = 0;
  while (!loaded) {
    const began = performance.now();
    const answer = await post(started.url, QUERY, undefined, headers);
    times.push(performance.now() - began);
    for (const error of answer.errors ?? []) errors.add(String(error.extensions?.code ?? error.message));
    peak = Math.max(peak, peakRss(pid));
    await Promise.race([done, new Promise((resolve) => setTimeout(resolve, 250))]);
  }
  peak = Math.max(peak, peakRss(pid));
  const dataBytes = Number(execFileSync('du', ['-sb', env.EMBEDDED_DATA_DIR], { encoding: 'utf8' }).split('\t')[0]);
  const timesToData = await dashboardTimesToData(started.url.replace(/graphql$/, ''));
  await started.interrupt();
  const sorted = [...times].sort((a, b) => a - b);
  const p95 = sorted[Math.floor(sorted.length * 0.95)] ?? 0;
  const slowest = sorted[sorted.length - 1] ?? 0;
  console.log(`DEMO_SCALE=${scale}: ${times.length} dashboard queries while the demo data loaded`);
  console.log(`  slowest answer ${Math.round(slowest)} ms, p95 ${Math.round(p95)} ms, errors: ${errors.size ? [...errors].join(', ') : 'none'}`);
  console.log(`  peak RSS ${mb(peak)}, data folder ${mb(dataBytes)}`);
  const medianToData = [...timesToData].sort((a, b) => a - b)[Math.floor(timesToData.length / 2)] ?? 0;
  console.log(`  regional dashboard (JZ34) in Chromium, page opened to data shown: ${timesToData.join(', ')} ms; median ${medianToData} ms`);
  console.log(
    `targets: answers ≤ 1000 ms ${slowest <= 1000 ? 'met' : 'missed'}, peak RSS ≤ 700 MB ${peak <= 700e6 ? 'met' : 'missed'}, ` +
      `data ≤ 500 MB ${dataBytes <= 500e6 ? 'met' : 'missed'}, dashboard data ≤ 1000 ms ${medianToData <= 1000 ? 'met' : 'missed'}`,
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
