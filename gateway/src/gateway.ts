import { readFile } from 'node:fs/promises';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import type { Config } from '../../subgraphs/lib/src/config.js';
import { maskError, type Log } from '../../subgraphs/lib/src/errors.js';
import { createHttpServer, listen, type JsonAnswer, type RunningServer } from '../../subgraphs/lib/src/http.js';
import { SubgraphSource } from './subgraph-source.js';

export interface GatewayOptions {
  readonly config: Config;
  readonly log: Log;
  /** The composed supergraph; read from `config.supergraphPath` when not given. */
  readonly supergraphSdl?: string;
  /** Where each subgraph listens, over the URLs in the supergraph. */
  readonly subgraphUrls?: Readonly<Record<string, string | undefined>>;
}

async function answers(url: string, timeoutMs: number): Promise<boolean> {
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ __typename }' }),
      signal: AbortSignal.timeout(timeoutMs),
    });
    const body = (await response.json()) as { data?: { __typename?: string } };
    return response.ok && body.data?.__typename === 'Query';
  } catch {
    return false;
  }
}

/** The gateway: one endpoint over the subgraphs named in the supergraph, with /health and /ready. */
export async function createGateway(options: GatewayOptions): Promise<{ listen(port: number, host: string): Promise<RunningServer> }> {
  const { config, log } = options;
  const supergraphSdl = options.supergraphSdl ?? (await readFile(config.supergraphPath, 'utf8'));
  const services = new Map<string, string>();
  const overrides: Record<string, string | undefined> = { ...config.subgraphUrls, ...options.subgraphUrls };
  const gateway = new ApolloGateway({
    supergraphSdl,
    buildService: ({ name, url }) => {
      const target = overrides[name] ?? url;
      if (!target) throw new Error(`supergraph names no URL for subgraph ${name}`);
      services.set(name, target);
      return new SubgraphSource(name, target, config.subgraphTimeoutMs, log);
    },
  });
  const apollo = new ApolloServer({
    gateway,
    formatError: maskError(log),
    includeStacktraceInErrorResponses: false,
    plugins: [ApolloServerPluginLandingPageDisabled()],
  });

  const ready = async (): Promise<JsonAnswer> => {
    const names = [...services.keys()];
    const states = await Promise.all(names.map((n) => answers(services.get(n) ?? '', config.subgraphTimeoutMs)));
    const subgraphs = Object.fromEntries(names.map((n, i) => [n, states[i] ? 'up' : 'down']));
    const allUp = names.length > 0 && states.every(Boolean);
    return { status: allUp ? 200 : 503, body: { status: allUp ? 'ready' : 'not ready', supergraph: 'loaded', subgraphs } };
  };

  return {
    async listen(port, host) {
      await apollo.start();
      const server = createHttpServer({
        apollo,
        context: async () => ({}),
        routes: {
          '/health': async () => ({ status: 200, body: { status: 'ok', service: 'gateway' } }),
          '/ready': ready,
        },
      });
      return listen(server, port, host, () => apollo.stop());
    },
  };
}
