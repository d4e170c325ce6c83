import { mintToken } from '../../gateway/src/auth/mint.js';
import { loadConfig } from '@youth-care/lib/config';

/** The query mix of the soak and chaos scripts: what dashboards, portals and circles ask most. */
export const MIX = [
  `{ regions { code name waitingTimeSummary { providersReporting { value } shareOverNorm } } }`,
  `{ region(code: "JZ34") { name accessStatistics { dropout { count of } leadTimes { requestToAllocation { medianDays } } } } }`,
  `{ region(code: "JZ43") { name contracts { id form } latestWaitingTimes { totalWeeks } } }`,
  `{ regions(codes: ["JZ21", "JZ33"]) { code indicators(periods: ["2023JJ00"], indicators: [YOUTH_CARE]) { period } } }`,
  `{ providers(regions: ["JZ21"]) { agbCode name } productCategories { code name } }`,
];

export interface Outcome {
  readonly at: number;
  readonly ms: number;
  readonly ok: boolean;
  /** What was missing from the answer: a subgraph, a region, or the whole answer. */
  readonly missing: readonly string[];
}

export async function adminHeaders(): Promise<Record<string, string>> {
  const token = await mintToken(loadConfig().auth, { role: 'admin', subject: 'soak' });
  return { 'content-type': 'application/json', authorization: `Bearer ${token}` };
}

async function ask(url: string, headers: Record<string, string>, query: string): Promise<Outcome> {
  const at = performance.now();
  try {
    const response = await fetch(url, { method: 'POST', headers, body: JSON.stringify({ query }), signal: AbortSignal.timeout(30_000) });
    const body = (await response.json()) as { errors?: { extensions?: Record<string, unknown> }[] };
    const missing = (body.errors ?? []).map(({ extensions: x }) =>
      x?.code === 'REGION_UNAVAILABLE' ? `region ${String(x.region)}` : x?.code === 'SUBGRAPH_UNAVAILABLE' ? `subgraph ${String(x.serviceName)}` : String(x?.code),
    );
    return { at, ms: performance.now() - at, ok: response.ok && missing.length === 0, missing: response.ok ? [...new Set(missing)] : [`HTTP ${response.status} ${[...new Set(missing)].join(', ')}`.trim()] };
  } catch (error) {
    return { at, ms: performance.now() - at, ok: false, missing: [`no answer (${(error as Error).name})`] };
  }
}

/** As many requests as `concurrency` callers can send back to back for `seconds`: requests per second. */
export async function peakRate(url: string, headers: Record<string, string>, seconds: number, concurrency = 8): Promise<number> {
  const until = performance.now() + seconds * 1000;
  let done = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async (_, worker) => {
      for (let i = worker; performance.now() < until; i++) {
        await ask(url, headers, MIX[i % MIX.length]!);
        done++;
      }
    }),
  );
  return done / seconds;
}

/** Sends the mix at `rate` requests per second (open loop) until `stop()` resolves true; every outcome goes to `record`. */
export async function drive(url: string, headers: Record<string, string>, rate: number, stop: () => boolean, record: (o: Outcome) => void): Promise<void> {
  const inFlight = new Set<Promise<void>>();
  const began = performance.now();
  for (let i = 0; !stop(); i++) {
    const due = began + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    const request = ask(url, headers, MIX[i % MIX.length]!).then(record);
    inFlight.add(request);
    void request.finally(() => inFlight.delete(request));
  }
  await Promise.all(inFlight);
}

export const percentile = (values: readonly number[], p: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
};
