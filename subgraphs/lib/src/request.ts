import { GraphQLError } from 'graphql';
import type { ApolloServerPlugin } from '@apollo/server';
import type { RegionSource, RegionSources } from './db/region-sources.js';
import { ErrorCode, regionUnavailable, type Log } from './errors.js';
import type { RegionCode } from './regions/registry.js';

/**
 * Regions that failed while answering one request, for reads that merge several regions and so
 * have no single field to put the error on. They are added to the response's errors once each.
 */
export class RegionFailures {
  readonly #byRegion = new Map<string, GraphQLError>();

  add(region: string, error: GraphQLError): void {
    if (!this.#byRegion.has(region)) this.#byRegion.set(region, error);
  }

  get errors(): GraphQLError[] {
    return [...this.#byRegion.values()];
  }
}

/** What every subgraph resolver gets: the served regions, the request's failures and its loaders. */
export interface SubgraphContext<L, T = unknown> {
  readonly served: readonly RegionCode[];
  readonly failures: RegionFailures;
  readonly loaders: L;
  readonly log: Log;
  /**
   * Runs work (a write, say) directly against one region's source. Errors thrown on purpose
   * pass; a failing database becomes REGION_UNAVAILABLE naming the region.
   */
  inRegion<R>(code: RegionCode, work: (source: RegionSource<T>) => Promise<R>): Promise<R>;
}

export function inRegionOf<T>(sources: RegionSources<T>, log: Log) {
  return async <R>(code: RegionCode, work: (source: RegionSource<T>) => Promise<R>): Promise<R> => {
    try {
      return await work(await sources.source(code));
    } catch (error) {
      if (error instanceof GraphQLError) throw error;
      log(`region ${code} failed`, error);
      throw regionUnavailable(code, 'failed');
    }
  };
}

export function regionFailuresPlugin<L, T>(): ApolloServerPlugin<SubgraphContext<L, T>> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response, contextValue }) {
          if (response.body.kind !== 'single') return;
          const result = response.body.singleResult;
          const reported = new Set(
            (result.errors ?? [])
              .filter((e) => e.extensions?.code === ErrorCode.REGION_UNAVAILABLE)
              .map((e) => String(e.extensions?.region)),
          );
          const extra = contextValue.failures.errors.filter((e) => !reported.has(String(e.extensions.region)));
          if (extra.length > 0) result.errors = [...(result.errors ?? []), ...extra.map((e) => e.toJSON())];
        },
      };
    },
  };
}
