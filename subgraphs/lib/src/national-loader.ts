import DataLoader from 'dataloader';
import { GraphQLError } from 'graphql';
import type { NationalHandle, NationalSource } from './db/national-source.js';
import { NATIONAL_AREA } from './db/national-source.js';
import { ErrorCode, type Log } from './errors.js';
import { collectAWhile, groupBy } from './region-loader.js';

export interface NationalLoaderScope<T> {
  readonly source: NationalSource<T>;
  readonly timeoutMs: number;
  readonly log: Log;
}

export interface NationalLoaderSpec<T, K, Row, V> {
  /** A stable string per key, for the request's cache. */
  id(key: K): string;
  /** One SQL statement: every row any of `keys` needs. */
  read(source: NationalHandle<T>, keys: readonly K[]): Promise<Row[]>;
  rowMatch(row: Row): string;
  keyMatch(key: K): string;
  combine(rows: Row[], key: K): V;
}

export function nationalUnavailable(reason: 'failed' | 'timed out'): GraphQLError {
  return new GraphQLError(`The national source (${NATIONAL_AREA}, CBS open data) is unavailable: it ${reason}`, {
    extensions: { code: ErrorCode.REGION_UNAVAILABLE, region: NATIONAL_AREA },
  });
}

const TIMED_OUT = Symbol('timed out');

/**
 * The national source's counterpart of regionLoader: a per-request DataLoader whose batch is one
 * statement, whatever the number of keys. When the source fails or is slower than `timeoutMs`,
 * every key of the batch gets REGION_UNAVAILABLE naming NL01.
 */
export function nationalLoader<T, K, Row, V>(scope: NationalLoaderScope<T>, spec: NationalLoaderSpec<T, K, Row, V>): DataLoader<K, V, string> {
  return new DataLoader<K, V, string>(
    async (keys) => {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<typeof TIMED_OUT>((resolve) => {
        timer = setTimeout(() => resolve(TIMED_OUT), scope.timeoutMs);
      });
      let rows: Row[];
      try {
        const outcome = await Promise.race([scope.source.source().then((source) => spec.read(source, keys)), timeout]);
        if (outcome === TIMED_OUT) {
          scope.log(`national source timed out after ${scope.timeoutMs} ms`);
          return keys.map(() => nationalUnavailable('timed out'));
        }
        rows = outcome;
      } catch (error) {
        scope.log('national source failed', error);
        return keys.map(() => nationalUnavailable('failed'));
      } finally {
        clearTimeout(timer);
      }
      const bucket = groupBy(rows, spec.rowMatch);
      return keys.map((key) => spec.combine(bucket.get(spec.keyMatch(key)) ?? [], key));
    },
    { cacheKeyFn: spec.id, batchScheduleFn: collectAWhile },
  );
}

/**
 * National figures whose rows carry their key's fields: `id` names a key and the rows that answer
 * it alike, and `answer` makes the key's value from them.
 */
export function nationalByKey<T, K, Row extends K, V>(
  scope: NationalLoaderScope<T>,
  id: (key: K) => string,
  read: (source: NationalHandle<T>, keys: readonly K[]) => Promise<Row[]>,
  answer: (rows: Row[], key: K) => V,
): DataLoader<K, V, string> {
  return nationalLoader<T, K, Row, V>(scope, { id, read, rowMatch: id, keyMatch: id, combine: answer });
}

/** One value read from the national source as a whole (its list of tables), once per request. */
export function nationalWhole<T, V>(scope: NationalLoaderScope<T>, read: (source: NationalHandle<T>) => Promise<V>): DataLoader<'all', V, string> {
  return nationalLoader<T, 'all', { value: V }, V>(scope, {
    id: () => 'all',
    read: async (source) => [{ value: await read(source) }],
    rowMatch: () => 'all',
    keyMatch: () => 'all',
    combine: (rows) => rows[0]!.value,
  });
}
