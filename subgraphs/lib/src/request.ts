import { GraphQLError } from 'graphql';
import type { ApolloServerPlugin } from '@apollo/server';
import type { AuditTrail, AuditWriter } from './auth/audit.js';
import type { Viewer } from './auth/viewer.js';
import type { RegionSource, RegionSources } from './db/region-sources.js';
import { ErrorCode, regionUnavailable, type Log } from './errors.js';
import type { RegionCode } from './regions/registry.js';
import { inRegionSpan } from './observability/region-span.js';

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
  /** The caller, from the gateway's signed claims. */
  readonly viewer: Viewer;
  /** Client-level reads of this request, written to the audit log before the answer leaves. */
  readonly audit: AuditTrail;
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
      const answer = await inRegionSpan(sources.service, code, async () => work(await sources.source(code)));
      sources.health.succeeded(code);
      return answer;
    } catch (error) {
      if (error instanceof GraphQLError) throw error;
      log(`region ${code} failed`, error);
      sources.health.failed(code, 'failed');
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

/** Writes the request's client-level reads; an answer whose reads cannot be recorded is withheld. */
export function auditPlugin<L, T>(write: AuditWriter, log: Log): ApolloServerPlugin<SubgraphContext<L, T>> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response, contextValue }) {
          const entries = contextValue.audit.entries;
          if (entries.length === 0 || response.body.kind !== 'single') return;
          try {
            await write(entries);
          } catch (error) {
            log('audit log could not be written; answer withheld', error);
            response.body.singleResult = {
              data: null,
              errors: [{ message: 'Client-level data withheld: the audit log could not be written', extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR } }],
            };
          }
        },
      };
    },
  };
}
