import type { Log } from '../errors.js';
import type { RegionHealth } from './region-health.js';
import type { RegionCode } from '../regions/registry.js';
import { TIMED_OUT, withinTime } from './cancellation.js';

export interface RegionBreakerOptions {
  /** Failures in a row (errors or timeouts) after which a region is skipped until a probe answers. */
  readonly failureThreshold: number;
  /** How often a region known to be down is probed. */
  readonly probeIntervalMs: number;
  /** How long a probe may take. */
  readonly probeTimeoutMs: number;
  readonly log: Log;
  /** Where /ready and the metrics learn that a region is skipped, and that it is back. */
  readonly health: RegionHealth;
}

/**
 * A circuit breaker per region. A region that failed `failureThreshold` times in a row is known
 * to be down: reads skip it at once instead of each waiting for its timeout, and a probe in the
 * background tries it every `probeIntervalMs` until it answers, which closes the breaker again.
 */
export class RegionBreaker {
  readonly #failures = new Map<RegionCode, number>();
  readonly #down = new Map<RegionCode, { retryAt: number; timer: NodeJS.Timeout }>();
  #stopped = false;

  constructor(
    private readonly probe: (code: RegionCode) => Promise<unknown>,
    private readonly options: RegionBreakerOptions,
  ) {}

  /** When a region known to be down is tried next (ms since the epoch); undefined while it is read as usual. */
  retryAt(code: RegionCode): number | undefined {
    return this.#down.get(code)?.retryAt;
  }

  succeeded(code: RegionCode): void {
    this.#failures.delete(code);
  }

  failed(code: RegionCode): void {
    const failures = (this.#failures.get(code) ?? 0) + 1;
    this.#failures.set(code, failures);
    if (failures >= this.options.failureThreshold && !this.#down.has(code) && !this.#stopped) {
      this.options.log(`region ${code} failed ${failures} times in a row; skipped until a probe answers`);
      this.options.health.skipped(code, `failed ${failures} times in a row; probed every ${this.options.probeIntervalMs} ms`);
      this.schedule(code);
    }
  }

  /** Ends the probes, when the subgraph stops. */
  stop(): void {
    this.#stopped = true;
    for (const { timer } of this.#down.values()) clearTimeout(timer);
    this.#down.clear();
  }

  private schedule(code: RegionCode): void {
    const timer = setTimeout(() => void this.tryAgain(code), this.options.probeIntervalMs);
    // A probe keeps no process alive on its own.
    timer.unref();
    this.#down.set(code, { retryAt: Date.now() + this.options.probeIntervalMs, timer });
  }

  private async tryAgain(code: RegionCode): Promise<void> {
    let answered = false;
    try {
      answered = (await withinTime(() => this.probe(code), this.options.probeTimeoutMs)) !== TIMED_OUT;
    } catch {
      answered = false;
    }
    if (this.#stopped) return;
    if (answered) {
      this.#down.delete(code);
      this.#failures.delete(code);
      this.options.health.succeeded(code);
      this.options.log(`region ${code} answers again`);
    } else this.schedule(code);
  }
}
