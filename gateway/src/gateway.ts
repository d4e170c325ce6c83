import { readFile } from 'node:fs/promises';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import type { Viewer } from '@youth-care/lib/auth/viewer';
import type { Config } from '@youth-care/lib/config';
import { ErrorCode, maskError, type Log } from '@youth-care/lib/errors';
import { createHttpServer, listen, Refusal, type RunningServer } from '@youth-care/lib/http';
import { metricsRoute } from '@youth-care/lib/observability/metrics-endpoint';
import { metricsPlugin } from '@youth-care/lib/observability/metrics-plugin';
import { createBearerVerifier, Unauthenticated, UNVERIFIABLE } from './auth/bearer.js';
import { readSecurityRules, servableSupergraph } from './auth/field-rules.js';
import { guardGateway } from './auth/guard.js';
import { parseOptionsFor, queryLimitsPlugin, recodeTokenLimit } from './limits.js';
import { persistedQueryCache } from './persisted-queries.js';
import { gatewayReadiness } from './readiness.js';
import { SubgraphSource } from './subgraph-source.js';
import { claimsSigner } from './auth/claims-signatures.js';
import { cachedVerifier } from './auth/verified-tokens.js';
import { answerStore } from './cache/stores.js';
import { responseCache } from './cache/response-cache.js';
import { loadPerformanceConfig, type PerformanceConfig } from './performance-config.js';
import { dataVersions } from '@youth-care/lib/data-versions';
import { readTrustedDocuments, withTrustedDocuments } from './trusted-documents.js';
import { webPages } from './web/routes.js';

/** What each gateway request knows: the verified caller. */
export interface GatewayContext {
  readonly viewer: Viewer;
}

export interface GatewayOptions {
  readonly config: Config;
  readonly log: Log;
  /** The composed supergraph; read from `config.supergraphPath` when not given. */
  readonly supergraphSdl?: string;
  /** Where each subgraph listens, over the URLs in the supergraph. */
  readonly subgraphUrls?: Readonly<Record<string, string | undefined>>;
  /** Caching and sharing of work; read from the environment when not given. */
  readonly performance?: PerformanceConfig;
}

/** The gateway: one endpoint over the subgraphs named in the supergraph, with /health and /ready. */
export async function createGateway(options: GatewayOptions): Promise<{ listen(port: number, host: string): Promise<RunningServer> }> {
  const { config, log } = options;
  const performance = options.performance ?? loadPerformanceConfig();
  const sign = claimsSigner(config.auth.claimsSecret, config.auth.claimsMaxAgeMs);
  const supergraphSdl = options.supergraphSdl ?? (await readFile(config.supergraphPath, 'utf8'));
  const services = new Map<string, string>();
  const overrides: Record<string, string | undefined> = { ...config.subgraphUrls, ...options.subgraphUrls };
  // Apollo's gateway otherwise probes cloud metadata services and sends usage metrics to Apollo.
  // Nothing leaves the machine unless an operator sets APOLLO_TELEMETRY_DISABLED=false.
  process.env.APOLLO_TELEMETRY_DISABLED ??= 'true';
  const gateway = new ApolloGateway({
    supergraphSdl: servableSupergraph(supergraphSdl),
    buildService: ({ name, url }) => {
      const target = overrides[name] ?? url;
      if (!target) throw new Error(`supergraph names no URL for subgraph ${name}`);
      services.set(name, target);
      return new SubgraphSource(name, target, config.subgraphTimeoutMs, log, sign, performance.fetchDedup);
    },
  });
  const rules = readSecurityRules(supergraphSdl);
  const masked = maskError(log);
  const persisted = persistedQueryCache(config.redisUrl, log);
  const apollo = new ApolloServer<GatewayContext>({
    gateway: guardGateway(gateway, rules, (context) => (context as GatewayContext).viewer),
    formatError: (formatted, error) => masked(recodeTokenLimit(formatted, config.limits), error),
    includeStacktraceInErrorResponses: false,
    introspection: config.introspection,
    csrfPrevention: true,
    persistedQueries: { cache: persisted.cache },
    parseOptions: parseOptionsFor(config.limits),
    plugins: [metricsPlugin('gateway'), queryLimitsPlugin(config.limits), ApolloServerPluginLandingPageDisabled()],
  });
  const verify = cachedVerifier(createBearerVerifier(config.auth));
  const versions = dataVersions();
  const cached = performance.responseCache ? responseCache({ store: answerStore(performance, versions), versions, rules, log }) : undefined;
  const shortcut = performance.trustedDocuments ? withTrustedDocuments(readTrustedDocuments(performance.trustedDocuments), config.nodeEnv === 'production', cached) : cached;
  const context = async (req: { headers: { authorization?: string | undefined } }): Promise<GatewayContext> => {
    try {
      return { viewer: await verify(req.headers.authorization) };
    } catch (error) {
      if (error instanceof Unauthenticated) {
        // A refused token is the caller's business; a verification that broke (the JWKS down) is ours.
        if (error.message === UNVERIFIABLE) log('bearer token could not be verified', error.cause);
        throw new Refusal(401, ErrorCode.UNAUTHENTICATED, `Unauthenticated: ${error.message}`, {
          'www-authenticate': `Bearer error="invalid_token", error_description="${error.message}"`,
        });
      }
      throw error;
    }
  };

  const pages = webPages(config, verify);

  return {
    async listen(port, host) {
      await apollo.start();
      const server = createHttpServer({
        service: 'gateway',
        log,
        apollo,
        context,
        corsOrigins: config.corsOrigins,
        maxBodyBytes: config.limits.maxBodyBytes,
        shortcut,
        pages,
        routes: {
          '/health': async () => ({ status: 200, body: { status: 'ok', service: 'gateway' } }),
          '/ready': () => gatewayReadiness(services, config.subgraphTimeoutMs),
          '/metrics': metricsRoute(config.metrics),
        },
      });
      return listen(server, port, host, async () => {
        await apollo.stop();
        await persisted.close();
      });
    },
  };
}
