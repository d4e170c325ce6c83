import { createRequire } from 'node:module';
import type { Redis } from 'ioredis';
import { REGION_CODES } from './regions/registry.js';

/** Where a write lands: one subgraph's tables of a region, or the national open data (CBS). */
export type DataSource = 'procurement' | 'access' | 'monitoring' | 'national';

const SOURCES: readonly DataSource[] = ['procurement', 'access', 'monitoring'];

/**
 * A counter per source and region that every import and mutation bumps after it wrote. Cached
 * answers carry the counters they were built under, so a bump makes them stale at once.
 */
export interface DataVersions {
  bump(source: DataSource, regions: readonly string[]): Promise<void>;
  /** The current counters of `keys` (see versionKeys), in order. */
  read(keys: readonly string[]): Promise<number[]>;
  /** The Redis connection when the counters live there (so a cache can share it), else undefined. */
  readonly redis: Redis | undefined;
  /** What every Redis key of this federation starts with. */
  readonly keyPrefix: string;
  close(): Promise<void>;
}

const keyOf = (source: DataSource, region: string) => (source === 'national' ? 'national' : `${source}:${region}`);

/** The counters an answer about `regions` depends on: every subgraph's data of those regions, and the national data. */
export function versionKeys(regions: readonly string[]): string[] {
  return ['national', ...regions.flatMap((region) => SOURCES.map((source) => keyOf(source, region)))];
}

export const ALL_REGIONS: readonly string[] = REGION_CODES;

class MemoryVersions implements DataVersions {
  readonly redis = undefined;
  readonly keyPrefix = '';
  private readonly counters = new Map<string, number>();
  async bump(source: DataSource, regions: readonly string[]): Promise<void> {
    for (const key of source === 'national' ? ['national'] : regions.map((r) => keyOf(source, r))) {
      this.counters.set(key, (this.counters.get(key) ?? 0) + 1);
    }
  }
  async read(keys: readonly string[]): Promise<number[]> {
    return keys.map((key) => this.counters.get(key) ?? 0);
  }
  async close(): Promise<void> {}
}

class RedisVersions implements DataVersions {
  constructor(
    readonly redis: Redis,
    readonly keyPrefix: string,
  ) {}
  async bump(source: DataSource, regions: readonly string[]): Promise<void> {
    const keys = source === 'national' ? ['national'] : regions.map((r) => keyOf(source, r));
    const pipeline = this.redis.pipeline();
    for (const key of keys) pipeline.incr(`${this.keyPrefix}version:${key}`);
    await pipeline.exec();
  }
  async read(keys: readonly string[]): Promise<number[]> {
    const values = await this.redis.mget(keys.map((key) => `${this.keyPrefix}version:${key}`));
    return values.map((value) => Number(value ?? 0));
  }
  async close(): Promise<void> {
    await this.redis.quit().catch(() => {});
  }
}

export interface VersionsConfig {
  /** Redis shared by every process of the federation; the counters stay in this process without it. */
  readonly redisUrl: string | undefined;
  /** Put before every Redis key, so several federations can share one Redis. */
  readonly keyPrefix: string;
}

export function versionsConfig(env: Readonly<Record<string, string | undefined>> = process.env): VersionsConfig {
  const redisUrl = env.REDIS_URL || undefined;
  if (redisUrl && !/^rediss?:\/\//.test(redisUrl)) throw new Error('Invalid configuration: REDIS_URL must be a redis:// or rediss:// URL');
  return Object.freeze({ redisUrl, keyPrefix: env.REDIS_KEY_PREFIX ?? 'youth-care:' });
}

export function createDataVersions(config: VersionsConfig): DataVersions {
  if (!config.redisUrl) return new MemoryVersions();
  // Loaded only here: ioredis takes some 0.1 s of CPU to load, which every import command and
  // subgraph process without Redis would pay for nothing.
  const { Redis: Client } = createRequire(import.meta.url)('ioredis') as typeof import('ioredis');
  return new RedisVersions(new Client(config.redisUrl, { lazyConnect: false, maxRetriesPerRequest: 2, enableAutoPipelining: true }), config.keyPrefix);
}

let shared: DataVersions | undefined;

/**
 * The counters of this process. One per process on purpose: the gateway and the subgraphs that
 * run beside it (npm start, the tests) must see each other's bumps; processes apart share them
 * through REDIS_URL.
 */
export function dataVersions(): DataVersions {
  shared ??= createDataVersions(versionsConfig());
  return shared;
}

/** Drops this process's counters (closing its Redis connection); the next dataVersions() starts anew. */
export async function closeDataVersions(): Promise<void> {
  const closing = shared;
  shared = undefined;
  await closing?.close();
}
