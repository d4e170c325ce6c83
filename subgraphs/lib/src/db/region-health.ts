import type { RegionCode } from '../regions/registry.js';
import { regionFailures, regionSkipped } from '../observability/metrics.js';

/** What a subgraph last saw of a region's source: up, down (its reads fail) or skipped (not asked for now). */
export type RegionState = 'up' | 'down' | 'skipped';

export interface RegionStatus {
  readonly state: RegionState;
  /** When a read of the region last failed, ISO 8601; null when none has. */
  readonly lastErrorAt: string | null;
  /** Why: "failed" or "timed out" as REGION_UNAVAILABLE says, or "not prepared" (its migration failed; retried in the background). */
  readonly lastError: string | null;
  /** Why the region is skipped, while it is. */
  readonly skippedBecause?: string;
}

/**
 * Each region's state as the reads of this process find it, for /ready and the metrics. A read that
 * succeeds marks the region up, one that fails marks it down; whatever decides to leave a region
 * out for a while (a circuit breaker, say) marks it skipped until a read succeeds again.
 */
export class RegionHealth {
  readonly #status = new Map<RegionCode, RegionStatus>();

  constructor(private readonly service: string) {}

  succeeded(region: RegionCode): void {
    const before = this.#status.get(region);
    this.#status.set(region, { state: 'up', lastErrorAt: before?.lastErrorAt ?? null, lastError: before?.lastError ?? null });
  }

  failed(region: RegionCode, reason: 'failed' | 'timed out'): void {
    regionFailures.inc({ service: this.service, region, reason });
    this.probeFailed(region, reason);
  }

  /** A readiness probe found the region down: its state changes, the count of failed reads does not. */
  probeFailed(region: RegionCode, reason: 'failed' | 'timed out' | 'not prepared'): void {
    this.#status.set(region, { state: 'down', lastErrorAt: new Date().toISOString(), lastError: reason });
  }

  /** Left out of one read for one caller (who may not see it): counted, but says nothing of the region's health. */
  leftOut(region: RegionCode, because: string): void {
    regionSkipped.inc({ service: this.service, region, reason: because });
  }

  /** Not asked for now, for every caller, until a read succeeds again. */
  skipped(region: RegionCode, because: string): void {
    regionSkipped.inc({ service: this.service, region, reason: because });
    const before = this.#status.get(region);
    this.#status.set(region, { state: 'skipped', lastErrorAt: before?.lastErrorAt ?? null, lastError: before?.lastError ?? null, skippedBecause: because });
  }

  /** The region's status; undefined while no read has touched it. */
  status(region: RegionCode): RegionStatus | undefined {
    return this.#status.get(region);
  }
}
