import { writeFile } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import autocannon from 'autocannon';
import postgres from 'postgres';
import { loadConfig } from '@youth-care/lib/config';
import { composeSupergraph } from '../../schema/compose.js';
import { mintToken } from '../../gateway/src/auth/mint.js';
import { startChild, type Child } from './gateways/processes.js';
import { benchQueries, type BenchQuery } from './gateways/queries.js';
import { BENCH_PEER } from './gateways/peer.js';

/**
 * `npm run bench:gateways`: our gateway (with an admin token), stock @apollo/gateway on
 * startStandaloneServer, and Hive Gateway with its defaults, each in its own process, over the
 * same three subgraphs on PostgreSQL with the full demo data (BENCH_DATABASE_URL; created and
 * filled on the first run). It checks that all three give the same data, then loads each with
 * autocannon (20 connections, a warm-up, BENCH_SECONDS per run, rounds alternating the order)
 * and prints req/s, p50, p99, gateway CPU per request, peak RSS and the ratios ours/stock and
 * ours/Hive, and the fan-out pair (one region against five): under autocannon's load, and alone,
 * one client asking both in turns timed with hrtime (BENCH_PAIR_TURNS). BENCH_ONLY=fan-out runs
 * the pair alone, for repeated runs of that target.
 */
const SECONDS = Number(process.env.BENCH_SECONDS ?? 15);
const WARM_UP_SECONDS = Number(process.env.BENCH_WARMUP_SECONDS ?? 3);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);
const CONNECTIONS = 20;
/** Turns of the fan-out pair asked one at a time (BENCH_PAIR_TURNS), after a warm-up. */
const PAIR_TURNS = Number(process.env.BENCH_PAIR_TURNS ?? 100);
const PAIR_WARM_UP = 10;
/** `fan-out` runs only the fan-out pair, for repeated runs of that target alone. */
const ONLY_FAN_OUT = process.env.BENCH_ONLY === 'fan-out';
const DATABASE_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/youthcare_bench_gateways';
const say = (line: string) => process.stderr.write(`${line}\n`);

async function ensureDatabase(url: string): Promise<void> {
  const target = new URL(url);
  const name = target.pathname.slice(1);
  target.pathname = '/postgres';
  const admin = postgres(target.toString(), { max: 1, onnotice: () => {} });
  try {
    const exists = await admin`SELECT 1 FROM pg_database WHERE datname = ${name}`;
    if (exists.length === 0) await admin.unsafe(`CREATE DATABASE "${name.replace(/"/g, '')}"`);
  } finally {
    await admin.end();
  }
}

interface Run {
  readonly requests: number;
  readonly seconds: number;
  readonly p50: number;
  /** autocannon's percentiles are whole milliseconds; the mean tells apart answers under one. */
  readonly mean: number;
  readonly p99: number;
  readonly cpuMs: number;
  readonly peakRssMb: number;
  readonly failures: number;
}

/**
 * Waits until the subgraphs and the gateway are idle: autocannon stops sending at the end of a
 * run, but the answers under way would still burden the next gateway's run.
 */
async function settle(processes: readonly Child[]): Promise<void> {
  for (let i = 0; i < 120; i++) {
    const before = processes.map((p) => p.cpuMs());
    await new Promise((resolve) => setTimeout(resolve, 250));
    if (processes.every((p, j) => p.cpuMs() - before[j]! < 30)) return;
  }
}

async function load(gateway: Child, url: string, headers: Record<string, string>, q: BenchQuery, seconds: number): Promise<Run> {
  const body = JSON.stringify({ query: q.query, variables: q.variables });
  let peak = gateway.rssMb();
  const sampler = setInterval(() => (peak = Math.max(peak, gateway.rssMb())), 100);
  const cpuBefore = gateway.cpuMs();
  try {
    const result = await autocannon({
      url,
      connections: CONNECTIONS,
      duration: seconds,
      timeout: 60,
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body,
    });
    const cpuMs = gateway.cpuMs() - cpuBefore;
    return {
      requests: result['2xx'],
      seconds: result.duration,
      p50: result.latency.p50,
      mean: result.latency.mean,
      p99: result.latency.p99,
      cpuMs,
      peakRssMb: Math.max(peak, gateway.rssMb()),
      failures: result.non2xx + result.errors + result.timeouts,
    };
  } finally {
    clearInterval(sampler);
  }
}

