import { Redis } from 'ioredis';
import type { Log } from '@youth-care/lib/errors';
import { cacheRequests } from '@youth-care/lib/observability/metrics';

/** What Apollo Server asks of the cache behind automatic persisted queries. */
export interface QueryCache {
  get(key: string): Promise<string | undefined>;
  set(key: string, value: string, options?: { ttl?: number | null }): Promise<void>;
  delete(key: string): Promise<boolean | void>;
}

/** A bounded in-memory cache: the oldest entry goes when full; one gateway process only. */
class MemoryCache implements QueryCache {
  readonly #entries = new Map<string, { value: string; until: number }>();

  constructor(private readonly capacity: number) {}

  async get(key: string) {
    const entry = this.#entries.get(key);
    if (!entry) return undefined;
    if (entry.until < Date.now()) {
      this.#entries.delete(key);
      return undefined;
    }
    return entry.value;
  }

  async set(key: string, value: string, options?: { ttl?: number | null }) {
    this.#entries.delete(key);
    if (this.#entries.size >= this.capacity) this.#entries.delete(this.#entries.keys().next().value!);
    this.#entries.set(key, { value, until: options?.ttl ? Date.now() + options.ttl * 1000 : Infinity });
  }

  async delete(key: string) {
    return this.#entries.delete(key);
  }
}

/** Shared by every gateway replica, so a query persisted through one is known to all. */
class RedisCache implements QueryCache {
  constructor(private readonly redis: Redis) {}

  async get(key: string) {
    return (await this.redis.get(key)) ?? undefined;
  }

  async set(key: string, value: string, options?: { ttl?: number | null }) {
    if (options?.ttl) await this.redis.set(key, value, 'EX', options.ttl);
    else await this.redis.set(key, value);
  }

  async delete(key: string) {
    return (await this.redis.del(key)) > 0;
  }
}

/** Counts every lookup as a hit or a miss; a cache that fails counts as a miss and the query is sent whole. */
class CountedCache implements QueryCache {
  constructor(private readonly inner: QueryCache) {}

  async get(key: string) {
    const value = await this.inner.get(key).catch(() => undefined);
    cacheRequests.inc({ cache: 'persisted-queries', result: value === undefined ? 'miss' : 'hit' });
    return value;
  }

  set(key: string, value: string, options?: { ttl?: number | null }) {
    return this.inner.set(key, value, options).catch(() => undefined);
  }

  delete(key: string) {
    return this.inner.delete(key);
  }
}

const PREFIX = 'youth-care:apq:';

/** The persisted-query cache: Redis at REDIS_URL, else memory; `close` ends the Redis connection. */
export function persistedQueryCache(redisUrl: string | undefined, log: Log): { cache: QueryCache; close(): Promise<void> } {
  if (!redisUrl) return { cache: new CountedCache(new MemoryCache(1000)), close: async () => {} };
  const redis = new Redis(redisUrl, { keyPrefix: PREFIX, lazyConnect: true, maxRetriesPerRequest: 1, enableOfflineQueue: false });
  // ioredis retries on its own and reports every attempt; one line per outage is enough.
  let reachable = true;
  redis.on('error', (error: unknown) => {
    if (reachable) log('Redis unavailable: persisted queries must be sent whole until it is back', error);
    reachable = false;
  });
  redis.on('ready', () => {
    reachable = true;
  });
  void redis.connect().catch(() => {});
  return {
    cache: new CountedCache(new RedisCache(redis)),
    close: async () => {
      redis.disconnect();
    },
  };
}
