import { sql } from 'drizzle-orm';
import type { RegionSources } from './db/region-sources.js';
import type { RegionStatus } from './db/region-health.js';
import type { JsonAnswer } from './http.js';
import type { RegionCode } from './regions/registry.js';

const TIMED_OUT = Symbol('timed out');

/** A probe answers within this, whatever the region timeout, so an orchestrator's readiness check (5 s) never times out on it. */
export const PROBE_TIMEOUT_MS = 1000;

/**
 * One region's state now: skipped as the health says; down at once while its source is not
 * prepared (its migration failed and is retried in the background); else up or down as a
 * `SELECT 1` finds it within the probe's time. Probes change the state, not the failure counts.
 */
async function probe<T>(sources: RegionSources<T>, code: RegionCode, timeoutMs: number): Promise<RegionStatus> {
  const known = sources.health.status(code);
  if (known?.state === 'skipped') return known;
  const source = sources.prepared(code);
  if (!source) {
    sources.health.probeFailed(code, 'not prepared');
    return sources.health.status(code)!;
  }
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<typeof TIMED_OUT>((resolve) => {
    timer = setTimeout(() => resolve(TIMED_OUT), timeoutMs);
  });
  try {
    const outcome = await Promise.race([source.db.execute(sql`SELECT 1`), timeout]);
    if (outcome === TIMED_OUT) sources.health.probeFailed(code, 'timed out');
    else sources.health.succeeded(code);
  } catch {
    sources.health.probeFailed(code, 'failed');
  } finally {
    clearTimeout(timer);
  }
  return sources.health.status(code)!;
}

/**
 * A subgraph's /ready: every region it serves as up, down or skipped, with the time and kind of
 * its last failure. A replica with some regions down still serves the others (their answers are
 * partial, not wrong), so it stays ready, "degraded"; with no region up it is not ready.
 */
export async function subgraphReadiness<T>(service: string, sources: RegionSources<T>, timeoutMs: number): Promise<JsonAnswer> {
  const limit = Math.min(timeoutMs, PROBE_TIMEOUT_MS);
  const states = await Promise.all(sources.regions.map((code) => probe(sources, code, limit)));
  const regions = Object.fromEntries(sources.regions.map((code, i) => [code, states[i]!]));
  const up = states.filter((s) => s.state === 'up').length;
  const status = up === states.length ? 'ready' : up > 0 ? 'degraded' : 'not ready';
  return { status: up > 0 ? 200 : 503, body: { status, service, regions } };
}
