import type { Redis } from 'ioredis';
import type { DataVersions } from '@youth-care/lib/data-versions';

export interface StoredAnswer {
  readonly contentType: string;
  readonly body: string;
}

export interface Lookup {
  /** The answer, when one is stored under the data versions of now. */
  readonly hit: StoredAnswer | undefined;
  /** The data versions of now: an answer built after this lookup is saved under them. */
  readonly stamp: string;
}

/** Where cached answers live, each under the data versions it was built from. */
export interface AnswerStore {
  lookup(key: string, versionKeys: readonly string[]): Promise<Lookup>;
  save(key: string, stamp: string, answer: StoredAnswer): Promise<void>;
}

interface MemoryEntry extends StoredAnswer {
  readonly stamp: string;
  readonly expires: number;
}

/** In this process, least recently used out first once the answers pass `maxBytes`. */
export class MemoryAnswerStore implements AnswerStore {
  private readonly entries = new Map<string, MemoryEntry>();
  private bytes = 0;

  constructor(
    private readonly versions: DataVersions,
    private readonly ttlMs: number,
    private readonly maxBytes: number,
  ) {}

  async lookup(key: string, versionKeys: readonly string[]): Promise<Lookup> {
    const stamp = (await this.versions.read(versionKeys)).join('.');
    const entry = this.entries.get(key);
    if (!entry) return { hit: undefined, stamp };
    if (entry.stamp !== stamp || entry.expires < Date.now()) {
      this.drop(key, entry);
      return { hit: undefined, stamp };
    }
    // A Map iterates in insertion order: re-inserting makes it the most recently used.
    this.entries.delete(key);
    this.entries.set(key, entry);
    return { hit: entry, stamp };
  }

  async save(key: string, stamp: string, answer: StoredAnswer): Promise<void> {
    const size = answer.body.length;
    if (size > this.maxBytes / 4) return;
    const old = this.entries.get(key);
    if (old) this.drop(key, old);
    this.entries.set(key, { ...answer, stamp, expires: Date.now() + this.ttlMs });
    this.bytes += size;
    for (const [oldest, entry] of this.entries) {
      if (this.bytes <= this.maxBytes) break;
      this.drop(oldest, entry);
    }
  }

  private drop(key: string, entry: MemoryEntry): void {
    this.entries.delete(key);
    this.bytes -= entry.body.length;
  }
}

/** In Redis, shared by every gateway replica; Redis expires entries itself. */
export class RedisAnswerStore implements AnswerStore {
  constructor(
    private readonly redis: Redis,
    private readonly versions: DataVersions,
    private readonly prefix: string,
    private readonly ttlMs: number,
  ) {}

  async lookup(key: string, versionKeys: readonly string[]): Promise<Lookup> {
    // Both commands leave in one write (ioredis auto-pipelining): one round trip per lookup.
    const [versions, stored] = await Promise.all([this.versions.read(versionKeys), this.redis.get(`${this.prefix}answer:${key}`)]);
    const stamp = versions.join('.');
    if (stored === null) return { hit: undefined, stamp };
    const first = stored.indexOf('\n');
    const second = stored.indexOf('\n', first + 1);
    if (stored.slice(0, first) !== stamp) return { hit: undefined, stamp };
    return { hit: { contentType: stored.slice(first + 1, second), body: stored.slice(second + 1) }, stamp };
  }

  async save(key: string, stamp: string, answer: StoredAnswer): Promise<void> {
    await this.redis.set(`${this.prefix}answer:${key}`, `${stamp}\n${answer.contentType}\n${answer.body}`, 'PX', this.ttlMs);
  }
}
