import { startCluster } from './cluster.js';
import { adminHeaders, drive, percentile, type Outcome } from './load.js';

/**
 * `npm run chaos`: the soak's query mix at CHAOS_RATE (5) requests per second against the
 * federation as separate processes on PostgreSQL, through three faults in turn, each held for
 * CHAOS_FAULT_S (10) seconds: the procurement subgraph killed (kill -9) and started again, JZ43's
 * database server stopped and started, and PostgreSQL restarted (every connection dropped and
 * refused, then accepted again, by the proxy every service reaches it through). For each phase it
 * prints the requests and errors, what was missing from the answers, and the recovery time: from
 * the end of the fault to the first of ten answers in a row with nothing missing.
 */
const rate = Number(process.env.CHAOS_RATE ?? 5);
const faultSeconds = Number(process.env.CHAOS_FAULT_S ?? 10);
const serverUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const cluster = await startCluster(serverUrl, process.env.DEMO_SCALE ?? '0.2');
try {
  const headers = await adminHeaders();
  const outcomes: Outcome[] = [];
  let done = false;
  const load = drive(cluster.gatewayUrl, headers, rate, () => done, (o) => outcomes.push(o));

  const phase = async (name: string, fault: () => Promise<void>, repair: () => Promise<void>) => {
    await sleep(5_000);
    const from = performance.now();
    await fault();
    await sleep(faultSeconds * 1000);
    await repair();
    const repaired = performance.now();
    let recovered: number | undefined;
    while (recovered === undefined && performance.now() - repaired < 60_000) {
      await sleep(200);
      const after = outcomes.filter((o) => o.at >= repaired).sort((a, b) => a.at - b.at);
      for (let i = 0; i + 10 <= after.length; i++) {
        if (after.slice(i, i + 10).every((o) => o.ok)) {
          recovered = after[i]!.at - repaired;
          break;
        }
      }
    }
    const during = outcomes.filter((o) => o.at >= from && o.at < repaired + (recovered ?? 60_000));
    const errors = during.filter((o) => !o.ok);
    console.log(
      `${name}: ${during.length} requests, ${errors.length} with a part missing; missing: ${[...new Set(errors.flatMap((o) => o.missing))].join(', ') || 'nothing'}; ` +
        `p99 ${percentile(during.map((o) => o.ms), 99).toFixed(0)} ms; recovered ${recovered === undefined ? 'not within 60 s' : `${(recovered / 1000).toFixed(1)} s after the repair`}`,
    );
  };

  await phase('procurement killed and restarted', () => cluster.kill('procurement'), () => cluster.start('procurement'));
  await phase("JZ43's database server stopped and started", () => cluster.regionDatabase.kill(), () => cluster.regionDatabase.revive());
  await phase('PostgreSQL restarted', () => cluster.database.kill(), () => cluster.database.revive());
  done = true;
  await load;
  const whole = outcomes.filter((o) => o.ms > 0);
  console.log(`whole run: ${whole.length} requests, ${whole.filter((o) => !o.ok).length} with a part missing, no answer lost: ${whole.every((o) => !o.missing.some((m) => m.startsWith('no answer') || m.startsWith('HTTP 5'))) ? 'yes' : 'no'}`);
} finally {
  await cluster.stop();
}