interface Contender {
  readonly name: string;
  readonly child: Child;
  readonly url: string;
  readonly headers: Record<string, string>;
}

async function ask(c: Contender, q: BenchQuery): Promise<{ data?: unknown; errors?: unknown }> {
  const response = await fetch(c.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...c.headers },
    body: JSON.stringify({ query: q.query, variables: q.variables }),
  });
  return (await response.json()) as { data?: unknown; errors?: unknown };
}

/**
 * The fan-out pair's latency to the microsecond: one client asks the one-region and the
 * five-region question in turns (the order reversed every other turn), timing each answer with
 * hrtime, so both sides share the machine's load and autocannon's whole milliseconds do not
 * decide the ratio. Returns the p50 of each side.
 */
async function pairLatency(c: Contender, one: BenchQuery, five: BenchQuery, turns: number): Promise<[number, number]> {
  const timed = async (q: BenchQuery) => {
    const began = process.hrtime.bigint();
    const answer = await ask(c, q);
    if (answer.errors) throw new Error(`${c.name} answered "${q.name}" with errors`);
    return Number(process.hrtime.bigint() - began) / 1e6;
  };
  for (let i = 0; i < PAIR_WARM_UP; i++) await Promise.all([timed(one), timed(five)]);
  const times: [number[], number[]] = [[], []];
  for (let turn = 0; turn < turns; turn++) {
    if (turn % 2 === 0) {
      times[0].push(await timed(one));
      times[1].push(await timed(five));
    } else {
      times[1].push(await timed(five));
      times[0].push(await timed(one));
    }
  }
  const p50 = (list: number[]) => list.sort((a, b) => a - b)[Math.floor(list.length / 2)]!;
  return [p50(times[0]), p50(times[1])];
}

const children: Child[] = [];
process.on('SIGINT', () => void Promise.all(children.map((c) => c.stop())).then(() => process.exit(130)));

