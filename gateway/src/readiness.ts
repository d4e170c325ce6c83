import type { JsonAnswer } from '@youth-care/lib/http';

interface SubgraphState {
  readonly state: 'up' | 'down';
  /** The subgraph's own /ready: its regions up, down or skipped; absent when it did not answer. */
  readonly ready?: unknown;
  readonly error?: string;
}

async function check(url: string, timeoutMs: number): Promise<SubgraphState> {
  try {
    const response = await fetch(new URL('/ready', url), { signal: AbortSignal.timeout(timeoutMs) });
    const ready = (await response.json()) as unknown;
    return response.ok ? { state: 'up', ready } : { state: 'down', ready, error: `/ready answered ${response.status}` };
  } catch (error) {
    const timedOut = error instanceof Error && error.name === 'TimeoutError';
    return { state: 'down', error: timedOut ? `no answer within ${timeoutMs} ms` : 'could not be reached' };
  }
}

/**
 * The gateway's /ready: each subgraph up or down, with what its own /ready says of its regions.
 * With some subgraphs down the gateway still answers with the others' data, so it stays ready,
 * "degraded"; with none up it is not ready.
 */
export async function gatewayReadiness(services: ReadonlyMap<string, string>, timeoutMs: number): Promise<JsonAnswer> {
  const names = [...services.keys()];
  // Each subgraph's regions are probed within a second; three leave room before an orchestrator's 5 s.
  const limit = Math.min(timeoutMs, 3000);
  const states = await Promise.all(names.map((name) => check(services.get(name)!, limit)));
  const up = states.filter((s) => s.state === 'up').length;
  const status = names.length > 0 && up === names.length ? 'ready' : up > 0 ? 'degraded' : 'not ready';
  return {
    status: up > 0 ? 200 : 503,
    body: { status, supergraph: names.length > 0 ? 'loaded' : 'not loaded', subgraphs: Object.fromEntries(names.map((n, i) => [n, states[i]])) },
  };
}
