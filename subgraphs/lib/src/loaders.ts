import type DataLoader from 'dataloader';
import type { Access } from './auth/policy.js';
import { regionQuery, type RegionQuery } from './db/region-query.js';
import type { RegionSource } from './db/region-sources.js';
import type { InRegion } from './ids.js';
import { regionLoader, type RegionLoaderScope } from './region-loader.js';
import type { RegionCode } from './regions/registry.js';

/** A row of one region, named by its id there. */
export interface LocalKey<Id extends string | number = string> {
  readonly region: RegionCode;
  readonly localId: Id;
}

/** A provider's rows in one region, or in every served region when it names none. */
export interface ProviderKey {
  readonly agbCode: string;
  /** Null: every served region. */
  readonly region: RegionCode | null;
}

type Matched = string | number;
/** The columns of a row that hold values of type V, by which rows are handed back to keys. */
type ColumnOf<Row, V> = { [C in keyof Row]-?: Row[C] extends V | null ? C : never }[keyof Row];

/** A region's read whose rows come back naming the region they were read from. */
export const tagged =
  <T, A extends unknown[], Row>(read: (source: RegionSource<T>, ...args: A) => Promise<Row[]>) =>
  async (source: RegionSource<T>, ...args: A): Promise<InRegion<Row>[]> =>
    (await read(source, ...args)).map((row) => ({ ...row, region: source.code }));

/** A region's query whose rows come back naming the region they were read from. */
export const taggedQuery =
  <T, A extends unknown[], Row>(query: (source: RegionSource<T>, ...args: A) => RegionQuery<Row>) =>
  (source: RegionSource<T>, ...args: A): RegionQuery<InRegion<Row>> => {
    const { statement, rows } = query(source, ...args);
    return regionQuery(statement, (raw) => rows(raw).map((row) => ({ ...row, region: source.code })));
  };

/** The same string for keys with the same fields, whatever order they were written in. */
const canonical = (value: object): string =>
  JSON.stringify(Object.fromEntries(Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))));

/** A key's fields other than those named: the arguments its statement shares with keys like it. */
const argumentsOf = (key: object, ...named: string[]) => canonical(Object.fromEntries(Object.entries(key).filter(([field]) => !named.includes(field))));

const first = <Row>(rows: Row[]): Row | null => rows[0] ?? null;
const all = <Row>(rows: Row[]): Row[] => rows;

/**
 * The loaders a subgraph's per-request loaders are made of, each named for what it loads. Every
 * one batches its keys into one statement per region (per set of arguments), checks the caller
 * may read what it reads (`access`), and keeps the other regions' answers when one fails.
 */