try {
  await ensureDatabase(DATABASE_URL);
  say(`subgraphs on ${DATABASE_URL} (the first run loads the full demo data; that takes minutes)`);
  const subgraphs = await startChild('subgraphs', 'test/bench/gateways/subgraphs.ts', { DATABASE_URL, DEMO_SCALE: '1', DEMO_DATA: 'true' });
  children.push(subgraphs);
  const supergraphPath = join(tmpdir(), `bench-gateways-${process.pid}.graphql`);
  await writeFile(supergraphPath, composeSupergraph(subgraphs.ready.subgraphs as Record<string, string>));

  const env = { SUPERGRAPH_PATH: supergraphPath, GATEWAY_PORT: '0', HOST: '127.0.0.1', APOLLO_TELEMETRY_DISABLED: '1', NODE_ENV: 'development' };
  const ours = await startChild('ours', 'gateway/src/index.ts', env, /listening on (http:\/\/[^\s"]+)/);
  const uncached = await startChild('ours without cache', 'gateway/src/index.ts', { ...env, RESPONSE_CACHE: 'off' }, /listening on (http:\/\/[^\s"]+)/);
  const stock = await startChild('stock', 'test/bench/gateways/stock.ts', env);
  const hive = await startChild('hive', 'test/bench/gateways/hive.ts', env);
  children.push(ours, uncached, stock, hive);
  const token = await mintToken(loadConfig().auth, BENCH_PEER);
  const contenders: Contender[] = [
    { name: 'ours', child: ours, url: String(ours.ready.url), headers: { authorization: `Bearer ${token}` } },
    { name: 'ours without cache', child: uncached, url: String(uncached.ready.url), headers: { authorization: `Bearer ${token}` } },
    { name: 'stock Apollo', child: stock, url: String(stock.ready.url), headers: {} },
    { name: 'Hive Gateway', child: hive, url: String(hive.ready.url), headers: {} },
  ];

  const portal = (await ask(contenders[0]!, { name: 'a provider', query: '{ region(code: "JZ34") { contracts { provider { agbCode } } } }' })) as {
    data: { region: { contracts: { provider: { agbCode: string } }[] } };
  };
  const { mix, fanOut } = benchQueries(portal.data.region.contracts[0]!.provider.agbCode);
  const all = ONLY_FAN_OUT ? [...fanOut] : [...mix, ...fanOut];

  for (const q of all) {
    const answers = [];
    for (const c of contenders) answers.push(await ask(c, q));
    for (const [i, answer] of answers.entries()) {
      if (answer.errors) throw new Error(`${contenders[i]!.name} answered "${q.name}" with errors: ${JSON.stringify(answer.errors).slice(0, 500)}`);
      if (!isDeepStrictEqual(answer.data, answers[0]!.data)) throw new Error(`${contenders[i]!.name} answered "${q.name}" with other data than ours`);
    }
    say(`same data from all three: ${q.name} (${(JSON.stringify(answers[0]).length / 1024).toFixed(0)} KB)`);
  }

  const runs = new Map<string, Run[]>();
  // Rounds outermost, the order of queries and of gateways reversed every other round, so that
  // the two sides of every ratio (the fan-out pair above all) share the machine's load alike.
  for (let round = 0; round < ROUNDS; round++) {
    const queries = round % 2 === 0 ? all : [...all].reverse();
    const order = round % 2 === 0 ? contenders : [...contenders].reverse();
    for (const q of queries) {
      for (const c of order) {
        await settle([subgraphs, c.child]);
        await load(c.child, c.url, c.headers, q, WARM_UP_SECONDS);
        await settle([subgraphs, c.child]);
        const run = await load(c.child, c.url, c.headers, q, SECONDS);
        if (run.failures > 0) say(`  ${c.name}: ${run.failures} failed requests on ${q.name}`);
        say(`  ${q.name}, round ${round + 1}, ${c.name}: ${(run.requests / run.seconds).toFixed(0)} req/s, p50 ${run.p50} ms, p99 ${run.p99} ms`);
        const key = `${q.name}\n${c.name}`;
        runs.set(key, [...(runs.get(key) ?? []), run]);
      }
    }
  }

  const [one, five] = fanOut;
  const pairs = new Map<Contender, [number, number]>();
  for (const c of contenders) {
    await settle([subgraphs, c.child]);
    pairs.set(c, await pairLatency(c, one, five, PAIR_TURNS));
  }

  const summary = (q: BenchQuery, c: Contender) => {
    const list = runs.get(`${q.name}\n${c.name}`) ?? [];
    const requests = list.reduce((n, r) => n + r.requests, 0);
    const mean = (f: (r: Run) => number) => list.reduce((n, r) => n + f(r), 0) / list.length;
    return {
      rps: mean((r) => r.requests / r.seconds),
      p50: mean((r) => r.p50),
      mean: mean((r) => r.mean),
      p99: mean((r) => r.p99),
      cpuPerRequest: list.reduce((n, r) => n + r.cpuMs, 0) / Math.max(1, requests),
      peakRss: Math.max(...list.map((r) => r.peakRssMb)),
    };
  };
  const fmt = (s: ReturnType<typeof summary>) =>
    `${s.rps.toFixed(s.rps < 10 ? 1 : 0)} req/s, ${s.p50.toFixed(0)} / ${s.p99.toFixed(0)} ms, ${s.cpuPerRequest.toFixed(2)} ms CPU, ${s.peakRss.toFixed(0)} MB`;
  const [o, nc, st, h] = contenders as [Contender, Contender, Contender, Contender];
  const lines = [
    `${CONNECTIONS} connections, ${ROUNDS} alternating rounds of ${SECONDS} s after ${WARM_UP_SECONDS} s warm-up; each cell: req/s, p50 / p99, gateway CPU per request, gateway peak RSS`,
    '',
    '| query | ours | ours without cache | stock Apollo | Hive Gateway | ours/stock req/s | ours/Hive req/s | p99 ours vs Hive |',
    '|---|---|---|---|---|---|---|---|',
  ];
  for (const q of all) {
    const [so, snc, ss, sh] = [summary(q, o), summary(q, nc), summary(q, st), summary(q, h)];
    lines.push(
      `| ${q.name} | ${fmt(so)} | ${fmt(snc)} | ${fmt(ss)} | ${fmt(sh)} | ${(so.rps / ss.rps).toFixed(2)}× | ${(so.rps / sh.rps).toFixed(2)}× | ${sh.rps === 0 ? 'n/a (no Hive answer in time)' : so.p99 <= sh.p99 ? 'no worse' : 'worse'} |`,
    );
  }
  lines.push('', 'fan-out, five regions against one (under load: autocannon p50, mean in brackets; alone: p50 of one client asking both in turns, hrtime):');
  const ratio = (x: number, y: number) => (x > 0 ? `${(y / x).toFixed(2)}×` : 'n/a');
  for (const c of contenders) {
    const [a, b] = [summary(one, c), summary(five, c)];
    const [alone1, alone5] = pairs.get(c)!;
    lines.push(
      `  ${c.name}: under load one ${a.p50.toFixed(0)} ms (${a.mean.toFixed(2)}), five ${b.p50.toFixed(0)} ms (${b.mean.toFixed(2)}): ${ratio(a.p50, b.p50)} (${ratio(a.mean, b.mean)}); ` +
        `alone one ${alone1.toFixed(2)} ms, five ${alone5.toFixed(2)} ms: ${ratio(alone1, alone5)}`,
    );
  }
  const verdict = (met: boolean) => (met ? 'met' : 'NOT met');
  const [o1, o5] = pairs.get(o)!;
  const [nc1, nc5] = pairs.get(nc)!;
  lines.push(
    '',
    `targets (${PAIR_TURNS} turns of the pair alone; load average ${loadavg().map((n) => n.toFixed(1)).join(' ')}):`,
    `  five regions <= 1.5x one region at p50, ours (${(o5 / o1).toFixed(2)}x; without the cache ${(nc5 / nc1).toFixed(2)}x): ${verdict(o5 / o1 <= 1.5)}`,
  );
  if (!ONLY_FAN_OUT) {
    const hiveRatios = mix.map((q) => summary(q, o).rps / summary(q, h).rps);
    // A run too short for a single Hive answer has no p99 to compare with.
    const p99NoWorse = mix.every((q) => summary(q, h).rps > 0 && summary(q, o).p99 <= summary(q, h).p99);
    const tiny = mix.find((q) => q.name === 'tiny')!;
    const large = mix.find((q) => q.name === 'large answer')!;
    lines.push(
      `  ours >= 1.5x Hive req/s on every query of the mix (lowest ${Math.min(...hiveRatios).toFixed(2)}x), p99 no worse: ${verdict(Math.min(...hiveRatios) >= 1.5 && p99NoWorse)}`,
      `  tiny >= 1.0x stock Apollo (${(summary(tiny, o).rps / summary(tiny, st).rps).toFixed(2)}x): ${verdict(summary(tiny, o).rps >= summary(tiny, st).rps)}`,
      `  large answer >= 2x without the cache (${(summary(large, o).rps / summary(large, nc).rps).toFixed(2)}x): ${verdict(summary(large, o).rps >= 2 * summary(large, nc).rps)}`,
      `  peak RSS under the large answer <= 350 MB (${summary(large, o).peakRss.toFixed(0)} MB): ${verdict(summary(large, o).peakRss <= 350)}`,
    );
  }
  console.log(lines.join('\n'));
} finally {
  await Promise.all(children.map((c) => c.stop()));
}
