import { startCluster, SERVICES } from './cluster.js';
import { adminHeaders, drive, peakRate, percentile, type Outcome } from './load.js';

/**
 * `npm run soak`: the query mix against the federation as separate processes on PostgreSQL
 * (DATABASE_URL, default postgres://postgres@127.0.0.1:5432/postgres; a fresh database is made
 * and dropped; the gateway's answer cache off) for SOAK_MINUTES (10) at 80 % of the peak rate
 * measured first. Samples each service's RSS every 10 s and prints errors per minute, p99 per
 * minute, and RSS growth after the first minute. Targets: 0 errors, RSS growth ≤ 10 %.
 */
const minutes = Number(process.env.SOAK_MINUTES ?? 10);
const serverUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
// Without the answer cache: the mix is five queries, which the cache would answer for every service behind it.
const cluster = await startCluster({ serverUrl, scale: process.env.DEMO_SCALE ?? '0.2', env: { RESPONSE_CACHE: 'off' } });
try {
  const headers = await adminHeaders();
  const peak = await peakRate(cluster.gatewayUrl, headers, 20);
  const rate = Math.max(1, peak * 0.8);
  console.log(`peak ${peak.toFixed(1)} requests/s with 8 callers; soaking ${minutes} min at ${rate.toFixed(1)} requests/s`);
  const began = performance.now();
  const outcomes: Outcome[] = [];
  const samples: { at: number; rss: Record<string, number> }[] = [];
  const sampler = setInterval(() => samples.push({ at: performance.now() - began, rss: cluster.rss() }), 10_000);
  await drive(cluster.gatewayUrl, headers, rate, () => performance.now() - began > minutes * 60_000, (o) => outcomes.push(o));
  clearInterval(sampler);
  samples.push({ at: performance.now() - began, rss: cluster.rss() });
  for (let m = 0; m < minutes; m++) {
    const inMinute = outcomes.filter((o) => o.at - began >= m * 60_000 && o.at - began < (m + 1) * 60_000);
    const errors = inMinute.filter((o) => !o.ok);
    const missing = [...new Set(errors.flatMap((o) => o.missing))];
    console.log(
      `minute ${m + 1}: ${inMinute.length} requests, ${errors.length} errors${missing.length ? ` (${missing.join(', ')})` : ''}, ` +
        `p50 ${percentile(inMinute.map((o) => o.ms), 50).toFixed(0)} ms, p99 ${percentile(inMinute.map((o) => o.ms), 99).toFixed(0)} ms`,
    );
  }
  const afterFirst = samples.find((s) => s.at >= 60_000) ?? samples[0]!;
  const last = samples.at(-1)!;
  const total = (rss: Record<string, number>) => Object.values(rss).reduce((a, b) => a + b, 0);
  const growth = (total(last.rss) - total(afterFirst.rss)) / total(afterFirst.rss);
  console.log(`RSS after the first minute ${total(afterFirst.rss).toFixed(0)} MB, at the end ${total(last.rss).toFixed(0)} MB: growth ${(growth * 100).toFixed(1)} %`);
  console.log(`  per service: ${SERVICES.map((s) => `${s} ${afterFirst.rss[s]!.toFixed(0)} → ${last.rss[s]!.toFixed(0)} MB`).join(', ')}`);
  const errors = outcomes.filter((o) => !o.ok).length;
  console.log(`total: ${outcomes.length} requests, ${errors} errors, p99 ${percentile(outcomes.map((o) => o.ms), 99).toFixed(0)} ms`);
  console.log(`targets: 0 errors (${errors === 0 ? 'met' : 'missed'}), RSS growth ≤ 10 % (${growth <= 0.1 ? 'met' : 'missed'})`);
} finally {
  await cluster.stop();
}
