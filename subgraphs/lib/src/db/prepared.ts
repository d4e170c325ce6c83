import type { Log } from '../errors.js';

/** A source that could not be prepared is tried again at most this often. */
export const RETRY_MS = 5_000;

/** postgres.js's connect timeout, as it throws it or as drizzle wraps it (its `cause`) around a failed statement. */
const didNotAnswer = (error: unknown): boolean => {
  const { code, cause } = (error ?? {}) as { code?: unknown; cause?: { code?: unknown } };
  return code === 'CONNECT_TIMEOUT' || cause?.code === 'CONNECT_TIMEOUT';
};

/**
 * Sources opened (migrated) only by `prepare`, at start or by an import before it writes, and
 * never by a request, so no request runs a schema change. A source that could not be prepared
 * stays unavailable and is prepared again in the background, an attempt at most every RETRY_MS,
 * until it succeeds: a database that comes back needs no restart. A request for it fails at once,
 * or, while a background attempt is under way, waits for that attempt (its region timeout bounds
 * the wait).
 */
export class Prepared<K, V> {
  readonly #ready = new Map<K, V>();
  readonly #attempts = new Map<K, Promise<V>>();
  readonly #failing = new Set<K>();

  constructor(
    private readonly open: (key: K) => Promise<V>,
    private readonly name: (key: K) => string,
    private readonly log: Log,
    /** False once the databases are closed: nothing is tried after that. */
    private readonly alive: () => boolean,
  ) {}

  /** The source if it is prepared; never waits. */
  now(key: K): V | undefined {
    return this.#ready.get(key);
  }

  get(key: K): Promise<V> {
    const ready = this.#ready.get(key);
    if (ready) return Promise.resolve(ready);
    const attempt = this.#attempts.get(key);
    return attempt ? this.#follow(key, attempt) : Promise.reject(new Error(`${this.name(key)} is not prepared: its migration failed and is tried again in the background`));
  }

  /**
   * Waits for the attempt under way and, where that fails and the next begins at once, for that
   * one too; no further, so a caller without a timeout of its own (demo seeding, say) waits at
   * most two connect timeouts.
   */
  #follow(key: K, attempt: Promise<V>, more = 1): Promise<V> {
    return attempt.catch((error: unknown) => {
      const next = this.#attempts.get(key);
      if (more > 0 && next && next !== attempt) return this.#follow(key, next, more - 1);
      throw error;
    });
  }

  /** Prepares every key not yet prepared, in parallel; those that fail are logged and tried again later. */
  async prepare(keys: readonly K[]): Promise<{ ready: K[]; failed: K[] }> {
    const outcomes = await Promise.allSettled(keys.map((key) => this.#attempt(key)));
    return {
      ready: keys.filter((_, i) => outcomes[i]?.status === 'fulfilled'),
      failed: keys.filter((_, i) => outcomes[i]?.status === 'rejected'),
    };
  }

  #attempt(key: K): Promise<V> {
    const ready = this.#ready.get(key);
    if (ready) return Promise.resolve(ready);
    const running = this.#attempts.get(key);
    if (running) return running;
    const started = Date.now();
    const attempt = this.open(key).then(
      (value) => {
        this.#ready.set(key, value);
        this.#attempts.delete(key);
        if (this.#failing.delete(key)) this.log(`${this.name(key)} is migrated and available again`);
        return value;
      },
      (error: unknown) => {
        this.#attempts.delete(key);
        if (!this.#failing.has(key)) {
          this.#failing.add(key);
          this.log(`${this.name(key)} could not be migrated; it stays unavailable and is tried again in the background`, error);
        }
        const again = () => {
          if (this.alive()) this.#attempt(key).catch(() => {});
        };
        // A database that does not answer is tried again at once (its connect timeout paces the
        // attempts), so a request waiting on it keeps waiting until its own timeout.
        const wait = didNotAnswer(error) ? 0 : RETRY_MS - (Date.now() - started);
        if (wait <= 0) again();
        else setTimeout(again, wait).unref();
        throw error;
      },
    );
    this.#attempts.set(key, attempt);
    return attempt;
  }
}