export function regionLoaders<T>(scope: RegionLoaderScope<T>) {
  type Source = RegionSource<T>;
  const served = scope.sources.regions;

  /** A loader's options for rows matched to keys of one region by one value. */
  function keyed<K extends { readonly region: RegionCode }, V extends Matched, Row, Out>(
    access: Access,
    by: (key: K) => V,
    column: ColumnOf<Row, V>,
    combine: (rows: Row[]) => Out,
  ) {
    return {
      access,
      id: (key: K) => `${key.region}|${by(key)}`,
      regions: (key: K) => [key.region],
      rowMatch: (row: Row) => String(row[column] ?? ''),
      keyMatch: (key: K) => String(by(key)),
      combine,
    };
  }

  function byKey<K extends { readonly region: RegionCode }, V extends Matched, Row, Out>(
    access: Access,
    by: (key: K) => V,
    column: ColumnOf<Row, V>,
    read: (source: Source, values: V[]) => Promise<Row[]>,
    combine: (rows: Row[]) => Out,
  ): DataLoader<K, Out, string> {
    return regionLoader<T, K, Row, Out>(scope, { ...keyed(access, by, column, combine), read: (source, keys) => read(source, keys.map(by)) });
  }

  function perKey<K, V>(access: Access, region: (key: K) => RegionCode, id: (key: K) => string, read: (source: Source, key: K) => Promise<V>) {
    return regionLoader<T, K, { value: V }, V>(scope, {
      access,
      id,
      regions: (key) => [region(key)],
      shape: id,
      read: async (source, keys) => [{ value: await read(source, keys[0]!) }],
      rowMatch: () => '',
      keyMatch: () => '',
      combine: (rows) => rows[0]!.value,
    });
  }

  return {
    /** A row by its id in the key's region; null when there is none. */
    oneById<Id extends string | number, Row extends { readonly id: Id }>(
      access: Access,
      read: (source: Source, ids: Id[]) => Promise<Row[]>,
    ): DataLoader<LocalKey<Id>, Row | null, string> {
      return byKey(access, (key: LocalKey<Id>) => key.localId, 'id' as ColumnOf<Row, Id>, read, first);
    },

    /** The row whose `column` holds the value `by` picks from the key, in the key's region; null when there is none. */
    oneByKey<K extends { readonly region: RegionCode }, V extends Matched, Row>(
      access: Access,
      by: (key: K) => V,
      column: ColumnOf<Row, V>,
      read: (source: Source, values: V[]) => Promise<Row[]>,
    ): DataLoader<K, Row | null, string> {
      return byKey(access, by, column, read, first);
    },

    /** The rows whose `column` holds the value `by` picks from the key (a referral's allocations), in the key's region. */
    rowsByKey<K extends { readonly region: RegionCode }, V extends Matched, Row>(
      access: Access,
      by: (key: K) => V,
      column: ColumnOf<Row, V>,
      read: (source: Source, values: V[]) => Promise<Row[]>,
    ): DataLoader<K, Row[], string> {
      return byKey(access, by, column, read, all);
    },

    /**
     * A provider's rows, in the key's region or every served one. The key's other fields (a
     * period, some years) are the statement's arguments: `read` gets them from a key of the batch.
     */
    providerRows<Row extends { readonly providerAgb: string | null }, K extends ProviderKey = ProviderKey>(
      access: Access,
      read: (source: Source, agbCodes: string[], key: K) => Promise<Row[]>,
    ): DataLoader<K, Row[], string> {
      const args = (key: K) => argumentsOf(key, 'agbCode', 'region');
      return regionLoader<T, K, Row, Row[]>(scope, {
        access,
        id: (key) => `${key.agbCode}|${key.region ?? '*'}|${args(key)}`,
        regions: (key) => (key.region ? [key.region] : served),
        shape: args,
        read: (source, keys) => read(source, keys.map((key) => key.agbCode), keys[0]!),
        rowMatch: (row) => row.providerAgb ?? '',
        keyMatch: (key) => key.agbCode,
        combine: all,
      });
    },

    /** What one key names in every served region (a provider), gathered into one value; null when no region has it. */
    acrossRegions<Row, V>(
      access: Access,
      column: ColumnOf<Row, string>,
      read: (source: Source, keys: string[]) => Promise<Row[]>,
      gather: (rows: Row[]) => V,
    ): DataLoader<string, V | null, string> {
      return regionLoader<T, string, Row, V | null>(scope, {
        access,
        id: (key) => key,
        regions: () => served,
        read: (source, keys) => read(source, [...keys]),
        rowMatch: (row) => String(row[column] ?? ''),
        keyMatch: (key) => key,
        combine: (rows) => (rows.length > 0 ? gather(rows) : null),
      });
    },

    /**
     * One value per key in the key's region (a statistic, a page, a filtered list): each distinct
     * key is one statement, since its fields are the statement's arguments.
     */
    perRegion<K extends { readonly region: RegionCode }, V>(access: Access, read: (source: Source, key: K) => Promise<V>): DataLoader<K, V, string> {
      return perKey<K, V>(access, (key) => key.region, canonical, read);
    },

    /**
     * A region's figures for the value `by` picks from the key (a year), from a query that regions
     * sharing a database answer together: comparisons ask many regions at once.
     */
    figureByKey<K extends { readonly region: RegionCode }, V extends Matched, Row>(
      access: Access,
      by: (key: K) => V,
      column: ColumnOf<Row, V>,
      query: (source: Source, values: V[]) => RegionQuery<Row>,
    ): DataLoader<K, Row | null, string> {
      return regionLoader<T, K, Row, Row | null>(scope, { ...keyed(access, by, column, first), query: (source, keys) => query(source, keys.map(by)) });
    },

    /**
     * A key's rows in its region (its figures for some years), from a query that regions sharing a
     * database answer together. The key's other fields are the query's arguments.
     */
    figuresOfRegion<K extends { readonly region: RegionCode }, Row>(access: Access, query: (source: Source, key: K) => RegionQuery<Row>): DataLoader<K, Row[], string> {
      return regionLoader<T, K, Row, Row[]>(scope, {
        access,
        id: canonical,
        regions: (key) => [key.region],
        shape: (key) => argumentsOf(key, 'region'),
        // A shape holds one key per region: the same arguments in one region are the same key.
        query: (source, keys) => query(source, keys[0]!),
        rowMatch: () => '',
        keyMatch: () => '',
        combine: all,
      });
    },

    /** One value for a whole region (its norms, its summary): one statement per region. */
    ofRegion<V>(access: Access, read: (source: Source) => Promise<V>): DataLoader<RegionCode, V, string> {
      return perKey<RegionCode, V>(access, (region) => region, (region) => region, read);
    },
  };
}
