import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
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
 * errors, the peak resident memory and the size of the data folder once all demo data is in
 * place. Then, in Chromium, how long the regional dashboard takes from opening the page to
 * showing its data (median of five openings).
 *
 * Peak memory counts the whole process tree `npm start` makes, from its spawn on: the RSS of the
 * process and of every process under it (the web bundler's, any other), summed every 100 ms; and,
 * as a sample can miss a short peak, the process's own high-water mark (VmHWM, every thread: the
 * database's, the demo generator's) plus the highest sum of the others, that mark read once the
 * others have ended (the first sample without them): the process held no more than it while they
 * ran. The larger is judged.
 * Printed with it: the CPU time the process tree used and the machine's load average, as
 * answer times depend on what else runs.
 * Targets: every answer ≤ 1 s, peak RSS ≤ 700 MB, data folder ≤ 500 MB at scale 1, data ≤ 1 s.
 */
const dir = mkdtempSync(join(tmpdir(), 'bench-first-start-'));
const scale = process.env.DEMO_SCALE ?? '1';
const env = {
  EMBEDDED_DATA_DIR: join(dir, 'pglite'),
  GATEWAY_PORT: '0',
  PROCUREMENT_PORT: '0',
  ACCESS_PORT: '0',
  MONITORING_PORT: '0',
  REGISTRY_PORT: '0',
  DEMO_SCALE: scale,
};
const QUERY = `{ region(code: "JZ34") {
  waitingTimeSummary { providersReporting { value } shareOverNorm byProductCategory { productCategory { code } medianTotalWeeks } }
  accessStatistics { referralCounts { month referrals } }
  spending(year: ${new Date().getFullYear()}) { yearToDateEuros }
} }`;

/** A field of /proc/<pid>/status in bytes (VmRSS, VmHWM); 0 once the process is gone. */
const statusBytes = (pid: number, field: string): number => {
  try {
    const line = readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((l) => l.startsWith(`${field}:`));
    return Number(/\d+/.exec(line ?? '')?.[0] ?? 0) * 1024;
  } catch {
    return 0;
  }
};

/** The processes under `root`, at any depth, each with its parent. */
function descendants(root: number): { pid: number; parent: number }[] {
  const parents = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // pid (name) state ppid ...; the name may hold spaces and parentheses.
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      parents.set(Number(entry), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {
      // gone meanwhile
    }
  }
  const found: { pid: number; parent: number }[] = [];
  for (let layer = [root]; layer.length > 0; ) {
    const below = [...parents].filter(([, parent]) => layer.includes(parent)).map(([pid, parent]) => ({ pid, parent }));
    found.push(...below);
    layer = below.map((p) => p.pid);
  }
  return found;
}

/** CPU seconds (user + system) a process and its children it waited for have used. */
function cpuSeconds(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // utime stime cutime cstime are fields 14 to 17 of stat; the slice starts at field 3.
    return fields.slice(11, 15).reduce((sum, ticks) => sum + Number(ticks), 0) / 100;
  } catch {
    return 0;
  }
}

const isStart = (pid: number): boolean => {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('all-in-one/src/start.ts');
  } catch {
    return false;
  }
};

/**
 * Samples, from now until stopped, the memory and CPU of `npm start`'s process (the child of this
 * one that runs start.ts) and every process under it.
 */
