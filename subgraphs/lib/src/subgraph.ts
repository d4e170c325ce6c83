import { ApolloServer } from '@apollo/server';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginInlineTraceDisabled,
  ApolloServerPluginLandingPageDisabled,
} from '@apollo/server/plugin/disabled';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { DocumentNode, FormattedExecutionResult } from 'graphql';
import type { Config, SubgraphName } from './config.js';
import type { DatabaseHub } from './db/database.js';
import type { RegionSources } from './db/region-sources.js';
import { maskError, type Log } from './errors.js';
import { createHttpServer, listen, Refusal, type RunningServer } from './http.js';
import { metricsRoute } from './observability/metrics-endpoint.js';
import { metricsPlugin } from './observability/metrics-plugin.js';
import { subgraphReadiness } from './readiness.js';
import { AuditTrail, type AuditWriter } from './auth/audit.js';
import { CLAIMS_HEADER, SignatureError, verifyClaims } from './auth/signed-claims.js';
import type { Viewer } from './auth/viewer.js';
import { ErrorCode } from './errors.js';
import type { RegionLoaderScope } from './region-loader.js';
import type { RegionCode } from './regions/registry.js';
import { requestChecksPlugin } from './request-checks.js';
import { auditPlugin, inRegionOf, RegionFailures, regionFailuresPlugin, type SubgraphContext } from './request.js';

export interface SubgraphDeps {
  readonly config: Config;
  readonly hub: DatabaseHub;
  readonly log: Log;
}

/** How much demo data to generate; see each subgraph's seed.ts. */
export interface DemoOptions {
  /** 1 is the realistic volume. */
  readonly scale: number;
  /** The last month of the demo history; the current month when left out. */
  readonly until?: string | undefined;
}

/**
 * A resolver map as buildSubgraphSchema takes it. Each subgraph types its own map with the
 * Resolvers type generated from its SDL (src/generated/graphql.ts), context included.
 */
type SchemaModule = Extract<Extract<Parameters<typeof buildSubgraphSchema>[0], readonly unknown[]>[number], { typeDefs: unknown }>;
export type SubgraphResolvers = NonNullable<SchemaModule['resolvers']>;

export interface SubgraphDefinition<T, L> {
  readonly name: SubgraphName;
  readonly typeDefs: DocumentNode;
  readonly resolvers: SubgraphResolvers;
  readonly sources: RegionSources<T>;
  /** The request's loaders, over its regions, failures and caller. */
  readonly createLoaders: (scope: RegionLoaderScope<T>) => L;
  /** Where client-level reads are recorded; a subgraph without client-level data has none. */
  readonly auditWriter?: AuditWriter;
  /** Runs after the regions are migrated: more sources to migrate, small demo data to load. */
  readonly prepare?: (demo: DemoOptions | undefined) => Promise<void>;
  /** Loads demo data that takes long to generate; `npm start` runs it once everything serves. */
  readonly loadDemo?: (demo: DemoOptions) => Promise<void>;
}

export interface Subgraph<T = unknown> {
  readonly name: SubgraphName;
  readonly sources: RegionSources<T>;
  /**
   * Migrates every served region (one that cannot be reached stays unavailable and is migrated
   * again in the background, never by a request) and, with demo options, fills empty regions
   * with demo data.
   */
  prepare(demo: DemoOptions | undefined): Promise<{ ready: RegionCode[]; failed: RegionCode[] }>;
  /** Fills empty regions with the demo data that takes long to make; regions holding data are left alone. */
  loadDemo(demo: DemoOptions): Promise<void>;
  /** Starts Apollo Server and listens; `port` 0 picks a free port. */
  listen(port: number, host: string): Promise<RunningServer>;
  /**
   * Runs one operation in this process for `viewer`, with the context a request carrying the
   * gateway's signed claims for that viewer gets, and errors formatted as over HTTP.
   */
  execute(query: string, variables: Record<string, unknown> | undefined, viewer: Viewer): Promise<FormattedExecutionResult>;
}

