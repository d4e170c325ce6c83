import { createCluster, type Cluster } from './cluster.js';
import { adminHeaders, drive, percentile, type Outcome } from './load.js';
import { startOwnServer, type OwnServer } from './pg-server.js';

/**
 * `npm run chaos`: the soak's query mix at CHAOS_RATE (5) requests per second against the
 * federation as separate processes on two PostgreSQL servers of its own (made for the run, filled
 * with DEMO_SCALE (0.05) demo data, removed at the end, also on Ctrl-C): one for JZ43, one for
 * every other region and the national data; the gateway's answer cache is off, so every request
 * reaches the subgraphs and their servers. Three faults in turn: the procurement subgraph killed
 * (kill -9) and started again after CHAOS_FAULT_S (10) seconds; JZ43's server stopped
 * (`pg_ctl stop -m fast`) and started again after CHAOS_FAULT_S; the other server restarted
 * (`pg_ctl restart -m fast`). For each phase it prints the requests and errors, what was missing
 * from the answers, and the recovery time: from the end of the fault to the first of ten answers
 * in a row with nothing missing.
 */
const rate = Number(process.env.CHAOS_RATE ?? 5);
const faultSeconds = Number(process.env.CHAOS_FAULT_S ?? 10);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const servers: OwnServer[] = [];
let cluster: Cluster | undefined;
let cleaning: Promise<void> | undefined;
const cleanUp = () =>
  (cleaning ??= (async () => {
    await cluster?.stop().catch((error: unknown) => console.error(`stopping the services: ${(error as Error).message}`));
    for (const server of servers) await server.remove();
  })());
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    console.log(`${signal}: stopping the services and removing the servers`);
    void cleanUp().finally(() => process.exit(130));
  });
}

try {
  const began = performance.now();
  const main = await startOwnServer('chaos-main');
  servers.push(main);
  const jz43 = await startOwnServer('chaos-jz43');
  servers.push(jz43);
  // Without the answer cache: the mix is five queries, which the cache would answer through every fault.
  cluster = await createCluster({ serverUrl: main.url, regionServerUrl: jz43.url, scale: process.env.DEMO_SCALE ?? '0.05', env: { RESPONSE_CACHE: 'off' } });
  await cluster.startAll();
  console.log(`two servers made and the services started on their demo data in ${((performance.now() - began) / 1000).toFixed(0)} s`);
  const running = cluster;
  const headers = await adminHeaders();
  const outcomes: Outcome[] = [];
  let done = false;
  const load = drive(running.gatewayUrl, headers, rate, () => done, (o) => outcomes.push(o));

  /** A fault held `holdSeconds`, then repaired; a restart is its own repair. */
  const phase = async (name: string, fault: () => Promise<void>, repair: () => Promise<void>, holdSeconds = faultSeconds) => {
    await sleep(5_000);
    const from = performance.now();
    await fault();
    await sleep(holdSeconds * 1000);
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
      `${name} (down ${((repaired - from) / 1000).toFixed(1)} s): ${during.length} requests, ${errors.length} with a part missing; missing: ${[...new Set(errors.flatMap((o) => o.missing))].join(', ') || 'nothing'}; ` +
        `p99 ${percentile(during.map((o) => o.ms), 99).toFixed(0)} ms; recovered ${recovered === undefined ? 'not within 60 s' : `${(recovered / 1000).toFixed(1)} s after the repair`}`,
    );
  };

  await phase(`procurement killed (kill -9) for ${faultSeconds} s`, () => running.kill('procurement'), () => running.start('procurement'));
  await phase(`JZ43's server stopped (pg_ctl stop -m fast) for ${faultSeconds} s`, () => jz43.stop(), () => jz43.start());
  await phase('the other server restarted (pg_ctl restart -m fast)', () => main.restart(), async () => {}, 0);
  done = true;
  await load;
  const whole = outcomes.filter((o) => o.ms > 0);
  console.log(`whole run: ${whole.length} requests, ${whole.filter((o) => !o.ok).length} with a part missing, no answer lost: ${whole.every((o) => !o.missing.some((m) => m.startsWith('no answer') || m.startsWith('HTTP 5'))) ? 'yes' : 'no'}`);
} finally {
  await cleanUp();
}
