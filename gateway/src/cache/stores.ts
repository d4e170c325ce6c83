import type { DataVersions } from '@youth-care/lib/data-versions';
import type { PerformanceConfig } from '../performance-config.js';
import { MemoryAnswerStore, RedisAnswerStore, type AnswerStore } from './answer-store.js';

/** In Redis when the data versions live there (replicas then share answers), else in this process. */
export function answerStore(performance: PerformanceConfig, versions: DataVersions): AnswerStore {
  if (versions.redis) return new RedisAnswerStore(versions.redis, versions, versions.keyPrefix, performance.responseCacheTtlMs);
  return new MemoryAnswerStore(versions, performance.responseCacheTtlMs, performance.responseCacheMaxBytes);
}
