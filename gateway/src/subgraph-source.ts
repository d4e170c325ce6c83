import { RemoteGraphQLDataSource } from '@apollo/gateway';
import type { GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { GatewayGraphQLResponse } from '@apollo/server-gateway-interface';
import { GraphQLError } from 'graphql';
import { ErrorCode, type Log } from '../../subgraphs/lib/src/errors.js';

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
  ) {
    super({ url });
    this.fetcher = ((input: string, init: RequestInit) =>
      fetch(input, { ...init, signal: AbortSignal.timeout(this.timeoutMs) })) as unknown as typeof this.fetcher;
  }

  override async process(options: GraphQLDataSourceProcessOptions): Promise<GatewayGraphQLResponse> {
    try {
      return await super.process(options);
    } catch (error) {
      const timedOut = error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
      this.log(`subgraph ${this.serviceName} ${timedOut ? 'timed out' : 'failed'}`, error);
      throw new GraphQLError(
        `Subgraph ${this.serviceName} is unavailable: it ${timedOut ? `did not answer within ${this.timeoutMs} ms` : 'could not be reached'}`,
        { extensions: { code: ErrorCode.SUBGRAPH_UNAVAILABLE, serviceName: this.serviceName } },
      );
    }
  }
}
