import type { GraphQLError } from 'graphql';
import { regionDown, regionUnavailable, type Log } from './errors.js';
import { TIMED_OUT, withinTime } from './db/cancellation.js';
import type { RegionSource, RegionSources } from './db/region-sources.js';
import type { RegionCode } from './regions/registry.js';
import { inRegionSpan } from './observability/region-span.js';

export interface FanOutResult<R> {
  readonly results: ReadonlyMap<RegionCode, R>;
  /** One REGION_UNAVAILABLE error per region that failed or timed out. */
  readonly failures: ReadonlyMap<RegionCode, GraphQLError>;
}

/**
 * Runs a region-scoped read on several regions at once. A region that fails or takes longer than
 * `timeoutMs` becomes a REGION_UNAVAILABLE error naming it; the other regions' results stand.
 */
export async function fanOut<T, R>(
  sources: RegionSources<T>,
  regions: readonly RegionCode[],
  read: (source: RegionSource<T>) => Promise<R>,
  timeoutMs: number,
  log: Log,
): Promise<FanOutResult<R>> {
  const results = new Map<RegionCode, R>();
  const failures = new Map<RegionCode, GraphQLError>();
  await Promise.all(
    regions.map(async (code) => {
      const retryAt = sources.breaker.retryAt(code);
      if (retryAt !== undefined) {
        failures.set(code, regionDown(code, retryAt));
        return;
      }
      try {
        const outcome = await withinTime(() => inRegionSpan(sources.service, code, () => sources.source(code).then(read)), timeoutMs);
        if (outcome === TIMED_OUT) {
          log(`region ${code} timed out after ${timeoutMs} ms; its statements are cancelled`);
          sources.health.failed(code, 'timed out');
          sources.breaker.failed(code);
          failures.set(code, regionUnavailable(code, 'timed out'));
        } else {
          sources.health.succeeded(code);
          sources.breaker.succeeded(code);
          results.set(code, outcome);
        }
      } catch (error) {
        log(`region ${code} failed`, error);
        sources.health.failed(code, 'failed');
        sources.breaker.failed(code);
        failures.set(code, regionUnavailable(code, 'failed'));
      }
    }),
  );
  return { results, failures };
}