function watchTree() {
  let treePeak = 0;
  let othersPeak = 0;
  /** The process's high-water mark once the other processes had ended, plus their peak. */
  let withOthers = 0;
  let othersRunning = false;
  let main = 0;
  const cpu = new Map<number, number>();
  const sample = () => {
    main = main || (descendants(process.pid).find((p) => p.parent === process.pid && isStart(p.pid))?.pid ?? 0);
    if (!main) return;
    const others = descendants(main).map((p) => statusBytes(p.pid, 'VmRSS'));
    const othersRss = others.reduce((sum, bytes) => sum + bytes, 0);
    treePeak = Math.max(treePeak, statusBytes(main, 'VmRSS') + othersRss);
    othersPeak = Math.max(othersPeak, othersRss);
    if (othersRss > 0) othersRunning = true;
    else if (othersRunning) {
      othersRunning = false;
      withOthers = Math.max(withOthers, statusBytes(main, 'VmHWM') + othersPeak);
    }
    for (const pid of [main, ...descendants(main).map((p) => p.pid)]) cpu.set(pid, Math.max(cpu.get(pid) ?? 0, cpuSeconds(pid)));
  };
  const timer = setInterval(sample, 100);
  return {
    /** The tree's peak as judged (see above), the parts of it, and the CPU seconds used so far. */
    stop() {
      sample();
      clearInterval(timer);
      const hwm = statusBytes(main, 'VmHWM');
      const withOthersNow = othersRunning ? hwm + othersPeak : withOthers;
      return {
        peak: Math.max(treePeak, hwm, withOthersNow),
        treePeak,
        hwm,
        othersPeak,
        withOthers: withOthersNow,
        cpu: [...cpu.values()].reduce((a, b) => a + b, 0),
      };
    },
  };
}
const load = () => loadavg().map((l) => l.toFixed(1)).join(' ');
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
  const loadBefore = load();
  const began = Date.now();
  const tree = watchTree();
  const started = await startProcess([], env, 300_000);
  const times: number[] = [];
  const errors = new Set<string>();
  let loaded = false;
  let memory: ReturnType<typeof tree.stop>;
  let dataBytes: number;
  let timesToData: number[];
  try {
    const done = started.waitFor('all demo data in place', 3_600_000).then(() => (loaded = true));
    while (!loaded) {
      const asked = performance.now();
      const answer = await post(started.url, QUERY, undefined, headers);
      times.push(performance.now() - asked);
      for (const error of answer.errors ?? []) errors.add(String(error.extensions?.code ?? error.message));
      await Promise.race([done, new Promise((resolve) => setTimeout(resolve, 250))]);
    }
    memory = tree.stop();
    dataBytes = Number(execFileSync('du', ['-sb', env.EMBEDDED_DATA_DIR], { encoding: 'utf8' }).split('\t')[0]);
    timesToData = await dashboardTimesToData(started.url.replace(/graphql$/, ''));
  } finally {
    tree.stop();
    await started.interrupt();
  }
  const sorted = [...times].sort((a, b) => a - b);
  const p95 = sorted[Math.floor(sorted.length * 0.95)] ?? 0;
  const slowest = sorted[sorted.length - 1] ?? 0;
  const peak = memory.peak;
  console.log(`DEMO_SCALE=${scale}: ${times.length} dashboard queries while the demo data loaded (${Math.round((Date.now() - began) / 1000)} s in all)`);
  console.log(`  machine load average (1, 5, 15 min) before: ${loadBefore}, after: ${load()}; CPU time of the process tree: ${Math.round(memory.cpu)} s`);
  const overSecond = times.filter((t) => t > 1000).length;
  console.log(
    `  slowest answer ${Math.round(slowest)} ms, p95 ${Math.round(p95)} ms, ${overSecond} over 1 s (the first: ${Math.round(times[0] ?? 0)} ms), ` +
      `errors: ${errors.size ? [...errors].join(', ') : 'none'}`,
  );
  console.log(
    `  peak RSS ${mb(peak)} (process tree summed every 100 ms: ${mb(memory.treePeak)}; npm start's own high-water mark ${mb(memory.hwm)}; ` +
      `its child processes' peak ${mb(memory.othersPeak)}, with the process's mark once they had ended ${mb(memory.withOthers)}), data folder ${mb(dataBytes)}`,
  );
  const medianToData = [...timesToData].sort((a, b) => a - b)[Math.floor(timesToData.length / 2)] ?? 0;
  console.log(`  regional dashboard (JZ34) in Chromium, page opened to data shown: ${timesToData.join(', ')} ms; median ${medianToData} ms`);
  console.log(
    `targets: answers ≤ 1000 ms ${slowest <= 1000 ? 'met' : 'missed'}, peak RSS ≤ 700 MB ${peak <= 700e6 ? 'met' : 'missed'}, ` +
      `data ≤ 500 MB ${dataBytes <= 500e6 ? 'met' : 'missed'}, dashboard data ≤ 1000 ms ${medianToData <= 1000 ? 'met' : 'missed'}`,
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
