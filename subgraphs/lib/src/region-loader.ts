import DataLoader from 'dataloader';
import { GraphQLError } from 'graphql';
import { mayRead, refusal, type Access } from './auth/policy.js';
import type { Viewer } from './auth/viewer.js';
import type { Log } from './errors.js';
import type { RegionSource, RegionSources } from './db/region-sources.js';
import { fanOut, fanOutTogether } from './fan-out.js';
import type { RegionQuery } from './db/region-query.js';
import { cacheRequests } from './observability/metrics.js';
import type { RegionCode } from './regions/registry.js';
import type { RegionFailures } from './request.js';

export interface RegionLoaderScope<T> {
  readonly sources: RegionSources<T>;
  readonly timeoutMs: number;
  readonly log: Log;
  readonly failures: RegionFailures;
  /** The caller; every read checks the caller may see what it reads in each region. */
  readonly viewer: Viewer;
}

/** How a loader reads a region: one SQL statement with every row of the region that any of `keys` needs. */
export type RegionRead<T, K, Row> =
  | { read(source: RegionSource<T>, keys: readonly K[]): Promise<Row[]> }
  /** The same as a query, which regions sharing a database answer in one statement (see fanOutTogether). */
  | { query(source: RegionSource<T>, keys: readonly K[]): RegionQuery<Row> };

interface RegionLoaderOptions<K, Row, V> {
  /** What the read exposes: a key naming one region the caller may not see fails FORBIDDEN; a key over several skips those regions. */
  readonly access: Access;
  /** A stable string per key, for the request's cache. */
  id(key: K): string;
  /** The regions a key reads from. */
  regions(key: K): readonly RegionCode[];
  /** Keys of one shape (e.g. the same filter) share a statement; the default is one shape. */
  shape?(key: K): string;
  /** Rows are matched to keys by these two values. */
  rowMatch(row: Row): string;
  keyMatch(key: K): string;
  /** A key's value from its rows, gathered over its regions in the order it names them. */
  combine(rows: Row[], key: K): V;
}

export type RegionLoaderSpec<T, K, Row, V> = RegionLoaderOptions<K, Row, V> & RegionRead<T, K, Row>;

/**
 * A per-request DataLoader whose batch runs one statement per region per shape, in parallel,
 * whatever the number of keys (or, for a query, one per database its regions share). A key that reads one region fails at its own path when that
 * region is down; a key that merges several regions gets what the others return, and the
 * failure is reported once for the request.
 */
export function regionLoader<T, K, Row, V>(scope: RegionLoaderScope<T>, spec: RegionLoaderSpec<T, K, Row, V>): DataLoader<K, V, string> {
  // A key naming one region the caller may not see gets FORBIDDEN; one over several skips those.
  const readable = (key: K): readonly RegionCode[] | GraphQLError => {
    const regions = spec.regions(key);
    if (regions.length === 1) return refusal(scope.viewer, spec.access, regions[0]!) ?? regions;
    return regions.filter((region) => {
      const may = mayRead(scope.viewer, spec.access, region);
      if (!may) scope.sources.health.leftOut(region, 'not readable by the caller');
      return may;
    });
  };
  return new DataLoader<K, V, string>(
    async (asked) => {
      const regionsOf = new Map(asked.map((key) => [key, readable(key)] as const));
      const groups = new Map<string, Map<RegionCode, K[]>>();
      for (const [key, regions] of regionsOf) {
        if (regions instanceof GraphQLError) continue;
        const shape = spec.shape?.(key) ?? '';
        let byRegion = groups.get(shape);
        if (!byRegion) groups.set(shape, (byRegion = new Map()));
        for (const region of regions) {
          const list = byRegion.get(region);
          if (list) list.push(key);
          else byRegion.set(region, [key]);
        }
      }
      const buckets = new Map<string, Map<RegionCode, Map<string, Row[]>>>();
      const failed = new Map<string, ReadonlyMap<RegionCode, GraphQLError>>();
      await Promise.all(
        [...groups].map(async ([shape, byRegion]) => {
          const regions = [...byRegion.keys()];
          const keysOf = (source: RegionSource<T>) => byRegion.get(source.code) ?? [];
          const outcome =
            'query' in spec
              ? await fanOutTogether(scope.sources, regions, (source) => spec.query(source, keysOf(source)), scope.timeoutMs, scope.log)
              : await fanOut(scope.sources, regions, (source) => spec.read(source, keysOf(source)), scope.timeoutMs, scope.log);
          const perRegion = new Map<RegionCode, Map<string, Row[]>>();
          for (const [region, rows] of outcome.results) perRegion.set(region, groupBy(rows, spec.rowMatch));
          buckets.set(shape, perRegion);
          failed.set(shape, outcome.failures);
        }),
      );
      return asked.map((key) => {
        const regions = regionsOf.get(key)!;
        if (regions instanceof GraphQLError) return regions;
        const shape = spec.shape?.(key) ?? '';
        const rows: Row[] = [];
        for (const region of regions) {
          const failure = failed.get(shape)?.get(region);
          if (failure) {
            if (regions.length === 1) return failure;
            scope.failures.add(region, failure);
            continue;
          }
          rows.push(...(buckets.get(shape)?.get(region)?.get(spec.keyMatch(key)) ?? []));
        }
        return spec.combine(rows, key);
      });
    },
    { cacheKeyFn: spec.id, cacheMap: new CountingCache(), batchScheduleFn: collectAWhile },
  );
}

/** The loader's per-request cache, counting its hits and misses. */
class CountingCache<V> extends Map<string, V> {
  override get(key: string): V | undefined {
    const value = super.get(key);
    cacheRequests.inc({ cache: 'dataloader', result: value === undefined ? 'miss' : 'hit' });
    return value;
  }
}

/** Rows by a key of theirs, in their order: how a batch's rows are handed back to its keys. */
export function groupBy<Row>(rows: readonly Row[], key: (row: Row) => string): Map<string, Row[]> {
  const groups = new Map<string, Row[]>();
  for (const row of rows) {
    const k = key(row);
    const list = groups.get(k);
    if (list) list.push(row);
    else groups.set(k, [row]);
  }
  return groups;
}

/**
 * Sibling fields whose parents come back from different regions a moment apart would otherwise
 * each start a batch of their own; waiting a few milliseconds gathers them into one, so the
 * statements a request sends depend on the query, not on which region answered first.
 */
export const BATCH_WINDOW_MS = 5;
export const collectAWhile = (dispatch: () => void) => void setTimeout(dispatch, BATCH_WINDOW_MS);
