import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';

/**
 * Every metric of the process, in one registry. `npm start` runs the gateway and the subgraphs in
 * one process, so the metrics that several of them record carry a `service` label.
 * The README's operations section explains each one.
 */
export const registry = new Registry();
collectDefaultMetrics({ register: registry });

/** Latency buckets (seconds) from a cached lookup to a region that times out. */
const SECONDS = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

export const graphqlRequests = new Counter({
  name: 'youthcare_graphql_requests_total',
  help: 'GraphQL requests answered, per operation name; outcome "error" when the answer carries errors',
  labelNames: ['service', 'operation', 'outcome'] as const,
  registers: [registry],
});

export const graphqlDuration = new Histogram({
  name: 'youthcare_graphql_request_duration_seconds',
  help: 'Time from receiving a GraphQL request to sending its answer, per operation name',
  labelNames: ['service', 'operation'] as const,
  buckets: SECONDS,
  registers: [registry],
});

export const subgraphFetchDuration = new Histogram({
  name: 'youthcare_subgraph_fetch_duration_seconds',
  help: "The gateway's fetches from each subgraph, failed ones included",
  labelNames: ['subgraph'] as const,
  buckets: SECONDS,
  registers: [registry],
});

export const subgraphFetchErrors = new Counter({
  name: 'youthcare_subgraph_fetch_errors_total',
  help: 'Gateway fetches that failed, per subgraph and reason (timeout, unreachable)',
  labelNames: ['subgraph', 'reason'] as const,
  registers: [registry],
});

export const regionFailures = new Counter({
  name: 'youthcare_region_failures_total',
  help: 'Region reads that failed or timed out (answered REGION_UNAVAILABLE), per region',
  labelNames: ['service', 'region', 'reason'] as const,
  registers: [registry],
});

export const regionSkipped = new Counter({
  name: 'youthcare_region_skipped_total',
  help: 'Regions left out of a read over several regions, per region and reason',
  labelNames: ['service', 'region', 'reason'] as const,
  registers: [registry],
});

export const cacheRequests = new Counter({
  name: 'youthcare_cache_requests_total',
  help: 'Cache lookups per cache (dataloader: per request; persisted-queries: shared in Redis or memory) and result',
  labelNames: ['cache', 'result'] as const,
  registers: [registry],
});

export const sqlDuration = new Histogram({
  name: 'youthcare_sql_statement_duration_seconds',
  help: 'SQL statements per region (its count is the number of statements) and their latency',
  labelNames: ['service', 'region'] as const,
  buckets: SECONDS,
  registers: [registry],
});

export const sqlErrors = new Counter({
  name: 'youthcare_sql_errors_total',
  help: 'SQL statements that failed, per region',
  labelNames: ['service', 'region'] as const,
  registers: [registry],
});

/** Operation names come from clients; past this many distinct ones, new names count as "other". */
const MAX_OPERATION_NAMES = 200;
const seenOperations = new Set<string>();

/** A bounded label for a client's operation name, so a client cannot grow the registry without end. */
export function operationLabel(name: string | null | undefined): string {
  if (!name) return 'anonymous';
  if (!/^[A-Za-z_][A-Za-z0-9_]{0,63}$/.test(name)) return 'invalid';
  if (seenOperations.has(name)) return name;
  if (seenOperations.size >= MAX_OPERATION_NAMES) return 'other';
  seenOperations.add(name);
  return name;
}
