import { availableParallelism } from 'node:os';

type Env = Readonly<Record<string, string | undefined>>;

/** How the gateway saves work: its answer cache, sharing of subgraph fetches, and worker processes. */
export interface PerformanceConfig {
  /** Cache public and aggregate answers; RESPONSE_CACHE=off turns it off. */
  readonly responseCache: boolean;
  /** How long a cached answer may live even when no data version moves (writes that bypass every import). */
  readonly responseCacheTtlMs: number;
  /** The most answer text kept in memory (the in-memory cache only). */
  readonly responseCacheMaxBytes: number;
  /** Share identical subgraph fetches in flight; FETCH_DEDUP=off turns it off. */
  readonly fetchDedup: boolean;
  /** The manifest of trusted documents (SHA-256 to text); in production no other document runs. */
  readonly trustedDocuments: string | undefined;
  /** Processes serving the gateway on node:cluster; 1 serves in this process. */
  readonly workers: number;
}

function onOff(env: Env, name: string): boolean {
  const raw = (env[name] ?? 'on').toLowerCase();
  if (raw === 'on' || raw === 'true' || raw === '1') return true;
  if (raw === 'off' || raw === 'false' || raw === '0') return false;
  throw new Error(`Invalid configuration: ${name} must be on or off, got "${raw}"`);
}

function whole(env: Env, name: string, fallback: number, min: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min) throw new Error(`Invalid configuration: ${name} must be a whole number of at least ${min}, got "${raw}"`);
  return value;
}

function workers(env: Env): number {
  const raw = env.GATEWAY_WORKERS;
  if (raw === 'auto') return availableParallelism();
  return whole(env, 'GATEWAY_WORKERS', 1, 1);
}

export function loadPerformanceConfig(env: Env = process.env): PerformanceConfig {
  const config = {
    responseCache: onOff(env, 'RESPONSE_CACHE'),
    workers: workers(env),
  };
  // Workers apart would each keep answers and data versions of their own: a write through one
  // would leave the others serving what it replaced.
  if (config.workers > 1 && config.responseCache && !env.REDIS_URL) {
    throw new Error('Invalid configuration: GATEWAY_WORKERS above 1 needs REDIS_URL (shared answers and data versions) or RESPONSE_CACHE=off');
  }
  return Object.freeze({
    responseCache: config.responseCache,
    responseCacheTtlMs: whole(env, 'RESPONSE_CACHE_TTL_MS', 300_000, 1),
    responseCacheMaxBytes: whole(env, 'RESPONSE_CACHE_MAX_MB', 64, 1) * 1024 * 1024,
    fetchDedup: onOff(env, 'FETCH_DEDUP'),
    workers: config.workers,
    trustedDocuments: env.TRUSTED_DOCUMENTS || undefined,
  });
}