/** Builds a subgraph's server the same way for every subgraph; it listens only when asked. */
export function buildSubgraph<T, L>(definition: SubgraphDefinition<T, L>, deps: SubgraphDeps): Subgraph<T> {
  const { log } = deps;
  const inRegion = inRegionOf(definition.sources, log);
  const apollo = new ApolloServer<SubgraphContext<L, T>>({
    schema: buildSubgraphSchema([{ typeDefs: definition.typeDefs, resolvers: definition.resolvers }]),
    formatError: maskError(log),
    includeStacktraceInErrorResponses: false,
    introspection: deps.config.introspection,
    hideSchemaDetailsFromClientErrors: !deps.config.introspection,
    plugins: [
      requestChecksPlugin(),
      metricsPlugin(definition.name),
      regionFailuresPlugin<L, T>(),
      ...(definition.auditWriter ? [auditPlugin<L, T>(definition.auditWriter, log)] : []),
      ApolloServerPluginLandingPageDisabled(),
      ApolloServerPluginInlineTraceDisabled(),
      // No type or field has a cache hint; the plugin would still wrap every resolver to look for one.
      ApolloServerPluginCacheControlDisabled(),
    ],
  });
  const { claimsSecret, claimsMaxAgeMs } = deps.config.auth;
  // Only the gateway can sign claims, so a request straight to a subgraph gets nothing.
  const caller = (header: string | string[] | undefined): Viewer => {
    try {
      return verifyClaims(typeof header === 'string' ? header : undefined, claimsSecret, claimsMaxAgeMs);
    } catch (error) {
      if (error instanceof SignatureError) throw new Refusal(401, ErrorCode.UNAUTHENTICATED, `Unauthenticated: ${error.message}`);
      throw error;
    }
  };
  const contextFor = (viewer: Viewer): SubgraphContext<L, T> => {
    const failures = new RegionFailures();
    return {
      served: deps.config.regions,
      viewer,
      audit: new AuditTrail(viewer),
      failures,
      loaders: definition.createLoaders({ sources: definition.sources, timeoutMs: deps.config.regionTimeoutMs, log, failures, viewer }),
      log,
      inRegion,
    };
  };
  // Apollo Server starts once, for whichever comes first: listening or an operation in process.
  let started: Promise<void> | undefined;
  const start = () => (started ??= apollo.start());
  return {
    name: definition.name,
    sources: definition.sources,
    async prepare(demo) {
      const outcome = await definition.sources.migrateAll();
      await definition.prepare?.(demo);
      return outcome;
    },
    async loadDemo(demo) {
      await definition.loadDemo?.(demo);
    },
    async listen(port, host) {
      await start();
      const server = createHttpServer({
        service: definition.name,
        log,
        apollo,
        maxBodyBytes: deps.config.limits.maxBodyBytes,
        context: async (req) => contextFor(caller(req.headers[CLAIMS_HEADER])),
        routes: {
          '/health': async () => ({ status: 200, body: { status: 'ok', service: definition.name } }),
          '/ready': () => subgraphReadiness(definition.name, definition.sources, deps.config.regionTimeoutMs),
          '/metrics': metricsRoute(deps.config.metrics),
        },
      });
      return listen(
        server,
        port,
        host,
        async () => {
          definition.sources.breaker.stop();
          await apollo.stop();
        },
        deps.config.shutdownGraceMs,
      );
    },
    async execute(query, variables, viewer) {
      await start();
      const response = await apollo.executeOperation({ query, variables }, { contextValue: contextFor(viewer) });
      // Subgraphs have no @defer or @stream, so every answer is a single result.
      if (response.body.kind !== 'single') throw new Error('an incremental answer was not expected');
      const { data, errors } = response.body.singleResult;
      return errors ? { data, errors } : { data };
    },
  };
}
