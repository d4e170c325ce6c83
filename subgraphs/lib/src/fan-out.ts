import type { GraphQLError } from 'graphql';
import { regionUnavailable, type Log } from './errors.js';
import type { RegionSource, RegionSources } from './db/region-sources.js';
import type { RegionCode } from './regions/registry.js';
import { inRegionSpan } from './observability/region-span.js';

export interface FanOutResult<R> {
  readonly results: ReadonlyMap<RegionCode, R>;
  /** One REGION_UNAVAILABLE error per region that failed or timed out. */
  readonly failures: ReadonlyMap<RegionCode, GraphQLError>;
}

const TIMED_OUT = Symbol('timed out');

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
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<typeof TIMED_OUT>((resolve) => {
        timer = setTimeout(() => resolve(TIMED_OUT), timeoutMs);
      });
      try {
        const outcome = await Promise.race([inRegionSpan(sources.service, code, () => sources.source(code).then(read)), timeout]);
        if (outcome === TIMED_OUT) {
          log(`region ${code} timed out after ${timeoutMs} ms`);
          sources.health.failed(code, 'timed out');
          failures.set(code, regionUnavailable(code, 'timed out'));
        } else {
          sources.health.succeeded(code);
          results.set(code, outcome);
        }
      } catch (error) {
        log(`region ${code} failed`, error);
        sources.health.failed(code, 'failed');
        failures.set(code, regionUnavailable(code, 'failed'));
      } finally {
        clearTimeout(timer);
      }
    }),
  );
  return { results, failures };
}
