import { RemoteGraphQLDataSource } from '@apollo/gateway';
import type { GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { GatewayGraphQLResponse } from '@apollo/server-gateway-interface';
import { context, propagation } from '@opentelemetry/api';
import { GraphQLError } from 'graphql';
import { CLAIMS_HEADER } from '@youth-care/lib/auth/signed-claims';
import { ANONYMOUS, type Viewer } from '@youth-care/lib/auth/viewer';
import { ErrorCode, type Log } from '@youth-care/lib/errors';
import { InFlight } from './cache/in-flight.js';
import { subgraphFetchDuration, subgraphFetchErrors } from '@youth-care/lib/observability/metrics';
import { currentRequestId, REQUEST_ID_HEADER } from '@youth-care/lib/observability/request-id';

interface HttpErrorExtensions {
  response?: { status?: number; body?: { errors?: unknown } };
}

function refusal(error: unknown): GatewayGraphQLResponse['errors'] | undefined {
  // The gateway is a CommonJS package with its own copy of graphql, so no instanceof here.
  const response = (error as { extensions?: HttpErrorExtensions } | undefined)?.extensions?.response;
  const status = response?.status ?? 0;
  const errors = response?.body?.errors;
  return status >= 400 && status < 500 && Array.isArray(errors) && errors.length > 0 ? (errors as GatewayGraphQLResponse['errors']) : undefined;
}

/** The gateway merges later fetches into the objects of earlier ones, so each sharer gets its own. */
const copyResponse = (response: GatewayGraphQLResponse): GatewayGraphQLResponse => ({
  ...response,
  data: response.data ? structuredClone(response.data) : response.data,
  errors: response.errors ? structuredClone(response.errors) : response.errors,
  extensions: response.extensions ? structuredClone(response.extensions) : response.extensions,
});

/**
 * Sends the gateway's fetches to one subgraph with a time limit. A subgraph that is down, slow or
 * answers with an HTTP error becomes SUBGRAPH_UNAVAILABLE naming it; the gateway then returns
 * what the other subgraphs gave.
 */
export class SubgraphSource extends RemoteGraphQLDataSource {
  constructor(
    readonly serviceName: string,
    url: string,
    private readonly timeoutMs: number,
    private readonly log: Log,
    private readonly sign: (viewer: Viewer) => string,
    /** Identical fetches in flight are shared, within one viewer's claims. */
    private readonly dedup: boolean,
  ) {
    super({ url });
    this.fetcher = ((input: string, init: RequestInit) =>
      fetch(input, { ...init, signal: AbortSignal.timeout(this.timeoutMs) })) as unknown as typeof this.fetcher;
  }

  /**
   * The caller's verified claims, signed, go with every fetch: subgraphs trust nothing else. The
   * request id and the trace context (W3C traceparent) of the gateway's fetch span go along too,
   * so the subgraph's log lines and spans join the same request.
   */
  override willSendRequest(options: GraphQLDataSourceProcessOptions): void {
    const viewer = (options.context as { viewer?: Viewer } | undefined)?.viewer ?? ANONYMOUS;
    const headers = options.request.http?.headers;
    if (!headers) return;
    headers.set(CLAIMS_HEADER, this.sign(viewer));
    const requestId = currentRequestId();
    if (requestId) headers.set(REQUEST_ID_HEADER, requestId);
    propagation.inject(context.active(), headers, { set: (carrier, key, value) => carrier.set(key, value) });
  }

  private readonly inFlight = new InFlight<GatewayGraphQLResponse>();

  override async process(options: GraphQLDataSourceProcessOptions): Promise<GatewayGraphQLResponse> {
    const query = options.request.query ?? '';
    if (!this.dedup || /^\s*mutation\b/.test(query)) return this.fetch(options);
    const viewer = (options.context as { viewer?: Viewer } | undefined)?.viewer ?? ANONYMOUS;
    // The whole viewer, subject included: a subgraph audits client-level reads per subject.
    const key = `${JSON.stringify(viewer)}\0${query}\0${JSON.stringify(options.request.variables ?? null)}`;
    return this.inFlight.share(key, () => this.fetch(options), copyResponse);
  }

  private async fetch(options: GraphQLDataSourceProcessOptions): Promise<GatewayGraphQLResponse> {
    const timer = subgraphFetchDuration.startTimer({ subgraph: this.serviceName });
    try {
      return await super.process(options);
    } catch (error) {
      // A 4xx with GraphQL errors is the subgraph refusing the request (a bad literal, say):
      // its errors carry their own codes and go to the client as they are.
      const refused = refusal(error);
      if (refused) return { errors: refused };
      const timedOut = error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
      subgraphFetchErrors.inc({ subgraph: this.serviceName, reason: timedOut ? 'timeout' : 'unreachable' });
      this.log(`subgraph ${this.serviceName} ${timedOut ? 'timed out' : 'failed'}`, error);
      throw new GraphQLError(
        `Subgraph ${this.serviceName} is unavailable: it ${timedOut ? `did not answer within ${this.timeoutMs} ms` : 'could not be reached'}`,
        { extensions: { code: ErrorCode.SUBGRAPH_UNAVAILABLE, serviceName: this.serviceName } },
      );
    } finally {
      timer();
    }
  }
}
